import { basename } from 'node:path';
import { launchChromium, serveWeb } from './harness.ts';

export interface FirstFrameResult {
  /** Milliseconds from navigation start to sigma's first 'afterRender'. */
  firstFrameMs: number;
  nodes: number;
  edges: number;
}

/**
 * Bench hook: time from navigation to the first rendered frame of the network view for one graph file
 * (graphology export JSON). Builds the page if needed, serves it, measures in headless Chromium.
 */
export async function measureFirstFrame(
  graphFile: string,
  options: { timeoutMs?: number } = {},
): Promise<FirstFrameResult> {
  const server = await serveWeb({ [`/${basename(graphFile)}`]: graphFile });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}?graph=${encodeURIComponent(basename(graphFile))}`);
    await page.waitForFunction(() => window.citegraph?.firstFrameAt != null, undefined, {
      timeout: options.timeoutMs ?? 120_000,
    });
    return await page.evaluate(() => ({
      firstFrameMs: window.citegraph!.firstFrameAt!,
      nodes: window.citegraph!.graph.order,
      edges: window.citegraph!.graph.size,
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}
