/**
 * Leiden clustering and the VOS layout of a map, run by networkanalysis-ts: CWTS's own code, the
 * one VOSviewer Online runs. The calls are those of the library's run helpers
 * (run/networkClustering, run/networkLayout) without their console output: the network's node
 * weights are its total link weights; CPM runs on the association-strength normalised network and
 * modularity on the network as it is with resolution / 2m; the best of the random starts is kept
 * and its clusters ordered by size.
 */
import JavaRandom from 'java-random';
import {
  Clustering,
  GradientDescentVOSLayoutAlgorithm,
  Layout,
  LeidenAlgorithm,
  Network,
} from 'networkanalysis-ts';
import { bigFloat64, bigInt32 } from '../../util/big-arrays.ts';
import type { CsrGraph } from '../csr.ts';
import { modularityOf } from '../louvain.ts';

export interface LeidenSettings {
  /** 'cpm' on association strength (VOSviewer), or 'modularity'. */
  quality: 'cpm' | 'modularity';
  resolution: number;
  randomStarts: number;
  iterations: number;
  randomness: number;
}

export interface VosLayoutSettings {
  attraction: number;
  repulsion: number;
  randomStarts: number;
  maxIterations: number;
  /**
   * Node pairs visited over all iterations of a start: each iteration visits every pair (n²), so
   * large maps get fewer iterations than maxIterations (the report gives the number).
   */
  pairVisitBudget: number;
}

/** Link weight added between every pair when the map has several components (the run helper's value). */
const UNCONNECTED_EDGE_WEIGHT_INCREMENT = 0.01;

/**
 * The library's network of an undirected CSR graph, node weights its total link weights. A
 * self-loop arc (a group's internal weight on an aggregated graph, partition-diagnostics.ts) stays
 * in its node's weight, not among its links, as the library keeps self links apart.
 */
function libraryNetwork(graph: CsrGraph, weights: Float64Array = graph.weights): Network {
  const { nodeCount, offsets, targets } = graph;
  const firstNeighborIndices = new Array<number>(nodeCount + 1);
  const neighbors: number[] = [];
  const edgeWeights: number[] = [];
  const nodeWeights = new Array<number>(nodeCount).fill(0);
  for (let v = 0; v < nodeCount; v++) {
    firstNeighborIndices[v] = neighbors.length;
    for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) {
      nodeWeights[v]! += weights[arc]!;
      if (targets[arc] === v) continue;
      neighbors.push(targets[arc]!);
      edgeWeights.push(weights[arc]!);
    }
  }
  firstNeighborIndices[nodeCount] = neighbors.length;
  return new Network({
    nNodes: nodeCount,
    nodeWeights,
    firstNeighborIndices,
    neighbors,
    edgeWeights,
    checkIntegrity: false,
  });
}

export interface LeidenPartition {
  /** Cluster per node, 0.. by decreasing size; every node has one (an unlinked node is alone). */
  membership: Int32Array;
  count: number;
  /** The Leiden quality of the best start (CPM or modularity, as run). */
  quality: number;
  /** Modularity (γ = 1) on the graph given, as modularityOf computes it for Louvain. */
  modularity: number;
}

/** Leiden on `graph` with `weights` (counted, not normalised: CPM normalises them as VOSviewer does). */
export function leidenPartition(
  graph: CsrGraph,
  weights: Float64Array,
  settings: LeidenSettings,
  seed: number,
  modularityGraph: CsrGraph = graph,
): LeidenPartition {
  const n = graph.nodeCount;
  if (n === 0) return { membership: bigInt32(0), count: 0, quality: 0, modularity: 0 };
  let network = libraryNetwork(graph, weights);
  let resolution = settings.resolution;
  if (settings.quality === 'cpm') network = network.createNormalizedNetworkUsingAssociationStrength();
  // Modularity as the run helper scales it, resolution / 2m, with 2m the total node weight (self loops included).
  else resolution /= network.getTotalNodeWeight();
  const algorithm = new LeidenAlgorithm();
  algorithm.initializeBasedOnResolutionAndNIterationsAndRandomnessAndRandom(
    resolution,
    settings.iterations,
    settings.randomness,
    new JavaRandom(seed),
  );
  let best: Clustering | undefined;
  let bestQuality = Number.NEGATIVE_INFINITY;
  for (let start = 0; start < settings.randomStarts; start++) {
    const clustering = new Clustering({ nNodes: n });
    algorithm.improveClustering(network, clustering);
    const quality = algorithm.calcQuality(network, clustering);
    // A map without links has no quality (0 / 0): its first start is as good as any.
    if (best === undefined || quality > bestQuality) {
      best = clustering;
      bestQuality = quality;
    }
  }
  best!.orderClustersByNNodes();
  const membership = Int32Array.from(best!.getClusters());
  return {
    membership,
    count: best!.getNClusters(),
    quality: bestQuality,
    modularity: modularityOf(modularityGraph, membership),
  };
}

