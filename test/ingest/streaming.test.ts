import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAuthorPage } from '../../src/ingest/formats/author-page.ts';
import { streamAuthorPageFile } from '../../src/ingest/listing-stream-node.ts';
import { PAGES, readPage } from '../helpers/paths.ts';

/** An author page of `copies` × the real page's records (titles numbered so they stay distinct). */
function bigAuthorPage(copies: number): string {
  const page = readPage(PAGES.author);
  const header = page.slice(0, page.indexOf('The Local Landscape'));
  const body = page.slice(header.length);
  const parts = [header];
  for (let copy = 0; copy < copies; copy++)
    parts.push(body.replace(/^(The |Achieving |9DTact)/gm, `$1${copy} `));
  return parts.join('');
}

async function collect(path: string): Promise<{ records: unknown[]; diagnostics: unknown[] }> {
  const records: unknown[] = [];
  const diagnostics: unknown[] = [];
  for await (const batch of streamAuthorPageFile(path)) {
    records.push(...batch.records);
    diagnostics.push(...batch.diagnostics);
  }
  return { records, diagnostics };
}

describe('streamed author-page listing (files too large for one string)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'citegraph-stream-'));

  it('reads exactly what the whole-file parser reads, line numbers included, across chunk boundaries', async () => {
    const text = bigAuthorPage(1200); // 12,000 records: more than two chunks
    const path = join(folder, 'big.txt');
    writeFileSync(path, text);
    const whole = parseAuthorPage(text, path);
    expect(whole.records.length).toBeGreaterThan(10_000);
    expect(await collect(path)).toEqual({ records: whole.records, diagnostics: whole.diagnostics });
  });

  it('reads gzip by its magic bytes and reports a cut last record like the whole-file parser', async () => {
    const text = bigAuthorPage(600);
    const cut = text.slice(0, Math.floor(text.length * 0.7));
    const path = join(folder, 'cut.data');
    writeFileSync(path, gzipSync(Buffer.from(cut)));
    const whole = parseAuthorPage(cut, path);
    const streamed = await collect(path);
    expect(streamed).toEqual({ records: whole.records, diagnostics: whole.diagnostics });
    expect(streamed.diagnostics).toHaveLength(1);
    expect(readFileSync(path)[0]).toBe(0x1f);
  });

  it('cuts CRLF files with padded record ends at the same lines as the whole-file parser', async () => {
    const text = bigAuthorPage(1200)
      .replace(/Viaarxiv icon\n/g, (end, offset: number) => (offset % 3 === 0 ? '  Viaarxiv icon \t\n' : end))
      .replace(/\n/g, '\r\n');
    const path = join(folder, 'crlf.txt');
    writeFileSync(path, text);
    const whole = parseAuthorPage(text, path);
    expect(whole.records.length).toBeGreaterThan(10_000);
    expect(await collect(path)).toEqual({ records: whole.records, diagnostics: whole.diagnostics });
  });
});
