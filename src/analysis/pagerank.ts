import { bigFloat64 } from '../util/big-arrays.ts';
import type { CsrGraph } from './csr.ts';

interface PagerankOptions {
  alpha: number;
  maxIterations: number;
  /** Stops when the L1 change of an iteration is below nodeCount × tolerance. */
  tolerance: number;
  /** Split a node's rank over its arcs by weight (graphology's getEdgeWeight) instead of equally. */
  weighted?: boolean;
}

export const DEFAULT_PAGERANK_OPTIONS: PagerankOptions = { alpha: 0.85, maxIterations: 100, tolerance: 1e-6 };

/**
 * PageRank over a directed CSR graph (arcs u → v; an undirected one has both), with the same iteration,
 * dangling-node handling and stopping rule as graphology-metrics' pagerank, so small graphs give
 * the same scores on both paths. Unlike graphology it does not throw when it has not converged:
 * it returns the last iterate and says so.
 */
export function pagerankCsr(
  graph: CsrGraph,
  options: PagerankOptions = DEFAULT_PAGERANK_OPTIONS,
): { scores: Float64Array; iterations: number; converged: boolean } {
  const n = graph.nodeCount;
  if (n === 0) return { scores: bigFloat64(0), iterations: 0, converged: true };
  const { alpha, maxIterations, tolerance } = options;
  const { offsets, targets, weights } = graph;
  const weighted = options.weighted === true;
  const p = 1 / n;
  // Per node: 1 / out-degree, or 1 / out-strength when weighted (each arc then takes its weight).
  const inverseOutDegree = bigFloat64(n);
  const dangling: number[] = [];
  for (let v = 0; v < n; v++) {
    let degree = offsets[v + 1]! - offsets[v]!;
    if (weighted) {
      degree = 0;
      for (let arc = offsets[v]!; arc < offsets[v + 1]!; arc++) degree += weights[arc]!;
    }
    if (degree === 0) dangling.push(v);
    else inverseOutDegree[v] = 1 / degree;
  }
  let x = bigFloat64(n).fill(p);
  let next = bigFloat64(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    next.fill(0);
    let dangleSum = 0;
    for (const v of dangling) dangleSum += x[v]!;
    const teleport = alpha * dangleSum * p + (1 - alpha) * p;
    for (let v = 0; v < n; v++) {
      const share = alpha * x[v]! * inverseOutDegree[v]!;
      if (weighted)
        for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++)
          next[targets[arc]!]! += share * weights[arc]!;
      else for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) next[targets[arc]!]! += share;
      next[v]! += teleport;
    }
    let error = 0;
    for (let v = 0; v < n; v++) error += Math.abs(next[v]! - x[v]!);
    [x, next] = [next, x];
    if (error < n * tolerance) {
      converged = true;
      break;
    }
    iterations++;
  }
  return { scores: x, iterations, converged };
}
