/**
 * The analysis of a large corpus on typed arrays: the same layers, communities, metrics and
 * report as `analyze()` (../pipeline.ts) without a graphology object per node and edge, so a
 * million papers fit in a few GB. What is left out at this scale (betweenness, the resolution
 * sweep, seed stability, the timeline, homonym hints, abstract-mined mentions and external
 * reference nodes) is listed in the report's `scale.skipped`.
 */
import type { CommunitySummary, EdgeKind } from '../../model/graph-schema.ts';
import type { Corpus } from '../../model/types.ts';
import { bigFloat64, bigInt32, bigUint32 } from '../../util/big-arrays.ts';
import { seededRandom } from '../../util/random.ts';
import type { ParallelKnn } from '../knn.ts';
import { communityColor } from '../palette.ts';
import type { AnalysisReport, AnalyzeOptions } from '../pipeline.ts';
import type { ParallelTextModel } from '../text.ts';
import { buildCitations, type CompactCitations } from './citations.ts';
import { buildCoauthorship, type CompactCoauthorship } from './coauthor.ts';
import { type CompactComponents, connectedComponents } from './components.ts';
import { type CorpusIndex, indexCorpus } from './corpus-index.ts';
import { arcCount, type CsrGraph } from './csr.ts';
import { type CompactLayout, compactCoarseLayout } from './layout.ts';
import { type CompactPartition, louvainCsr } from './louvain.ts';
import { pagerankCsr } from './pagerank.ts';
import {
  analyzeThemes,
  bridgingCounts,
  type CompactThemes,
  rowSums,
  type ThemesSettings,
  themeText,
} from './themes.ts';

export type { CompactThemes } from './themes.ts';

/** Corpora with more papers than this are analysed on typed arrays by default. */
export const COMPACT_ANALYSIS_ABOVE = 200_000;
/** Members listed per community in the report (the size says how many there are). */
const LISTED_MEMBERS = 100;

/** Everything the compact analysis computed, indexed like corpus.papers and corpus.authors. */
export interface CompactAnalysis {
  corpus: Corpus;
  index: CorpusIndex;
  coauthorship: CompactCoauthorship;
  collaboration: CompactPartition;
  /** Per author: co-authors, summed co-authorship weight, other groups among co-authors. */
  authorDegree: Uint32Array;
  authorStrength: Float64Array;
  authorBridging: Uint32Array;
  components: CompactComponents;
  citations: CompactCitations;
  /** Per paper: PageRank on the citation layer, citation degree (in + out). */
  pagerank: Float64Array;
  citationDegree: Uint32Array;
  themes: CompactThemes | undefined;
  /** Positions: papers 0..P-1, then authors P..P+A-1. */
  layout: CompactLayout | undefined;
  collaborationLabels: string[];
  themeLabels: string[];
  report: AnalysisReport;
}

export type CompactAnalyzeOptions = AnalyzeOptions & {
  /** Compute themes (TF-IDF similarity + Louvain); the most expensive step at a million papers. */
  themesEnabled: boolean;
  /** Splits the themes' nearest-neighbour search over threads (Node: knn-parallel-node.ts); absent, one thread. */
  parallelKnn?: ParallelKnn;
  /** Builds the themes' text model partly on several threads (Node: text-model-parallel-node.ts); absent, one thread. */
  parallelTextModel?: ParallelTextModel;
};

function membersOf(partition: CompactPartition): number[][] {
  const members: number[][] = Array.from({ length: partition.count }, () => []);
  partition.membership.forEach((community, node) => {
    if (community >= 0) members[community]!.push(node);
  });
  return members;
}

/** Authorship as one undirected CSR over papers (0..P-1) and authors (P..P+A-1), for the layout. */
function authorshipLayer(index: CorpusIndex): CsrGraph {
  const { paperCount, authorCount, paperOffsets, paperAuthors, authorOffsets, authorPapers } = index;
  const n = paperCount + authorCount;
  const offsets = bigFloat64(n + 1);
  const targets = bigUint32(paperAuthors.length * 2);
  let write = 0;
  for (let p = 0; p < paperCount; p++) {
    offsets[p] = write;
    for (let i = paperOffsets[p]!; i < paperOffsets[p + 1]!; i++)
      targets[write++] = paperCount + paperAuthors[i]!;
  }
  for (let a = 0; a < authorCount; a++) {
    offsets[paperCount + a] = write;
    for (let i = authorOffsets[a]!; i < authorOffsets[a + 1]!; i++) targets[write++] = authorPapers[i]!;
  }
  offsets[n] = write;
  return { nodeCount: n, offsets, targets, weights: bigFloat64(write).fill(1) };
}

