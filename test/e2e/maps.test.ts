import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewServer } from '../../src/cli/commands/view.ts';
import type { EdgeAttributes, NodeAttributes } from '../../src/model/graph-schema.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import {
  chromiumMissingReason,
  launchChromium,
  openView,
  screenshot,
  serveWeb,
  tempDir,
  watchErrors,
  writeJson,
} from './harness.ts';
import { labelProblems, offScreen, settled } from './view-checks.ts';

const skipReason = chromiumMissingReason();

/** The sample graph with two more cited works and the three bibliometric maps over them. */
function sampleWithMaps() {
  const g = sampleAnalysedGraph();
  const ref = (id: string, text: string, year: number): NodeAttributes =>
    ({
      kind: 'reference',
      label: text,
      referenceId: id,
      text,
      year,
      mentionCount: 2,
      x: 2,
      y: 3,
    }) as NodeAttributes;
  g.addNode('ref:r2', {
    ...ref('r2', 'Babbage 1864', 1864),
    cocitationCluster: 0,
    cocitationX: -50,
    cocitationY: 0,
  } as unknown as NodeAttributes);
  g.addNode('ref:r3', {
    ...ref('r3', 'Menabrea 1842', 1842),
    cocitationCluster: 0,
    cocitationX: 50,
    cocitationY: 0,
  } as unknown as NodeAttributes);
  for (const p of ['p1', 'p2'])
    for (const r of ['r2', 'r3'])
      g.addDirectedEdgeWithKey(`mentions:${p}->${r}`, `paper:${p}`, `ref:${r}`, {
        kind: 'mentions',
        weight: 1,
        origin: 'reference-list',
      });
  const mapEdge = (kind: string) =>
    ({ kind, weight: 2, count: 2, fractional: 1, strength: 0.5 }) as unknown as EdgeAttributes;
  // Two references cited by both p1 and p2: co-cited twice; p1 and p2 share both: coupled twice.
  g.addUndirectedEdgeWithKey('cocitation:r2--r3', 'ref:r2', 'ref:r3', mapEdge('cocitation'));
  g.addUndirectedEdgeWithKey('coupling:p1--p2', 'paper:p1', 'paper:p2', mapEdge('coupling'));
  for (const [k, label, x] of [
    ['engines', 'analytical engines', 0],
    ['computing', 'computing', 3],
  ] as const)
    g.addNode(`keyword:${k}`, {
      kind: 'keyword',
      label,
      x,
      y: 6,
      community: 1,
      occurrences: 1,
      cooccurrenceCluster: 1,
    } as unknown as NodeAttributes);
  g.addUndirectedEdgeWithKey(
    'cooccurrence:engines--computing',
    'keyword:engines',
    'keyword:computing',
    mapEdge('cooccurrence'),
  );
  g.setAttribute('communities', [
    ...g.getAttribute('communities'),
    {
      id: 0,
      layer: 'cocitation',
      label: 'Engines',
      size: 2,
      members: ['ref:r2', 'ref:r3'],
      color: '#e15759',
    },
  ] as never);
  return g;
}

/** The analysed graph of data/ (the real listing pages), as graph.json. */
async function realGraph(dir: string): Promise<string> {
  const { loadCorpus } = await import('../../src/ingest/read-node.ts');
  const { analyze } = await import('../../src/analysis/pipeline.ts');
  const { graph } = await analyze(await loadCorpus(['data/pages']), {});
  return writeJson(dir, 'real.json', graph.export());
}

