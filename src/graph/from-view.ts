import Graph from 'graphology';
import type { GraphAttributes } from '../model/graph-schema.ts';
import type { AnalysedGraph, ReadableGraph } from './readable.ts';

/**
 * The graphology graph of an analysis: every node and edge of the view, with every attribute,
 * as a mixed multigraph (directed authored/cites/mentions, undirected coauthor/similar).
 */
export function graphFromView(view: ReadableGraph, attributes: GraphAttributes): AnalysedGraph {
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  for (const { node, attributes: nodeAttributes } of view.nodeEntries()) graph.addNode(node, nodeAttributes);
  for (const entry of view.edgeEntries()) {
    if (entry.undirected)
      graph.addUndirectedEdgeWithKey(entry.edge, entry.source, entry.target, entry.attributes);
    else graph.addDirectedEdgeWithKey(entry.edge, entry.source, entry.target, entry.attributes);
  }
  graph.replaceAttributes(attributes);
  return graph;
}
