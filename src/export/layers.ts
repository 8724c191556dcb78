import Graph from 'graphology';
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

/**
 * What the streaming writers (GEXF, CSV, neo4j-import) read: the part of graphology's API they
 * use. A graphology graph is one; so is the compact analysis of a million papers
 * (src/analysis/compact/graph-view.ts), which makes attribute objects on the fly.
 */
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
  /** Optional fast paths for one kind (the compact view has its rows grouped by kind). */
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

/** One view of the analysed graph that an export can be restricted to. */
export type ExportLayer = 'all' | 'coauthorship' | 'citations' | 'themes' | 'authorship';
export const EXPORT_LAYERS: readonly ExportLayer[] = [
  'all',
  'coauthorship',
  'citations',
  'themes',
  'authorship',
];

interface LayerSpec {
  nodes: readonly NodeKind[];
  edges: readonly EdgeKind[];
  /** Edge type of the projection, so GEXF/GraphML declare the right default edge type. */
  type: 'mixed' | 'directed' | 'undirected';
}

export const LAYER_SPECS: Record<ExportLayer, LayerSpec> = {
  all: {
    nodes: ['paper', 'author', 'reference'],
    edges: ['authored', 'coauthor', 'cites', 'mentions', 'similar'],
    type: 'mixed',
  },
  coauthorship: { nodes: ['author'], edges: ['coauthor'], type: 'undirected' },
  citations: { nodes: ['paper', 'reference'], edges: ['cites', 'mentions'], type: 'directed' },
  themes: { nodes: ['paper'], edges: ['similar'], type: 'undirected' },
  authorship: { nodes: ['author', 'paper'], edges: ['authored'], type: 'directed' },
};

export function isExportLayer(value: string): value is ExportLayer {
  return (EXPORT_LAYERS as readonly string[]).includes(value);
}

/** Whether a node/edge of the analysed graph belongs to the layer (no copy; for streaming writers). */
export function layerFilter(layer: ExportLayer): {
  node: (attributes: NodeAttributes) => boolean;
  edge: (attributes: EdgeAttributes, undirected: boolean) => boolean;
} {
  const spec = LAYER_SPECS[layer];
  const nodeKinds = new Set<string>(spec.nodes);
  const edgeKinds = new Set<string>(spec.edges);
  return {
    node: (attributes) => nodeKinds.has(attributes.kind),
    // An edge whose direction disagrees with the projection's type would not fit a simple typed graph.
    edge: (attributes, undirected) =>
      edgeKinds.has(attributes.kind) &&
      (spec.type === 'mixed' || (spec.type === 'undirected') === undirected),
  };
}

/**
 * Copies the nodes and edges of one layer into a new graph typed for that layer
 * (undirected co-authorship, directed citations, …), keeping keys and attributes.
 * Graph attributes are not copied: a writer sets its own metadata.
 */
export function projectLayer(graph: LayerGraph, layer: ExportLayer): LayerGraph {
  const spec = LAYER_SPECS[layer];
  const keep = layerFilter(layer);
  const projected: LayerGraph = new Graph({ type: spec.type, multi: graph.multi, allowSelfLoops: true });
  graph.forEachNode((node, attributes) => {
    if (keep.node(attributes)) projected.addNode(node, { ...attributes });
  });
  graph.forEachEdge((edge, attributes, source, target, _s, _t, undirected) => {
    if (!keep.edge(attributes, undirected) || !projected.hasNode(source) || !projected.hasNode(target))
      return;
    if (undirected) projected.addUndirectedEdgeWithKey(edge, source, target, { ...attributes });
    else projected.addDirectedEdgeWithKey(edge, source, target, { ...attributes });
  });
  return projected;
}

export interface LayerNode {
  key: string;
  attributes: NodeAttributes;
}
export interface LayerEdge {
  key: string;
  source: string;
  target: string;
  undirected: boolean;
  attributes: EdgeAttributes;
}

/** The nodes of one layer, in graph order, without copying the graph. */
export function* layerNodes(graph: ReadableGraph, layer: ExportLayer): Generator<LayerNode> {
  const keep = layerFilter(layer);
  for (const { node, attributes } of graph.nodeEntries()) {
    if (keep.node(attributes)) yield { key: node, attributes };
  }
}

/** The edges of one layer, in graph order, without copying the graph. */
export function* layerEdges(graph: ReadableGraph, layer: ExportLayer): Generator<LayerEdge> {
  const keep = layerFilter(layer);
  for (const {
    edge,
    attributes,
    source,
    target,
    sourceAttributes,
    targetAttributes,
    undirected,
  } of graph.edgeEntries()) {
    if (keep.edge(attributes, undirected) && keep.node(sourceAttributes) && keep.node(targetAttributes)) {
      yield { key: edge, source, target, undirected, attributes };
    }
  }
}
