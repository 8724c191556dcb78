import Graph from 'graphology';
import type { AnalysedGraph } from './graph-index.ts';

/**
 * A graph of some nodes and edges of `graph` whose attribute objects are the same objects, not
 * copies: a layout or noverlap writing x/y on either is seen by both, so positions stay one set.
 * With `positions` (a bibliometric map's own layout), a node that has them is drawn there instead,
 * on a copy of its attributes.
 */
export function sharedSubgraph(
  graph: AnalysedGraph,
  nodes: Iterable<string>,
  edges: Iterable<string>,
  positions?: { x: string; y: string },
): AnalysedGraph {
  const sub: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  for (const key of nodes) {
    const a = graph.getNodeAttributes(key);
    const own = a as unknown as Record<string, unknown>;
    const x = positions ? own[positions.x] : undefined;
    const y = positions ? own[positions.y] : undefined;
    sub.addNode(key, typeof x === 'number' && typeof y === 'number' ? { ...a, x, y } : a);
  }
  for (const edge of edges) {
    const [s, t] = graph.extremities(edge);
    const a = graph.getEdgeAttributes(edge);
    if (graph.isDirected(edge)) sub.addDirectedEdgeWithKey(edge, s, t, a);
    else sub.addUndirectedEdgeWithKey(edge, s, t, a);
  }
  return sub;
}

/** The keys in exactly one of the two sets: what a change of visibility asks sigma to redraw. */
export function symmetricDifference(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const k of before) if (!after.has(k)) out.push(k);
  for (const k of after) if (!before.has(k)) out.push(k);
  return out;
}
