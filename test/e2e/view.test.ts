import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewServer } from '../../src/cli/commands/view.ts';
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

const skipReason = chromiumMissingReason();
if (skipReason) console.warn(`e2e skipped: ${skipReason}`);

const XSS = '<img src=x onerror=alert(1)>';
const PIPELINE = resolve('src/analysis/pipeline.ts');
const INGEST = resolve('src/ingest/ingest.ts');
const DROP_FILE = resolve('data/pages/topic-gradient-descent.txt');

interface RealData {
  file: string;
  order: number;
  /** Node count from the analysis report (papers + authors + references). */
  reported: number;
}

/** When the lead's analysis exists, the real data set: analysed here, compared with what the page shows. */
async function analyseRealData(dir: string): Promise<RealData | null> {
  if (!existsSync(PIPELINE)) return null;
  const pipelinePath = PIPELINE;
  const readPath = resolve('src/ingest/read-node.ts');
  const { analyze } = (await import(pipelinePath)) as {
    analyze(
      corpus: unknown,
      options: object,
    ): Promise<{
      graph: {
        order: number;
        export(): unknown;
        filterNodes(f: (n: string, a: { kind: string }) => boolean): string[];
      };
      report: { summary: { papers: number; authors: number; references: number } };
    }>;
  };
  const { loadCorpus } = (await import(readPath)) as { loadCorpus(paths: string[]): Promise<unknown> };
  const { graph, report } = await analyze(await loadCorpus(['data/pages']), {});
  const { papers, authors, references } = report.summary;
  // The bibliometric maps add their own items (keywords, countries, institutions) beside these.
  const mapItems = graph.filterNodes(
    (_n: string, a: { kind: string }) => !['paper', 'author', 'reference'].includes(a.kind),
  ).length;
  return {
    file: await writeJson(dir, 'real.json', graph.export()),
    order: graph.order,
    reported: papers + authors + references + mapItems,
  };
}

/** The community overview every analysis writes (overview.json), here of data/. */
async function compactOverview(dir: string): Promise<string> {
  const { loadCorpus } = await import('../../src/ingest/read-node.ts');
  const { analyzeCorpus } = await import('../../src/analysis/pipeline.ts');
  const { communityOverview } = await import('../../src/analysis/overview.ts');
  const analysis = analyzeCorpus(await loadCorpus(['data/pages']));
  return writeJson(dir, 'overview.json', communityOverview(analysis).export());
}

