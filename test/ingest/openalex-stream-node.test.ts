import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isGzipFile, readOpenAlexFile, streamOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';

const folder = mkdtempSync(join(tmpdir(), 'citegraph-openalex-stream-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The bibliometrix work of the fixture, cut to the fields the parser reads; renumbered W1 … Wn below. */
const fullWork = JSON.parse(
  readFileSync('test/fixtures/openalex/works-openalexpro-jq-transformed.jsonl', 'utf8').split('\n')[0]!,
) as Record<string, unknown>;
const READ_FIELDS = [
  'doi',
  'publication_date',
  'type',
  'authorships',
  'primary_location',
  'keywords',
  'cited_by_count',
  'referenced_works',
];
const template = Object.fromEntries(READ_FIELDS.map((field) => [field, fullWork[field]]));
const LINES = 3000;
const BAD_LINE = 1234;

function snapshotText(eol = '\n'): string {
  const lines: string[] = [];
  for (let index = 1; index <= LINES; index++) {
    if (index === BAD_LINE) lines.push('{"id": "https://openalex.org/W-broken", ');
    else if (index === 2000) lines.push('');
    else
      lines.push(
        JSON.stringify({
          ...template,
          id: `https://openalex.org/W${index}`,
          display_name: `Work number ${index}`,
        }),
      );
  }
  return lines.join(eol) + eol;
}

describe('streamOpenAlexFile', () => {
  const text = snapshotText();
  const gzPath = join(folder, 'part_000.gz');
  writeFileSync(gzPath, gzipSync(text));

  it('reads a gzip snapshot part in batches, with one diagnostic for the broken line', async () => {
    const progress: [number, number][] = [];
    let records = 0;
    let lastId = '';
    const diagnostics = [];
    const sizes: number[] = [];
    for await (const batch of streamOpenAlexFile(gzPath, {
      batchSize: 500,
      file: 'part_000.gz',
      onProgress: (done, total) => progress.push([done, total]),
    })) {
      sizes.push(batch.records.length);
      records += batch.records.length;
      lastId = batch.records.at(-1)?.ids?.openalex ?? lastId;
      diagnostics.push(...batch.diagnostics);
    }
    // 3000 lines, one blank and one broken.
    expect(records).toBe(2998);
    expect(sizes.slice(0, -1).every((size) => size === 500)).toBe(true);
    expect(sizes.at(-1)).toBe(498);
    expect(lastId).toBe('W3000');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'part_000.gz', line: BAD_LINE, code: 'invalid-json-line' });
    const size = statSync(gzPath).size;
    expect(progress.at(-1)).toEqual([size, size]);
    expect(
      progress.every(([done, total], index) => total === size && done >= (progress[index - 1]?.[0] ?? 0)),
    ).toBe(true);
  });

  it('keeps line numbers and provenance of each record', async () => {
    const { records } = await readOpenAlexFile(gzPath);
    expect(records[0]!.provenance).toEqual({ file: gzPath, line: 1, format: 'openalex' });
    const after = records.find((record) => record.ids?.openalex === 'W2001')!;
    expect(after.provenance.line).toBe(2001);
    expect(after.title).toBe('Work number 2001');
    expect(after.references).toHaveLength(70);
  });

  it('detects gzip by magic bytes, not by name, and reads CRLF plain text', async () => {
    const disguised = join(folder, 'looks-plain.jsonl');
    writeFileSync(disguised, gzipSync(snapshotText()));
    const plain = join(folder, 'crlf.jsonl.gz');
    writeFileSync(plain, snapshotText('\r\n'));
    expect(await isGzipFile(disguised)).toBe(true);
    expect(await isGzipFile(plain)).toBe(false);
    expect((await readOpenAlexFile(disguised)).records).toHaveLength(2998);
    const crlf = await readOpenAlexFile(plain);
    expect(crlf.records).toHaveLength(2998);
    expect(crlf.records[0]!.title).toBe('Work number 1');
  });

  it('reads lazily: stopping after the first batch leaves most of the file unread', async () => {
    const plain = join(folder, 'big.jsonl');
    writeFileSync(plain, text);
    const size = statSync(plain).size;
    let bytesAtFirstBatch = 0;
    for await (const batch of streamOpenAlexFile(plain, { batchSize: 50 })) {
      bytesAtFirstBatch = batch.bytesRead;
      expect(batch.records).toHaveLength(50);
      break;
    }
    expect(bytesAtFirstBatch).toBeGreaterThan(0);
    expect(bytesAtFirstBatch).toBeLessThan(size / 4);
  });

  it('ends with the last line even without a final newline', async () => {
    const path = join(folder, 'no-eol.jsonl');
    writeFileSync(
      path,
      `${JSON.stringify({ ...template, id: 'https://openalex.org/W7', display_name: 'Seven' })}`,
    );
    const { records, diagnostics } = await readOpenAlexFile(path);
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => r.ids?.openalex)).toEqual(['W7']);
  });
});
