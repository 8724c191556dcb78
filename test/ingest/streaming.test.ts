import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuthorPage } from '../../src/ingest/formats/author-page.ts';
import { type ListingStreamOptions, streamAuthorPageFile } from '../../src/ingest/listing-stream-node.ts';
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

async function collect(
  path: string,
  options?: ListingStreamOptions,
): Promise<{ records: unknown[]; diagnostics: unknown[] }> {
  const records: unknown[] = [];
  const diagnostics: unknown[] = [];
  for await (const batch of streamAuthorPageFile(path, path, options)) {
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

  it('reads the same records with blocks that cut lines, record ends and characters apart', async () => {
    const text = `\ufeff${bigAuthorPage(3).replace(/Sharma/g, 'Šarmá 王')}`;
    const path = join(folder, 'tiny-blocks.txt');
    writeFileSync(path, text);
    const whole = parseAuthorPage(text, path);
    for (const options of [
      { blockBytes: 1, recordsPerChunk: 1 },
      { blockBytes: 7, recordsPerChunk: 2 },
      { blockBytes: 64, recordsPerChunk: 5 },
    ])
      expect(await collect(path, options)).toEqual({
        records: whole.records,
        diagnostics: whole.diagnostics,
      });
  });

  it('reads any listing-like text like the whole-file parser, whatever the block and chunk sizes', async () => {
    // Lines a listing is made of, odd ones included: padded and broken record ends, the end
    // words inside a line, blank and non-ASCII lines; joined by LF, CRLF or a lone CR. No
    // 'Picture for' line: every chunk starts as a page does, so one right after a record end is
    // read as a page header when streamed (as it is on a page of its own).
    const line = fc.constantFrom(
      'Viaarxiv icon',
      '  Viaarxiv icon \t',
      '\u00a0Viaarxiv icon',
      'x Viaarxiv icon',
      'Viaarxiv iconViaarxiv icon',
      'Viaarxiv',
      'A Title on Graphs',
      'Ünïcode Títle 图',
      'Nov 26, 2023',
      'Ana Šarmá, Bo Li, 王 小明',
      '* 12 pages',
      'Figure 1 for A Title',
      'Alert button',
      '',
      '   ',
    );
    const text = fc
      .array(fc.tuple(line, fc.constantFrom('\n', '\n', '\r\n', '\r')), { maxLength: 60 })
      .map((lines) => lines.map(([content, end]) => content + end).join(''));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        async (content, blockBytes, recordsPerChunk) => {
          const path = join(folder, `property-${run++}.txt`);
          writeFileSync(path, content);
          const whole = parseAuthorPage(content, path);
          expect(await collect(path, { blockBytes, recordsPerChunk })).toEqual({
            records: whole.records,
            diagnostics: whole.diagnostics,
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