export interface VosLayout {
  x: Float64Array;
  y: Float64Array;
  /** The VOS quality of the best start (lower is better). */
  quality: number;
  /** Most gradient-descent iterations a start was allowed. */
  iterations: number;
}

/**
 * The VOS layout (van Eck, Waltman et al. 2010) on the association-strength normalised network of
 * `weights`, by gradient descent, standardised (centred, rotated, mean distance 1).
 */
export function vosLayout(
  graph: CsrGraph,
  weights: Float64Array,
  settings: VosLayoutSettings,
  seed: number,
): VosLayout {
  const n = graph.nodeCount;
  const iterations = Math.max(
    1,
    Math.min(settings.maxIterations, Math.floor(settings.pairVisitBudget / (n * n))),
  );
  // One item sits at the centre (standardising divides by the mean distance, 0 here).
  if (n < 2) return { x: bigFloat64(n), y: bigFloat64(n), quality: 0, iterations: 0 };
  const network = libraryNetwork(graph, weights).createNormalizedNetworkUsingAssociationStrength();
  const increment = network.identifyComponents().getNClusters() > 1 ? UNCONNECTED_EDGE_WEIGHT_INCREMENT : 0;
  const random = new JavaRandom(seed);
  const algorithm = new GradientDescentVOSLayoutAlgorithm();
  algorithm.initializeBasedOnAttractionAndRepulsionAndEdgeWeightIncrementAndMaxNIterationsAndInitialStepSizeAndMinStepSizeAndStepSizeReductionAndRequiredNQualityValueImprovementsAndRandom(
    settings.attraction,
    settings.repulsion,
    increment,
    iterations,
    GradientDescentVOSLayoutAlgorithm.DEFAULT_INITIAL_STEP_SIZE,
    GradientDescentVOSLayoutAlgorithm.DEFAULT_MIN_STEP_SIZE,
    GradientDescentVOSLayoutAlgorithm.DEFAULT_STEP_SIZE_REDUCTION,
    GradientDescentVOSLayoutAlgorithm.DEFAULT_REQUIRED_N_QUALITY_VALUE_IMPROVEMENTS,
    random,
  );
  let best: Layout | undefined;
  let bestQuality = Number.POSITIVE_INFINITY;
  for (let start = 0; start < settings.randomStarts; start++) {
    const layout = new Layout({ nNodes: n, random });
    algorithm.improveLayout(network, layout);
    const quality = algorithm.calcQuality(network, layout);
    if (best === undefined || quality < bestQuality) {
      best = layout;
      bestQuality = quality;
    }
  }
  best!.standardize(true);
  const [xs, ys] = best!.getCoordinates();
  return { x: Float64Array.from(xs!), y: Float64Array.from(ys!), quality: bestQuality, iterations };
}

/**
 * Leiden communities of any undirected layer (collaborator groups with `--clustering leiden`), as
 * Louvain's partition reads: modularity quality at `resolution`, nodes without links in no
 * community (-1), the others numbered 0.. by decreasing size.
 */
export function leidenCommunities(
  graph: CsrGraph,
  resolution: number,
  settings: Omit<LeidenSettings, 'quality' | 'resolution'>,
  seed: number,
): { membership: Int32Array; count: number; modularity: number; levels: number } {
  const { membership: clusters } = leidenPartition(
    graph,
    graph.weights,
    { ...settings, quality: 'modularity', resolution },
    seed,
  );
  const membership = bigInt32(graph.nodeCount).fill(-1);
  const renumbered = new Map<number, number>();
  const byCluster: number[][] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    if (graph.offsets[v + 1]! === graph.offsets[v]!) continue;
    const cluster = clusters[v]!;
    const members = byCluster[cluster];
    if (members) members.push(v);
    else byCluster[cluster] = [v];
  }
  // Clusters by decreasing size, ties by smallest member, as louvainCsr numbers them.
  const order = byCluster
    .map((members, cluster) => ({ members, cluster }))
    .filter((entry) => entry.members !== undefined)
    .sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
  for (const { members, cluster } of order) {
    renumbered.set(cluster, renumbered.size);
    for (const v of members) membership[v] = renumbered.get(cluster)!;
  }
  return {
    membership,
    count: renumbered.size,
    modularity: modularityOf(graph, membership, resolution),
    levels: 0,
  };
}
