/**
 * Nodes that do not overlap: graphology-layout-noverlap moves apart the discs of one view's nodes, with
 * their drawn sizes turned into map units for a view of the whole map. Positions are data: the result
 * is written back as x/y, once per view.
 */
import Graph from 'graphology';
import noverlap from 'graphology-layout-noverlap';
import type { AnalysedGraph } from './graph-index.ts';

/** Pixels of the view the whole map is assumed to span (the smaller side of a laptop's canvas). */
const VIEW_PIXELS = 700;
/** Free pixels kept between two discs. */
const MARGIN_PIXELS = 1.5;
/** Noverlap passes; it stops earlier once nothing overlaps. */
const MAX_ITERATIONS = 60;

export function separateNodes(
  graph: AnalysedGraph,
  nodes: readonly string[],
  sizes: Map<string, number>,
): void {
  if (nodes.length < 2) return;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const discs = new Graph<{ x: number; y: number; size: number }>({ type: 'undirected' });
  for (const key of nodes) {
    const a = graph.getNodeAttributes(key);
    const x = a.x ?? 0;
    const y = a.y ?? 0;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
    discs.addNode(key, { x, y, size: sizes.get(key) ?? 4 });
  }
  const unit = Math.max(maxX - minX, maxY - minY, 1e-9) / VIEW_PIXELS;
  noverlap.assign(discs, {
    maxIterations: MAX_ITERATIONS,
    inputReducer: (_key, attr) => ({ x: attr.x, y: attr.y, size: (attr.size ?? 4) * unit }),
    settings: { margin: MARGIN_PIXELS * unit, ratio: 1, expansion: 1.1 },
  });
  discs.forEachNode((key, a) => {
    graph.mergeNodeAttributes(key, { x: a.x, y: a.y });
  });
}
