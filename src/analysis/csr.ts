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
 * summed, self-loops dropped). Rows come out sorted by target.
 */
export function undirectedFromEdges(
  nodeCount: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number>,
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
    const w = weights[e]!;
    rawTargets[cursor[a]!] = b;
    rawWeights[cursor[a]!++] = w;
    rawTargets[cursor[b]!] = a;
    rawWeights[cursor[b]!++] = w;
  }
  return sortAndSumRows({ nodeCount, offsets, targets: rawTargets, weights: rawWeights });
}

/**
 * Sorts each row by target and sums repeated targets (parallel edges) into one arc, adding the
 * repeats in the order they were stored. A counting sort: the arcs are bucketed by target, then
 * dealt back to their rows target by target, so each row comes out in order in O(nodes + arcs).
 */
export function sortAndSumRows(graph: CsrGraph): CsrGraph {
  const { nodeCount, offsets, targets, weights } = graph;
  const arcs = offsets[nodeCount]!;
  let targetCount = 0;
  for (let arc = 0; arc < arcs; arc++) if (targets[arc]! >= targetCount) targetCount = targets[arc]! + 1;
  const byTarget = bigFloat64(targetCount + 1);
  for (let arc = 0; arc < arcs; arc++) byTarget[targets[arc]! + 1]!++;
  for (let t = 0; t < targetCount; t++) byTarget[t + 1]! += byTarget[t]!;
  const sources = bigUint32(arcs);
  const sourceWeights = bigFloat64(arcs);
  for (let v = 0; v < nodeCount; v++)
    for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) {
      const at = byTarget[targets[arc]!]!++;
      sources[at] = v;
      sourceWeights[at] = weights[arc]!;
    }
  // Dealt back in target order, each row fills from its own start; a repeat of the row's last
  // target is added to it.
  const cursor = bigCopy(offsets, 0, nodeCount);
  for (let t = 0, at = 0; t < targetCount; t++)
    for (const end = byTarget[t]!; at < end; at++) {
      const v = sources[at]!;
      const last = cursor[v]! - 1;
      if (last >= offsets[v]! && targets[last] === t) weights[last]! += sourceWeights[at]!;
      else {
        targets[cursor[v]!] = t;
        weights[cursor[v]!++] = sourceWeights[at]!;
      }
    }
  // Rows compacted to the front, in place.
  const outOffsets = bigFloat64(nodeCount + 1);
  let write = 0;
  for (let v = 0; v < nodeCount; v++) {
    outOffsets[v] = write;
    for (let arc = offsets[v]!, end = cursor[v]!; arc < end; arc++) {
      targets[write] = targets[arc]!;
      weights[write++] = weights[arc]!;
    }
  }
  outOffsets[nodeCount] = write;
  return {
    nodeCount,
    offsets: outOffsets,
    targets: write === targets.length ? targets : bigCopy(targets, 0, write),
    weights: write === weights.length ? weights : bigCopy(weights, 0, write),
  };
}
