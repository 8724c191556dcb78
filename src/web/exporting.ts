import Graph from 'graphology';
import { writeGexf } from '../export/gexf.ts';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-schema.ts';
import type { AnalysedGraph, AnalysedSigma } from './graph-index.ts';
import type { Visibility } from './visibility.ts';

/** The visible part of the graph, attributes as in the schema, with the displayed colour and size. */
export function visibleSubgraph(graph: AnalysedGraph, sigma: AnalysedSigma, vis: Visibility): AnalysedGraph {
  const sub: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  sub.replaceAttributes({ ...graph.getAttributes() });
  for (const key of vis.nodes) {
    const display = sigma.getNodeDisplayData(key);
    const attrs: NodeAttributes = graph.getNodeAttributes(key);
    sub.addNode(key, { ...attrs, ...(display ? { color: display.color, size: display.size } : {}) });
  }
  for (const edge of vis.edges) {
    const a: EdgeAttributes = { ...graph.getEdgeAttributes(edge) };
    const [s, t] = graph.extremities(edge);
    if (graph.isDirected(edge)) sub.addDirectedEdgeWithKey(edge, s, t, a);
    else sub.addUndirectedEdgeWithKey(edge, s, t, a);
  }
  return sub;
}

/** GEXF 1.3 of a (visible) subgraph, through the same writer as `citegraph export`. */
export function toGexfText(sub: AnalysedGraph): string {
  return writeGexf(sub, { layer: 'all' });
}

export function download(name: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
