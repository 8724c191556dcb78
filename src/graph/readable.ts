/**
 * The analysed graph as every consumer reads it: the graphology type, and the read-only part of
 * graphology's API that the exports and stores use, which the analysis's graph view
 * (src/analysis/graph-view.ts) also implements without a graphology object per node and edge.
 */
import type Graph from 'graphology';
import type {
  EdgeAttributes,
  EdgeKind,
  GraphAttributes,
  NodeAttributes,
  NodeKind,
} from '../model/graph-schema.ts';

/** The analysed graph as the exports read it (see src/model/graph-schema.ts). */
export type AnalysedGraph = Graph<NodeAttributes, EdgeAttributes, GraphAttributes>;
/** A projection of the analysed graph: same node/edge attributes, no graph attributes required. */
export type LayerGraph = Graph<NodeAttributes, EdgeAttributes>;

export interface ReadableEdgeEntry {
  edge: string;
  attributes: EdgeAttributes;
  source: string;
  target: string;
  sourceAttributes: NodeAttributes;
  targetAttributes: NodeAttributes;
  undirected: boolean;
}

/** graphology's edge callback: key, attributes, ends, ends' attributes, and whether it is undirected. */
export type EdgeCallback = (
  edge: string,
  attributes: EdgeAttributes,
  source: string,
  target: string,
  sourceAttributes: NodeAttributes,
  targetAttributes: NodeAttributes,
  undirected: boolean,
) => void;

/**
 * What the streaming writers (GEXF, CSV, neo4j-import, graph.json) and the stores read: the part
 * of graphology's API they use. A graphology graph is one; so is the analysis view
 * (src/analysis/graph-view.ts), which makes attribute objects on the fly.
 */
export interface ReadableGraph {
  readonly multi: boolean;
  getAttribute(name: 'name'): unknown;
  hasNode(node: string): boolean;
  getNodeAttributes(node: string): NodeAttributes;
  forEachNode(callback: (node: string, attributes: NodeAttributes) => void): void;
  forEachEdge(callback: EdgeCallback): void;
  forEachOutEdge(node: string, callback: EdgeCallback): void;
  nodeEntries(): Iterable<{ node: string; attributes: NodeAttributes }>;
  edgeEntries(): Iterable<ReadableEdgeEntry>;
  /** Optional fast paths for one kind (the analysis view has its rows grouped by kind). */
  nodeEntriesOfKind?(kind: NodeKind): Iterable<{ node: string; attributes: NodeAttributes }>;
  edgeEntriesOfKind?(kind: EdgeKind): Iterable<ReadableEdgeEntry>;
}

/** The nodes of one kind, through the graph's fast path when it has one. */
export function* nodeEntriesOfKind(
  graph: ReadableGraph,
  kind: NodeKind,
): Generator<{ node: string; attributes: NodeAttributes }> {
  if (graph.nodeEntriesOfKind) {
    yield* graph.nodeEntriesOfKind(kind);
    return;
  }
  for (const entry of graph.nodeEntries()) if (entry.attributes.kind === kind) yield entry;
}

/** The edges of one kind, through the graph's fast path when it has one. */
export function* edgeEntriesOfKind(graph: ReadableGraph, kind: EdgeKind): Generator<ReadableEdgeEntry> {
  if (graph.edgeEntriesOfKind) {
    yield* graph.edgeEntriesOfKind(kind);
    return;
  }
  for (const entry of graph.edgeEntries()) if (entry.attributes.kind === kind) yield entry;
}
