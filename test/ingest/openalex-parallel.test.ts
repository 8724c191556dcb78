import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import {
  OpenAlexParseWorker,
  parseOpenAlexLineBytes,
  replayReferences,
  scanBlock,
} from '../../src/ingest/openalex-parallel-node.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import { hasDistinctReferences, SharedReferences } from '../../src/model/reference-lists.ts';
import type { Diagnostic, PaperRecord } from '../../src/model/types.ts';
import { CITED_ID_SHAPES } from '../helpers/openalex-ids.ts';

const folder = mkdtempSync(join(tmpdir(), 'citegraph-openalex-parallel-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What must not differ between the one-thread and the two-thread scan, beyond the records' values. */
function sharing(records: PaperRecord[], shared: SharedReferences) {
  const firstSeen = new Map<object, number>();
  const pattern: number[] = [];
  for (const record of records)
    for (const reference of record.references ?? []) {
      if (!firstSeen.has(reference)) firstSeen.set(reference, firstSeen.size);
      pattern.push(firstSeen.get(reference)!);
    }
  return {
    // Which references are one object (interned), in citing order.
    pattern,
    distinct: records.map((record) => (record.references ? hasDistinctReferences(record.references) : null)),
    interned: shared.references.map((reference) => reference.openalex),
    // Each record's list as the numbers citations read (null: not kept as numbers).
    numbers: records.map((record) => {
      const start = record.references ? shared.startOfList(record.references) : -1;
      return start < 0 ? null : Array.from(shared.numbers.subarray(start, start + record.references!.length));
    }),
  };
}

/** The one-thread stream's scan of the lines. */
function scanInOrder(bytes: Buffer, starts: number[], ends: number[]) {
  const shared = new SharedReferences();
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  starts.forEach((start, index) => {
    parseOpenAlexLineBytes(bytes, start, ends[index]!, 'x.jsonl', index + 1, shared, records, diagnostics);
  });
  return { records, diagnostics, sharing: sharing(records, shared) };
}

/** Blocks scanned apart (as the two threads do), then replayed in file order. */
function scanInBlocks(bytes: Buffer, starts: number[], ends: number[], cuts: number[]) {
  const shared = new SharedReferences();
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const bounds = [...new Set([0, ...cuts.map((cut) => cut % (starts.length + 1)), starts.length])].sort(
    (a, b) => a - b,
  );
  const blocks = bounds
    .slice(1)
    .map((stop, index) =>
      scanBlock(
        bytes,
        starts.slice(bounds[index], stop),
        ends.slice(bounds[index], stop),
        bounds[index]! + 1,
        'x.jsonl',
      ),
    );
  for (const block of blocks) {
    replayReferences(block, shared);
    records.push(...block.records);
    diagnostics.push(...block.diagnostics);
  }
  return { records, diagnostics, sharing: sharing(records, shared) };
}

const idShape = fc.constantFrom(...CITED_ID_SHAPES, 'W7', 'W8');
const reference = fc.oneof(
  { arbitrary: idShape.map((id) => `"https://openalex.org/${id}"`), weight: 8 },
  { arbitrary: idShape.map((id) => `"${id}"`), weight: 2 },
  {
    arbitrary: fc.constantFrom('"https://openalex.org/W\\u0037"', '"W1é"', 'null', '7', '{}', '[]'),
    weight: 1,
  },
);
const line = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.nat({ max: 50 }), fc.option(fc.array(reference, { maxLength: 8 })), fc.boolean())
      .map(
        ([n, references, twice]) =>
          `{"id":"https://openalex.org/W9${n}","display_name":"Work ${n}","authorships":[]${
            references === null ? '' : `,"referenced_works":[${references.join(',')}]`
          }${twice && references !== null ? ',"referenced_works":["https://openalex.org/W8"]' : ''}}`,
      ),
    weight: 8,
  },
  {
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '[]',
      '{"id":"https://openalex.org/W1","referenced_works":["https://openalex.org/W7"',
      '{"referenced_works":["https://openalex.org/W7"]}',
      '{"id":"https://openalex.org/W3","display_name":"x","referenced_works":"W7"}',
    ),
    weight: 2,
  },
  {
    // Anything at all on a line (no line break): garbage, stray bytes, broken JSON.
    arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, ' ')),
    weight: 1,
  },
);

