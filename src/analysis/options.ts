/**
 * Every default of the analysis, in one place: the CLI, the web worker, the bench and the tests
 * read these, and the report records the options a run used.
 */

import { MAP_LAYERS, type MapLayer } from '../model/graph-schema.ts';
import type { ImpactOptions } from './impact/impact.ts';
import type { LeidenSettings, VosLayoutSettings } from './maps/vos.ts';
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

/** The bibliometric maps (src/analysis/maps/), each a layer with its own communities and layout. */
export type MapName = MapLayer;
export const MAP_NAMES: readonly MapName[] = MAP_LAYERS;
/** Full counting (one per container) or VOSviewer's fractional counting. */
export type MapCounting = 'full' | 'fractional';
/** Association strength (VOSviewer), cosine/Salton, Jaccard, inclusion (bibliometrix), or the counted weight. */
export type MapNormalization = 'association' | 'cosine' | 'jaccard' | 'inclusion' | 'none';
export type ClusteringMethod = 'louvain' | 'leiden';
/** Where keywords come from: author keywords, index keywords, or terms of titles and abstracts. */
export type KeywordSource = 'author' | 'index' | 'terms';

export interface MapOptions {
  enabled: boolean;
  /** Least occurrences (citations, documents, shared references) an item needs; 'auto' adapts to the corpus. */
  minOccurrences: number | 'auto';
  /** Most items kept (those with the most occurrences); 'auto' raises the threshold until this many or fewer pass. */
  maxItems: number;
  /** Which partition gives the map's clusters (both are computed and reported). */
  clustering: ClusteringMethod;
  layout: 'vos' | 'forceatlas2';
}

export interface MapsOptions {
  counting: MapCounting;
  normalization: MapNormalization;
  /** Lowest threshold 'auto' picks: an item seen once links nothing worth mapping. */
  autoFloor: number;
  leiden: LeidenSettings;
  /** Louvain resolution on each map (the side-by-side partition, and the clusters where chosen). */
  louvainResolution: number;
  /**
   * Runs of each map's seed stability (with the global stabilitySeeds at 0, none). Fewer than the
   * co-authorship layer's: a Leiden start of networkanalysis-ts takes about 0.3 s on a dense map of
   * 300 items, so ten would double a map's time.
   */
  stabilitySeeds: number;
  /** VOS layout: VOSviewer's attraction 2 and repulsion 1; iterations bounded by a budget of node-pair visits. */
  vos: VosLayoutSettings;
  keywords: KeywordSource;
  /** VOSviewer thesaurus rules for keywords: folded label → replacement ('' removes the keyword). */
  thesaurus: Record<string, string>;
  cocitation: MapOptions;
  coupling: MapOptions;
  cooccurrence: MapOptions;
  countries: MapOptions;
  institutions: MapOptions;
  /** Co-citation of the first authors of cited works, and of their sources (journals). */
  authorCocitation: MapOptions;
  sourceCocitation: MapOptions;
}