describe.skipIf(skipReason !== null)('network view in headless Chromium', () => {
  let browser: Browser;
  let server: ViewServer;
  let real: RealData | null = null;
  let overviewFile = '';
  const sample = sampleAnalysedGraph();

  beforeAll(async () => {
    const dir = await tempDir();
    const sampleFile = await writeJson(dir, 'sample.json', sample.export());
    const xss = sampleAnalysedGraph();
    xss.mergeNodeAttributes('paper:p1', { title: XSS, label: XSS, abstract: `${XSS} and $\\alpha$` });
    xss.mergeNodeAttributes('author:ada-lovelace', { name: XSS, label: XSS });
    const xssFile = await writeJson(dir, 'xss.json', xss.export());
    real = await analyseRealData(dir);
    const files: Record<string, string> = {
      '/fixtures/sample.json': sampleFile,
      '/fixtures/xss.json': xssFile,
    };
    if (real) files['/fixtures/real.json'] = real.file;
    overviewFile = await compactOverview(dir);
    files['/fixtures/overview.json'] = overviewFile;
    server = await serveWeb(files, sampleFile);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function page(graph = 'sample', hash = '', query = ''): Promise<{ page: Page; errors: string[] }> {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors = watchErrors(p);
    await openView(p, `${server.url}?graph=/fixtures/${graph}.json${query}${hash ? `#${hash}` : ''}`);
    return { page: p, errors };
  }
  const count = async (p: Page, id: string) => Number(await p.textContent(`#${id}`));

  it('loads the graph with no console errors and the analysed node count', async () => {
    const graph = real ? 'real' : 'sample';
    const expected = real?.order ?? sample.order;
    if (real) expect(real.order).toBe(real.reported);
    const { page: p, errors } = await page(graph);
    expect(await p.evaluate(() => window.citegraph!.graph.order)).toBe(expected);
    // Authors with a co-author; those without are hidden by default and counted by the toggle.
    const [linked, alone] = await p.evaluate(() => {
      const g = window.citegraph!.graph;
      const authors = g.filterNodes((_n, a) => a.kind === 'author');
      const withCoauthor = authors.filter((n) => g.someEdge(n, (_e, a) => a.kind === 'coauthor'));
      return [withCoauthor.length, authors.length - withCoauthor.length];
    });
    expect(await count(p, 'visible-nodes')).toBe(linked);
    expect(await p.textContent('#isolated-label')).toBe(`Show authors without co-authors (${alone})`);
    // The default graph.json (served next to the page) loads too.
    const { page: plain, errors: plainErrors } = { page: await browser.newPage(), errors: [] as string[] };
    plainErrors.push(...watchErrors(plain));
    await openView(plain, server.url);
    expect(await plain.evaluate(() => window.citegraph!.graph.order)).toBe(sample.order);
    await plain.close();
    await screenshot(p, `01-loaded-${graph}`);
    expect(errors).toEqual([]);
    expect(plainErrors).toEqual([]);
    await p.close();
  });

  it('opens the community overview a compact analysis leaves, and finds a collaborator group by name', async () => {
    const overview = JSON.parse(await readFile(overviewFile, 'utf8')) as { nodes: unknown[] };
    const { page: p, errors } = await page('overview');
    expect(await p.evaluate(() => window.citegraph!.graph.order)).toBe(overview.nodes.length);
    const groups = await p.evaluate(
      () => window.citegraph!.graph.filterNodes((_n, a) => a.kind === 'author').length,
    );
    expect(await count(p, 'visible-nodes')).toBe(groups);
    await p.fill('#search', 'Lei Wu');
    await p.press('#search', 'Enter');
    await p.waitForSelector('#panel:not([hidden])');
    expect(await p.textContent('[data-testid=panel-title]')).toMatch(/^Lei Wu/);
    await screenshot(p, '00-compact-overview');
    expect(errors).toEqual([]);
    await p.close();
  });

  it('search selects an author, centres on them and lists their papers; panel items move the selection', async () => {
    const graph = real ? 'real' : 'sample';
    const name = real ? 'Lei Wu' : 'Ada Lovelace';
    const { page: p, errors } = await page(graph);
    await p.fill('#search', name.slice(0, 6));
    expect(
      await p.$$eval('#search-options option', (os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toContain(name);
    await p.fill('#search', name);
    await p.press('#search', 'Enter');
    await p.waitForSelector('#panel:not([hidden])');
    expect(await p.textContent('[data-testid=panel-title]')).toBe(name);
    const papers = await p.$$eval('[data-testid=panel-papers] button', (bs) =>
      bs.map((b) => b.textContent ?? ''),
    );
    if (!real) {
      expect(papers).toEqual([
        'The Analytical Engine, continued (2023)',
        'Notes on the Analytical Engine (2022)',
      ]);
    } else expect(papers.length).toBeGreaterThan(0);
    expect(await p.evaluate(() => window.citegraph!.state.selectedNode)).toMatch(/^author:/);
    await p.waitForTimeout(600); // camera animation
    await screenshot(p, '02-search-selected');
    await p.click('[data-testid=panel-papers] button >> nth=0');
    expect(await p.evaluate(() => window.citegraph!.state.selectedNode)).toMatch(/^paper:/);
    expect(await p.$$eval('[data-testid=panel-authors] button', (bs) => bs.length)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('filters change the visible counts', async () => {
    const { page: p } = await page();
    // Alan Turing wrote alone: hidden until asked for.
    expect([await count(p, 'visible-nodes'), await count(p, 'visible-edges')]).toEqual([3, 3]);
    await p.check('#show-isolated');
    expect([await count(p, 'visible-nodes'), await count(p, 'visible-edges')]).toEqual([4, 3]);
    await p.fill('#min-weight', '2');
    await p.dispatchEvent('#min-weight', 'change');
    expect([await count(p, 'visible-nodes'), await count(p, 'visible-edges')]).toEqual([4, 1]);
    await p.fill('#min-degree', '1');
    await p.dispatchEvent('#min-degree', 'change');
    expect([await count(p, 'visible-nodes'), await count(p, 'visible-edges')]).toEqual([2, 1]);
    // Year range in the citation view: only p1 (2022) is left, the reference goes with its citing paper.
    await p.uncheck('#show-isolated');
    await p.selectOption('#view', 'citations');
    await p.fill('#min-degree', '0');
    await p.dispatchEvent('#min-degree', 'change');
    await p.fill('#year-max', '2022');
    await p.dispatchEvent('#year-max', 'change');
    expect([await count(p, 'visible-nodes'), await count(p, 'visible-edges')]).toEqual([1, 0]);
    // Hiding a theme in the legend.
    await p.fill('#year-max', '');
    await p.dispatchEvent('#year-max', 'change');
    expect(await count(p, 'visible-nodes')).toBe(3);
    // Hiding p3's theme leaves p1; the reference goes with the only paper citing it.
    await p.uncheck('#legend input[data-community="1"]');
    expect(await count(p, 'visible-nodes')).toBe(1);
    await screenshot(p, '03-filtered');
    await p.close();
  });

  it('switches views and keeps the selection', async () => {
    const { page: p } = await page();
    await p.fill('#search', 'Ada Lovelace');
    await p.press('#search', 'Enter');
    const seen: Record<string, [number, number]> = {};
    for (const view of ['citations', 'themes', 'authorship', 'coauthor']) {
      await p.selectOption('#view', view);
      seen[view] = [await count(p, 'visible-nodes'), await count(p, 'visible-edges')];
    }
    // Nodes without a link in the view are hidden: p2 cites nothing, p3 is similar to no paper, Alan Turing wrote alone.
    expect(seen).toEqual({ citations: [3, 2], themes: [2, 1], authorship: [7, 6], coauthor: [3, 3] });
    expect(await p.evaluate(() => window.citegraph!.state.selectedNode)).toBe('author:ada-lovelace');
    expect(await p.textContent('[data-testid=panel-title]')).toBe('Ada Lovelace');
    await p.selectOption('#view', 'authorship');
    await screenshot(p, '04-authorship-view');
    await p.close();
  });

  it('hover dims the rest; clicking edges shows joint papers and the citing sentence', async () => {
    const { page: p, errors } = await page();
    await p.waitForFunction(() => !window.citegraph!.cameraMoving());
    const pos = await p.evaluate(() => window.citegraph!.screenPosition('author:grace-ohopper'));
    expect(pos).not.toBeNull();
    await p.mouse.move(pos!.x, pos!.y);
    await p.waitForFunction(() => window.citegraph!.state.hoveredNode === 'author:grace-ohopper');
    await screenshot(p, '05-hover');
    await p.mouse.move(5, 5);
    await p.fill('#search', 'Grace');
    await p.press('#search', 'Enter');
    await p.click('[data-testid=panel-collaborators] .edge-link >> nth=0');
    expect(
      await p.$$eval('[data-testid=panel-joint-papers] button', (bs) => bs.map((b) => b.textContent)),
    ).toEqual(['Notes on the Analytical Engine (2022)']);
    await p.fill('#search', 'On Computable Numbers');
    await p.press('#search', 'Enter');
    await p.click('[data-testid=panel-references] .edge-link >> nth=0');
    expect(await p.textContent('[data-testid=panel-context]')).toContain('Analytical Engine');
    expect(errors).toEqual([]);
    await p.close();
  });

  it('runs and stops ForceAtlas2 in a worker, moving the nodes', async () => {
    const { page: p, errors } = await page();
    const before = await p.evaluate(() => window.citegraph!.position('author:alan-turing'));
    await p.click('#layout-toggle');
    expect(await p.evaluate(() => window.citegraph!.layoutRunning())).toBe(true);
    await p.waitForFunction(
      (b) => {
        const now = window.citegraph!.position('author:alan-turing')!;
        return now.x !== b!.x || now.y !== b!.y;
      },
      before,
      { timeout: 10_000 },
    );
    await p.click('#layout-toggle');
    expect(await p.evaluate(() => window.citegraph!.layoutRunning())).toBe(false);
    const stopped = await p.evaluate(() => window.citegraph!.position('author:alan-turing'));
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => window.citegraph!.position('author:alan-turing'))).toEqual(stopped);
    expect(await p.textContent('#layout-toggle')).toBe('Run layout');
    await screenshot(p, '06-after-layout');
    expect(errors).toEqual([]);
    await p.close();
  });

  it('exports the visible graph as GEXF that parses and validates, and as PNG', async () => {
    const { page: p, errors } = await page();
    const [gexf] = await Promise.all([p.waitForEvent('download'), p.click('#export-gexf')]);
    expect(gexf.suggestedFilename()).toBe('citegraph-coauthor.gexf');
    const dir = await tempDir();
    const gexfPath = join(dir, 'view.gexf');
    await gexf.saveAs(gexfPath);
    const text = await readFile(gexfPath, 'utf8');
    const { parse } = await import('graphology-gexf');
    const Graph = (await import('graphology')).default;
    const parsed = parse(Graph, text);
    expect(parsed.order).toBe(3);
    expect(parsed.size).toBe(3);
    const rng = [
      'test/fixtures/gexf-1.3/gexf.rng',
      '../shared/gexf-1.3/gexf.rng',
      '/work/shared/gexf-1.3/gexf.rng',
    ].find((f) => existsSync(f));
    if (rng && existsSync('/usr/bin/xmllint')) {
      execFileSync('xmllint', ['--noout', '--relaxng', rng, gexfPath], { stdio: 'pipe' });
    }
    const [png] = await Promise.all([p.waitForEvent('download'), p.click('#export-png')]);
    const pngPath = join(dir, 'view.png');
    await png.saveAs(pngPath);
    const bytes = await readFile(pngPath);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2000);
    expect(errors).toEqual([]);
    await p.close();
  });

  it('a shared link restores view, filters and selection', async () => {
    const { page: p } = await page();
    await p.selectOption('#view', 'authorship');
    await p.fill('#min-degree', '2');
    await p.dispatchEvent('#min-degree', 'change');
    await p.fill('#search', 'Charles Babbage');
    await p.press('#search', 'Enter');
    await p.click('#share');
    const url = await p.inputValue('#share-url');
    const counts = [await count(p, 'visible-nodes'), await count(p, 'visible-edges')];
    await p.close();
    const q = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openView(q, url);
    expect(await q.inputValue('#view')).toBe('authorship');
    expect(await q.inputValue('#min-degree')).toBe('2');
    expect(await q.textContent('[data-testid=panel-title]')).toBe('Charles Babbage');
    expect([await count(q, 'visible-nodes'), await count(q, 'visible-edges')]).toEqual(counts);
    await q.close();
  });

  it('large graphs start from a community overview; clicking a community expands it', async () => {
    const { page: p, errors } = await page('sample', 'isolated=1', '&threshold=2');
    expect(await p.textContent('#status')).toContain('Overview: 2 communities');
    await screenshot(p, '07-overview');
    const pos = await p.evaluate(() => window.citegraph!.screenPosition('community:0'));
    await p.mouse.click(pos!.x, pos!.y);
    await p.waitForFunction(() => window.citegraph!.state.community === '0');
    expect(await count(p, 'visible-nodes')).toBe(3);
    expect(errors).toEqual([]);
    await p.close();
  });

  it.skipIf(!existsSync(PIPELINE) || !existsSync(INGEST))(
    'dropping a listing page adds its papers',
    async () => {
      const { page: p, errors } = await page();
      const before = await p.evaluate(() => window.citegraph!.graph.order);
      const text = await readFile(DROP_FILE, 'utf8');
      await p.evaluate((content) => {
        const data = new DataTransfer();
        data.items.add(new File([content], 'topic-gradient-descent.txt', { type: 'text/plain' }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, text);
      await p.waitForFunction(
        () => /Added|Could not|needs/.test(document.querySelector('#status')?.textContent ?? ''),
        undefined,
        {
          timeout: 60_000,
        },
      );
      expect(await p.textContent('#status')).toMatch(/^Added/);
      expect(await p.evaluate(() => window.citegraph!.graph.order)).toBeGreaterThan(before);
      await p.selectOption('#view', 'citations');
      await screenshot(p, '08-after-drop');
      expect(errors).toEqual([]);
      await p.close();
    },
  );

  it('titles and names with markup are shown literally and run nothing', async () => {
    const { page: p, errors } = await page('xss');
    const dialogs: string[] = [];
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await p.fill('#search', XSS);
    await p.press('#search', 'Enter');
    expect(await p.textContent('[data-testid=panel-title]')).toBe(XSS);
    await p.fill('#search', 'Charles Babbage');
    await p.press('#search', 'Enter');
    const collaborators = await p.$$eval('[data-testid=panel-collaborators] .link', (bs) =>
      bs.map((b) => b.textContent),
    );
    expect(collaborators).toContain(`${XSS} ×2`);
    await p.click('[data-testid=panel-papers] button >> nth=-1');
    expect(await p.textContent('[data-testid=panel-title]')).toBe(XSS);
    expect(await p.textContent('#panel .abstract')).toBe(`${XSS} and α`);
    await p.selectOption('#view', 'citations');
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(p, '09-xss-inert');
    expect(errors).toEqual([]);
    await p.close();
  });
});
