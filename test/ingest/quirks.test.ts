import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InputText, parseInput } from '../../src/ingest/ingest.ts';
import { streamAuthorPageFile } from '../../src/ingest/listing-stream-node.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import { decodeFileBytes, ingestFiles, readInputText } from '../../src/ingest/read-node.ts';
import { runCli } from '../helpers/cli.ts';

/** Real fixtures with one quirk each (test/fixtures/PROVENANCE.md says how each was made). */
const CUT_GZIP = 'test/fixtures/ris/zotero-ris-export-jstor-cut.ris.gz';
const RIS = 'test/fixtures/ris/zotero-ris-export-jstor.ris';
const UTF16LE = 'test/fixtures/ris/ieee-xplore-export-utf16le-bom.ris';
const UTF16BE = 'test/fixtures/wos/bibliometrix-wos-sample-8-utf16be-bom.txt';
const INVALID_BYTE = 'test/fixtures/wos/bibliometrix-wos-sample-8-invalid-byte.txt';
const CSL_OBJECT = 'test/fixtures/csl-json/better-csl-json-zotero-export-items-object.json';
const NICKNAME = 'test/fixtures/topic-listing/topic-gradient-descent-nickname.txt';
const RAGGED = 'test/fixtures/scopus/scopus-ragged-affiliations-8.csv';

const read = async (path: string) => parseInput(await readInputText(path));
const titles = (input: InputText) => parseInput(input).records.map((record) => record.title);

describe('a gzip file cut in half (the real Zotero RIS export, gzipped)', () => {
  it('keeps the records before the cut, as the same cut on the plain file does, plus one warning', async () => {
    const parsed = await read(CUT_GZIP);
    // 281 complete records and the one cut open before the end of the text: 282, less the two
    // records of the export that have no title (lines 2691 and 2761).
    expect(parsed.records).toHaveLength(280);
    expect(parsed.records[0]!.title).toBe(parseInput(await readInputText(RIS)).records[0]!.title);
    const cut = parsed.diagnostics.filter((d) => d.code === 'truncated-gzip');
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatchObject({ severity: 'warning', file: CUT_GZIP, line: 3339 });
    const text = decodeFileBytes(readFileSync(CUT_GZIP), CUT_GZIP).text;
    const plainCut = readFileSync(RIS, 'utf8').slice(0, text.length);
    expect(text).toBe(plainCut);
    expect(parsed.records.map((record) => record.title)).toEqual(titles({ name: 'plain', text: plainCut }));
    expect(parsed.summary).toMatchObject({ records: 280, skipped: 2, diagnostics: 4 });
  });

  it('keeps a prefix of the records wherever the gzip is cut', () => {
    const plain = readFileSync(RIS);
    const gzip = gzipSync(plain);
    const full = titles({ name: 'full', text: plain.toString('utf8') });
    fc.assert(
      fc.property(fc.integer({ min: 20, max: gzip.length - 9 }), (cutAt) => {
        const decoded = decodeFileBytes(gzip.subarray(0, cutAt), 'cut.gz');
        expect(plain.toString('utf8').startsWith(decoded.text.replace(/\uFFFD$/, ''))).toBe(true);
        expect(decoded.diagnostics.map((d) => d.code)).toContain('truncated-gzip');
        const kept = titles({ name: 'cut.gz', text: decoded.text });
        // Every record but the one the cut went through is one of the first records of the file.
        expect(kept.slice(0, -1)).toEqual(full.slice(0, Math.max(0, kept.length - 1)));
      }),
      { numRuns: 25 },
    );
  });

  describe('in the streaming reader (OpenAlex JSON Lines)', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'citegraph-quirks-'));
    });

    it('keeps the first work of a cut .jsonl.gz and says the file was cut; a whole file says nothing', async () => {
      const jsonl = readFileSync('test/fixtures/openalex/works-openalexpro-jq-transformed.jsonl');
      const gzip = gzipSync(jsonl);
      const whole = join(folder, 'works.jsonl.gz');
      const cut = join(folder, 'works-cut.jsonl.gz');
      writeFileSync(whole, gzip);
      writeFileSync(cut, gzip.subarray(0, Math.floor(gzip.length * 0.75)));
      const all = await readOpenAlexFile(whole);
      expect(all.records).toHaveLength(2);
      expect(all.diagnostics).toEqual([]);
      const first = await readOpenAlexFile(cut);
      expect(first.records.map((record) => record.ids?.openalex)).toEqual([all.records[0]!.ids?.openalex]);
      expect(first.diagnostics.map((d) => d.code)).toEqual(['invalid-json-line', 'truncated-gzip']);
    });

    it('names the lines that are not UTF-8 in a streamed file, as the whole-file read does', async () => {
      const jsonl = readFileSync('test/fixtures/openalex/works-openalexpro-jq-transformed.jsonl');
      const second = jsonl.indexOf('"title":"', jsonl.indexOf(10)) + 9;
      const works = join(folder, 'works.jsonl');
      writeFileSync(
        works,
        Buffer.concat([jsonl.subarray(0, second), Buffer.from([0xff]), jsonl.subarray(second)]),
      );
      const streamed = await readOpenAlexFile(works);
      expect(streamed.records).toHaveLength(2);
      expect(streamed.diagnostics).toMatchObject([{ severity: 'warning', code: 'invalid-utf8', line: 2 }]);
      const page = readFileSync('data/pages/author-lei-wu.txt');
      const at = page.indexOf('Kaizhao Liu');
      const listing = join(folder, 'author.txt');
      writeFileSync(listing, Buffer.concat([page.subarray(0, at), Buffer.from([0xc0]), page.subarray(at)]));
      const batches = [];
      for await (const batch of streamAuthorPageFile(listing)) batches.push(batch);
      expect(batches.flatMap((batch) => batch.records)).toHaveLength(10);
      expect(batches.flatMap((batch) => batch.diagnostics)).toMatchObject([
        { severity: 'warning', code: 'invalid-utf8', line: 11, file: listing },
      ]);
    });
  });
});

