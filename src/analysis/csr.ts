/**
 * The compact form of a graph: compressed sparse rows over typed arrays. Nodes are 0..nodeCount-1;
 * the neighbours of node v are targets[offsets[v] .. offsets[v+1]) with the same slice of weights.
 *
 * An undirected graph stores each edge twice (once from each end) and no self-loops, so the
 * weighted degree of v is the sum of its row and the total weight of the graph is half the sum of
 * all rows. A directed graph stores each edge once, in its source's row.
 *
 * Why: a graphology object per node and edge costs hundreds of bytes and a hash lookup per
 * access; a million-paper corpus has tens of millions of edges. Every algorithm of the analysis
 * runs on these rows, at every corpus size.
 */
import { bigCopy, bigFloat64, bigUint32 } from '../util/big-arrays.ts';

export interface CsrGraph {
  nodeCount: number;
  /** Length nodeCount + 1; offsets[nodeCount] is the number of stored arcs. */
  offsets: Float64Array;
  targets: Uint32Array;
  weights: Float64Array;
}

/** Number of stored arcs (twice the edge count for an undirected graph). */
export function arcCount(graph: CsrGraph): number {
  return graph.offsets[graph.nodeCount]!;
}

/** Sum of the weights of v's row. */
export function rowWeight(graph: CsrGraph, node: number): number {
  let total = 0;
  for (let arc = graph.offsets[node]!, end = graph.offsets[node + 1]!; arc < end; arc++)
    total += graph.weights[arc]!;
  return total;
}

/**
 * An undirected CSR graph from an edge list (each edge once, any order; parallel edges are
 * summed, self-loops dropped). Rows come out sorted by target. `weights` may be one number, the
 * weight of every edge, which saves an array of them.
 */
export function undirectedFromEdges(
  nodeCount: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number> | number,
  edgeCount = sources.length,
): CsrGraph {
  const degree = bigFloat64(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const a = sources[e]!;
    const b = targets[e]!;
    if (a === b) continue;
    degree[a]!++;
    degree[b]!++;
  }
  const offsets = bigFloat64(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] = offsets[v]! + degree[v]!;
  const cursor = bigCopy(offsets, 0, nodeCount);
  const rawTargets = bigUint32(offsets[nodeCount]!);
  const rawWeights = bigFloat64(offsets[nodeCount]!);
  for (let e = 0; e < edgeCount; e++) {
    const a = sources[e]!;
    const b = targets[e]!;
    if (a === b) continue;
    const w = typeof weights === 'number' ? weights : weights[e]!;
    rawTargets[cursor[a]!] = b;
    rawWeights[cursor[a]!++] = w;
    rawTargets[cursor[b]!] = a;
    rawWeights[cursor[b]!++] = w;
  }
  return sortAndSumRows({ nodeCount, offsets, targets: rawTargets, weights: rawWeights });
}

/** Rows up to this long are sorted in place by insertion; longer ones through an index array. */
const INSERTION_ROW = 24;

/** Sorts targets[start, end) in place with their weights, stably. */
function sortRow(targets: Uint32Array, weights: Float64Array, start: number, end: number): void {
  if (end - start <= INSERTION_ROW) {
    for (let i = start + 1; i < end; i++) {
      const target = targets[i]!;
      const weight = weights[i]!;
      let j = i - 1;
      for (; j >= start && targets[j]! > target; j--) {
        targets[j + 1] = targets[j]!;
        weights[j + 1] = weights[j]!;
      }
      targets[j + 1] = target;
      weights[j + 1] = weight;
    }
    return;
  }
  const order: number[] = [];
  for (let arc = start; arc < end; arc++) order.push(arc);
  order.sort((x, y) => targets[x]! - targets[y]!);
  const rowTargets = order.map((arc) => targets[arc]!);
  const rowWeights = order.map((arc) => weights[arc]!);
  targets.set(rowTargets, start);
  weights.set(rowWeights, start);
}

/**
 * Arrays whose unused tail is at most this share of their length are kept whole, the graph
 * viewing their front, rather than copied to fit: the copy would briefly hold both (at a million
 * papers, half a gigabyte more for the citation layer, where repeated arcs are few).
 */
const KEPT_SLACK = 1 / 16;

/**
 * Sorts each row by target and sums repeated targets (parallel edges) into one arc, adding the
 * repeats in the order they were stored (the sort is stable). Row by row, so each row is sorted
 * where it lies in memory: most rows are short, and a sort over all arcs at once would scatter
 * tens of millions of writes across the arrays.
 */
export function sortAndSumRows(graph: CsrGraph): CsrGraph {
  const { nodeCount, offsets, targets, weights } = graph;
  const outOffsets = bigFloat64(nodeCount + 1);
  let write = 0;
  for (let v = 0; v < nodeCount; v++) {
    const start = offsets[v]!;
    const end = offsets[v + 1]!;
    const rowStart = write;
    outOffsets[v] = rowStart;
    sortRow(targets, weights, start, end);
    // Written back from the front: `write` never passes the arc being read.
    for (let i = start; i < end; i++) {
      if (write > rowStart && targets[i] === targets[write - 1]) weights[write - 1]! += weights[i]!;
      else {
        targets[write] = targets[i]!;
        weights[write++] = weights[i]!;
      }
    }
  }
  outOffsets[nodeCount] = write;
  const copy = targets.length - write > KEPT_SLACK * targets.length;
  return {
    nodeCount,
    offsets: outOffsets,
    targets: copy ? bigCopy(targets, 0, write) : targets.subarray(0, write),
    weights: copy ? bigCopy(weights, 0, write) : weights.subarray(0, write),
  };
}
