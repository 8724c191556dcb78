/**
 * The analysis of a corpus, the same at every size: the corpus becomes typed-array layers
 * (co-authorship, authorship, citations, theme similarity), every algorithm runs on them, and
 * the results are read through one graph view (graph-view.ts) that the graphology graph, the
 * exports and the stores are built from. Pure and seeded: the same corpus and options give the
 * same results.
 */
import { graphFromView } from '../graph/from-view.ts';
import type { AnalysedGraph } from '../graph/readable.ts';
import type { CommunitySummary, EdgeKind, GraphAttributes } from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import { bigFloat64, bigInt32, bigUint32 } from '../util/big-arrays.ts';
import { seededRandom } from '../util/random.ts';
import { authorIdentityReport } from './author-identity-report.ts';
import { betweennessPivots } from './betweenness.ts';
import { buildCitations, type CompactCitations, citationPagerank } from './citations.ts';
import { buildCoauthorship, type CompactCoauthorship } from './coauthor.ts';
import { type CompactComponents, connectedComponents } from './components.ts';
import { type CorpusIndex, indexCorpus } from './corpus-index.ts';
import { arcCount, type CsrGraph, undirectedFromEdges } from './csr.ts';
import { AnalysisView } from './graph-view.ts';
import { homonymHints } from './homonyms.ts';
import { analyzeImpact, type Impact } from './impact/impact.ts';
import type { ParallelKnn } from './knn.ts';
import { type LayerJob, type LayerJobResult, type LayerJobRunner, runLayerJob } from './layer-job.ts';
import { type CompactLayout, layoutNetwork } from './layout.ts';
import { type CompactPartition, louvainCsr } from './louvain.ts';
import { type BibliometricMaps, buildMaps } from './maps/build.ts';
import { mapEdgeCounts, mapGraphAttributes, mapsReport } from './maps/summary.ts';
import { leidenCommunities } from './maps/vos.ts';
import { type AnalyzeOptions, analyzeOptions, type PartialAnalyzeOptions } from './options.ts';
import { communityColor } from './palette.ts';
import type { DiagnosticsSettings } from './partition-diagnostics.ts';
import { type AnalysisReport, buildTables, type LayerReport } from './report.ts';
import type { ParallelTextModel } from './text-model-threads.ts';
import {
  analyzeThemes,
  bridgingCounts,
  type CompactThemes,
  rowSums,
  type ThemesSettings,
  themeText,
} from './themes.ts';
import { collaborationTimeline } from './timeline.ts';

export type { CompactThemes } from './themes.ts';

/** Everything the analysis computed, indexed like corpus.papers and corpus.authors. */
export interface Analysis {
  corpus: Corpus;
  options: AnalyzeOptions;
  index: CorpusIndex;
  coauthorship: CompactCoauthorship;
  collaboration: CompactPartition;
  /** Per author: co-authors, summed co-authorship weight, other groups among co-authors, betweenness. */
  authorDegree: Uint32Array;
  authorStrength: Float64Array;
  authorBridging: Uint32Array;
  authorBetweenness: Float64Array;
  /** How the betweenness was computed: every author as a source, or seeded random pivots. */
  betweennessMethod: { method: 'exact' | 'sampled'; pivots: number };
  components: CompactComponents;
  citations: CompactCitations;
  /** Per citation node (papers, then external references): PageRank and citation degree (in + out). */
  pagerank: Float64Array;
  citationDegree: Uint32Array;
  /** Citation counts, indices and overlay averages per paper and author (impact/impact.ts). */
  impact: Impact;
  themes: CompactThemes | undefined;
  /** The bibliometric maps (co-citation, coupling, keywords, countries, institutions) turned on. */
  maps: BibliometricMaps;
  /** Positions: papers 0..P-1, authors P..P+A-1, external references P+A.. */
  layout: CompactLayout | undefined;
  collaborationLabels: string[];
  themeLabels: string[];
  report: AnalysisReport;
}