function linesOf(texts: string[]): { bytes: Buffer; starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const text of texts) {
    const length = Buffer.byteLength(text);
    starts.push(at);
    ends.push(at + length);
    at += length + 1;
  }
  return { bytes: Buffer.from(texts.map((text) => `${text}\n`).join('')), starts, ends };
}

describe('scanBlock + replayReferences (the two-thread scan, without the thread)', () => {
  it('gives the records, diagnostics, shared references and numbers of the one-thread scan', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), (texts, cuts) => {
        const { bytes, starts, ends } = linesOf(texts);
        const inOrder = scanInOrder(bytes, starts, ends);
        const inBlocks = scanInBlocks(bytes, starts, ends, cuts);
        expect(inBlocks.records).toStrictEqual(inOrder.records);
        expect(inBlocks.diagnostics).toStrictEqual(inOrder.diagnostics);
        expect(inBlocks.sharing).toStrictEqual(inOrder.sharing);
      }),
      { numRuns: 400 },
    );
  });

  it('marks lists with a repeated work as not distinct, as the one-thread scan does', () => {
    const { bytes, starts, ends } = linesOf([
      '{"id":"https://openalex.org/W1","display_name":"a","referenced_works":["https://openalex.org/W7","https://openalex.org/W8"]}',
      '{"id":"https://openalex.org/W2","display_name":"b","referenced_works":["https://openalex.org/W7","https://openalex.org/w7"]}',
      '{"id":"https://openalex.org/W3","display_name":"c","referenced_works":["https://openalex.org/W7","x12"]}',
    ]);
    const { records, sharing: inBlocks } = scanInBlocks(bytes, starts, ends, [1, 2]);
    expect(inBlocks.distinct).toEqual([true, false, false]);
    expect(records[1]!.references![0]).toBe(records[0]!.references![0]);
    expect(records[2]!.references!.map((reference) => reference.openalex)).toEqual(['W7']);
  });
});

describe('streamOpenAlexFile on two threads', () => {
  const corpus = generateCorpus({ papers: 1500, seed: 11 });
  let text = '';
  writeCorpus(corpus, 'openalex-jsonl', (chunk) => {
    text += chunk;
  });
  text += '{"id": "https://openalex.org/W-broken", \n\n';

  for (const gzip of [false, true]) {
    it(`reads a ${gzip ? 'gzip ' : ''}file exactly as one thread does, shared references included`, async () => {
      const path = join(folder, gzip ? 'works.jsonl.gz' : 'works.jsonl');
      writeFileSync(path, gzip ? gzipSync(text) : text);
      const read = async (parallel: boolean) => {
        const { records, diagnostics } = await readOpenAlexFile(path, { parallel, chunkBytes: 8192 });
        const shared = new Set(records.flatMap((record) => record.references ?? []));
        return {
          records,
          diagnostics,
          pattern: sharing(records, new SharedReferences()),
          objects: shared.size,
        };
      };
      const one = await read(false);
      const two = await read(true);
      expect(one.records).toHaveLength(1500);
      expect(one.diagnostics).toHaveLength(1);
      expect(two.records).toStrictEqual(one.records);
      expect(two.diagnostics).toStrictEqual(one.diagnostics);
      // The broken last work is reported with its file and line, and every work before it is kept.
      expect(two.diagnostics[0]).toMatchObject({ file: path, line: 1501, code: 'invalid-json-line' });
      expect(two.pattern).toStrictEqual(one.pattern);
      expect(two.objects).toBe(one.objects);
      // One file name string for all records, as one thread gives.
      expect(new Set(two.records.map((record) => record.provenance.file)).size).toBe(1);
    });
  }

  it('fails, and does not hang, when the worker stops', async () => {
    const worker = new OpenAlexParseWorker('x.jsonl');
    const { bytes, starts, ends } = linesOf(['{"id":"https://openalex.org/W1","display_name":"a"}']);
    await worker.close();
    worker.post(bytes, starts, ends, 1);
    await expect(worker.take()).rejects.toThrow(/parse worker/);
  });
});