function collaborationSummaries(
  analysis: Pick<CompactAnalysis, 'corpus' | 'collaboration' | 'authorStrength'>,
  labelMembers: number,
): CommunitySummary[] {
  const { corpus, collaboration, authorStrength } = analysis;
  return membersOf(collaboration).map((members, id) => {
    const ranked = members.sort(
      (a, b) =>
        authorStrength[b]! - authorStrength[a]! ||
        corpus.authors[b]!.papers.length - corpus.authors[a]!.papers.length ||
        a - b,
    );
    return {
      id,
      layer: 'collaboration',
      label: ranked
        .slice(0, labelMembers)
        .map((author) => corpus.authors[author]!.name)
        .join(', '),
      size: members.length,
      members: ranked.slice(0, LISTED_MEMBERS).map((author) => `author:${corpus.authors[author]!.id}`),
      color: communityColor(id),
    };
  });
}

function themeSummaries(corpus: Corpus, themes: CompactThemes): CommunitySummary[] {
  return membersOf(themes.partition).map((members, id) => {
    const ranked = members.sort((a, b) => themes.strength[b]! - themes.strength[a]! || a - b);
    const terms = themes.terms.get(id) ?? [];
    return {
      id,
      layer: 'theme',
      label: terms.join(', ') || `theme ${id}`,
      size: members.length,
      members: ranked.slice(0, LISTED_MEMBERS).map((paper) => `paper:${corpus.papers[paper]!.id}`),
      terms,
      color: communityColor(id),
    };
  });
}

/**
 * Indexes of the `count` largest positive scores, ties broken by `tie` (negative: first argument
 * first), without sorting everything: the report's top-N tables over millions of rows.
 */
