/** The impact section of report.md, from report.json's `impact`. */

import type { Historiograph } from '../../model/graph-schema.ts';
import { fixed, table } from '../markdown-table.ts';
import type { BurstRow } from './bursts.ts';
import type { ImpactReport } from './impact-report.ts';

const orDash = (value: number | undefined): string | number => value ?? '–';

/** The table, or what its emptiness means. */
function tableOr(empty: string, headers: string[], rows: (string | number)[][]): string {
  return rows.length === 0 ? empty : table(headers, rows);
}

/** The most globally and the most locally cited papers (in the report's tables). */
export function citedPapersMarkdown(impact: ImpactReport): string {
  return [
    '### Most globally cited papers',
    '',
    'Times cited anywhere, as the source records give it (WoS TC, Scopus Cited by, OpenAlex cited_by_count).',
    '',
    tableOr(
      'No paper has a global citation count above 0.',
      ['paper', 'year', 'global citations', 'local citations'],
      impact.mostGloballyCitedPapers.map((row) => [
        row.title,
        orDash(row.year),
        row.globalCitations,
        row.localCitations,
      ]),
    ),
    '',
    '### Most locally cited papers',
    '',
    'Cited by other papers of the corpus.',
    '',
    tableOr(
      'No paper of the corpus is cited by another.',
      ['paper', 'year', 'local citations', 'global citations', 'PageRank'],
      impact.mostLocallyCitedPapers.map((row) => [
        row.title,
        orDash(row.year),
        row.localCitations,
        orDash(row.globalCitations),
        fixed(row.pagerank, 4),
      ]),
    ),
  ].join('\n');
}

function burstTable(noun: string, documents: string, rows: BurstRow[]): string {
  return tableOr(
    'None at these settings.',
    [noun, 'begin', 'end', 'strength', documents],
    rows.map((row) => [row.label, row.begin, row.end, fixed(row.strength, 2), row.documents]),
  );
}

function historiographMarkdown(historiograph: Historiograph): string {
  if (historiograph.nodes.length === 0)
    return '### Historiograph\n\nNo paper of the corpus is cited by another: the historiograph is empty.';
  const labelOf = new Map(historiograph.nodes.map((node) => [node.id, node.label]));
  const cited = new Map<string, string[]>();
  for (const edge of historiograph.edges)
    cited.set(edge.source, [...(cited.get(edge.source) ?? []), labelOf.get(edge.target)!]);
  return [
    '### Historiograph',
    '',
    `The ${historiograph.nodes.length} most locally cited papers, oldest first, and the ${historiograph.edges.length} citations among them (report.json \`impact.historiograph\`, graph.json attribute \`historiograph\`).`,
    '',
    table(
      ['paper', 'label', 'year', 'local citations', 'global citations', 'cites (in the graph)'],
      historiograph.nodes.map((node) => [
        node.title,
        node.label,
        orDash(node.year),
        node.localCitations,
        orDash(node.globalCitations),
        (cited.get(node.id) ?? []).join('; '),
      ]),
    ),
  ].join('\n');
}

export function impactMarkdown(impact: ImpactReport): string {
  const { citationCounts, sources, lotka, historiograph, bursts } = impact;
  const parts = [
    '## Impact and time',
    '',
    `The h- and g-index and the normalised citations count global citations for the ${citationCounts.global} papers whose source gives them, and local citations (papers of the corpus citing it) for the ${citationCounts.localOnly} others.`,
    '',
    '### Authors by h-index',
    '',
    tableOr(
      "No author's papers are cited.",
      ['author', 'papers', 'h-index', 'g-index', 'global citations', 'local citations'],
      impact.authorIndices.map((row) => [
        row.name,
        row.papers,
        row.hIndex,
        row.gIndex,
        orDash(row.globalCitations),
        row.localCitations,
      ]),
    ),
    '',
    '### Most productive sources',
    '',
    `${sources.count} sources; ${sources.papersWithoutSource} papers name none.`,
    '',
    table(
      ['source', 'papers', 'global citations', 'local citations', 'h-index', 'g-index', 'Bradford zone'],
      sources.mostProductive.map((row) => [
        row.source,
        row.papers,
        orDash(row.globalCitations),
        row.localCitations,
        row.hIndex,
        row.gIndex,
        row.zone,
      ]),
    ),
    '',
    "Bradford's zones (sources ranked by papers; each zone holds about a third of the papers):",
    '',
    table(
      ['zone', 'sources', 'papers'],
      sources.bradford.map((zone) => [zone.zone, zone.sources, zone.papers]),
    ),
    '',
    "### Lotka's law",
    '',
    lotka.fit === 'too few distinct counts'
      ? 'Authors have fewer than two distinct paper counts: no fit.'
      : `Share of authors with n papers ≈ C / n^β with β = ${fixed(lotka.fit.exponent)} and C = ${fixed(lotka.fit.constant)} (R² = ${fixed(lotka.fit.r2)}), least squares on log10 share against log10 n; Lotka's own β is 2.`,
    '',
    table(
      ['papers', 'authors', 'share'],
      lotka.distribution.map((row) => [row.papers, row.authors, fixed(row.share)]),
    ),
    '',
    historiographMarkdown(historiograph),
    '',
    '### Citation bursts',
    '',
    `Kleinberg's two-state model by year (burst rate ${bursts.settings.stateRatio}× the base rate, γ = ${bursts.settings.gamma}, at least ${bursts.settings.minDuration} year(s)), over the ${bursts.settings.candidates} most cited references and the ${bursts.settings.candidates} most frequent keywords with at least ${bursts.settings.minDocuments} papers each; strength is what the burst state saves over the base state.`,
    '',
    burstTable('reference', 'citing papers', bursts.references),
    '',
    '### Keyword bursts',
    '',
    burstTable('keyword', 'papers', bursts.keywords),
  ];
  return parts.join('\n');
}
