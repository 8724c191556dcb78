/**
 * The one documented set of node and edge attribute names on the analysed graph.
 * The analysis writes these names; the view, the exports and the database stores read them.
 *
 * The analysed graph is a graphology MultiGraph of type 'mixed':
 * - undirected edges: 'coauthor', 'similar', and the bibliometric maps' edges (below)
 * - directed edges: 'authored' (author → paper), 'cites' (paper → paper), 'mentions' (paper → reference)
 *
 * The bibliometric maps (src/analysis/maps/) are layers of their own, each with its own
 * communities, layout and exports (export layer = map name):
 *
 * | map (layer)    | nodes                                   | edge kind            |
 * |----------------|-----------------------------------------|----------------------|
 * | `cocitation`   | cited works: `reference` (or `paper` when the corpus holds it) | `cocitation`: papers citing both |
 * | `coupling`     | `paper`                                 | `coupling`: references shared |
 * | `cooccurrence` | `keyword`                               | `cooccurrence`: papers with both |
 * | `countries`    | `country`                               | `countryCoauthor`: papers with authors in both |
 * | `institutions` | `institution`                           | `institutionCoauthor`: papers with authors in both |
 * | `authorCocitation` | `citedAuthor` (first author of cited works) | `authorCocitation`: papers citing both |
 * | `sourceCocitation` | `citedSource` (source of cited works)   | `sourceCocitation`: papers citing both |
 *
 * Only the items kept by a map's threshold are in it. A node in a map carries the map's
 * attributes under the map's name: `<map>Cluster` (its cluster in that map, 0.. by size),
 * `<map>X`, `<map>Y` (its position in the map's layout) and `<map>Occurrences` (citations,
 * shared references or documents, as the report's `maps.<map>.occurrences` says). Keyword,
 * country and institution nodes exist only in their map and carry the same values as
 * `community`, `x`, `y` and `occurrences` too. Each map edge carries `count`, `fractional` and
 * `strength` (see EdgeAttributes), and `weight` as the user chose (`--counting`, `--normalization`).
 */

export type NodeKind = 'paper' | 'author' | 'reference' | MapItemKind;
/** The node kinds that exist only in one bibliometric map. */
export type MapItemKind = 'keyword' | 'country' | 'institution' | 'citedAuthor' | 'citedSource';
/** The edge kinds of the bibliometric maps, one per map. */
export type MapEdgeKind =
  | 'cocitation'
  | 'coupling'
  | 'cooccurrence'
  | 'countryCoauthor'
  | 'institutionCoauthor'
  | 'authorCocitation'
  | 'sourceCocitation';
export type EdgeKind = 'authored' | 'coauthor' | 'cites' | 'mentions' | 'similar' | MapEdgeKind;

/** The map layers' names (the prefixes of their node attributes) and their edge kinds. */
export const MAP_EDGE_KINDS = {
  cocitation: 'cocitation',
  coupling: 'coupling',
  cooccurrence: 'cooccurrence',
  countries: 'countryCoauthor',
  institutions: 'institutionCoauthor',
  authorCocitation: 'authorCocitation',
  sourceCocitation: 'sourceCocitation',
} as const;
export type MapLayer = keyof typeof MAP_EDGE_KINDS;
/** The map layers in their one order (the order of the report, the CLI and the exports). */
export const MAP_LAYERS = Object.keys(MAP_EDGE_KINDS) as readonly MapLayer[];

/**
 * The edge kinds graph.json and the exports list last: the CLI has a second thread write them at
 * the end of graph.json (export/graph-json-parallel-node.ts).
 */
export const LAST_EDGE_KINDS = ['authored', 'coauthor'] as const satisfies readonly EdgeKind[];

/** The order of the edges in graph.json and the exports. */
export const EDGE_ORDER = [
  'cites',
  'mentions',
  'similar',
  ...Object.values(MAP_EDGE_KINDS),
  ...LAST_EDGE_KINDS,
] as const satisfies readonly EdgeKind[];

/** Node keys are prefixed by kind so they never collide across kinds. */
export const nodeKey = {
  paper: (paperId: string): string => `paper:${paperId}`,
  author: (authorId: string): string => `author:${authorId}`,
  reference: (referenceId: string): string => `ref:${referenceId}`,
  keyword: (label: string): string => `keyword:${label}`,
  country: (name: string): string => `country:${name}`,
  institution: (name: string): string => `institution:${name}`,
};