/** Threads the analysis may use (Node: knn-parallel-node.ts, text-model-parallel-node.ts, layer-worker-node.ts); absent, this one. */
interface AnalysisThreads {
  parallelKnn?: ParallelKnn;
  parallelTextModel?: ParallelTextModel;
  /** Where the co-authorship layer's betweenness, sweep and stability run (Node: layer-worker-node.ts); absent, here. */
  layerJob?: LayerJobRunner;
}

const STEPS = 9;

const progressOf =
  (options: AnalyzeOptions) =>
  (step: string, done: number): void =>
    options.onProgress?.(step, done, STEPS);

/** The themes' settings within the analysis options: plain data a worker thread can receive. */
const diagnosticsSettings = (options: AnalyzeOptions): DiagnosticsSettings => ({
  resolutions: options.sweepResolutions,
  seeds: options.stabilitySeeds,
  seed: options.seed,
  wholeGraphUpTo: options.diagnosticsWholeGraphUpTo,
});

export const themesSettings = (options: AnalyzeOptions): ThemesSettings => ({
  themes: options.themes,
  seed: options.seed,
  diagnostics: diagnosticsSettings(options),
});

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

/** Citations (papers, then references) as an undirected CSR in the layout's numbering (references after the authors). */
function citationLayer(citations: CsrGraph, paperCount: number, authorCount: number): CsrGraph {
  const arcs = arcCount(citations);
  const sources = bigUint32(arcs);
  const targets = bigUint32(arcs);
  const shift = (v: number): number => (v < paperCount ? v : v + authorCount);
  for (let v = 0; v < citations.nodeCount; v++)
    for (let arc = citations.offsets[v]!; arc < citations.offsets[v + 1]!; arc++) {
      sources[arc] = shift(v);
      targets[arc] = shift(citations.targets[arc]!);
    }
  return undirectedFromEdges(citations.nodeCount + authorCount, sources, targets, 1);
}

function collaborationSummaries(
  analysis: Pick<Analysis, 'corpus' | 'collaboration' | 'authorStrength'>,
  options: AnalyzeOptions,
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
        .slice(0, options.labelMembers)
        .map((author) => corpus.authors[author]!.name)
        .join(', '),
      size: members.length,
      members: ranked.slice(0, options.listedMembers).map((author) => `author:${corpus.authors[author]!.id}`),
      color: communityColor(id),
    };
  });
}

function themeSummaries(corpus: Corpus, themes: CompactThemes, options: AnalyzeOptions): CommunitySummary[] {
  return membersOf(themes.partition).map((members, id) => {
    const ranked = members.sort((a, b) => themes.strength[b]! - themes.strength[a]! || a - b);
    const terms = themes.terms.get(id) ?? [];
    return {
      id,
      layer: 'theme',
      label: terms.join(', ') || `theme ${id}`,
      size: members.length,
      members: ranked.slice(0, options.listedMembers).map((paper) => `paper:${corpus.papers[paper]!.id}`),
      terms,
      color: communityColor(id),
    };
  });
}

/**
 * What the analysis computes before the themes (they need none of it); the co-authorship layer's
 * betweenness, sweep and stability may still be on their way from another thread.
 */
type BeforeThemes<Layer = LayerJobResult> = Pick<
  Analysis,
  | 'corpus'
  | 'options'
  | 'index'
  | 'coauthorship'
  | 'collaboration'
  | 'authorDegree'
  | 'authorStrength'
  | 'authorBridging'
  | 'components'
  | 'citations'
  | 'pagerank'
  | 'citationDegree'
  | 'impact'
  | 'maps'
> & {
  layer: Layer;
  timeline: AnalysisReport['timeline'];
};

/**
 * Indexing, co-authorship and collaborator groups with their diagnostics, citations and PageRank,
 * impact, maps and the timeline: everything the themes do not feed, so that it runs while they do.
 */
