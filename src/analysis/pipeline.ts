import {
  type AnalysedGraph,
  type BuildOptions,
  type BuildReport,
  buildGraph,
  DEFAULT_BUILD_OPTIONS,
} from '../graph/build.ts';
import type {
  AuthorNodeAttributes,
  CommunitySummary,
  EdgeKind,
  PaperNodeAttributes,
} from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import { seededRandom } from '../util/random.ts';
import {
  detectCommunities,
  type Partition,
  projectLayer,
  resolutionSweep,
  type Stability,
  type SweepPoint,
  seedStability,
  type WeightedGraph,
} from './communities.ts';
import { findHomonymCandidates, type HomonymCandidate } from './homonyms.ts';
import { COARSE_LAYOUT_ABOVE, type LayoutOptions, layoutGraph } from './layout.ts';
import {
  assignBridging,
  assignCitationPagerank,
  assignLayerCentralities,
  buildTables,
  type ComponentSummary,
  componentSummary,
  DEFAULT_METRICS_OPTIONS,
  type MetricsOptions,
  type Tables,
  weightedDegree,
} from './metrics.ts';
import { communityColor, NO_COMMUNITY_COLOR, REFERENCE_COLOR } from './palette.ts';
import { addSimilarityEdges, DEFAULT_THEME_OPTIONS, detectThemes, type ThemeOptions } from './themes.ts';
import {
  collaborationTimeline,
  DEFAULT_TIMELINE_OPTIONS,
  type TimelineOptions,
  type TimeSlice,
} from './timeline.ts';

export interface AnalyzeOptions {
  /** One seed for every random choice of the run (Louvain, layout, sampling). */
  seed: number;
  build: BuildOptions;
  /** Louvain resolution for collaborator groups. */
  collaborationResolution: number;
  themes: Omit<ThemeOptions, 'seed'>;
  metrics: MetricsOptions;
  timeline: Omit<TimelineOptions, 'seed'> | false;
  layout: LayoutOptions | false;
  sweepResolutions: number[];
  /** Extra Louvain runs for the stability diagnostic; 0 turns it off. */
  stabilitySeeds: number;
  /** The sweep and stability rerun Louvain many times; above this many nodes in a layer they are skipped. */
  maxDiagnosticNodes: number;
  /** Members of a collaborator group named in its label. */
  labelMembers: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = {
  seed: 42,
  build: DEFAULT_BUILD_OPTIONS,
  collaborationResolution: 1,
  themes: {
    k: DEFAULT_THEME_OPTIONS.k,
    minSimilarity: DEFAULT_THEME_OPTIONS.minSimilarity,
    resolution: DEFAULT_THEME_OPTIONS.resolution,
    labelTerms: DEFAULT_THEME_OPTIONS.labelTerms,
  },
  metrics: DEFAULT_METRICS_OPTIONS,
  timeline: {
    maxSlices: DEFAULT_TIMELINE_OPTIONS.maxSlices,
    minOverlap: DEFAULT_TIMELINE_OPTIONS.minOverlap,
    resolution: DEFAULT_TIMELINE_OPTIONS.resolution,
  },
  layout: {},
  sweepResolutions: [0.25, 0.5, 1, 1.5, 2, 3],
  stabilitySeeds: 10,
  maxDiagnosticNodes: 20_000,
  labelMembers: 2,
};

export interface LayerReport {
  resolution: number;
  modularity: number;
  communities: CommunitySummary[];
  /** Nodes of the layer's kind that belong to no community (no edge in the layer). */
  unassigned: number;
  sweep: SweepPoint[] | 'skipped';
  stability: Stability | 'skipped';
}

export interface AnalysisReport {
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
    cappedPapers: BuildReport['cappedPapers'];
    components: ComponentSummary;
    betweenness: 'computed' | 'skipped';
  };
  citations: BuildReport['citations'];
  collaboration: LayerReport;
  themes: LayerReport & { similarityEdges: number };
  tables: Tables;
  /** One name, groups of papers sharing no co-author and no theme: for the user to decide (thesaurus). */
  homonyms: HomonymCandidate[];
  timeline: TimeSlice[] | 'skipped';
  /** 'coarse': communities laid out first, members placed around them (large graphs). */
  layout: { iterations: number; method: 'forceatlas2' | 'coarse' } | 'skipped';
  options: Omit<AnalyzeOptions, 'onProgress'>;
  /** Present when the corpus was analysed on typed arrays (compact/pipeline.ts): what was left out. */
  scale?: { mode: 'compact'; skipped: string[]; listedMembersPerCommunity: number };
}

export interface AnalysisResult {
  graph: AnalysedGraph;
  report: AnalysisReport;
}

function membersByCommunity(partition: Partition): Map<number, string[]> {
  const members = new Map<number, string[]>();
  for (const [node, id] of partition.membership) {
    const list = members.get(id) ?? [];
    list.push(node);
    members.set(id, list);
  }
  return members;
}