describe('text encodings', () => {
  it('reads a UTF-16 LE file with a byte order mark (the real IEEE RIS export) like the UTF-8 one', async () => {
    const utf16 = await read(UTF16LE);
    const utf8 = await read('test/fixtures/ris/ieee-xplore-export.ris');
    expect(utf16.records).toHaveLength(25);
    expect(utf16.diagnostics).toEqual([]);
    expect(utf16.records.map(({ provenance, ...rest }) => rest)).toEqual(
      utf8.records.map(({ provenance, ...rest }) => rest),
    );
    expect(utf16.records.flatMap((record) => record.authors.map((a) => a.name))).toContain('M. Bobák');
  });

  it('reads a UTF-16 BE file with a byte order mark (the real WoS export)', async () => {
    const parsed = await read(UTF16BE);
    expect(parsed.summary).toMatchObject({ format: 'wos', records: 8, diagnostics: 0 });
  });

  it('reports bytes that are not UTF-8 with the file and line, and reads the rest', async () => {
    const parsed = await read(INVALID_BYTE);
    expect(parsed.records).toHaveLength(8);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({
      severity: 'warning',
      file: INVALID_BYTE,
      line: 182,
      code: 'invalid-utf8',
    });
    expect(parsed.records.map((record) => record.title)).toContain(
      'bibliometrix:\uFFFD An R-tool for comprehensive science mapping analysis',
    );
  });

  it('skips a UTF-8 byte order mark', () => {
    const bytes = readFileSync('test/fixtures/wos/bibliometrix-wos-sample-8.txt');
    const withBom = decodeFileBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), 'bom.txt');
    expect(withBom).toEqual({ text: bytes.toString('utf8'), diagnostics: [] });
  });
});

describe('CSL-JSON as an object', () => {
  it('reads {"items": […]} (the real Better CSL JSON export wrapped) as the array itself', async () => {
    const wrapped = await read(CSL_OBJECT);
    const plain = await read('test/fixtures/csl-json/better-csl-json-zotero-export.json');
    expect(wrapped.summary).toMatchObject({ format: 'csl-json', records: 26, diagnostics: 0 });
    expect(wrapped.records.map(({ provenance, ...rest }) => rest)).toEqual(
      plain.records.map(({ provenance, ...rest }) => rest),
    );
    expect(wrapped.records.map((record) => record.provenance.line)).toEqual(
      plain.records.map((record) => record.provenance.line),
    );
  });

  it('reads a single item object, and items keyed by id', () => {
    const items = JSON.parse(
      readFileSync('test/fixtures/csl-json/better-csl-json-zotero-export.json', 'utf8'),
    );
    const one = parseInput({ name: 'one.json', text: JSON.stringify(items[0]) });
    expect(one.records.map((record) => record.title)).toEqual([items[0].title]);
    const keyed = Object.fromEntries(items.slice(0, 3).map((item: { id: string }) => [item.id, item]));
    const three = parseInput({ name: 'keyed.json', text: JSON.stringify(keyed, null, 2) });
    expect(three.records).toHaveLength(3);
  });

  it('never reads 0 records from a non-empty file without saying so', () => {
    const parsed = parseInput(
      { name: 'odd.json', text: '{"items": []}', diagnostics: [] },
      { format: 'csl-json' },
    );
    expect(parsed.records).toEqual([]);
    expect(parsed.diagnostics).toMatchObject([{ severity: 'error', code: 'no-records' }]);
  });
});