function analyzeBeforeThemes<Layer extends LayerJobResult | Promise<LayerJobResult>>(
  corpus: Corpus,
  options: AnalyzeOptions,
  runJob: (job: LayerJob) => Layer,
): BeforeThemes<Layer> {
  const progress = progressOf(options);
  progress('indexing', 0);
  const index = indexCorpus(corpus);
  progress('co-authorship', 1);
  const coauthorship = buildCoauthorship(index, {
    maxAuthorsPerPaper: options.build.maxAuthorsPerPaper,
    weight: options.build.coauthorWeight,
  });
  const collaboration =
    options.collaborationClustering === 'leiden'
      ? // One start: the co-authorship layer is large (the maps run the VOSviewer default of ten).
        leidenCommunities(
          coauthorship.graph,
          options.collaborationResolution,
          { ...options.maps.leiden, randomStarts: 1 },
          options.seed,
        )
      : louvainCsr(coauthorship.graph, {
          resolution: options.collaborationResolution,
          random: seededRandom(options.seed),
        });
  const { degree: authorDegree, strength: authorStrength } = rowSums(coauthorship.graph);
  const authorBridging = bridgingCounts(coauthorship.graph, collaboration.membership);
  const components = connectedComponents(coauthorship.graph);
  const pivots = betweennessPivots(
    coauthorship.graph.nodeCount,
    arcCount(coauthorship.graph),
    options.metrics.betweennessBudget,
    options.metrics.betweennessMinPivots,
  );
  const layer = runJob({
    graph: coauthorship.graph,
    membership: collaboration.membership,
    resolution: options.collaborationResolution,
    settings: diagnosticsSettings(options),
    ...(options.collaborationClustering === 'leiden' ? { leiden: options.maps.leiden } : {}),
    ...(pivots === undefined ? {} : { pivots }),
    seed: options.seed,
  });
  progress('citations', 2);
  const citations = buildCitations(corpus, { mineAbstracts: options.build.mineAbstracts });
  const pagerank = citationPagerank(citations, options.metrics.pagerankAlpha);
  const citationGraph = citations.graph;
  const citationDegree = bigUint32(citationGraph.nodeCount);
  for (let v = 0; v < citationGraph.nodeCount; v++) {
    citationDegree[v]! += citationGraph.offsets[v + 1]! - citationGraph.offsets[v]!;
    for (let arc = citationGraph.offsets[v]!; arc < citationGraph.offsets[v + 1]!; arc++)
      citationDegree[citationGraph.targets[arc]!]!++;
  }
  const impact = analyzeImpact({ corpus, index, citations, pagerank }, options.impact, options.metrics.topN);

  progress('maps', 3);
  const maps = buildMaps({ corpus, citations, scores: impact.papers }, options);

  progress('timeline', 4);
  const timeline = options.timeline
    ? collaborationTimeline(
        {
          corpus,
          index,
          maxAuthorsPerPaper: options.build.maxAuthorsPerPaper,
          weight: options.build.coauthorWeight,
        },
        { ...options.timeline, seed: options.seed },
      )
    : 'off';
  return {
    layer,
    maps,
    timeline,
    corpus,
    options,
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
    impact,
  };
}

function themesHere(corpus: Corpus, options: AnalyzeOptions, threads: AnalysisThreads): CompactThemes {
  const papers = corpus.papers;
  return analyzeThemes(
    (index) => themeText(papers[index]!.title, papers[index]!.abstract),
    papers.length,
    themesSettings(options),
    threads,
  );
}

/** The analysis of a corpus on this thread: see the module comment. */
export function analyzeCorpus(
  corpus: Corpus,
  partialOptions: PartialAnalyzeOptions = {},
  threads: AnalysisThreads = {},
): Analysis {
  const options = analyzeOptions(partialOptions);
  const before = analyzeBeforeThemes(corpus, options, runLayerJob);
  if (!options.themes.enabled) return analyzeAfterThemes(before, undefined);
  progressOf(options)('themes', 5);
  return analyzeAfterThemes(before, themesHere(corpus, options, threads));
}

/**
 * The same analysis, with the themes computed elsewhere (Node: themes-worker-node.ts, started as
 * soon as the papers were merged, with themesSettings(options)) while this thread does everything
 * before them; the 'themes' step is then the wait for them. Without `themes`, they are computed here.
 */
