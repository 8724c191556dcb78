import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuild, startViewServer, type ViewServer } from '../../src/cli/commands/view.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('test-results/e2e');

/** Why the e2e tests cannot run here, or null when they can. With CI=true a missing browser is an error. */
export function chromiumMissingReason(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(reason);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Sigma needs WebGL: without a GPU Chromium renders it with SwiftShader.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Builds the page once (vite build to dist/web) and serves it with the given graph files. */
export async function serveWeb(files: Record<string, string>, graphFile?: string): Promise<ViewServer> {
  await ensureWebBuild(process.env.CITEGRAPH_E2E_REBUILD !== '0');
  return startViewServer({ files, ...(graphFile ? { graph: { file: graphFile } } : {}) });
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'citegraph-e2e-'));
}

export async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Opens the view and waits for sigma's first rendered frame. */
export async function openView(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.citegraph?.firstFrameAt != null, undefined, { timeout: 30_000 });
}
