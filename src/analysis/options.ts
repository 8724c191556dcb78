/**
 * Every default of the analysis, in one place: the CLI, the web worker, the bench and the tests
 * read these, and the report records the options a run used.
 */
import type { ImpactOptions } from './impact/impact.ts';
import { DIAGNOSTICS_WHOLE_GRAPH_UP_TO } from './partition-diagnostics.ts';
import { DEFAULT_TIMELINE_OPTIONS, type TimelineOptions } from './timeline.ts';

export type CoauthorWeighting = 'count' | 'fractional';

export interface BuildOptions {
  /** Papers with more authors than this are left out of the co-authorship layer (VOSviewer's cap). */
  maxAuthorsPerPaper: number;
  /** Which co-authorship weight becomes `weight`: joint paper count or Newman's fractional weight. */
  coauthorWeight: CoauthorWeighting;
  /** Mine in-text citations ("Sachs et al. [2022]") from abstracts. */
  mineAbstracts: boolean;
}

export interface ThemeOptions {
  /** Compute themes (TF-IDF similarity + Louvain). */
  enabled: boolean;
  /** Neighbours per paper in the similarity graph. */
  k: number;
  /** Cosine below this links nothing. */
  minSimilarity: number;
  /** Louvain resolution for themes. */
  resolution: number;
  /** Terms shown as a theme's label. */
  labelTerms: number;
}

export interface MetricsOptions {
  /** PageRank damping. */
  pagerankAlpha: number;
  /** Rows in each top-N table. */
  topN: number;
  /**
   * Betweenness work budget (BFS arc visits): exact Brandes while nodes × arcs stays under it,
   * sampled pivots above (see betweenness.ts).
   */
  betweennessBudget: number;
  /** Fewest pivots of a sampled betweenness: on the largest graphs each one is a search of the whole layer. */
  betweennessMinPivots: number;
}

export interface LayoutOptions {
  /** ForceAtlas2 passes: on every node (default by graph size), or on the community graph (default 300). */
  iterations?: number;
  /** Above this many nodes, communities are laid out first and members placed around them. */
  coarseAbove?: number;
}

export interface AnalyzeOptions {
  /** One seed for every random choice of the run (Louvain, layout, sampling). */
  seed: number;
  build: BuildOptions;
  /** Louvain resolution for collaborator groups. */
  collaborationResolution: number;
  themes: ThemeOptions;
  metrics: MetricsOptions;
  timeline: Omit<TimelineOptions, 'seed'> | false;
  layout: LayoutOptions | false;
  /** Resolutions of the sweep report. */
  sweepResolutions: number[];
  /** Extra Louvain runs for the stability diagnostic; 0 turns it off. */
  stabilitySeeds: number;
  /**
   * The sweep and stability run on the whole layer up to this many nodes, and on the graph of
   * the first Louvain level above (the report says which).
   */
  diagnosticsWholeGraphUpTo: number;
  /** Members of a collaborator group named in its label. */
  labelMembers: number;
  /** Members listed per community in the report and graph attributes (its size says how many there are). */
  listedMembers: number;
  /** Possible homonyms listed in the report, most papers first (the report gives the total). */
  listedHomonyms: number;
  /** Citation impact, sources, Lotka, the historiograph and bursts (impact/impact.ts). */
  impact: ImpactOptions;
  onProgress?: (step: string, done: number, total: number) => void;
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = {
  seed: 42,
  build: { maxAuthorsPerPaper: 25, coauthorWeight: 'count', mineAbstracts: true },
  collaborationResolution: 1,
  themes: { enabled: true, k: 5, minSimilarity: 0.08, resolution: 1, labelTerms: 3 },
  metrics: {
    pagerankAlpha: 0.85,
    topN: 10,
    // About 0.3 s of search: exact up to ~1,500 co-authors, a few hundred pivots at 10k papers.
    betweennessBudget: 3e7,
    betweennessMinPivots: 8,
  },
  timeline: {
    maxSlices: DEFAULT_TIMELINE_OPTIONS.maxSlices,
    minOverlap: DEFAULT_TIMELINE_OPTIONS.minOverlap,
    resolution: DEFAULT_TIMELINE_OPTIONS.resolution,
  },
  layout: {},
  sweepResolutions: [0.25, 0.5, 1, 1.5, 2, 3],
  stabilitySeeds: 10,
  diagnosticsWholeGraphUpTo: DIAGNOSTICS_WHOLE_GRAPH_UP_TO,
  labelMembers: 2,
  listedMembers: 100,
  listedHomonyms: 100,
  impact: {
    historiographSize: 30,
    // Kleinberg's own s = 2 and γ = 1; CiteSpace offers the same two knobs and a minimum duration.
    bursts: { stateRatio: 2, gamma: 1, minDuration: 1, candidates: 2000, minDocuments: 2, listed: 25 },
  },
};

/** Options given in part (nested groups too), completed with the defaults. */
export type PartialAnalyzeOptions = Partial<
  Omit<AnalyzeOptions, 'build' | 'themes' | 'metrics' | 'impact'>
> & {
  build?: Partial<BuildOptions>;
  themes?: Partial<ThemeOptions>;
  metrics?: Partial<MetricsOptions>;
  impact?: Partial<Pick<ImpactOptions, 'historiographSize'>> & { bursts?: Partial<ImpactOptions['bursts']> };
};

export function analyzeOptions(options: PartialAnalyzeOptions = {}): AnalyzeOptions {
  return {
    ...DEFAULT_ANALYZE_OPTIONS,
    ...options,
    build: { ...DEFAULT_ANALYZE_OPTIONS.build, ...options.build },
    themes: { ...DEFAULT_ANALYZE_OPTIONS.themes, ...options.themes },
    metrics: { ...DEFAULT_ANALYZE_OPTIONS.metrics, ...options.metrics },
    impact: {
      ...DEFAULT_ANALYZE_OPTIONS.impact,
      ...options.impact,
      bursts: { ...DEFAULT_ANALYZE_OPTIONS.impact.bursts, ...options.impact?.bursts },
    },
  };
}
