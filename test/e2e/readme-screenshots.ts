/**
 * The README's pictures of the view: the network, overlay and density views of a real export (the
 * Zotero/Better BibTeX library in test/fixtures/bibtex), analysed with the same engine as `analyze`,
 * shot in headless Chromium into docs/images/.
 *
 *   node src/cli/run-ts.mjs test/e2e/readme-screenshots.ts
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { analyze } from '../../src/analysis/pipeline.ts';
import { loadCorpus } from '../../src/ingest/read-node.ts';
import { launchChromium, openView, serveWeb, tempDir, writeJson } from './harness.ts';
import { settled } from './view-checks.ts';

const FIXTURE = 'test/fixtures/bibtex/zotero-bbt-export-nanowires-506.bib';
const OUT = resolve('docs/images');

const { graph } = await analyze(await loadCorpus([FIXTURE]), {});
const file = await writeJson(await tempDir(), 'graph.json', graph.export());
const server = await serveWeb({ '/graph.json': file });
const browser = await launchChromium();
try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1000, height: 620 } });
  await openView(page, `${server.url}?graph=/graph.json`);
  await settled(page);
  const shoot = async (name: string) => {
    await settled(page);
    await page.screenshot({ path: join(OUT, `view-${name}.png`) });
    process.stdout.write(`wrote docs/images/view-${name}.png\n`);
  };
  await shoot('network');
  await page.getByRole('button', { name: 'Overlay' }).click();
  await shoot('overlay');
  await page.getByRole('button', { name: 'Density' }).click();
  await page.selectOption('#color-by', 'collaboration');
  await page.check('#density-clusters');
  await shoot('density');
} finally {
  await browser.close();
  await server.close();
}
