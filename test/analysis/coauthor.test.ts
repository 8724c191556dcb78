/**
 * The co-authorship build against a plain reference (a Map per row, papers walked in
 * corpus order) on random corpora: the same CSR arc for arc (rows in first-met order), the same
 * counts, the bit-identical fractional sums and the same capped papers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCoauthorship } from '../../src/analysis/coauthor.ts';
import { indexCorpus } from '../../src/analysis/corpus-index.ts';
import { rememberAuthorships } from '../../src/model/authorship-index.ts';
import type { Author, Corpus, Paper } from '../../src/model/types.ts';

/** Papers as lists of author numbers; numbers past `authorCount` are names with no corpus author. */
function corpusOf(authorCount: number, bylines: number[][]): Corpus {
  const authors: Author[] = Array.from({ length: authorCount }, (_, a) => ({
    id: `a${a}`,
    name: `Author ${a}`,
    key: `author ${a}`,
    kind: 'person',
    papers: [],
  }));
  const papers: Paper[] = bylines.map((byline, p) => ({
    id: `p${p}`,
    title: `Paper ${p}`,
    authors: byline.map((a) => ({
      id: a < authorCount ? `a${a}` : undefined,
      name: `Author ${a}`,
      key: `author ${a}`,
      kind: 'person',
    })),
    sources: [],
  }));
  return { papers, authors, diagnostics: [], files: [], merges: [] };
}

interface Reference {
  offsets: number[];
  targets: number[];
  counts: number[];
  fractional: number[];
  capped: number[];
}

/** Co-authorship the obvious way: each author's papers in corpus order, co-authors in byline order. */
function reference(authorCount: number, bylines: number[][], maxAuthorsPerPaper: number): Reference {
  const distinct = bylines.map((byline) => [...new Set(byline.filter((a) => a < authorCount))]);
  const capped = distinct.flatMap((authors, p) => (authors.length > maxAuthorsPerPaper ? [p] : []));
  const result: Reference = { offsets: [0], targets: [], counts: [], fractional: [], capped };
  for (let a = 0; a < authorCount; a++) {
    const row = new Map<number, number>();
    for (const authors of distinct) {
      if (!authors.includes(a) || authors.length < 2 || authors.length > maxAuthorsPerPaper) continue;
      for (const b of authors) {
        if (b === a) continue;
        let arc = row.get(b);
        if (arc === undefined) {
          arc = result.targets.length;
          row.set(b, arc);
          result.targets.push(b);
          result.counts.push(0);
          result.fractional.push(0);
        }
        result.counts[arc]!++;
        result.fractional[arc]! += 1 / (authors.length - 1);
      }
    }
    result.offsets.push(result.targets.length);
  }
  return result;
}

const corpora = fc.integer({ min: 0, max: 25 }).chain((authorCount) =>
  fc.record({
    authorCount: fc.constant(authorCount),
    bylines: fc.array(fc.array(fc.nat(authorCount + 2), { maxLength: 14 }), { maxLength: 40 }),
    maxAuthorsPerPaper: fc.integer({ min: 1, max: 12 }),
    weight: fc.constantFrom('count' as const, 'fractional' as const),
  }),
);

describe('co-authorship on random corpora', () => {
  it('is arc for arc the reference build, with bit-identical weights', () => {
    fc.assert(
      fc.property(corpora, ({ authorCount, bylines, maxAuthorsPerPaper, weight }) => {
        const built = buildCoauthorship(indexCorpus(corpusOf(authorCount, bylines)), {
          maxAuthorsPerPaper,
          weight,
        });
        const expected = reference(authorCount, bylines, maxAuthorsPerPaper);
        expect(built.graph.nodeCount).toBe(authorCount);
        expect([...built.graph.offsets]).toEqual(expected.offsets);
        expect([...built.graph.targets]).toEqual(expected.targets);
        expect([...built.counts]).toEqual(expected.counts);
        expect([...built.fractional]).toEqual(expected.fractional);
        expect([...built.graph.weights]).toEqual(weight === 'count' ? expected.counts : expected.fractional);
        expect(built.capped).toEqual(expected.capped);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a paper with more co-authors than a pair occurrence can record, before allocating its pairs', () => {
    const authorCount = 0x10001;
    const corpus = corpusOf(authorCount, [Array.from({ length: authorCount }, (_, a) => a)]);
    const index = indexCorpus(corpus);
    expect(() => buildCoauthorship(index, { maxAuthorsPerPaper: Infinity, weight: 'count' })).toThrow(
      RangeError,
    );
    expect(buildCoauthorship(index, { maxAuthorsPerPaper: 25, weight: 'count' }).capped).toEqual([0]);
  });

  it('indexes the same authorship rows from the ingest’s author indexes as from the author ids', () => {
    fc.assert(
      fc.property(corpora, ({ authorCount, bylines }) => {
        const byId = indexCorpus(corpusOf(authorCount, bylines));
        const remembered = corpusOf(authorCount, bylines);
        rememberAuthorships(
          remembered,
          Int32Array.from(bylines.flat(), (a) => (a < authorCount ? a : -1)),
        );
        expect(indexCorpus(remembered)).toEqual(byId);
      }),
      { numRuns: 200 },
    );
  });
});
