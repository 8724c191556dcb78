import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.ts';

// The CLI's start-up (src/cli/citegraph.mjs): the bundle that src/cli/build-cli.mjs builds into
// dist/cli, used only while current. Everything happens in a copy of the sources in a temporary
// folder, so the repository's own dist/cli is neither read nor replaced. Times are not asserted.

let copy: string;

/** The environment without the CLI's own switches. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['CITEGRAPH_NO_BUNDLE', 'CITEGRAPH_RESTARTED', 'CITEGRAPH_HEAP_MB']) delete env[name];
  return env;
}

function citegraph(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(copy, 'src/cli/citegraph.mjs'), ...args], {
    cwd: copy,
    encoding: 'utf8',
    env: cleanEnv(),
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function build(): void {
  execFileSync(process.execPath, [join(copy, 'src/cli/build-cli.mjs')], { stdio: 'pipe', timeout: 300_000 });
}

/** src/**\/*-worker-node.mjs outside src/web: the worker threads the TypeScript starts by URL. */
function workerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'web' && dir.endsWith('src')
        ? []
        : workerFiles(join(dir, entry.name))
      : entry.name.endsWith('-worker-node.mjs')
        ? [entry.name]
        : [],
  );
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'citegraph-start-'));
  for (const item of ['src', 'queries', 'package.json', 'tsconfig.json'])
    cpSync(join(repoRoot, item), join(copy, item), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  build();
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('citegraph start-up', () => {
  it('answers --help, --version and a command through the bundle, saying nothing on stderr', () => {
    const help = citegraph('--help');
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: citegraph /);
    for (const command of ['ingest', 'analyze', 'export', 'view', 'generate', 'query', 'neo4j'])
      expect(help.stdout).toContain(command);

    const version = citegraph('--version');
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);

    const analyzeHelp = citegraph('analyze', '--help');
    expect(analyzeHelp.stderr).toBe('');
    expect(analyzeHelp.stdout).toMatch(/^Usage: citegraph analyze /);
  });

  it('runs a command through the bundle after the heap restart, finding queries/ next to the sources', () => {
    const named = readdirSync(join(copy, 'queries')).filter((file) => file.endsWith('.cypher'));
    expect(named.length).toBeGreaterThan(0);
    const list = citegraph('query', '--list');
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    const first = named[0]!.replace(/(\.neo4j|\.kuzu)?\.cypher$/, '');
    expect(list.stdout).toContain(first);
  });

  it('serves the page from dist/web of the repository, found from the bundle', async () => {
    mkdirSync(join(copy, 'dist/web'), { recursive: true });
    writeFileSync(join(copy, 'dist/web/index.html'), '<!doctype html><title>start-test page</title>');
    writeFileSync(join(copy, 'graph.json'), '{"nodes":[],"edges":[]}');
    // No heap restart (CITEGRAPH_HEAP_MB=0): one process to stop.
    const view = spawn(
      process.execPath,
      [join(copy, 'src/cli/citegraph.mjs'), 'view', 'graph.json', '--no-open', '--port', '0'],
      { cwd: copy, env: { ...cleanEnv(), CITEGRAPH_HEAP_MB: '0' } },
    );
    try {
      let stderr = '';
      view.stderr.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        view.stdout.on('data', (chunk) => {
          stdout += String(chunk);
          const found = /at (http:\/\/\S+)/.exec(stdout);
          if (found) resolve(found[1]!);
        });
        view.on('exit', (code) => reject(new Error(`view exited (${code}): ${stderr}`)));
      });
      expect(await (await fetch(url)).text()).toContain('start-test page');
      expect(stderr).toBe('');
    } finally {
      view.kill();
    }
  });

  it('bundles every worker thread, runnable without tsx', () => {
    const workers = workerFiles(join(copy, 'src'));
    expect(workers.length).toBeGreaterThan(0);
    const main = readFileSync(join(copy, 'dist/cli/main.mjs'), 'utf8');
    for (const worker of workers) {
      const bundled = join(copy, 'dist/cli', worker);
      expect(existsSync(bundled), worker).toBe(true);
      const text = readFileSync(bundled, 'utf8');
      // No tsx loaded up front, no TypeScript imported.
      expect(text, worker).not.toMatch(/^import[^\n]*["']tsx/m);
      expect(text, worker).not.toMatch(/import\(["'][^"']*\.ts["']\)/);
    }
    // The bundle starts them from its own folder.
    const started = [...main.matchAll(/new URL\("\.\/([\w.-]+-worker-node\.mjs)", import\.meta\.url\)/g)];
    expect(started.length).toBeGreaterThan(0);
    for (const [, worker] of started) expect(workers).toContain(worker);
  });

  it('does not use a bundle older than a source: runs the sources and says so, until rebuilt', () => {
    const source = join(copy, 'src/cli/exit-codes.ts');
    // A changed mtime marks the source changed; one in the past can never fall inside the
    // rebuild's own time window, which the build records as racing (stale) on purpose.
    const changed = new Date(statSync(source).mtimeMs - 60_000);
    utimesSync(source, changed, changed);

    const stale = citegraph('--help');
    expect(stale.status).toBe(0);
    expect(stale.stdout).toMatch(/^Usage: citegraph /);
    expect(stale.stderr).toContain('src/cli/exit-codes.ts');
    expect(stale.stderr).toContain('npm run build');
    expect(stale.stderr.trim().split('\n')).toHaveLength(1);

    build();
    const rebuilt = citegraph('--help');
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.stdout).toBe(stale.stdout);
  });

  it('runs the sources when there is no bundle at all', () => {
    rmSync(join(copy, 'dist'), { recursive: true, force: true });
    const unbuilt = citegraph('--help');
    expect(unbuilt.status).toBe(0);
    expect(unbuilt.stdout).toMatch(/^Usage: citegraph /);
    expect(unbuilt.stderr).toContain('npm run build');
  });
});
