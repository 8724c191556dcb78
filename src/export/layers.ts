import Graph from 'graphology';
import type { LayerGraph, ReadableGraph } from '../graph/readable.ts';
import {
  type EdgeAttributes,
  type EdgeKind,
  MAP_EDGE_KINDS,
  MAP_LAYERS,
  type MapLayer,
  type NodeAttributes,
  type NodeKind,
} from '../model/graph-schema.ts';

/** One view of the analysed graph that an export can be restricted to; the bibliometric maps by name. */
export type ExportLayer = 'all' | 'coauthorship' | 'citations' | 'themes' | 'authorship' | MapLayer;
export const EXPORT_LAYERS: readonly ExportLayer[] = [
  'all',
  'coauthorship',
  'citations',
  'themes',
  'authorship',
  ...MAP_LAYERS,
];

interface LayerSpec {
  nodes: readonly NodeKind[];
  edges: readonly EdgeKind[];
  /** Edge type of the projection, so GEXF/GraphML declare the right default edge type. */
  type: 'mixed' | 'directed' | 'undirected';
  /** A map's layer: only the nodes the map keeps (those with `<map>Cluster`). */
  map?: MapLayer;
}

export const LAYER_SPECS: Record<ExportLayer, LayerSpec> = {
  all: {
    nodes: [
      'paper',
      'author',
      'reference',
      'keyword',
      'country',
      'institution',
      'citedAuthor',
      'citedSource',
    ],
    edges: ['authored', 'coauthor', 'cites', 'mentions', 'similar', ...Object.values(MAP_EDGE_KINDS)],
    type: 'mixed',
  },
  coauthorship: { nodes: ['author'], edges: ['coauthor'], type: 'undirected' },
  citations: { nodes: ['paper', 'reference'], edges: ['cites', 'mentions'], type: 'directed' },
  themes: { nodes: ['paper'], edges: ['similar'], type: 'undirected' },
  authorship: { nodes: ['author', 'paper'], edges: ['authored'], type: 'directed' },
  cocitation: { nodes: ['reference', 'paper'], edges: ['cocitation'], type: 'undirected', map: 'cocitation' },
  coupling: { nodes: ['paper'], edges: ['coupling'], type: 'undirected', map: 'coupling' },
  cooccurrence: { nodes: ['keyword'], edges: ['cooccurrence'], type: 'undirected', map: 'cooccurrence' },
  countries: { nodes: ['country'], edges: ['countryCoauthor'], type: 'undirected', map: 'countries' },
  institutions: {
    nodes: ['institution'],
    edges: ['institutionCoauthor'],
    type: 'undirected',
    map: 'institutions',
  },
  authorCocitation: {
    nodes: ['citedAuthor'],
    edges: ['authorCocitation'],
    type: 'undirected',
    map: 'authorCocitation',
  },
  sourceCocitation: {
    nodes: ['citedSource'],
    edges: ['sourceCocitation'],
    type: 'undirected',
    map: 'sourceCocitation',
  },
};

/** A node's value of a map attribute (`<map>Cluster`, `<map>X`, …), undefined when the map does not keep it. */
export function mapAttribute(
  attributes: NodeAttributes,
  map: MapLayer,
  name: 'Cluster' | 'X' | 'Y' | 'Occurrences',
): number | undefined {
  const value = (attributes as unknown as Record<string, unknown>)[`${map}${name}`];
  return typeof value === 'number' ? value : undefined;
}

/** Whether a node/edge of the analysed graph belongs to the layer (no copy; for streaming writers). */
function layerFilter(layer: ExportLayer): {
  node: (attributes: NodeAttributes) => boolean;
  edge: (attributes: EdgeAttributes, undirected: boolean) => boolean;
} {
  const spec = LAYER_SPECS[layer];
  const nodeKinds = new Set<string>(spec.nodes);
  const edgeKinds = new Set<string>(spec.edges);
  const map = spec.map;
  return {
    node: (attributes) =>
      nodeKinds.has(attributes.kind) &&
      (map === undefined || mapAttribute(attributes, map, 'Cluster') !== undefined),
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

interface LayerNode {
  key: string;
  attributes: NodeAttributes;
}
interface LayerEdge {
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
  // A map's edges join only the map's nodes; an edge entry's ends carry their kind, not their map attributes.
  const keepNode = LAYER_SPECS[layer].map
    ? (attributes: NodeAttributes) => LAYER_SPECS[layer].nodes.includes(attributes.kind)
    : keep.node;
  for (const {
    edge,
    attributes,
    source,
    target,
    sourceAttributes,
    targetAttributes,
    undirected,
  } of graph.edgeEntries()) {
    if (keep.edge(attributes, undirected) && keepNode(sourceAttributes) && keepNode(targetAttributes)) {
      yield { key: edge, source, target, undirected, attributes };
    }
  }
}
