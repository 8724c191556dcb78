import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewServer } from '../../src/cli/commands/view.ts';
import { generateAnalysedGraph } from './generate-graph.ts';
import {
  chromiumMissingReason,
  launchChromium,
  screenshot,
  serveWeb,
  tempDir,
  watchErrors,
  writeJson,
} from './harness.ts';
import { labelProblems, offScreen, settled } from './view-checks.ts';

const skipReason = chromiumMissingReason();

/** A generated analysed graph of 100,000 nodes (50,000 authors, 50,000 papers, 290,011 edges). */
describe.skipIf(skipReason !== null)('a 100k-node graph in headless Chromium', () => {
  let browser: Browser;
  let server: ViewServer;

  beforeAll(async () => {
    const dir = await tempDir();
    const bigFile = await writeJson(dir, 'big.json', generateAnalysedGraph(100_000).export());
    server = await serveWeb({ '/fixtures/big.json': bigFile });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a 100k-node graph on its community overview and expands a community', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(p);
    await p.goto(`${server.url}?graph=/fixtures/big.json`);
    await p.waitForFunction(() => window.citegraph?.firstFrameAt != null, undefined, { timeout: 120_000 });
    expect(await p.evaluate(() => window.citegraph!.graph.order)).toBe(100_000);
    expect(await p.textContent('#status')).toMatch(/^Overview: \d+ communities/);
    const communities = await p.evaluate(() => window.citegraph!.drawnNodes());
    expect(communities.length).toBeGreaterThan(10);
    expect((await labelProblems(p)).overlaps).toEqual([]);
    await screenshot(p, 'maps-100k-overview');
    const pos = await p.evaluate((k) => window.citegraph!.screenPosition(k), communities[0]!);
    await p.mouse.click(pos!.x, pos!.y);
    await p.waitForFunction(() => !window.citegraph!.state.overview);
    await settled(p);
    const drawn = await p.evaluate(() => window.citegraph!.app.sigma.getGraph().order);
    const visible = await p.evaluate(() => window.citegraph!.visibleNodes().length);
    // Sigma holds the expanded community only, never the whole graph.
    expect(drawn).toBe(visible);
    expect(drawn).toBeLessThan(10_000);
    expect(await offScreen(p)).toEqual([]);
    await screenshot(p, 'maps-100k-expanded');
    expect(errors).toEqual([]);
    await p.close();
  }, 180_000);
});