export interface AnalyzeOptions {
  /** One seed for every random choice of the run (Louvain, layout, sampling). */
  seed: number;
  build: BuildOptions;
  /** Louvain resolution for collaborator groups. */
  collaborationResolution: number;
  /** How collaborator groups are found: Louvain, or Leiden (networkanalysis-ts, modularity at the same resolution). */
  collaborationClustering: ClusteringMethod;
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
  /** Joined name variants and possible duplicate authors listed in the report, most papers first. */
  listedAuthorVariants: number;
  /** Citation impact, sources, Lotka, the historiograph and bursts (impact/impact.ts). */
  impact: ImpactOptions;
  maps: MapsOptions;
  onProgress?: (step: string, done: number, total: number) => void;
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = {
  seed: 42,
  build: { maxAuthorsPerPaper: 25, coauthorWeight: 'count', mineAbstracts: true },
  collaborationResolution: 1,
  collaborationClustering: 'louvain',
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
  listedAuthorVariants: 100,
  impact: {
    historiographSize: 30,
    // Kleinberg's own s = 2 and γ = 1; CiteSpace offers the same two knobs and a minimum duration.
    bursts: { stateRatio: 2, gamma: 1, minDuration: 1, candidates: 2000, minDocuments: 2, listed: 25 },
  },
  maps: {
    counting: 'full',
    normalization: 'association',
    autoFloor: 2,
    // VOSviewer's defaults: CPM on association strength, resolution 1, 10 starts, 10 iterations, randomness 0.01.
    leiden: { quality: 'cpm', resolution: 1, randomStarts: 10, iterations: 10, randomness: 0.01 },
    louvainResolution: 1,
    stabilitySeeds: 5,
    // 3e7 pair visits, about 1.5 s: 1000 iterations up to 170 items, 30 at 1000 items.
    vos: { attraction: 2, repulsion: 1, randomStarts: 1, maxIterations: 1000, pairVisitBudget: 3e7 },
    keywords: 'author',
    thesaurus: {},
    // 300 items per map: a map of a few hundred items is what VOSviewer users read, and each Leiden
    // start of networkanalysis-ts grows with the links (about 0.3 s on the 300 most co-cited
    // references of a 10k corpus, 1.7 s on 1000); the user can raise it.
    cocitation: {
      enabled: true,
      minOccurrences: 'auto',
      maxItems: 300,
      clustering: 'leiden',
      layout: 'vos',
    },
    coupling: { enabled: true, minOccurrences: 'auto', maxItems: 300, clustering: 'leiden', layout: 'vos' },
    cooccurrence: {
      enabled: true,
      minOccurrences: 'auto',
      maxItems: 300,
      clustering: 'leiden',
      layout: 'vos',
    },
    countries: {
      enabled: true,
      minOccurrences: 1,
      maxItems: 1000,
      clustering: 'louvain',
      layout: 'forceatlas2',
    },
    institutions: {
      enabled: true,
      minOccurrences: 'auto',
      maxItems: 1000,
      clustering: 'louvain',
      layout: 'forceatlas2',
    },
    authorCocitation: {
      enabled: true,
      minOccurrences: 'auto',
      maxItems: 300,
      clustering: 'leiden',
      layout: 'vos',
    },
    sourceCocitation: {
      enabled: true,
      minOccurrences: 'auto',
      maxItems: 300,
      clustering: 'leiden',
      layout: 'vos',
    },
  },
};

/** Options given in part (nested groups too), completed with the defaults. */
export type PartialMapsOptions = Partial<Omit<MapsOptions, 'leiden' | 'vos' | MapName>> & {
  leiden?: Partial<MapsOptions['leiden']>;
  vos?: Partial<MapsOptions['vos']>;
} & { [name in MapName]?: Partial<MapOptions> };

export type PartialAnalyzeOptions = Partial<
  Omit<AnalyzeOptions, 'build' | 'themes' | 'metrics' | 'impact' | 'maps'>
> & {
  build?: Partial<BuildOptions>;
  themes?: Partial<ThemeOptions>;
  metrics?: Partial<MetricsOptions>;
  impact?: Partial<Pick<ImpactOptions, 'historiographSize'>> & { bursts?: Partial<ImpactOptions['bursts']> };
  maps?: PartialMapsOptions;
};

function mapsOptions(options: PartialMapsOptions = {}): MapsOptions {
  const defaults = DEFAULT_ANALYZE_OPTIONS.maps;
  return {
    ...defaults,
    ...options,
    leiden: { ...defaults.leiden, ...options.leiden },
    vos: { ...defaults.vos, ...options.vos },
    cocitation: { ...defaults.cocitation, ...options.cocitation },
    coupling: { ...defaults.coupling, ...options.coupling },
    cooccurrence: { ...defaults.cooccurrence, ...options.cooccurrence },
    countries: { ...defaults.countries, ...options.countries },
    institutions: { ...defaults.institutions, ...options.institutions },
    authorCocitation: { ...defaults.authorCocitation, ...options.authorCocitation },
    sourceCocitation: { ...defaults.sourceCocitation, ...options.sourceCocitation },
  };
}

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
    maps: mapsOptions(options.maps),
  };
}
