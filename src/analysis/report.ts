/**
 * The analysis report (report.json; report-markdown.ts renders it): its types, and the top-N
 * tables read from the typed-array results.
 */
import type { CommunitySummary, EdgeKind } from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import type { AuthorIdentityReport } from './author-identity-report.ts';
import type { HomonymCandidate } from './homonyms.ts';
import type { ImpactReport } from './impact/impact-report.ts';
import type { MapsReport } from './maps/summary.ts';
import type { AnalyzeOptions, BuildOptions } from './options.ts';
import type { Stability, SweepPoint } from './partition-diagnostics.ts';
import type { TimeSlice } from './timeline.ts';

/** A part of the analysis the user turned off through the options. */
export type Off = 'off';

export interface ComponentSummary {
  count: number;
  largest: number;
  /** Share of all authors in the largest component. */
  largestShare: number;
  /** Authors with no co-author in the layer. */
  isolated: number;
}

export interface DiagnosticsScope {
  /** 'whole': the layer itself; 'first-level aggregate': the graph of the first Louvain level. */
  graph: 'whole' | 'first-level aggregate';
  nodes: number;
  seeds: number;
}

export interface LayerReport {
  resolution: number;
  modularity: number;
  communities: CommunitySummary[];
  /** Nodes of the layer's kind that belong to no community (no edge in the layer). */
  unassigned: number;
  sweep: SweepPoint[] | Off;
  stability: Stability | Off;
  /** Where the sweep and the stability were computed. */
  diagnostics: DiagnosticsScope | Off;
}

export interface Tables {
  papersPerYear: { year: number | 'unknown'; papers: number }[];
  teamSizes: { authors: number | 'unknown'; papers: number }[];
  mostProductiveAuthors: { author: string; name: string; papers: number }[];
  mostConnectedAuthors: { author: string; name: string; coauthors: number; weightedDegree: number }[];
  mostCentralAuthors: { author: string; name: string; betweenness: number }[];
  mostMentionedReferences: { reference: string; text: string; mentions: number }[];
  bridgingAuthors: { author: string; name: string; communities: number }[];
  bridgingPapers: { paper: string; title: string; themes: number }[];
}

export interface BetweennessReport {
  /** 'exact': Brandes from every author (pivots: the author count); 'sampled': from `pivots` seeded random authors, scaled. */
  method: 'exact' | 'sampled';
  pivots: number;
  /** Normalised as graphology-metrics normalises undirected betweenness. */
  normalized: true;
}

/** What the analysis reports; author identity (joined name variants, possible duplicates) in its own module. */
export interface AnalysisReport extends AuthorIdentityReport {
  summary: {
    papers: number;
    authors: number;
    persons: number;
    groups: number;
    references: number;
    edges: Record<EdgeKind, number>;
  };
  coauthorship: {
    weight: BuildOptions['coauthorWeight'];
    maxAuthorsPerPaper: number;
    cappedPapers: { id: string; title: string; authors: number }[];
    components: ComponentSummary;
    betweenness: BetweennessReport;
  };
  citations: {
    fromReferenceLists: number;
    fromAbstracts: number;
    resolvedInCorpus: number;
    external: number;
    /** What PageRank walks. */
    pagerank: string;
  };
  collaboration: LayerReport;
  /** With themes turned off: no communities, sweep and stability 'off'. */
  themes: LayerReport & { similarityEdges: number };
  tables: Tables;
  /** Citation impact, sources, Lotka's law, the historiograph and bursts. */
  impact: ImpactReport;
  /** One name, groups of papers sharing no co-author and no theme: for the user to decide (thesaurus). */
  homonyms: HomonymCandidate[];
  /** All possible homonyms found; `homonyms` lists the first options.listedHomonyms, most papers first. */
  homonymCandidates: number;
  timeline: TimeSlice[] | Off;
  /** The bibliometric maps, by name (src/analysis/maps/). */
  maps: MapsReport;
  /** 'coarse': communities laid out first, members placed around them (large graphs). */
  layout: { iterations: number; method: 'forceatlas2' | 'coarse' } | Off;
  options: Omit<AnalyzeOptions, 'onProgress'>;
}

/**
 * Indexes of the `count` largest positive scores, ties broken by `tie` (negative: first argument
 * first), without sorting everything: the top-N tables over millions of rows.
 */