describe('an author line with a nickname in parentheses (the real topic listing, one nickname added)', () => {
  it('reads the line as authors without the nickname, and the abstract after it', async () => {
    const parsed = await read(NICKNAME);
    expect(parsed.summary).toMatchObject({ format: 'topic-listing', records: 10, diagnostics: 0 });
    const paper = parsed.records[1]!;
    expect(paper.authors.map((author) => author.name)).toEqual([
      'Batiste Le Bars',
      'Aurélien Bellet',
      'Marc Tommasi',
    ]);
    expect(paper.abstract).toMatch(/^This paper presents a new generalization error analysis/);
  });

  it('reads a First Last name with a nickname on an author page (the real page, one nickname added)', async () => {
    const parsed = await read('test/fixtures/author-page/author-lei-wu-nickname.txt');
    const original = await read('data/pages/author-lei-wu.txt');
    expect(parsed.summary).toMatchObject({ format: 'author-page', records: 10, diagnostics: 0 });
    expect(parsed.records[0]!.authors.map((author) => author.name)).toEqual([
      'Kaizhao Liu',
      'Zihao Wang',
      'Lei Wu',
    ]);
    expect(parsed.records.map(({ provenance, ...rest }) => rest)).toEqual(
      original.records.map(({ provenance, ...rest }) => rest),
    );
  });

  it("reads 'Bajpai, Aniket (Nick), Garg, Sankalp, Mausam, null' as three authors", () => {
    const text = [
      'Planning',
      'A paper title',
      'Bajpai, Aniket (Nick), Garg, Sankalp, Mausam, null',
      'An abstract. It is prose, with sentences, and so it is read as the abstract of the paper above it.',
      'Another title',
      'Doe, Jane',
      'Another abstract. It is prose as well, long enough and with a sentence break to be read as one.',
    ].join('\n');
    const parsed = parseInput({ name: 'listing.txt', text });
    expect(parsed.records[0]!.authors.map((author) => author.name)).toEqual([
      'Aniket Bajpai',
      'Sankalp Garg',
      'Mausam',
    ]);
  });
});

describe('exit codes and the per-file summary', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('exits 3 when a file was repaired, and the summary lists records, skipped and diagnostics per file', async () => {
    const run = await runCli([
      'ingest',
      RAGGED,
      INVALID_BYTE,
      'data/pages/topic-gradient-descent.txt',
      '--json',
    ]);
    expect(run.code).toBe(3);
    const summary = JSON.parse(run.out) as { files: Record<string, unknown>[] };
    expect(summary.files).toEqual([
      expect.objectContaining({ file: RAGGED, records: 8, skipped: 0, diagnostics: 1 }),
      expect.objectContaining({ file: INVALID_BYTE, records: 8, skipped: 0, diagnostics: 1 }),
      expect.objectContaining({ records: 10, skipped: 0, diagnostics: 0 }),
    ]);
    expect(run.err.trim().split('\n')).toHaveLength(2);
  });

  it('exits 3 when records were skipped, and 0 when everything read as it is', async () => {
    const skipped = await runCli(['ingest', RIS, '--json']);
    expect(skipped.code).toBe(3);
    expect(JSON.parse(skipped.out).files[0]).toMatchObject({ records: 460, skipped: 2 });
    const clean = await runCli(['ingest', 'test/fixtures/ris/ieee-xplore-export.ris', '-q']);
    expect(clean.code).toBe(0);
  });

  it('ingests a folder of quirk files keeping every record', async () => {
    const { corpus } = await ingestFiles([CSL_OBJECT, UTF16LE, NICKNAME]);
    expect(corpus.files.map((file) => [file.format, file.records, file.skipped])).toEqual([
      ['csl-json', 26, 0],
      ['ris', 25, 0],
      ['topic-listing', 10, 0],
    ]);
  });
});
