/**
 * The one documented set of node and edge attribute names on the analysed graph.
 * The analysis writes these names; the view, the exports and the database stores read them.
 *
 * The analysed graph is a graphology MultiGraph of type 'mixed':
 * - undirected edges: 'coauthor', 'similar'
 * - directed edges: 'authored' (author → paper), 'cites' (paper → paper), 'mentions' (paper → reference)
 */

export type NodeKind = 'paper' | 'author' | 'reference';
export type EdgeKind = 'authored' | 'coauthor' | 'cites' | 'mentions' | 'similar';

/** Node keys are prefixed by kind so they never collide across kinds. */
export const nodeKey = {
  paper: (paperId: string): string => `paper:${paperId}`,
  author: (authorId: string): string => `author:${authorId}`,
  reference: (referenceId: string): string => `ref:${referenceId}`,
};

export interface CommonNodeAttributes {
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
}

/**
 * Overlay scores of a node made of documents (authors; keywords, sources and references of the
 * bibliometric maps), for VOSviewer-style overlay colouring. Computed by documentAverages
 * (src/analysis/impact/document-averages.ts); absent when none of the node's documents has the value.
 */
export interface OverlayAttributes {
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
}

export type NodeAttributes = PaperNodeAttributes | AuthorNodeAttributes | ReferenceNodeAttributes;

export interface EdgeAttributes {
  kind: EdgeKind;
  /** The weight used by default (co-authorship: the selected weighting; similarity: cosine). */
  weight: number;
  /** co-authorship: number of joint papers. */
  count?: number;
  /** co-authorship: Newman's fractional weight, sum over joint papers of 1/(n-1). */
  fractional?: number;
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

/** Graph-level attributes of the analysed graph. */
export interface GraphAttributes {
  name: string;
  generator: string;
  /** Schema version of this attribute layout. */
  schema: 1;
  communities: CommunitySummary[];
  modularity: { collaboration?: number; theme?: number };
  options: Record<string, unknown>;
  /** The historiograph, as in report.json `impact.historiograph`. */
  historiograph?: Historiograph;
}
