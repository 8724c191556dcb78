/**
 * Citations resolved through the stream's shared reference numbers (model/reference-lists.ts)
 * against the same corpus with every reference list copied into fresh objects: the numbered path
 * is only a shortcut, so arcs, counts and externals must be identical.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCitations } from '../../src/analysis/compact/citations.ts';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { buildCorpus } from '../../src/ingest/ingest.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import {
  hasDistinctReferences,
  SharedReferences,
  sharedReferencesOf,
} from '../../src/model/reference-lists.ts';
import type { Corpus } from '../../src/model/types.ts';

const folder = mkdtempSync(join(tmpdir(), 'citegraph-citations-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function withCopiedReferences(corpus: Corpus): Corpus {
  return {
    ...corpus,
    papers: corpus.papers.map((paper) =>
      paper.references
        ? { ...paper, references: paper.references.map((reference) => ({ ...reference })) }
        : paper,
    ),
  };
}

function sharedListCount(corpus: Corpus): number {
  let count = 0;
  for (const paper of corpus.papers) {
    const list = paper.references;
    if (list && (sharedReferencesOf(list)?.startOfList(list) ?? -1) >= 0) count++;
  }
  return count;
}

/** What `citegraph analyze` builds from a JSON Lines file large enough to be streamed. */
async function streamedCorpus(file: string): Promise<Corpus> {
  const { records, diagnostics } = await readOpenAlexFile(file);
  return buildCorpus([
    {
      summary: {
        file,
        format: 'openalex',
        records: records.length,
        diagnostics: diagnostics.length,
        bytes: 0,
      },
      records,
      diagnostics,
    },
  ]);
}

const work = (id: number, references: string[]): string =>
  JSON.stringify({
    id: `https://openalex.org/W${id}`,
    title: `Work ${id}`,
    publication_year: 2020,
    authorships: [{ author: { display_name: `Author ${id % 7}` } }],
    referenced_works: references,
  });

describe('compact citations through shared reference numbers', () => {
  it('give the same arcs as plain reference objects on a streamed generated corpus', async () => {
    let text = '';
    writeCorpus(generateCorpus({ papers: 2000, seed: 11 }), 'openalex-jsonl', (chunk) => {
      text += chunk;
    });
    const file = join(folder, 'generated.jsonl');
    writeFileSync(file, text);
    const corpus = await streamedCorpus(file);
    expect(sharedListCount(corpus)).toBeGreaterThan(1000);
    const numbered = buildCitations(corpus);
    const plain = buildCitations(withCopiedReferences(corpus));
    expect(plain.resolvedInCorpus).toBeGreaterThan(5000);
    expect(numbered).toEqual(plain);
  });

  it('agree on random works citing each other, themselves, twice, outside the corpus and in odd id shapes', async () => {
    const reference = fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((id) => `https://openalex.org/W${id}`),
      fc.integer({ min: 1, max: 40 }).map((id) => `W${id}`),
      fc.integer({ min: 1, max: 40 }).map((id) => `https://openalex.org/W0${id}`),
      fc.constantFrom('https://openalex.org/A5', 'not an id', ''),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.array(reference, { maxLength: 8 })), {
          minLength: 1,
          maxLength: 25,
        }),
        async (works) => {
          const file = join(folder, `random-${run++}.jsonl`);
          writeFileSync(file, `${works.map(([id, references]) => work(id, references)).join('\n')}\n`);
          const corpus = await streamedCorpus(file);
          expect(buildCitations(corpus)).toEqual(buildCitations(withCopiedReferences(corpus)));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('SharedReferences', () => {
  it('keeps a list as numbers only while the list keeps its length', () => {
    const shared = new SharedReferences();
    shared.nextWork();
    const first = shared.add(1, { openalex: 'W1' });
    const second = shared.add(2, { openalex: 'W2' });
    shared.cite(first);
    shared.cite(second);
    shared.cite(first);
    const list = [shared.reference(first), shared.reference(second), shared.reference(first)];
    shared.sealList(list);
    const start = shared.startOfList(list);
    expect([...shared.numbers.subarray(start, start + 3)]).toEqual([first, second, first]);
    expect(sharedReferencesOf(list)).toBe(shared);
    expect(hasDistinctReferences(list)).toBe(false);
    list.push({ openalex: 'W3' });
    expect(shared.startOfList(list)).toBe(-1);
    expect(shared.startOfList([])).toBe(-1);
  });

  it('knows a list citing each work once, until the list changes', () => {
    const shared = new SharedReferences();
    shared.nextWork();
    const numbers = [shared.add(1, { openalex: 'W1' }), shared.add(2, { openalex: 'W2' })];
    for (const number of numbers) shared.cite(number);
    const list = numbers.map((number) => shared.reference(number));
    shared.sealList(list);
    expect(hasDistinctReferences(list)).toBe(true);
    shared.nextWork();
    shared.cite(numbers[0]!);
    const next = [shared.reference(numbers[0]!)];
    shared.sealList(next);
    expect(hasDistinctReferences(next)).toBe(true);
    expect(hasDistinctReferences(list)).toBe(true);
    list.pop();
    expect(hasDistinctReferences(list)).toBe(false);
    expect(hasDistinctReferences([...next])).toBe(false);
  });

  it('refuses to seal a list that is not what was cited', () => {
    const shared = new SharedReferences();
    shared.nextWork();
    shared.cite(shared.add(1, { openalex: 'W1' }));
    expect(() => shared.sealList([])).toThrow(/does not match/);
  });
});