interface CommonNodeAttributes {
  kind: NodeKind;
  /** Short text drawn next to the node. */
  label: string;
  /** ForceAtlas2 position, stored once by the analysis. */
  x?: number;
  y?: number;
  /** Display size derived from a metric by the analysis (view/export may recompute). */
  size?: number;
  /** Hex colour from the community palette. */
  color?: string;
  degree?: number;
  weightedDegree?: number;
  betweenness?: number;
  /** Number of distinct communities among the node's neighbours other than its own (bridging score). */
  bridging?: number;
  /** Map attributes (`<map>Cluster`, `<map>X`, `<map>Y`, `<map>Occurrences`), on the nodes a map keeps. */
  cocitationCluster?: number;
  cocitationX?: number;
  cocitationY?: number;
  cocitationOccurrences?: number;
  couplingCluster?: number;
  couplingX?: number;
  couplingY?: number;
  couplingOccurrences?: number;
}

/**
 * Overlay scores of a node made of documents (authors; keywords, sources and references of the
 * bibliometric maps), for VOSviewer-style overlay colouring. Computed by documentAverages
 * (src/analysis/impact/document-averages.ts); absent when none of the node's documents has the value.
 */
interface OverlayAttributes {
  /** Mean publication year of the node's documents. */
  avgYear?: number;
  /** Mean normCitations of the node's documents. */
  avgNormCitations?: number;
}

export interface PaperNodeAttributes extends CommonNodeAttributes {
  kind: 'paper';
  paperId: string;
  title: string;
  year?: number;
  date?: string;
  partialDate?: string;
  abstract?: string;
  authorCount?: number;
  upvotes?: number;
  venue?: string;
  doi?: string;
  /** Source files, "file:line (format)". */
  sources: string[];
  /** Theme community id (Louvain on the similarity graph), -1 when isolated. */
  theme?: number;
  themeLabel?: string;
  pagerank?: number;
  /** Number of corpus papers citing this one. */
  citedBy?: number;
  /** Times cited anywhere, as the source records give it (WoS TC, Scopus Cited by, OpenAlex cited_by_count); absent when none does. */
  globalCitations?: number;
  /** Corpus papers citing this one (`cites` edges in): the same count as citedBy. */
  localCitations?: number;
  /**
   * Citations divided by the mean citations of the corpus papers of the same year (VOSviewer's
   * "normalized citations"), counting global citations where the source gives them, else local
   * ones; 0 when that mean is 0; absent without a year.
   */
  normCitations?: number;
}

export interface AuthorNodeAttributes extends CommonNodeAttributes, OverlayAttributes {
  kind: 'author';
  authorId: string;
  name: string;
  key: string;
  authorKind: 'person' | 'group';
  paperCount: number;
  /** First year the author appears (for timelines). */
  firstYear?: number;
  lastYear?: number;
  /** Collaborator-group community id (Louvain on co-authorship), -1 when excluded/isolated. */
  community?: number;
  communityLabel?: string;
  /** Share of the author's papers in each theme id: { "3": 0.5, "7": 0.5 }. */
  themeMix?: Record<string, number>;
  /** Sum of the globalCitations of the author's papers that have one; absent when none has. */
  globalCitations?: number;
  /** Sum of the localCitations of the author's papers. */
  localCitations?: number;
  /** h-index and g-index of the author's papers, counting global citations where the source gives them, else local ones. */
  hIndex?: number;
  gIndex?: number;
}

export interface ReferenceNodeAttributes extends CommonNodeAttributes {
  kind: 'reference';
  referenceId: string;
  /** Readable form, e.g. "Wu et al. 2018" or "[CMM21]". */
  text: string;
  year?: number;
  firstAuthorFamily?: string;
  /** How many corpus papers mention or cite it. */
  mentionCount: number;
  /** Corpus papers citing it (its local citations): the same count as mentionCount. */
  localCitations?: number;
  /** PageRank over the citation layer (papers and references, cites and mentions edges). */
  pagerank?: number;
  /** DOI of the cited work, when its reference gives one. */
  doi?: string;
}

