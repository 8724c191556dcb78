import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisView } from '../../../src/analysis/graph-view.ts';
import { documentAverages } from '../../../src/analysis/impact/document-averages.ts';
import { gIndex, groupIndices, hIndex } from '../../../src/analysis/impact/indices.ts';
import { analyzeCorpus } from '../../../src/analysis/pipeline.ts';
import type { AuthorNodeAttributes, PaperNodeAttributes } from '../../../src/model/graph-schema.ts';
import { handCorpus } from './corpus.ts';

const quick = { layout: false, timeline: false, stabilitySeeds: 0, themes: { enabled: false } } as const;

describe('h-index and g-index', () => {
  it('count hand-made citation lists', () => {
    // 10, 8, 5, 4 are four papers with at least 4; the fifth has 3 < 5.
    expect(hIndex([10, 8, 5, 4, 3])).toBe(4);
    // Running sums 10, 18, 23, 27, 30 against 1, 4, 9, 16, 25: all five reach.
    expect(gIndex([10, 8, 5, 4, 3])).toBe(5);
    expect(hIndex([0, 0])).toBe(0);
    expect(gIndex([0, 0])).toBe(0);
    expect(hIndex([1, 1, 1, 1])).toBe(1);
    // 1, 2, 3, 4 against 1, 4, 9, 16: only the first.
    expect(gIndex([1, 1, 1, 1])).toBe(1);
    // One paper with 25 citations carries a g of 5 across five papers (25 ≥ 25), h stays 1.
    expect(hIndex([25, 0, 0, 0, 0])).toBe(1);
    expect(gIndex([25, 0, 0, 0, 0])).toBe(5);
    expect(hIndex([])).toBe(0);
  });

  it('per group, whatever order the members come in', () => {
    const counts = [3, 10, 0, 4, 5, 8];
    // Group 0: papers 0, 1, 3, 4, 5 (3, 10, 4, 5, 8); group 1: empty; group 2: paper 2 (0);
    // group 3: paper 0 (3).
    const { h, g } = groupIndices([0, 5, 5, 6, 7], [0, 1, 3, 4, 5, 2, 0], counts);
    expect([...h]).toEqual([4, 0, 0, 1]);
    expect([...g]).toEqual([5, 0, 0, 1]);
  });
});

describe('h and g per group against their definitions', () => {
  it('agree on random groups of random counts', () => {
    const groups = fc.array(fc.array(fc.nat({ max: 40 }), { maxLength: 12 }), { maxLength: 8 });
    fc.assert(
      fc.property(groups, (rows) => {
        const counts = rows.flat();
        const offsets = [0];
        for (const row of rows) offsets.push(offsets.at(-1)! + row.length);
        const { h, g } = groupIndices(
          offsets,
          counts.map((_, i) => i),
          counts,
        );
        rows.forEach((row, k) => {
          // h: the most papers h with h citations each; g: the most papers g whose g largest
          // counts sum to g² or more.
          let expectedH = 0;
          for (let candidate = 1; candidate <= row.length; candidate++)
            if (row.filter((count) => count >= candidate).length >= candidate) expectedH = candidate;
          const sorted = [...row].sort((a, b) => b - a);
          let expectedG = 0;
          for (let candidate = 1; candidate <= row.length; candidate++)
            if (sorted.slice(0, candidate).reduce((a, b) => a + b, 0) >= candidate * candidate)
              expectedG = candidate;
          expect(h[k]).toBe(expectedH);
          expect(g[k]).toBe(expectedG);
        });
      }),
    );
  });
});

describe('normalised citations on four papers', () => {
  // 2020: A (10 global), B (30 global): mean 20. 2021: C (4 global), D (no global count, cited by
  // A and C inside the corpus, so 2 local): mean (4 + 2) / 2 = 3. E has no year.
  const corpus = handCorpus([
    {
      title: 'Paper A',
      authors: ['Ada Lovelace'],
      year: 2020,
      doi: '10.1/a',
      globalCitations: 10,
      cites: ['10.1/d'],
    },
    { title: 'Paper B', authors: ['Grace Hopper'], year: 2020, doi: '10.1/b', globalCitations: 30 },
    {
      title: 'Paper C',
      authors: ['Ada Lovelace'],
      year: 2021,
      doi: '10.1/c',
      globalCitations: 4,
      cites: ['10.1/d'],
    },
    { title: 'Paper D', authors: ['Grace Hopper'], year: 2021, doi: '10.1/d' },
    { title: 'Paper E', authors: ['Alan Turing'], doi: '10.1/e', globalCitations: 7 },
  ]);
  const view = new AnalysisView(analyzeCorpus(corpus, quick));
  const paper = (title: string): PaperNodeAttributes => {
    const p = corpus.papers.findIndex((candidate) => candidate.title === title);
    return view.paperAttributes(p);
  };
  const author = (name: string): AuthorNodeAttributes => {
    const a = corpus.authors.findIndex((candidate) => candidate.name === name);
    return view.authorAttributes(a);
  };

  it('divides by the mean of the same year, counting local citations where no global count is given', () => {
    expect(paper('Paper A').normCitations).toBe(0.5);
    expect(paper('Paper B').normCitations).toBe(1.5);
    expect(paper('Paper C').normCitations).toBeCloseTo(4 / 3, 4);
    expect(paper('Paper D').normCitations).toBeCloseTo(2 / 3, 4);
    expect(paper('Paper E').normCitations).toBeUndefined();
    expect(paper('Paper D').globalCitations).toBeUndefined();
    expect(paper('Paper D').localCitations).toBe(2);
    expect(paper('Paper A').globalCitations).toBe(10);
    expect(paper('Paper A').localCitations).toBe(0);
  });

  it('gives authors summed citations, indices and overlay averages', () => {
    const ada = author('Ada Lovelace');
    expect(ada.globalCitations).toBe(14);
    expect(ada.localCitations).toBe(0);
    // Counts 10 and 4: h 2 (both ≥ 2), g 2 (14 ≥ 4).
    expect(ada.hIndex).toBe(2);
    expect(ada.gIndex).toBe(2);
    expect(ada.avgYear).toBe(2020.5);
    expect(ada.avgNormCitations).toBeCloseTo((0.5 + 4 / 3) / 2, 4);
    const grace = author('Grace Hopper');
    // B's 30 global; D has no global count (so it adds nothing there) and 2 local.
    expect(grace.globalCitations).toBe(30);
    expect(grace.localCitations).toBe(2);
    // Counts 30 and 2: h 2, g 2.
    expect(grace.hIndex).toBe(2);
    expect(grace.avgNormCitations).toBeCloseTo((1.5 + 2 / 3) / 2, 4);
    const alan = author('Alan Turing');
    expect(alan.avgYear).toBeUndefined();
    expect(alan.avgNormCitations).toBeUndefined();
    expect(alan.hIndex).toBe(1);
  });
});

describe('document averages', () => {
  it('average over each row, leaving unknown values out', () => {
    const scores = {
      year: new Float64Array([2000, 2010, Number.NaN]),
      normCitations: new Float64Array([1, Number.NaN, 3]),
    };
    // Node 0: papers 0, 1, 2; node 1: none; node 2: paper 2.
    const { avgYear, avgNormCitations } = documentAverages([0, 3, 3, 4], [0, 1, 2, 2], scores);
    expect([...avgYear]).toEqual([2005, Number.NaN, Number.NaN]);
    expect([...avgNormCitations]).toEqual([2, Number.NaN, 3]);
  });
});
