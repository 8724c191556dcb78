/**
 * Nodes that do not overlap: graphology-layout-noverlap moves apart the discs of one view's nodes, with
 * their drawn sizes turned into map units for a view of the whole map. Positions are data: the result
 * is written back as x/y, once per view. Small views are separated before their first frame; larger
 * ones in noverlap's Web Worker, for a bounded time, then written back at once.
 */
import Graph from 'graphology';
import noverlap from 'graphology-layout-noverlap';
import NoverlapLayout from 'graphology-layout-noverlap/worker';
import type { AnalysedGraph } from './graph-index.ts';

/** Pixels the whole map spans when fitted (the smaller side of a laptop's canvas, less margins). */
const VIEW_PIXELS = 500;
/** Free pixels kept between two discs. */
const MARGIN_PIXELS = 1.5;
/** Noverlap passes in the page; it stops earlier once nothing overlaps. */
const MAX_ITERATIONS = 60;
/** Views up to this many nodes are separated in the page before they are drawn (a few milliseconds). */
export const SYNC_DECLUTTER_NODES = 1500;
/** Longest time the worker runs on a larger view. */
const WORKER_BUDGET_MS = 4000;
/** Cells of noverlap's grid per side: dense maps need more than its default 20. */
const GRID_SIZE = 100;

type Discs = Graph<{ x: number; y: number; size: number }>;

/** The view's nodes as discs (no edges), and the size of one pixel in map units. */
function discsOf(
  graph: AnalysedGraph,
  nodes: readonly string[],
  sizes: Map<string, number>,
): { discs: Discs; unit: number } {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const discs: Discs = new Graph({ type: 'undirected' });
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
  return { discs, unit: Math.max(maxX - minX, maxY - minY, 1e-9) / VIEW_PIXELS };
}

/**
 * Writes the positions on the node attribute objects themselves (the drawn graph shares them) in
 * one graph event, so listeners re-index once.
 */
function writeBack(graph: AnalysedGraph, discs: Discs): void {
  graph.updateEachNodeAttributes(
    (key, a) => {
      if (!discs.hasNode(key)) return a;
      const d = discs.getNodeAttributes(key);
      a.x = d.x;
      a.y = d.y;
      return a;
    },
    { attributes: ['x', 'y'] },
  );
}

function parameters(unit: number) {
  return {
    inputReducer: (_key: string, attr: { x: number; y: number; size?: number }) => ({
      x: attr.x,
      y: attr.y,
      size: (attr.size ?? 4) * unit,
    }),
    settings: { margin: MARGIN_PIXELS * unit, ratio: 1, expansion: 1.1, gridSize: GRID_SIZE },
  };
}

/** Separates the discs now, in the page: for small views. */
export function separateNodes(
  graph: AnalysedGraph,
  nodes: readonly string[],
  sizes: Map<string, number>,
): void {
  if (nodes.length < 2) return;
  const { discs, unit } = discsOf(graph, nodes, sizes);
  noverlap.assign(discs, { maxIterations: MAX_ITERATIONS, ...parameters(unit) });
  writeBack(graph, discs);
}

/**
 * Separates the discs in a Web Worker until they no longer overlap or the time budget is spent, then
 * writes the positions back at once and calls `done`.
 */
export function separateNodesInWorker(
  graph: AnalysedGraph,
  nodes: readonly string[],
  sizes: Map<string, number>,
  done: () => void,
): () => void {
  const { discs, unit } = discsOf(graph, nodes, sizes);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    layout.kill();
    writeBack(graph, discs);
    done();
  };
  const layout = new NoverlapLayout(discs, { ...parameters(unit), onConverged: () => finish() });
  const timer = setTimeout(finish, WORKER_BUDGET_MS);
  layout.start();
  return () => {
    finished = true;
    clearTimeout(timer);
    layout.kill();
  };
}
