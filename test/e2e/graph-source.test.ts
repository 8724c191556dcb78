/**
 * `?graph=` in the view: the page's own server is loaded at once; another origin or a data: URL
 * only after the page names it and the user clicks Load.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewServer } from '../../src/cli/commands/view.ts';
import { describeSource, isSameOrigin } from '../../src/web/graph-source.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import { chromiumMissingReason, launchChromium, serveWeb, tempDir, writeJson } from './harness.ts';

const skipReason = chromiumMissingReason();

describe('which graph URLs load without asking', () => {
  const base = 'http://127.0.0.1:5173/?graph=x';
  it('the same origin only', () => {
    expect(isSameOrigin('graph.json', base)).toBe(true);
    expect(isSameOrigin('/fixtures/a.json', base)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:5173/a.json', base)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:5174/a.json', base)).toBe(false);
    expect(isSameOrigin('http://localhost:5173/a.json', base)).toBe(false);
    expect(isSameOrigin('//evil.example/a.json', base)).toBe(false);
    expect(isSameOrigin('data:application/json,{}', base)).toBe(false);
    expect(describeSource('data:application/json,{"nodes":[]}', base)).toBe(
      'a data: URL inside the link itself (34 characters)',
    );
  });
});

describe.skipIf(skipReason !== null)('?graph= from elsewhere in headless Chromium', () => {
  let browser: Browser;
  let server: ViewServer;
  let other: Server;
  let otherUrl: string;
  let otherRequests = 0;
  const sample = sampleAnalysedGraph();
  const json = JSON.stringify(sample.export());

  beforeAll(async () => {
    const dir = await tempDir();
    const sampleFile = await writeJson(dir, 'sample.json', sample.export());
    server = await serveWeb({ '/fixtures/sample.json': sampleFile }, sampleFile);
    // Another origin that allows cross-origin reads: what a crafted link would point at.
    other = createServer((_req, res) => {
      otherRequests++;
      res
        .writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        .end(json);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/graph.json`;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => other?.close(resolve));
  });

  async function open(graph: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${server.url}?graph=${encodeURIComponent(graph)}`);
    return page;
  }

  it('another origin: the page names it and loads nothing until the user clicks Load', async () => {
    const page = await open(otherUrl);
    const dialog = page.locator('#graph-source');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`another source: ${new URL(otherUrl).host} (${otherUrl})`);
    expect(otherRequests).toBe(0);
    await page.click('#graph-source-load');
    await page.waitForFunction(() => window.citegraph?.firstFrameAt != null, undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => window.citegraph!.graph.order)).toBe(sample.order);
    expect(otherRequests).toBe(1);
    await page.close();
  });

  it('Cancel loads nothing and says so', async () => {
    const before = otherRequests;
    const page = await open(otherUrl);
    await page.click('#graph-source-cancel');
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#status')).toContain('not loaded: you chose Cancel');
    expect(await page.evaluate(() => window.citegraph!.graph.order)).toBe(0);
    expect(otherRequests).toBe(before);
    await page.close();
  });

  it('a data: URL asks too; the page’s own server does not', async () => {
    const data = await open(`data:application/json,${json}`);
    await data.locator('#graph-source').waitFor();
    expect(await data.textContent('#graph-source')).toContain('a data: URL inside the link itself');
    await data.close();
    const own = await open('/fixtures/sample.json');
    await own.waitForFunction(() => window.citegraph?.firstFrameAt != null, undefined, { timeout: 30_000 });
    expect(await own.locator('#graph-source').count()).toBe(0);
    await own.close();
  });
});
