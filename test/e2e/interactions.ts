import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, openView, serveWeb } from './harness.ts';

/** Milliseconds from an interaction to the next frame after it was applied, in the page. */
export interface InteractionTimings {
  nodes: number;
  edges: number;
  firstFrameMs: number;
  /** Milliseconds of the app's start by step (index, appearance, visibility, overview, sigma). */
  bootParts: Record<string, number>;
  /** Whether the page opened on the community overview. */
  overview: boolean;
  /** Expanding the largest community of the overview (only when it opened there). */
  expandMs?: number;
  /** Typing a name into the search box and pressing Enter, to the selection drawn. */
  searchSelectMs: number;
  /** Each legend click (hide a category), to the frame drawn. */
  legendMs: number[];
  /** Setting the upper year bound, to the frame drawn. */
  yearFilterMs: number;
  /** Switching to the density view, to the frame drawn. */
  densityMs: number;
}

/**
 * Runs `action` in the page and resolves with the milliseconds until the frame after it: the
 * state change, sigma's render and one animation frame.
 */
export async function timeInPage(page: Page, action: string): Promise<number> {
  return page.evaluate(
    (code) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        new Function(code)();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }),
    action,
  );
}

/** Search, legend, filter and density timings on the page showing `page`'s graph. */
export async function measureOpenPage(
  page: Page,
): Promise<Omit<InteractionTimings, 'firstFrameMs' | 'nodes' | 'edges' | 'bootParts'>> {
  await page.waitForFunction(() => !window.citegraph!.decluttering(), undefined, { timeout: 60_000 });
  const overview = await page.evaluate(() => window.citegraph!.state.overview);
  let expandMs: number | undefined;
  if (overview) {
    const biggest = await page.evaluate(() => {
      const g = window.citegraph!.drawnNodes();
      return g[0] ?? null;
    });
    if (biggest) {
      const pos = await page.evaluate((k) => window.citegraph!.screenPosition(k), biggest);
      const t0 = Date.now();
      await page.mouse.click(pos!.x, pos!.y);
      await page.waitForFunction(() => !window.citegraph!.state.overview);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      expandMs = Date.now() - t0;
    }
  }
  const name = await page.evaluate(() => {
    const g = window.citegraph!.graph;
    const key = window.citegraph!.visibleNodes().at(-1)!;
    return g.getNodeAttribute(key, 'label');
  });
  const searchSelectMs = await timeInPage(
    page,
    `const input = document.getElementById('search'); input.value = ${JSON.stringify(name)};
     input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));`,
  );
  await page.evaluate(() =>
    document.getElementById('panel')!.querySelector('.close')?.dispatchEvent(new Event('click')),
  );
  const legendMs: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    legendMs.push(
      await timeInPage(
        page,
        `const box = document.querySelectorAll('#legend input[type=checkbox]')[${i}];
         if (box) box.click();`,
      ),
    );
  }
  const yearFilterMs = await timeInPage(
    page,
    `const input = document.getElementById('year-max');
     const years = window.citegraph.graph.filterNodes((_k, a) => typeof a.year === 'number').map((k) => window.citegraph.graph.getNodeAttribute(k, 'year'));
     input.value = String(Math.round((Math.min(...years) + Math.max(...years)) / 2));
     input.dispatchEvent(new Event('change'));`,
  );
  const densityMs = await timeInPage(page, `document.getElementById('display-density').click();`);
  return {
    overview,
    ...(expandMs === undefined ? {} : { expandMs }),
    searchSelectMs,
    legendMs,
    yearFilterMs,
    densityMs,
  };
}

/**
 * Bench hook: opens one graph file (graphology export JSON) in headless Chromium and times the first
 * frame and the interactions of `measureOpenPage`.
 */
export async function measureInteractions(
  graphFile: string,
  options: { timeoutMs?: number; threshold?: number } = {},
): Promise<InteractionTimings> {
  const server = await serveWeb({ [`/${basename(graphFile)}`]: graphFile });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    if (process.env.CITEGRAPH_E2E_CONSOLE) page.on('console', (m) => console.log(m.text()));
    const threshold = options.threshold === undefined ? '' : `&threshold=${options.threshold}`;
    await page.goto(`${server.url}?graph=${encodeURIComponent(basename(graphFile))}${threshold}`);
    await page.waitForFunction(() => window.citegraph?.firstFrameAt != null, undefined, {
      timeout: options.timeoutMs ?? 180_000,
    });
    const first = await page.evaluate(() => ({
      firstFrameMs: window.citegraph!.firstFrameAt!,
      bootParts: window.citegraph!.app.bootParts,
      nodes: window.citegraph!.graph.order,
      edges: window.citegraph!.graph.size,
    }));
    return { ...first, ...(await measureOpenPage(page)) };
  } finally {
    await browser.close();
    await server.close();
  }
}

export { openView };