function collaborationCommunities(
  graph: AnalysedGraph,
  partition: Partition,
  labelMembers: number,
): CommunitySummary[] {
  const summaries: CommunitySummary[] = [];
  for (const [id, nodes] of [...membersByCommunity(partition)].sort((a, b) => a[0] - b[0])) {
    const ranked = nodes
      .map((node) => ({ node, attributes: graph.getNodeAttributes(node) as AuthorNodeAttributes }))
      .sort(
        (a, b) =>
          (b.attributes.weightedDegree ?? 0) - (a.attributes.weightedDegree ?? 0) ||
          b.attributes.paperCount - a.attributes.paperCount ||
          (a.node < b.node ? -1 : 1),
      );
    summaries.push({
      id,
      layer: 'collaboration',
      label: ranked
        .slice(0, labelMembers)
        .map((entry) => entry.attributes.name)
        .join(', '),
      size: nodes.length,
      members: ranked.map((entry) => entry.node),
      color: communityColor(id),
    });
  }
  return summaries;
}

function themeCommunities(
  graph: AnalysedGraph,
  partition: Partition,
  terms: Map<number, string[]>,
): CommunitySummary[] {
  const summaries: CommunitySummary[] = [];
  for (const [id, nodes] of [...membersByCommunity(partition)].sort((a, b) => a[0] - b[0])) {
    const ranked = [...nodes].sort(
      (a, b) =>
        (graph.getNodeAttribute(b, 'weightedDegree') ?? 0) -
          (graph.getNodeAttribute(a, 'weightedDegree') ?? 0) || (a < b ? -1 : 1),
    );
    const themeTerms = terms.get(id) ?? [];
    summaries.push({
      id,
      layer: 'theme',
      label: themeTerms.join(', ') || `theme ${id}`,
      size: nodes.length,
      members: ranked,
      terms: themeTerms,
      color: communityColor(id),
    });
  }
  return summaries;
}

function diagnosticsFor(
  layer: WeightedGraph,
  partition: Partition,
  options: AnalyzeOptions,
): Pick<LayerReport, 'sweep' | 'stability'> {
  if (layer.order > options.maxDiagnosticNodes || layer.order === 0)
    return { sweep: 'skipped', stability: 'skipped' };
  return {
    sweep: resolutionSweep(layer, options.sweepResolutions, options.seed),
    stability:
      options.stabilitySeeds > 0
        ? seedStability(layer, partition, options.stabilitySeeds, options.seed)
        : 'skipped',
  };
}

/** Each author's theme mix: the share of their papers in each theme. */
function assignThemeMix(graph: AnalysedGraph): void {
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'author') return;
    const counts = new Map<number, number>();
    let total = 0;
    graph.forEachOutEdge(node, (_edge, edge, _source, target) => {
      if (edge.kind !== 'authored') return;
      const theme = (graph.getNodeAttributes(target) as PaperNodeAttributes).theme;
      if (theme === undefined || theme < 0) return;
      counts.set(theme, (counts.get(theme) ?? 0) + 1);
      total++;
    });
    if (total === 0) return;
    const mix: Record<string, number> = {};
    for (const [theme, count] of [...counts].sort((a, b) => a[0] - b[0]))
      mix[String(theme)] = Math.round((count / total) * 1000) / 1000;
    graph.mergeNodeAttributes(node, { themeMix: mix });
  });
}

/** Display size and colour, derived once from the metrics so every consumer draws the same picture. */
function assignAppearance(graph: AnalysedGraph): void {
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'author') {
      const community = attributes.community ?? -1;
      graph.mergeNodeAttributes(node, {
        size: Math.round((2 + 3 * Math.sqrt(attributes.paperCount)) * 100) / 100,
        color: community >= 0 ? communityColor(community) : NO_COMMUNITY_COLOR,
      });
    } else if (attributes.kind === 'paper') {
      const theme = attributes.theme ?? -1;
      graph.mergeNodeAttributes(node, {
        size: Math.round((2 + 2 * Math.sqrt(1 + (attributes.citedBy ?? 0))) * 100) / 100,
        color: theme >= 0 ? communityColor(theme) : NO_COMMUNITY_COLOR,
      });
    } else {
      graph.mergeNodeAttributes(node, {
        size: Math.round((1.5 + Math.sqrt(attributes.mentionCount)) * 100) / 100,
        color: REFERENCE_COLOR,
      });
    }
  });
}

function mergeOptions(options: Partial<AnalyzeOptions>): AnalyzeOptions {
  return {
    ...DEFAULT_ANALYZE_OPTIONS,
    ...options,
    build: { ...DEFAULT_ANALYZE_OPTIONS.build, ...options.build },
    themes: { ...DEFAULT_ANALYZE_OPTIONS.themes, ...options.themes },
    metrics: { ...DEFAULT_ANALYZE_OPTIONS.metrics, ...options.metrics },
  };
}

/**
 * The whole analysis of a corpus: graphs, communities (collaborator groups and themes), metrics,
 * timeline and layout, everything written onto node and edge attributes, plus a report.
 * Pure and seeded: the same corpus and options give the same graph and report.
 */
