import { describe, expect, it } from 'vitest';
import { historiograph } from '../../../src/analysis/impact/historiograph.ts';
import { citedPapersMarkdown, impactMarkdown } from '../../../src/analysis/impact/impact-markdown.ts';
import { lotkaFit } from '../../../src/analysis/impact/lotka.ts';
import { bradfordZones } from '../../../src/analysis/impact/sources.ts';
import { analysisGraphAttributes, analyzeCorpus } from '../../../src/analysis/pipeline.ts';
import { handCorpus } from './corpus.ts';

/** Authorship rows whose lengths are the given paper counts. */
function offsetsOf(paperCounts: number[]): number[] {
  const offsets = [0];
  for (const count of paperCounts) offsets.push(offsets.at(-1)! + count);
  return offsets;
}

describe("Lotka's law", () => {
  it('fits β = 2 and C = 0.72 to authors whose shares fall exactly as 1/n²', () => {
    // 36, 9 and 4 authors with 1, 2 and 3 papers and 1 with 6: shares 0.72, 0.18, 0.08, 0.02 = 0.72 / n².
    const counts = [...Array(36).fill(1), ...Array(9).fill(2), ...Array(4).fill(3), 6];
    const { distribution, fit } = lotkaFit(offsetsOf(counts));
    expect(distribution).toEqual([
      { papers: 1, authors: 36, share: 0.72 },
      { papers: 2, authors: 9, share: 0.18 },
      { papers: 3, authors: 4, share: 0.08 },
      { papers: 6, authors: 1, share: 0.02 },
    ]);
    if (fit === 'too few distinct counts') throw new Error('expected a fit');
    expect(fit.exponent).toBeCloseTo(2, 10);
    expect(fit.constant).toBeCloseTo(0.72, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it('fits a line through two points exactly, and nothing through one', () => {
    // 3 authors with 1 paper, 1 with 2: log10(0.75) and log10(0.25) at log10 1 and log10 2.
    const { fit } = lotkaFit(offsetsOf([1, 1, 1, 2]));
    if (fit === 'too few distinct counts') throw new Error('expected a fit');
    expect(fit.exponent).toBeCloseTo(Math.log10(3) / Math.log10(2), 10);
    expect(fit.constant).toBeCloseTo(0.75, 10);
    expect(lotkaFit(offsetsOf([2, 2, 2])).fit).toBe('too few distinct counts');
  });
});

describe("Bradford's zones", () => {
  it('split sources ranked by papers into three zones of about a third of the papers each', () => {
    // 16 papers: the first source (6) reaches 16/3; then 3 + 2 reach 32/3 (11); the rest hold 5.
    expect(bradfordZones([6, 3, 2, 1, 1, 1, 1, 1])).toEqual([1, 2, 2, 3, 3, 3, 3, 3]);
    // 9 papers: thirds at 3 and 6 papers.
    expect(bradfordZones([1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    // A source holding more than two thirds is the core alone; zone 2 stays empty.
    expect(bradfordZones([10, 1, 1])).toEqual([1, 3, 3]);
  });
});

describe('the historiograph', () => {
  // A ← B, C, D; B ← C, D; C ← D; D ← E. Local citations A 3, B 2, C 1, D 1, E 0.
  const corpus = handCorpus([
    { title: 'Paper A', authors: ['Ada Lovelace'], year: 2010, doi: '10.1/a' },
    { title: 'Paper B', authors: ['Grace Hopper'], year: 2012, doi: '10.1/b', cites: ['10.1/a'] },
    {
      title: 'Paper C',
      authors: ['Alan Turing'],
      year: 2015,
      doi: '10.1/c',
      cites: ['10.1/a', '10.1/b'],
      globalCitations: 5,
    },
    {
      title: 'Paper D',
      authors: ['Edsger Dijkstra'],
      year: 2018,
      doi: '10.1/d',
      cites: ['10.1/a', '10.1/b', '10.1/c'],
      globalCitations: 9,
    },
    { title: 'Paper E', authors: ['Barbara Liskov'], year: 2019, doi: '10.1/e', cites: ['10.1/d'] },
  ]);
  const analysis = analyzeCorpus(corpus, {
    layout: false,
    timeline: false,
    stabilitySeeds: 0,
    themes: { enabled: false },
  });

  it('keeps the most locally cited papers, oldest first, and the citations among them', () => {
    // Size 3: A and B, then D over C (both cited once; D has more global citations).
    const graph = historiograph(corpus, analysis.citations, analysis.impact.papers, 3);
    const key = (title: string): string =>
      `paper:${corpus.papers.find((paper) => paper.title === title)!.id}`;
    expect(graph.nodes.map((node) => [node.label, node.localCitations, node.globalCitations])).toEqual([
      ['Lovelace 2010', 3, undefined],
      ['Hopper 2012', 2, undefined],
      ['Dijkstra 2018', 1, 9],
    ]);
    expect(graph.edges).toEqual([
      { source: key('Paper B'), target: key('Paper A') },
      { source: key('Paper D'), target: key('Paper A') },
      { source: key('Paper D'), target: key('Paper B') },
    ]);
  });

  it('is in the report and the graph attributes at the default size, uncited papers left out', () => {
    expect(analysis.report.impact.historiograph.nodes.map((node) => node.label)).toEqual([
      'Lovelace 2010',
      'Hopper 2012',
      'Turing 2015',
      'Dijkstra 2018',
    ]);
    // B→A, C→A, C→B, D→A, D→B, D→C (E is not cited, so not in it).
    expect(analysis.report.impact.historiograph.edges).toHaveLength(6);
    expect(analysisGraphAttributes(analysis).historiograph).toEqual(analysis.report.impact.historiograph);
  });
});

describe('the impact section of report.md without citations', () => {
  it('says what the empty tables mean', () => {
    const corpus = handCorpus([
      { title: 'Paper A', authors: ['Ada Lovelace'], year: 2010, doi: '10.1/a' },
      { title: 'Paper B', authors: ['Grace Hopper'], year: 2012, doi: '10.1/b' },
    ]);
    const { report } = analyzeCorpus(corpus, {
      layout: false,
      timeline: false,
      stabilitySeeds: 0,
      themes: { enabled: false },
    });
    const markdown = `${citedPapersMarkdown(report.impact)}\n${impactMarkdown(report.impact)}`;
    expect(markdown).toContain('No paper has a global citation count above 0.');
    expect(markdown).toContain('No paper of the corpus is cited by another.');
    expect(markdown).toContain('the historiograph is empty');
    expect(markdown).toContain("No author's papers are cited.");
  });
});