export async function analyzeCorpusOverlapped(
  corpus: Corpus,
  partialOptions: PartialAnalyzeOptions,
  themes: Promise<CompactThemes> | undefined,
  threads: AnalysisThreads = {},
): Promise<Analysis> {
  const options = analyzeOptions(partialOptions);
  const started = analyzeBeforeThemes(corpus, options, threads.layerJob ?? runLayerJob);
  // Awaited only after the themes: a failure before then is not an unhandled rejection.
  Promise.resolve(started.layer).catch(() => undefined);
  const settle = async () => ({ ...started, layer: await started.layer });
  if (!options.themes.enabled) return analyzeAfterThemes(await settle(), undefined);
  progressOf(options)('themes', 5);
  const computed = themes ? await themes : themesHere(corpus, options, threads);
  const before = await settle();
  if (computed.similarity.nodeCount !== corpus.papers.length)
    throw new Error(
      `themes were computed for ${computed.similarity.nodeCount} papers, the corpus has ${corpus.papers.length}`,
    );
  return analyzeAfterThemes(before, computed);
}

/** Labels, diagnostics, timeline, homonyms, layout and report. */
function analyzeAfterThemes(before: BeforeThemes, themes: CompactThemes | undefined): Analysis {
  const { corpus, options, index, coauthorship, collaboration, authorDegree, citations, components } = before;
  const progress = progressOf(options);
  const collaborationCommunities = collaborationSummaries(before, options);
  const themeCommunities = themes ? themeSummaries(corpus, themes, options) : [];
  const paperCount = corpus.papers.length;
  const authorCount = corpus.authors.length;
  const referenceCount = citations.graph.nodeCount - paperCount;

  const { maps, timeline } = before;
  const {
    diagnostics: collaborationDiagnostics,
    betweenness: authorBetweenness,
    betweennessMethod,
  } = before.layer;
  progress('homonyms', 6);
  const themeDiagnostics: Pick<LayerReport, 'sweep' | 'stability' | 'diagnostics'> = themes
    ? themes.diagnostics
    : { sweep: 'off', stability: 'off', diagnostics: 'off' };

  const homonyms = homonymHints({
    corpus,
    index,
    paperTheme: themes?.partition.membership,
    maxAuthorsPerPaper: options.build.maxAuthorsPerPaper,
    most: options.listedHomonyms,
  });

  progress('layout', 7);
  let layout: CompactLayout | undefined;
  if (options.layout) {
    const groupOf = bigInt32(paperCount + authorCount + referenceCount).fill(-1);
    const themeOffset = collaboration.count;
    if (themes)
      for (let p = 0; p < paperCount; p++) {
        const theme = themes.partition.membership[p]!;
        if (theme >= 0) groupOf[p] = themeOffset + theme;
      }
    collaboration.membership.forEach((community, author) => {
      groupOf[paperCount + author] = community;
    });
    const layers = [
      coauthorship.graph,
      authorshipLayer(index),
      citationLayer(citations.graph, paperCount, authorCount),
    ];
    const layerOffsets = [paperCount, 0, 0];
    if (themes) {
      layers.push(themes.similarity);
      layerOffsets.push(0);
    }
    layout = layoutNetwork({ groupOf, layers, layerOffsets }, seededRandom(options.seed), options.layout);
  }

  progress('report', 8);
  const personCount = corpus.authors.filter((author) => author.kind === 'person').length;
  const themeEdges = themes ? arcCount(themes.similarity) / 2 : 0;
  const edges: Record<EdgeKind, number> = {
    authored: index.paperAuthors.length,
    coauthor: arcCount(coauthorship.graph) / 2,
    cites: citations.citesArcs,
    mentions: citations.mentionsArcs,
    similar: themeEdges,
    ...mapEdgeCounts(maps),
  };
  const withCoauthors = authorDegree.reduce((count, degree) => count + (degree > 0 ? 1 : 0), 0);
  const { onProgress: _ignored, ...recordedOptions } = options;
  const report: AnalysisReport = {
    summary: {
      papers: paperCount,
      authors: authorCount,
      persons: personCount,
      groups: authorCount - personCount,
      references: referenceCount,
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
        largestShare: authorCount > 0 ? (components.sizes[0] ?? 0) / authorCount : 0,
        isolated: authorCount - withCoauthors,
      },
      betweenness: { ...betweennessMethod, normalized: true },
    },
    citations: {
      fromReferenceLists: citations.fromReferenceLists,
      fromAbstracts: citations.fromAbstracts,
      resolvedInCorpus: citations.resolvedInCorpus,
      external: citations.external,
      pagerank: `cites and mentions edges over papers and external references (damping ${options.metrics.pagerankAlpha})`,
    },
    collaboration: {
      resolution: options.collaborationResolution,
      modularity: collaboration.modularity,
      communities: collaborationCommunities,
      unassigned: authorCount - withCoauthors,
      ...collaborationDiagnostics,
    },
    themes: {
      resolution: options.themes.resolution,
      modularity: themes?.partition.modularity ?? 0,
      communities: themeCommunities,
      unassigned: themes
        ? themes.partition.membership.reduce((count, theme) => count + (theme < 0 ? 1 : 0), 0)
        : paperCount,
      similarityEdges: themeEdges,
      ...themeDiagnostics,
    },
    tables: buildTables(
      {
        corpus,
        authorDegree,
        authorStrength: before.authorStrength,
        authorBridging: before.authorBridging,
        authorBetweenness,
        references: {
          count: referenceCount,
          key: (r) => `ref:${citations.referenceId(r)}`,
          text: (r) => citations.referenceText(r),
          mentions: (r) => citations.mentionCount[r]!,
        },
        paperBridging: themes?.bridging,
      },
      options.metrics.topN,
    ),
    impact: before.impact.report,
    homonyms: homonyms.listed,
    homonymCandidates: homonyms.total,
    ...authorIdentityReport(corpus, options.listedAuthorVariants),
    timeline,
    maps: mapsReport(maps),
    layout: layout ? { iterations: layout.iterations, method: layout.method } : 'off',
    options: recordedOptions,
  };
  progress('done', STEPS);
  const { layer: _layer, ...computed } = before;
  return {
    ...computed,
    authorBetweenness,
    betweennessMethod,
    themes,
    maps,
    layout,
    collaborationLabels: collaborationCommunities.map((community) => community.label),
    themeLabels: themeCommunities.map((community) => community.label),
    report,
  };
}

