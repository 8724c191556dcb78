/**
 * The impact section of the report of the real WoS fixture (8 records, 2017 to 2026), every
 * expected value read off the file by hand: TC lines, PY lines, the CR lines citing
 * "Aria M, 2017, J INFORMETR" (records 1, 2, 6, 7 and 8), the DE and ID keywords.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../../../src/analysis/pipeline.ts';
import { renderMarkdownReport } from '../../../src/analysis/report-markdown.ts';
import { ingestFiles } from '../../../src/ingest/read-node.ts';

const { corpus } = await ingestFiles(['test/fixtures/wos/bibliometrix-wos-sample-8.txt']);
const quick = { layout: false, timeline: false, stabilitySeeds: 0 } as const;
const analysis = analyzeCorpus(corpus, quick);
const { impact } = analysis.report;
const ARIA = 'bibliometrix: An R-tool for comprehensive science mapping analysis';
const keyOf = (title: string): string => `paper:${corpus.papers.find((paper) => paper.title === title)!.id}`;

describe('the impact report of the WoS fixture', () => {
  it('lists the globally most cited papers with their TC, and the locally most cited', () => {
    // TC 8858 (Aria 2017), 55 (Büyükkidik 2022), 31 (Jalal 2019); the five others have TC 0.
    expect(impact.citationCounts).toEqual({ global: 8, localOnly: 0 });
    expect(
      impact.mostGloballyCitedPapers.map((row) => [row.year, row.globalCitations, row.localCitations]),
    ).toEqual([
      [2017, 8858, 5],
      [2022, 55, 0],
      [2019, 31, 0],
    ]);
    expect(impact.mostGloballyCitedPapers[0]!.title).toBe(ARIA);
    // Only Aria et al. 2017 is cited inside the corpus, by the five records whose CR lists it.
    expect(impact.mostLocallyCitedPapers).toHaveLength(1);
    expect(impact.mostLocallyCitedPapers[0]).toMatchObject({
      title: ARIA,
      localCitations: 5,
      globalCitations: 8858,
    });
  });

  it("gives authors' h- and g-indices from global citations", () => {
    // Each author has one paper here: h = g = 1 with any citation, 0 without.
    expect(
      impact.authorIndices.map((row) => [row.name, row.hIndex, row.gIndex, row.globalCitations]),
    ).toEqual([
      ['Corrado Cuccurullo', 1, 1, 8858],
      ['Massimo Aria', 1, 1, 8858],
      ['Serap Buyukkidik', 1, 1, 55],
      ['Samir Kumar Jalal', 1, 1, 31],
    ]);
  });

  it('normalises citations by the mean of the same year', () => {
    const paper = (title: string) =>
      analysis.impact.papers.normCitations[corpus.papers.findIndex((p) => p.title === title)];
    // Aria et al. is the only 2017 record; both 2024 records have TC 0.
    expect(paper(ARIA)).toBe(1);
    const of2024 = corpus.papers.filter((p) => p.year === 2024).map((p) => p.title);
    expect(of2024.map(paper)).toEqual([0, 0]);
  });

  it('draws the historiograph: one paper cited inside the corpus, no citations among the cited', () => {
    expect(impact.historiograph).toEqual({
      nodes: [
        {
          id: keyOf(ARIA),
          label: 'Aria 2017',
          title: ARIA,
          year: 2017,
          localCitations: 5,
          globalCitations: 8858,
        },
      ],
      edges: [],
    });
  });

  it('fits no Lotka law (every author has one paper) and puts the 8 journals in Bradford zones of 3, 3 and 2', () => {
    expect(impact.lotka).toEqual({
      distribution: [{ papers: 1, authors: 25, share: 1 }],
      fit: 'too few distinct counts',
    });
    expect(impact.sources.count).toBe(8);
    expect(impact.sources.bradford.map((zone) => [zone.sources, zone.papers])).toEqual([
      [3, 3],
      [3, 3],
      [2, 2],
    ]);
    expect(
      impact.sources.mostProductive.find((row) => row.source === 'JOURNAL OF INFORMETRICS'),
    ).toMatchObject({
      papers: 1,
      globalCitations: 8858,
      localCitations: 5,
      hIndex: 1,
    });
  });

  it('finds no burst over ten years of eight papers at γ = 1: entering costs ln 10 = 2.30', () => {
    // The strongest candidate, "bibliometric analysis" in 2025-2026, saves 3 ln(0.9999/0.5) = 2.08.
    expect(impact.bursts.references).toEqual([]);
    expect(impact.bursts.keywords).toEqual([]);
  });

  it('finds the bursts at γ = 0.5 (entering costs 1.15)', () => {
    const { bursts } = analyzeCorpus(corpus, { ...quick, impact: { bursts: { gamma: 0.5 } } }).report.impact;
    // Aria et al. 2017: cited by 5 of the 8 papers (p0 = 5/8, burst rate 0.9999), by the one 2025
    // paper and both 2026 papers: 3 ln(0.9999/0.625) = 1.410. Hirsch 2005 (records of 2017, 2019
    // and 2026; p0 = 3/8, p1 = 3/4): 2017 and 2019 save ln 2 each.
    const references = bursts.references.map((row) => [row.label, row.begin, row.end, row.documents]);
    expect(references[0]).toEqual([ARIA, 2025, 2026, 5]);
    expect(bursts.references[0]!.strength).toBeCloseTo(3 * Math.log(0.9999 / 0.625), 4);
    expect(references).toContainEqual(['Hirsch 2005', 2017, 2019, 3]);
    expect(bursts.references.find((row) => row.label === 'Hirsch 2005')!.strength).toBeCloseTo(
      2 * Math.log(2),
      4,
    );
    // "bibliometric analysis": 2022, 2025 and both 2026 papers (p0 = 4/8): 2025-2026 saves
    // 3 ln(0.9999/0.5). "bibliometrix": 6 of 8 papers (2022, both 2024, 2025, both 2026; p0 = 3/4):
    // 6 ln(0.9999/0.75) over 2022-2026.
    expect(bursts.keywords.slice(0, 2).map((row) => [row.label, row.begin, row.end, row.documents])).toEqual([
      ['bibliometric analysis', 2025, 2026, 4],
      ['bibliometrix', 2022, 2026, 6],
    ]);
    expect(bursts.keywords[0]!.strength).toBeCloseTo(3 * Math.log(0.9999 / 0.5), 4);
    // The ID keywords SCIENCE (2019, 2022) and INDEX (2017, 2019), shown in lower case: p0 = 2/8,
    // p1 = 1/2, each year with one of one paper saves ln 2, the years between have no paper.
    expect(bursts.keywords.slice(2).map((row) => [row.label, row.begin, row.end, row.strength])).toEqual([
      ['index', 2017, 2019, Math.round(2 * Math.log(2) * 1e4) / 1e4],
      ['science', 2019, 2022, Math.round(2 * Math.log(2) * 1e4) / 1e4],
    ]);
    expect(bursts.keywords[1]!.strength).toBeCloseTo(6 * Math.log(0.9999 / 0.75), 4);
  });

  it('renders all of it in report.md', () => {
    const markdown = renderMarkdownReport(analysis.report, (node) => node);
    expect(markdown).toContain(`| ${ARIA} | 2017 | 8858 | 5 |`);
    expect(markdown).toContain('| Massimo Aria | 1 | 1 | 1 | 8858 | 5 |');
    expect(markdown).toContain('| Aria 2017 | 2017 | 5 | 8858 |');
    expect(markdown).toContain('### Citation bursts');
    expect(markdown).toContain('None at these settings.');
  });
});