export function analyze(corpus: Corpus, partialOptions: Partial<AnalyzeOptions> = {}): AnalysisResult {
  const options = mergeOptions(partialOptions);
  const progress = (step: string, done: number): void => options.onProgress?.(step, done, 7);

  progress('building graphs', 0);
  const { graph, report: buildReport } = buildGraph(corpus, options.build);

  progress('co-authorship communities', 1);
  const coauthorLayer = projectLayer(graph, 'coauthor', 'author');
  const collaboration = detectCommunities(coauthorLayer, {
    resolution: options.collaborationResolution,
    seed: options.seed,
  });
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'author')
      graph.mergeNodeAttributes(node, { community: collaboration.membership.get(node) ?? -1 });
  });
  const { betweennessComputed } = assignLayerCentralities(graph, coauthorLayer, options.metrics);
  assignBridging(graph, coauthorLayer, collaboration.membership);
  const collaborationSummaries = collaborationCommunities(graph, collaboration, options.labelMembers);
  const collaborationLabels = new Map(collaborationSummaries.map((summary) => [summary.id, summary.label]));
  for (const [node, id] of collaboration.membership)
    graph.mergeNodeAttributes(node, { communityLabel: collaborationLabels.get(id)! });

  progress('themes', 2);
  const themeOptions: ThemeOptions = { ...options.themes, seed: options.seed };
  const model = addSimilarityEdges(graph, corpus, themeOptions);
  const themes = detectThemes(graph, corpus, model, themeOptions);
  const themeLayer = themes.layer;
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const theme = themes.partition.membership.get(node) ?? -1;
    graph.mergeNodeAttributes(node, { theme: theme });
    if (theme >= 0)
      graph.mergeNodeAttributes(node, { themeLabel: (themes.terms.get(theme) ?? []).join(', ') });
  });
  themeLayer.forEachNode((node) => {
    graph.mergeNodeAttributes(node, { weightedDegree: weightedDegree(themeLayer, node) });
  });
  assignBridging(graph, themeLayer, themes.partition.membership);
  assignThemeMix(graph);
  const themeSummaries = themeCommunities(graph, themes.partition, themes.terms);

  progress('citations', 3);
  assignCitationPagerank(graph, options.metrics);

  progress('diagnostics', 4);
  const collaborationDiagnostics = diagnosticsFor(coauthorLayer, collaboration, options);
  const themeDiagnostics = diagnosticsFor(themeLayer, themes.partition, options);
  const timeline =
    options.timeline && coauthorLayer.order <= options.maxDiagnosticNodes
      ? collaborationTimeline(graph, { ...options.timeline, seed: options.seed })
      : 'skipped';

  progress('layout', 5);
  assignAppearance(graph);
  const iterations = options.layout
    ? layoutGraph(graph, seededRandom(options.seed), options.layout)
    : undefined;

  progress('report', 6);
  const { onProgress: _ignored, ...recordedOptions } = options;
  graph.replaceAttributes({
    name: 'citegraph analysis',
    generator: 'citegraph',
    schema: 1,
    communities: [...collaborationSummaries, ...themeSummaries],
    modularity: { collaboration: collaboration.modularity, theme: themes.partition.modularity },
    options: {
      seed: options.seed,
      ...recordedOptions.build,
      collaborationResolution: options.collaborationResolution,
    },
  });

  const edges: Record<EdgeKind, number> = { authored: 0, coauthor: 0, cites: 0, mentions: 0, similar: 0 };
  graph.forEachEdge((_edge, attributes) => {
    edges[attributes.kind]++;
  });
  const authors = corpus.authors.length;
  const report: AnalysisReport = {
    summary: {
      papers: corpus.papers.length,
      authors,
      persons: corpus.authors.filter((author) => author.kind === 'person').length,
      groups: corpus.authors.filter((author) => author.kind === 'group').length,
      references: graph.filterNodes((_node, attributes) => attributes.kind === 'reference').length,
      edges,
    },
    coauthorship: {
      weight: options.build.coauthorWeight,
      maxAuthorsPerPaper: options.build.maxAuthorsPerPaper,
      cappedPapers: buildReport.cappedPapers,
      components: componentSummary(coauthorLayer, authors),
      betweenness: betweennessComputed ? 'computed' : 'skipped',
    },
    citations: buildReport.citations,
    collaboration: {
      resolution: options.collaborationResolution,
      modularity: collaboration.modularity,
      communities: collaborationSummaries,
      unassigned: authors - coauthorLayer.order,
      ...collaborationDiagnostics,
    },
    themes: {
      resolution: options.themes.resolution,
      modularity: themes.partition.modularity,
      communities: themeSummaries,
      unassigned: corpus.papers.length - themeLayer.order,
      similarityEdges: themes.similarityEdges,
      ...themeDiagnostics,
    },
    tables: buildTables(graph, options.metrics),
    homonyms: findHomonymCandidates(graph, options.build.maxAuthorsPerPaper),
    timeline,
    layout:
      iterations === undefined
        ? 'skipped'
        : {
            iterations,
            method:
              options.layout && graph.order > (options.layout.coarseAbove ?? COARSE_LAYOUT_ABOVE)
                ? 'coarse'
                : 'forceatlas2',
          },
    options: recordedOptions,
  };
  progress('done', 7);
  return { graph, report };
}