/**
 * A keyword (map `cooccurrence`), country (map `countries`) or institution (map `institutions`):
 * it exists only in its map, and carries the map's attributes under the map's name as well as
 * `community`, `x`, `y` and `occurrences`.
 */
export interface MapItemNodeAttributes extends CommonNodeAttributes, OverlayAttributes {
  kind: MapItemKind;
  /** Its cluster in its map, 0.. by size. */
  community: number;
  /** Papers with it. */
  occurrences: number;
  cooccurrenceCluster?: number;
  cooccurrenceX?: number;
  cooccurrenceY?: number;
  cooccurrenceOccurrences?: number;
  countriesCluster?: number;
  countriesX?: number;
  countriesY?: number;
  countriesOccurrences?: number;
  institutionsCluster?: number;
  institutionsX?: number;
  institutionsY?: number;
  institutionsOccurrences?: number;
}

export type NodeAttributes =
  | PaperNodeAttributes
  | AuthorNodeAttributes
  | ReferenceNodeAttributes
  | MapItemNodeAttributes;

export interface EdgeAttributes {
  kind: EdgeKind;
  /** The weight used by default (co-authorship: the selected weighting; similarity: cosine). */
  weight: number;
  /**
   * co-authorship: number of joint papers. Maps: full counting, the containers linking the pair
   * (co-citation: papers citing both; coupling: references both cite; co-occurrence and
   * countries/institutions: papers with both).
   */
  count?: number;
  /**
   * co-authorship: Newman's fractional weight, sum over joint papers of 1/(n-1). Maps: VOSviewer's
   * fractional counting, Σ 1/(n−1) over the linking containers, n the container's size (a paper's
   * whole reference list, a work's citing papers, a paper's keywords), so each container gives
   * each of its items a total link weight of 1.
   */
  fractional?: number;
  /**
   * Maps: association strength of the counted weight (full or fractional, as chosen),
   * a_ij · T / (k_i k_j) with k the total link weights and T their sum, as VOSviewer normalises.
   */
  strength?: number;
  /** co-authorship: ids of the joint papers. */
  papers?: string[];
  /** authored: 1-based author position. */
  position?: number;
  /** cites/mentions: 'reference-list' when from an explicit list, 'abstract' when mined from text. */
  origin?: 'reference-list' | 'abstract';
  /** cites/mentions mined from text: the citing sentence. */
  context?: string;
}

export type CommunityLayer = 'collaboration' | 'theme';

export interface CommunitySummary {
  id: number;
  layer: CommunityLayer;
  label: string;
  size: number;
  /** Node keys of the members, most central first. */
  members: string[];
  /** Top terms for themes. */
  terms?: string[];
  color: string;
}

/** A paper of the historiograph (Garfield): the most locally cited papers of the corpus. */
export interface HistoriographNode {
  /** The paper's node key (`paper:<id>`). */
  id: string;
  /** First author's family name and year, e.g. "Aria 2017". */
  label: string;
  title: string;
  year?: number;
  localCitations: number;
  globalCitations?: number;
}

/** The historiograph: its papers and the citations among them (analysis/impact/historiograph.ts). */
export interface Historiograph {
  /** Oldest first. */
  nodes: HistoriographNode[];
  /** Citing paper → cited paper, both in `nodes`. */
  edges: { source: string; target: string }[];
}

/** A community of a map: as a CommunitySummary, with the map as its layer. */
export type MapCommunitySummary = Omit<CommunitySummary, 'layer'> & { layer: MapLayer };

export interface MapGraphAttributes {
  communities: MapCommunitySummary[];
  clustering: 'leiden' | 'louvain';
  modularity: { leiden: number; louvain: number };
}

/** Graph-level attributes of the analysed graph. */
export interface GraphAttributes {
  name: string;
  generator: string;
  /** Schema version of this attribute layout. */
  schema: 1;
  communities: CommunitySummary[];
  modularity: { collaboration?: number; theme?: number };
  /** Per map: its communities (by size) and the modularity of Leiden and Louvain on it. */
  maps?: { [map in MapLayer]?: MapGraphAttributes };
  options: Record<string, unknown>;
  /** The historiograph, as in report.json `impact.historiograph`. */
  historiograph?: Historiograph;
}