describe.skipIf(skipReason !== null)('maps, camera, labels, overlay and density in headless Chromium', () => {
  let browser: Browser;
  let server: ViewServer;

  beforeAll(async () => {
    const dir = await tempDir();
    const noCitations = sampleAnalysedGraph();
    noCitations.dropEdge('cites:p3->p1');
    noCitations.dropEdge('mentions:p3->wu-2018');
    server = await serveWeb({
      '/fixtures/real.json': await realGraph(dir),
      '/fixtures/maps.json': await writeJson(dir, 'maps.json', sampleWithMaps().export()),
      '/fixtures/no-citations.json': await writeJson(dir, 'no-citations.json', noCitations.export()),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function page(graph: string, hash = ''): Promise<{ page: Page; errors: string[] }> {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors = watchErrors(p);
    await openView(p, `${server.url}?graph=/fixtures/${graph}.json${hash ? `#${hash}` : ''}`);
    await settled(p);
    return { page: p, errors };
  }

  it('fits the camera after every filter, legend and view change so every visible node is on screen', async () => {
    const { page: p, errors } = await page('real');
    expect(await offScreen(p)).toEqual([]);
    const steps: [string, () => Promise<unknown>][] = [
      ['only the largest group', () => p.click('#legend li >> nth=0 >> button.only')],
      ['all groups again', () => p.click('#legend li >> nth=0 >> button.only')],
      ['min degree 3', () => p.fill('#min-degree', '3').then(() => p.dispatchEvent('#min-degree', 'change'))],
      ['k-core 2', () => p.fill('#kcore', '2').then(() => p.dispatchEvent('#kcore', 'change'))],
      [
        'no degree floor',
        async () => {
          await p.fill('#kcore', '0');
          await p.dispatchEvent('#kcore', 'change');
          await p.fill('#min-degree', '0');
          await p.dispatchEvent('#min-degree', 'change');
        },
      ],
      ['citations view', () => p.selectOption('#view', 'citations')],
      ['up to 2023', () => p.fill('#year-max', '2023').then(() => p.dispatchEvent('#year-max', 'change'))],
    ];
    for (const [name, step] of steps) {
      await step();
      await settled(p);
      expect(await p.evaluate(() => window.citegraph!.visibleNodes().length), name).toBeGreaterThan(0);
      expect(await offScreen(p), name).toEqual([]);
      await screenshot(p, `maps-fit-${name.replaceAll(' ', '-')}`);
    }
    // Zoomed far in by hand, Fit brings everything back.
    const box = await p.evaluate(() => window.citegraph!.graphBox());
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 8; i += 1) await p.mouse.wheel(0, -400);
    await settled(p);
    expect((await offScreen(p)).length).toBeGreaterThan(0);
    await p.getByRole('button', { name: 'Fit', exact: true }).click();
    await settled(p);
    expect(await offScreen(p)).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('draws labels that never overlap nor cross the canvas, which ends where the side panel begins', async () => {
    const { page: p, errors } = await page('real');
    const first = await labelProblems(p);
    expect(first.drawn).toBeGreaterThan(5);
    expect(first.overlaps).toEqual([]);
    expect(first.outside).toEqual([]);
    await p.fill('#search', 'Lei Wu');
    await p.press('#search', 'Enter');
    await p.waitForSelector('#panel:not([hidden])');
    await settled(p);
    const panel = await p.evaluate(() => document.getElementById('panel')!.getBoundingClientRect().left);
    const graph = await p.evaluate(() => window.citegraph!.graphBox());
    expect(graph.x + graph.width).toBeLessThanOrEqual(panel + 0.5);
    const canvasRight = await p.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('#graph canvas')].map((c) => c.getBoundingClientRect().right),
      ),
    );
    expect(canvasRight).toBeLessThanOrEqual(panel + 0.5);
    const selected = await labelProblems(p);
    expect(selected.overlaps).toEqual([]);
    expect(selected.outside).toEqual([]);
    await screenshot(p, 'maps-labels-with-panel');
    await p.selectOption('#view', 'authorship');
    await settled(p);
    const dense = await labelProblems(p);
    expect(dense.overlaps).toEqual([]);
    await screenshot(p, 'maps-labels-authorship');
    expect(errors).toEqual([]);
    await p.close();
  });

  it('overlay view colours by average year with a colour bar; any attribute can colour, size and filter', async () => {
    const { page: p, errors } = await page('real');
    await p.getByRole('button', { name: 'Overlay' }).click();
    await settled(p);
    expect(await p.inputValue('#color-by')).toBe('avgYear');
    expect(await p.$eval('#color-by', (s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent)).toBe(
      'Average year',
    );
    expect(await p.isVisible('[data-testid=colour-bar]')).toBe(true);
    expect(await p.textContent('#legend-title')).toBe('Average year');
    const colours = await p.evaluate(
      () =>
        new Set(
          window
            .citegraph!.visibleNodes()
            .map((k) => window.citegraph!.app.sigma.getNodeDisplayData(k)!.color),
        ).size,
    );
    expect(colours).toBeGreaterThan(1);
    await screenshot(p, 'maps-overlay-average-year');
    const normalised = await p.$$eval('#color-by option', (os) =>
      os.some((o) => o.textContent === 'Average normalised citations'),
    );
    if (normalised) {
      await p.selectOption('#color-by', { label: 'Average normalised citations' });
      expect(await p.textContent('#legend-title')).toBe('Average normalised citations');
    }
    // Size by papers, label by paper count, then a range filter on it.
    await p.selectOption('#size-by', 'paperCount');
    await p.selectOption('#label-by', 'paperCount');
    await p.selectOption('#range-attribute', 'paperCount');
    await p.fill('#range-min', '3');
    await p.dispatchEvent('#range-min', 'change');
    await settled(p);
    const counts = await p.evaluate(() =>
      window
        .citegraph!.visibleNodes()
        .map((k) => (window.citegraph!.graph.getNodeAttributes(k) as { paperCount?: number }).paperCount),
    );
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.min(...(counts as number[]))).toBeGreaterThanOrEqual(3);
    expect(await offScreen(p)).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('density view draws a kernel density under the graph, total and per cluster, with its legend', async () => {
    const { page: p, errors } = await page('real');
    await p.getByRole('button', { name: 'Density' }).click();
    await settled(p);
    const painted = () =>
      p.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('#graph .density-layer')!;
        if (canvas.hidden) return 0;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1;
        return n / (data.length / 4);
      });
    expect(await painted()).toBeGreaterThan(0.02);
    expect(await p.textContent('#legend-title')).toMatch(/^Density of /);
    expect(await p.isVisible('[data-testid=colour-bar]')).toBe(true);
    await screenshot(p, 'maps-density');
    await p.check('#density-clusters');
    await settled(p);
    expect(await painted()).toBeGreaterThan(0.02);
    // Per cluster the clusters' colours are the legend, not the ramp.
    expect(await p.isVisible('[data-testid=colour-bar]')).toBe(false);
    expect(await p.$$eval('#legend li', (ls) => ls.length)).toBeGreaterThan(1);
    await screenshot(p, 'maps-density-per-cluster');
    await p.getByRole('button', { name: 'Network' }).click();
    expect(await painted()).toBe(0);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('exports SVG of what is on screen with the legend, and PNG at the chosen scale', async () => {
    const { page: p, errors } = await page('real');
    const dir = await tempDir();
    const [svgDownload] = await Promise.all([p.waitForEvent('download'), p.click('#export-svg')]);
    const svgPath = join(dir, 'view.svg');
    await svgDownload.saveAs(svgPath);
    const svg = await readFile(svgPath, 'utf8');
    const onScreen = await p.evaluate(() => window.citegraph!.visibleNodes().length);
    expect(svg.match(/<circle cx/g)?.length).toBe(onScreen + (svg.match(/<circle cx="6"/g)?.length ?? 0));
    expect(svg).toContain('id="legend"');
    expect(svg).toContain('Collaboration groups');
    await p.selectOption('#png-scale', '2');
    const [png] = await Promise.all([p.waitForEvent('download'), p.click('#export-png')]);
    const pngPath = join(dir, 'view.png');
    await png.saveAs(pngPath);
    const bytes = await readFile(pngPath);
    const graphWidth = await p.evaluate(() => window.citegraph!.graphBox().width);
    expect(bytes.readUInt32BE(16)).toBe(Math.round((graphWidth + 230) * 2));
    expect(errors).toEqual([]);
    await p.close();
  });

  it('offers the bibliometric maps as views, with their clusters and what their edges mean', async () => {
    const { page: p, errors } = await page('maps');
    const options = await p.$$eval('#view option', (os) => os.map((o) => o.textContent));
    expect(options).toEqual(
      expect.arrayContaining(['Co-citation', 'Bibliographic coupling', 'Keyword co-occurrence']),
    );
    await p.selectOption('#view', { label: 'Co-citation' });
    await settled(p);
    expect((await p.evaluate(() => window.citegraph!.visibleNodes())).sort()).toEqual(['ref:r2', 'ref:r3']);
    expect(await p.textContent('#legend')).toContain('Engines (2)');
    // Drawn at the map's own layout: r2 left of r3, on one line.
    const [r2, r3] = await p.evaluate(() =>
      ['ref:r2', 'ref:r3'].map((k) => window.citegraph!.screenPosition(k)!),
    );
    expect(r2!.x).toBeLessThan(r3!.x);
    expect(Math.abs(r2!.y - r3!.y)).toBeLessThan(1);
    await p.evaluate(() => window.citegraph!.app.selectEdge('cocitation:r2--r3'));
    expect(await p.textContent('[data-testid=panel-meaning]')).toContain('cite both');
    expect(
      await p.$$eval('[data-testid=panel-edge-documents] button', (bs) => bs.map((b) => b.textContent)),
    ).toEqual(['Notes on the Analytical Engine (2022)', 'The Analytical Engine, continued (2023)']);
    await screenshot(p, 'maps-cocitation');
    await p.selectOption('#view', { label: 'Bibliographic coupling' });
    await p.evaluate(() => window.citegraph!.app.selectEdge('coupling:p1--p2'));
    expect(await p.textContent('[data-testid=panel-meaning]')).toContain('share');
    expect(
      (
        await p.$$eval('[data-testid=panel-edge-documents] button', (bs) => bs.map((b) => b.textContent))
      ).sort(),
    ).toEqual(['Babbage 1864', 'Menabrea 1842']);
    await p.selectOption('#view', { label: 'Keyword co-occurrence' });
    await settled(p);
    expect((await p.evaluate(() => window.citegraph!.visibleNodes())).sort()).toEqual([
      'keyword:computing',
      'keyword:engines',
    ]);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('an empty layer says why, and shows its nodes', async () => {
    const { page: p, errors } = await page('no-citations', 'view=citations');
    expect(await p.textContent('[data-testid=notice]')).toContain('no links');
    expect(await p.textContent('[data-testid=notice]')).toContain('reference lists');
    expect(Number(await p.textContent('#visible-nodes'))).toBe(3);
    expect(await offScreen(p)).toEqual([]);
    expect(errors).toEqual([]);
    await p.close();
  });
});