/** The graph attributes of graph.json: communities, modularity and the options that shaped them. */
export function analysisGraphAttributes(analysis: Analysis): GraphAttributes {
  const { report, options } = analysis;
  return {
    name: 'citegraph analysis',
    generator: 'citegraph',
    schema: 1,
    communities: [...report.collaboration.communities, ...report.themes.communities],
    modularity: { collaboration: report.collaboration.modularity, theme: report.themes.modularity },
    maps: mapGraphAttributes(analysis.maps),
    options: {
      seed: options.seed,
      ...options.build,
      collaborationResolution: options.collaborationResolution,
    },
    historiograph: report.impact.historiograph,
  };
}

/** The analysis read as a graph, attributes made on the fly (exports and stores stream it). */
export function analysisView(analysis: Analysis): AnalysisView {
  return new AnalysisView(analysis);
}

interface AnalysisResult {
  graph: AnalysedGraph;
  report: AnalysisReport;
  analysis: Analysis;
}

/**
 * The analysis with its graphology graph: every node and edge with every attribute, as the view,
 * the exports and the stores read it.
 */
export function analyze(
  corpus: Corpus,
  options: PartialAnalyzeOptions = {},
  threads: AnalysisThreads = {},
): AnalysisResult {
  const analysis = analyzeCorpus(corpus, options, threads);
  const graph = graphFromView(analysisView(analysis), analysisGraphAttributes(analysis));
  return { graph, report: analysis.report, analysis };
}
