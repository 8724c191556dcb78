/**
 * Betweenness centrality over a CSR graph: Brandes' algorithm on the unweighted undirected graph,
 * exact or estimated from a sample of source nodes (Brandes & Pich 2007, "Centrality estimation in
 * large networks").
 *
 * Scores are normalised as graphology-metrics' `betweenness(graph, {getEdgeWeight: null,
 * normalized: true})` does for an undirected graph: the dependencies summed over every source
 * (each unordered pair is therefore counted from both ends) times 1 / ((n − 1)(n − 2)), with n the
 * node count including nodes without edges; no scaling when n ≤ 2. (graphology halves undirected
 * scores only when not normalising.) That equals networkx's normalised undirected betweenness.
 *
 * Memory: a few arrays per node, no per-node objects and no predecessor lists: each node pulls its
 * dependency from its neighbours one step farther from the source, found again from its row.
 */
import { bigFloat64, bigInt32 } from '../util/big-arrays.ts';
import type { Random } from '../util/random.ts';
import type { CsrGraph } from './csr.ts';

interface BetweennessOptions {
  /**
   * Number of sampled source nodes (pivots). Undefined, or at least the number of nodes with
   * edges: exact. Otherwise a uniform sample without replacement whose sum is scaled up to an
   * unbiased estimate of the exact scores.
   */
  pivots?: number;
  /** Draws the pivots; unused when exact. */
  random: Random;
  /** Called now and then with the sources done so far and the sources to do. */
  onProgress?: (done: number, total: number) => void;
}

interface BetweennessResult {
  /** Normalised betweenness per node (0 for nodes without edges). */
  scores: Float64Array;
  method: 'exact' | 'sampled';
  /** Sources whose shortest paths were counted: the node count when exact. */
  pivots: number;
}

/**
 * Defaults of `betweennessPivots`. The work of one source is one breadth-first search, about
 * nodes + arcs steps; `workBudget` is the total allowed before sampling. Measured (CPU time,
 * Node 20, the 2-core development machine) on synthetic co-authorship graphs: about 1e8 steps a
 * second up to a few thousand nodes (exact on 1 512 authors / 22 534 arcs: 0.36 s; on 2 862 / 45 616:
 * 1.3 s), half that on a 59 463-author graph whose arcs leave the cache. 1e8 keeps an exact run
 * near 1 s, so graphs up to about 2 500 co-authors are exact.
 * `minPivots`: a floor for huge graphs, where the budget buys fewer sources than that; below it the
 * top scores are mostly noise (on the 1 512-author graph, mean relative error of the exact top 10,
 * worst of 20 seeds: 64 pivots 0.30, 200 pivots 0.17, 400 pivots 0.10).
 */
export const DEFAULT_BETWEENNESS_PIVOTS = { workBudget: 1e8, minPivots: 64 } as const;

/**
 * How many pivots `betweennessCsr` should sample for a graph of this size: undefined (exact) when
 * every node as a source fits in the work budget, else as many sources as fit, but at least
 * `minPivots`. Once one search costs more than budget / minPivots steps (1.6M nodes + arcs by
 * default) the floor, not the budget, sets the time: 64 pivots on the 1M-paper graph (583 647
 * authors, 13.6M arcs) took 54 s of CPU.
 */
export function betweennessPivots(
  nodeCount: number,
  arcCount: number,
  budget: number = DEFAULT_BETWEENNESS_PIVOTS.workBudget,
  minPivots: number = DEFAULT_BETWEENNESS_PIVOTS.minPivots,
): number | undefined {
  const perSource = nodeCount + arcCount;
  if (nodeCount * perSource <= budget) return undefined;
  const pivots = Math.max(minPivots, Math.floor(budget / perSource));
  return pivots >= nodeCount ? undefined : pivots;
}

/** Sources between two progress reports. */
const PROGRESS_EVERY = 256;

/**
 * Betweenness of every node of an undirected CSR graph (each edge stored from both ends, weights
 * ignored). O(sources · (n + m)) time, O(n + m) memory. Same graph, options and generator state
 * give the same scores.
 */
export function betweennessCsr(graph: CsrGraph, options: BetweennessOptions): BetweennessResult {
  const { nodeCount: n, offsets, targets } = graph;
  const scores = bigFloat64(n);
  // Nodes without edges are sources of nothing: sampling among the others wastes no pivot and
  // stays unbiased once scaled by their count.
  let active = 0;
  for (let v = 0; v < n; v++) if (offsets[v + 1]! > offsets[v]!) active++;
  const sources = bigInt32(active);
  active = 0;
  for (let v = 0; v < n; v++) if (offsets[v + 1]! > offsets[v]!) sources[active++] = v;

  const requested = options.pivots;
  const exact = requested === undefined || requested >= active;
  let sourceCount = active;
  if (!exact) {
    sourceCount = Math.max(1, Math.floor(requested));
    // Partial Fisher–Yates: the first sourceCount entries become a uniform sample without replacement.
    for (let i = 0; i < sourceCount; i++) {
      const j = i + Math.floor(options.random() * (active - i));
      const swap = sources[i]!;
      sources[i] = sources[j]!;
      sources[j] = swap;
    }
  }

  const distance = bigInt32(n).fill(-1);
  const paths = bigFloat64(n);
  const share = bigFloat64(n);
  // Nodes in the order the search reached them: the queue forwards, the stack backwards.
  const reached = bigInt32(n);
  for (let s = 0; s < sourceCount; s++) {
    if (options.onProgress && s % PROGRESS_EVERY === 0) options.onProgress(s, sourceCount);
    const source = sources[s]!;
    distance[source] = 0;
    paths[source] = 1;
    reached[0] = source;
    let size = 1;
    for (let read = 0; read < size; read++) {
      const v = reached[read]!;
      const next = distance[v]! + 1;
      const pathsV = paths[v]!;
      for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) {
        const w = targets[arc]!;
        const dw = distance[w]!;
        if (dw < 0) {
          distance[w] = next;
          paths[w] = pathsV;
          reached[size++] = w;
        } else if (dw === next) paths[w]! += pathsV;
      }
    }
    // Dependencies pulled from the successors (one step farther), which are final by then;
    // `share` holds (1 + dependency) / paths of each finished node, so the pull is one addition.
    for (let i = size - 1; i > 0; i--) {
      const v = reached[i]!;
      const next = distance[v]! + 1;
      let pulled = 0;
      for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) {
        const w = targets[arc]!;
        if (distance[w] === next) pulled += share[w]!;
      }
      const dependency = paths[v]! * pulled;
      scores[v]! += dependency;
      share[v] = (1 + dependency) / paths[v]!;
    }
    for (let i = 0; i < size; i++) {
      const v = reached[i]!;
      distance[v] = -1;
      paths[v] = 0;
      share[v] = 0;
    }
  }
  options.onProgress?.(sourceCount, sourceCount);

  let scale = n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
  if (!exact) scale *= active / sourceCount;
  if (scale !== 1) for (let v = 0; v < n; v++) scores[v]! *= scale;
  return { scores, method: exact ? 'exact' : 'sampled', pivots: exact ? n : sourceCount };
}