function topIndexes(
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

function tablesOf(
  analysis: Omit<CompactAnalysis, 'report' | 'layout'>,
  topN: number,
): AnalysisReport['tables'] {
  const { corpus, authorDegree, authorStrength, authorBridging, citations, pagerank } = analysis;
  const years = new Map<number | 'unknown', number>();
  const teams = new Map<number | 'unknown', number>();
  for (const paper of corpus.papers) {
    const year = paper.year ?? 'unknown';
    years.set(year, (years.get(year) ?? 0) + 1);
    const team = paper.authorCount ?? 'unknown';
    teams.set(team, (teams.get(team) ?? 0) + 1);
  }
  const byKey = <T>(entries: [number | 'unknown', T][]) =>
    entries.sort((a, b) =>
      typeof a[0] === 'number' && typeof b[0] === 'number' ? a[0] - b[0] : typeof a[0] === 'number' ? -1 : 1,
    );
  const authorKey = (a: number): string => `author:${corpus.authors[a]!.id}`;
  const paperKey = (p: number): string => `paper:${corpus.papers[p]!.id}`;
  const authorCount = corpus.authors.length;
  const paperCount = corpus.papers.length;
  const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const byName = (a: number, b: number): number =>
    compareText(corpus.authors[a]!.name, corpus.authors[b]!.name);
  const byTitle = (a: number, b: number): number =>
    compareText(corpus.papers[a]!.title, corpus.papers[b]!.title);
  return {
    papersPerYear: byKey([...years]).map(([year, papers]) => ({ year, papers })),
    teamSizes: byKey([...teams]).map(([authors, papers]) => ({ authors, papers })),
    mostProductiveAuthors: topIndexes(authorCount, (a) => corpus.authors[a]!.papers.length, topN, byName).map(
      (a) => ({
        author: authorKey(a),
        name: corpus.authors[a]!.name,
        papers: corpus.authors[a]!.papers.length,
      }),
    ),
    mostConnectedAuthors: topIndexes(
      authorCount,
      (a) => authorDegree[a]! + authorStrength[a]! / 1e6,
      topN,
      byName,
    ).map((a) => ({
      author: authorKey(a),
      name: corpus.authors[a]!.name,
      coauthors: authorDegree[a]!,
      weightedDegree: authorStrength[a]!,
    })),
    mostCentralAuthors: [],
    mostMentionedReferences: [],
    mostCitedPapers: topIndexes(
      paperCount,
      (p) => citations.citedBy[p]!,
      topN,
      (a, b) => pagerank[b]! - pagerank[a]! || byTitle(a, b),
    ).map((p) => ({
      paper: paperKey(p),
      title: corpus.papers[p]!.title,
      citedBy: citations.citedBy[p]!,
      pagerank: pagerank[p]!,
    })),
    bridgingAuthors: topIndexes(authorCount, (a) => authorBridging[a]!, topN, byName).map((a) => ({
      author: authorKey(a),
      name: corpus.authors[a]!.name,
      communities: authorBridging[a]!,
    })),
    bridgingPapers: analysis.themes
      ? topIndexes(paperCount, (p) => analysis.themes!.bridging[p]!, topN, byTitle).map((p) => ({
          paper: paperKey(p),
          title: corpus.papers[p]!.title,
          themes: analysis.themes!.bridging[p]!,
        }))
      : [],
  };
}

const SKIPPED_AT_SCALE = [
  'betweenness (O(n·m))',
  'resolution sweep and seed stability (many Louvain runs)',
  'collaboration timeline',
  'homonym hints',
  'citations mined from abstracts and external reference nodes',
];

/** What the analysis computes before the themes (they need none of it). */
type BeforeThemes = Omit<
  CompactAnalysis,
  'themes' | 'layout' | 'collaborationLabels' | 'themeLabels' | 'report'
>;

const STEPS = 7;

function progressOf(options: CompactAnalyzeOptions): (step: string, done: number) => void {
  return (step, done) => options.onProgress?.(step, done, STEPS);
}

/** The themes' settings within the analysis options. */
export const themesSettings = (options: CompactAnalyzeOptions): ThemesSettings => ({
  themes: options.themes,
  seed: options.seed,
});

/** Indexing, co-authorship and collaborator groups, citations and PageRank; reports the 'themes' step last. */
function analyzeBeforeThemes(corpus: Corpus, options: CompactAnalyzeOptions): BeforeThemes {
  const progress = progressOf(options);
  progress('indexing', 0);
  const index = indexCorpus(corpus);
  progress('co-authorship', 1);
  const coauthorship = buildCoauthorship(index, {
    maxAuthorsPerPaper: options.build.maxAuthorsPerPaper,
    weight: options.build.coauthorWeight,
  });
  const collaboration = louvainCsr(coauthorship.graph, {
    resolution: options.collaborationResolution,
    random: seededRandom(options.seed),
  });
  const { degree: authorDegree, strength: authorStrength } = rowSums(coauthorship.graph);
  const authorBridging = bridgingCounts(coauthorship.graph, collaboration.membership);
  const components = connectedComponents(coauthorship.graph);
  progress('citations', 2);
  const citations = buildCitations(corpus);
  const pagerank = pagerankCsr(citations.graph, {
    alpha: options.metrics.pagerankAlpha,
    maxIterations: 100,
    tolerance: 1e-6,
  }).scores.map((score) => Math.round(score * 1e9) / 1e9);
  const citationDegree = bigUint32(corpus.papers.length);
  for (let p = 0; p < corpus.papers.length; p++)
    citationDegree[p] = citations.graph.offsets[p + 1]! - citations.graph.offsets[p]! + citations.citedBy[p]!;
  progress('themes', 3);
  return {
    corpus,
    index,
    coauthorship,
    collaboration,
    authorDegree,
    authorStrength,
    authorBridging,
    components,
    citations,
    pagerank,
    citationDegree,
  };
}

/** The themes on this thread. */
function themesHere(corpus: Corpus, options: CompactAnalyzeOptions): CompactThemes {
  const papers = corpus.papers;
  return analyzeThemes(
    (index) => themeText(papers[index]!.title, papers[index]!.abstract),
    papers.length,
    themesSettings(options),
    { parallelKnn: options.parallelKnn, parallelTextModel: options.parallelTextModel },
  );
}

/** The compact analysis: see the module comment. Seeded and deterministic like analyze(). */
export function analyzeCompact(corpus: Corpus, options: CompactAnalyzeOptions): CompactAnalysis {
  const before = analyzeBeforeThemes(corpus, options);
  return analyzeAfterThemes(before, options.themesEnabled ? themesHere(corpus, options) : undefined, options);
}

/**
 * The same analysis, with themes computed elsewhere (Node: themes-worker-node.ts, started as soon
 * as the papers were merged, with themesSettings(options)) while this thread does everything
 * before them; the 'themes' step is then the wait for them. Without `themes`, they are computed here.
 */
export async function analyzeCompactOverlapped(
  corpus: Corpus,
  options: CompactAnalyzeOptions,
  themes: Promise<CompactThemes> | undefined,
): Promise<CompactAnalysis> {
  const before = analyzeBeforeThemes(corpus, options);
  if (!options.themesEnabled) return analyzeAfterThemes(before, undefined, options);
  const computed = themes ? await themes : themesHere(corpus, options);
  if (computed.similarity.nodeCount !== corpus.papers.length)
    throw new Error(
      `themes were computed for ${computed.similarity.nodeCount} papers, the corpus has ${corpus.papers.length}`,
    );
  return analyzeAfterThemes(before, computed, options);
}

/** Labels, layout and report. */
function analyzeAfterThemes(
  before: BeforeThemes,
  themes: CompactThemes | undefined,
  options: CompactAnalyzeOptions,
): CompactAnalysis {
  const progress = progressOf(options);
  const { corpus, index, coauthorship, collaboration, authorDegree, citations, components } = before;
  const partial = {
    ...before,
    themes,
    collaborationLabels: [] as string[],
    themeLabels: [] as string[],
  };
  const collaborationCommunities = collaborationSummaries(partial, options.labelMembers);
  const themeCommunities = themes ? themeSummaries(corpus, themes) : [];
  partial.collaborationLabels = collaborationCommunities.map((community) => community.label);
  partial.themeLabels = themeCommunities.map((community) => community.label);

  progress('layout', 4);
  let layout: CompactLayout | undefined;
  if (options.layout) {
    const paperCount = corpus.papers.length;
    const groupOf = bigInt32(paperCount + corpus.authors.length).fill(-1);
    const themeOffset = collaboration.count;
    if (themes)
      for (let p = 0; p < paperCount; p++) {
        const theme = themes.partition.membership[p]!;
        if (theme >= 0) groupOf[p] = themeOffset + theme;
      }
    collaboration.membership.forEach((community, author) => {
      groupOf[paperCount + author] = community;
    });
    layout = compactCoarseLayout(
      {
        groupOf,
        layers: [coauthorship.graph, authorshipLayer(index), ...(themes ? [themes.similarity] : [])],
        layerOffsets: [paperCount, 0, 0],
      },
      seededRandom(options.seed),
    );
  }

  progress('report', 5);
  const personCount = corpus.authors.filter((author) => author.kind === 'person').length;
  const coauthorEdges = arcCount(coauthorship.graph) / 2;
  const themeEdges = themes ? arcCount(themes.similarity) / 2 : 0;
  const edges: Record<EdgeKind, number> = {
    authored: index.paperAuthors.length,
    coauthor: coauthorEdges,
    cites: citations.resolvedInCorpus,
    mentions: 0,
    similar: themeEdges,
  };
  const withCoauthors = authorDegree.reduce((count, degree) => count + (degree > 0 ? 1 : 0), 0);
  const { onProgress: _ignored, ...recordedOptions } = options;
  const analysis: CompactAnalysis = {
    ...partial,
    layout,
    report: {
      summary: {
        papers: corpus.papers.length,
        authors: corpus.authors.length,
        persons: personCount,
        groups: corpus.authors.length - personCount,
        references: 0,
        edges,
      },
      coauthorship: {
        weight: options.build.coauthorWeight,
        maxAuthorsPerPaper: options.build.maxAuthorsPerPaper,
        cappedPapers: coauthorship.capped.map((p) => ({
          id: corpus.papers[p]!.id,
          title: corpus.papers[p]!.title,
          authors: index.paperOffsets[p + 1]! - index.paperOffsets[p]!,
        })),
        components: {
          count: components.sizes.length,
          largest: components.sizes[0] ?? 0,
          largestShare: corpus.authors.length > 0 ? (components.sizes[0] ?? 0) / corpus.authors.length : 0,
          isolated: corpus.authors.length - withCoauthors,
        },
        betweenness: 'skipped',
      },
      citations: {
        fromReferenceLists: citations.fromReferenceLists,
        fromAbstracts: 0,
        resolvedInCorpus: citations.resolvedInCorpus,
        external: citations.external,
      },
      collaboration: {
        resolution: options.collaborationResolution,
        modularity: collaboration.modularity,
        communities: collaborationCommunities,
        unassigned: corpus.authors.length - withCoauthors,
        sweep: 'skipped',
        stability: 'skipped',
      },
      themes: {
        resolution: options.themes.resolution,
        modularity: themes?.partition.modularity ?? 0,
        communities: themeCommunities,
        unassigned: themes
          ? themes.partition.membership.reduce((count, theme) => count + (theme < 0 ? 1 : 0), 0)
          : corpus.papers.length,
        similarityEdges: themeEdges,
        sweep: 'skipped',
        stability: 'skipped',
      },
      tables: tablesOf({ ...partial }, options.metrics.topN),
      homonyms: [],
      timeline: 'skipped',
      layout: layout ? { iterations: layout.iterations, method: 'coarse' } : 'skipped',
      options: recordedOptions,
      scale: {
        mode: 'compact',
        skipped: themes ? SKIPPED_AT_SCALE : [...SKIPPED_AT_SCALE, 'themes (turned off)'],
        listedMembersPerCommunity: LISTED_MEMBERS,
      },
    },
  };
  progress('done', 7);
  return analysis;
}