export function topIndexes(
  length: number,
  score: (index: number) => number,
  count: number,
  tie: (a: number, b: number) => number,
): number[] {
  const before = (a: number, b: number): boolean => {
    const difference = score(a) - score(b);
    return difference > 0 || (difference === 0 && tie(a, b) < 0);
  };
  const chosen: number[] = [];
  for (let i = 0; i < length; i++) {
    if (!(score(i) > 0)) continue;
    if (chosen.length === count && !before(i, chosen[count - 1]!)) continue;
    let position = chosen.length;
    while (position > 0 && before(i, chosen[position - 1]!)) position--;
    chosen.splice(position, 0, i);
    if (chosen.length > count) chosen.pop();
  }
  return chosen;
}

/** What the tables are read from: per-author and per-paper arrays indexed like the corpus. */
interface TableInputs {
  corpus: Corpus;
  authorDegree: ArrayLike<number>;
  authorStrength: ArrayLike<number>;
  authorBridging: ArrayLike<number>;
  authorBetweenness: ArrayLike<number>;
  references: {
    count: number;
    key: (r: number) => string;
    text: (r: number) => string;
    mentions: (r: number) => number;
  };
  paperBridging: ArrayLike<number> | undefined;
}

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function countedBy(values: Iterable<number | 'unknown'>): [number | 'unknown', number][] {
  const counts = new Map<number | 'unknown', number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) =>
    typeof a[0] === 'number' && typeof b[0] === 'number' ? a[0] - b[0] : typeof a[0] === 'number' ? -1 : 1,
  );
}

export function buildTables(inputs: TableInputs, topN: number): Tables {
  const { corpus, authorDegree, authorStrength, authorBridging, authorBetweenness } = inputs;
  const authorKey = (a: number): string => `author:${corpus.authors[a]!.id}`;
  const paperKey = (p: number): string => `paper:${corpus.papers[p]!.id}`;
  const authorCount = corpus.authors.length;
  const paperCount = corpus.papers.length;
  const byName = (a: number, b: number): number =>
    compareText(corpus.authors[a]!.name, corpus.authors[b]!.name);
  const byTitle = (a: number, b: number): number =>
    compareText(corpus.papers[a]!.title, corpus.papers[b]!.title);
  const author = (a: number) => ({ author: authorKey(a), name: corpus.authors[a]!.name });
  const paper = (p: number) => ({ paper: paperKey(p), title: corpus.papers[p]!.title });
  const { references, paperBridging } = inputs;
  return {
    papersPerYear: countedBy(corpus.papers.map((p) => p.year ?? 'unknown')).map(([year, papers]) => ({
      year,
      papers,
    })),
    teamSizes: countedBy(corpus.papers.map((p) => p.authorCount ?? 'unknown')).map(([authors, papers]) => ({
      authors,
      papers,
    })),
    mostProductiveAuthors: topIndexes(authorCount, (a) => corpus.authors[a]!.papers.length, topN, byName).map(
      (a) => ({ ...author(a), papers: corpus.authors[a]!.papers.length }),
    ),
    mostConnectedAuthors: topIndexes(
      authorCount,
      (a) => authorDegree[a]! + authorStrength[a]! / 1e6,
      topN,
      byName,
    ).map((a) => ({ ...author(a), coauthors: authorDegree[a]!, weightedDegree: authorStrength[a]! })),
    mostCentralAuthors: topIndexes(authorCount, (a) => authorBetweenness[a]!, topN, byName).map((a) => ({
      ...author(a),
      betweenness: authorBetweenness[a]!,
    })),
    mostMentionedReferences: topIndexes(references.count, references.mentions, topN, (a, b) =>
      compareText(references.text(a), references.text(b)),
    ).map((r) => ({
      reference: references.key(r),
      text: references.text(r),
      mentions: references.mentions(r),
    })),
    bridgingAuthors: topIndexes(authorCount, (a) => authorBridging[a]!, topN, byName).map((a) => ({
      ...author(a),
      communities: authorBridging[a]!,
    })),
    bridgingPapers: paperBridging
      ? topIndexes(paperCount, (p) => paperBridging[p]!, topN, byTitle).map((p) => ({
          ...paper(p),
          themes: paperBridging[p]!,
        }))
      : [],
  };
}
