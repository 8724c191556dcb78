/**
 * How much to trust a community partition, on CSR graphs: how the communities change with the
 * resolution (sweep) and how often pairs of a reference community stay together when Louvain runs
 * with other seeds (stability). Same outputs and meaning as the graphology versions these replace.
 *
 * Past `wholeGraphUpTo` nodes both run on the graph of first-level Louvain groups instead of the
 * whole graph: Louvain spends most of its time on the first level, so one first-level run plus
 * 16 runs on the much smaller group graph cost about two runs on the whole graph instead of 16.
 * The price: nodes of one group are together in every run, so stability only measures how the
 * groups are combined, not how their members are split.
 */
import { bigCopy, bigFloat64, bigInt32, bigUint32 } from '../util/big-arrays.ts';
import { seededRandom } from '../util/random.ts';
import type { CsrGraph } from './csr.ts';
import { louvainCsr } from './louvain.ts';

export interface SweepPoint {
  resolution: number;
  communities: number;
  modularity: number;
}

export interface Stability {
  seeds: number;
  /** Mean over communities of the share of runs in which pairs of the reference community stay together. */
  meanPairStability: number;
  /** Per reference community id with at least two members, by increasing id. */
  perCommunity: { id: number; stability: number }[];
  modularity: { min: number; median: number; max: number };
}

/** A community detection run: Louvain by default, Leiden for the maps that use it. */
type Clusterer = (
  graph: CsrGraph,
  resolution: number,
  seed: number,
) => { membership: Int32Array; count: number; modularity: number };

const louvainClusterer: Clusterer = (graph, resolution, seed) =>
  louvainCsr(graph, { resolution, random: seededRandom(seed) });

interface PartitionDiagnosticsOptions {
  /** Resolution of the reference partition; the stability runs use it. */
  resolution: number;
  /** Resolutions of the sweep. */
  resolutions: number[];
  /** Louvain runs of the stability measure (seeds seed+1 .. seed+seeds). */
  seeds: number;
  /** Seed of the sweep, of the first-level grouping and of the stability's pair sample. */
  seed: number;
  /** Largest node count run on the whole graph. Default `DIAGNOSTICS_WHOLE_GRAPH_UP_TO`. */
  wholeGraphUpTo?: number;
  /** The detection whose partition is diagnosed. Default Louvain. */
  cluster?: Clusterer | undefined;
}

export interface PartitionDiagnostics {
  sweep: SweepPoint[];
  stability: Stability;
  scope: {
    graph: 'whole' | 'first-level aggregate';
    /** Nodes of the graph the Louvain runs saw. */
    nodes: number;
    seeds: number;
  };
}

/**
 * Largest graph whose diagnostics run on the whole graph. The whole graph costs 16 full Louvain
 * runs (6 resolutions, 10 seeds), which grow faster than the graph; first-level groups cost one
 * first level plus 16 runs on a graph about 20 times smaller. CPU seconds on synthetic
 * co-authorship graphs (Node 20, 2 cores; wall time was 3x that on the loaded machine):
 *
 *   authors   whole   groups          sweep modularity, groups − whole
 *    17 594    0.37
 *    48 186    1.50   0.23 (2 373)    within 0.002
 *    59 463    2.02   0.27 (3 325)    within 0.002; stability 0.998 vs 0.999
 *   583 647      —   10.1 (39 845)    (one Louvain on it: 5.0)
 *
 * 50 000 keeps the whole graph, which also sees splits inside groups, under about 2 s.
 */
export const DIAGNOSTICS_WHOLE_GRAPH_UP_TO = 50_000;

/** Most pairs sampled per community when measuring stability (keeps it linear for big communities). */
const MAX_PAIRS_PER_COMMUNITY = 500;

/** Communities and modularity across resolutions, so a user can see how the partition depends on it. */
export function resolutionSweep(
  graph: CsrGraph,
  resolutions: number[],
  seed: number,
  cluster: Clusterer = louvainClusterer,
): SweepPoint[] {
  return resolutions.map((resolution) => {
    const partition = cluster(graph, resolution, seed);
    return { resolution, communities: partition.count, modularity: partition.modularity };
  });
}

/**
 * Runs Louvain with seeds baseSeed+1 .. baseSeed+seeds at `resolution` and measures how often
 * pairs of nodes that `reference` (community id per node, -1 for none) puts together stay
 * together: a partition users can trust scores near 1.
 */
export function seedStability(
  graph: CsrGraph,
  reference: Int32Array,
  resolution: number,
  seeds: number,
  baseSeed: number,
  cluster: Clusterer = louvainClusterer,
): Stability {
  return stabilityOverGroups(graph, null, reference, resolution, seeds, baseSeed, cluster);
}

/**
 * Sweep and stability of `reference` (community id per node of `graph`, -1 for none): on the
 * whole graph up to `wholeGraphUpTo` nodes, past that on the graph of first-level Louvain groups.
 * Stability pairs are pairs of the graph's own nodes either way, drawn the same way.
 */
export function partitionDiagnostics(
  graph: CsrGraph,
  reference: Int32Array,
  options: PartitionDiagnosticsOptions,
): PartitionDiagnostics {
  const { resolution, resolutions, seeds, seed } = options;
  const cluster = options.cluster ?? louvainClusterer;
  const wholeGraphUpTo = options.wholeGraphUpTo ?? DIAGNOSTICS_WHOLE_GRAPH_UP_TO;
  if (graph.nodeCount <= wholeGraphUpTo) {
    return {
      sweep: resolutionSweep(graph, resolutions, seed, cluster),
      stability: seedStability(graph, reference, resolution, seeds, seed, cluster),
      scope: { graph: 'whole', nodes: graph.nodeCount, seeds },
    };
  }
  // Groups made at the finest resolution asked for, the smallest groups any run wants. Measured on the
  // 100k-paper graph: grouping at γ = 1 instead of 3 left the γ = 3 sweep point at modularity
  // 0.447 instead of the whole graph's 0.481, and with the reference's seed it rebuilt the
  // reference's own first level, so stability read 1.000 (whole graph: 0.999; these groups: 0.998).
  const finest = Math.max(resolution, ...resolutions);
  const firstLevel = louvainCsr(graph, { resolution: finest, maxLevels: 1, random: seededRandom(seed) });
  const groups = groupGraph(graph, firstLevel.membership, firstLevel.count);
  return {
    sweep: resolutionSweep(groups, resolutions, seed, cluster),
    stability: stabilityOverGroups(
      groups,
      firstLevel.membership,
      reference,
      resolution,
      seeds,
      seed,
      cluster,
    ),
    scope: { graph: 'first-level aggregate', nodes: groups.nodeCount, seeds },
  };
}

/**
 * The graph of groups (`group` per node, 0..count-1, -1 for none): one node per group, weights
 * between groups summed. Unlike other undirected CSR graphs it keeps self-loops: each group's
 * internal weight, counted from both ends, as one arc to itself. That is how louvain.ts keeps
 * internal weight on its own aggregated levels, so louvainCsr and modularityOf read it the same
 * way: each node's row sum is its weighted degree, 2m is unchanged, local moving ignores the loop,
 * and the modularity of a partition of the groups equals the whole graph's modularity of the same
 * partition lifted to the nodes. Dropping the loops would shrink 2m and the degrees and change
 * every modularity.
 */
export function groupGraph(graph: CsrGraph, group: Int32Array, count: number): CsrGraph {
  const { nodeCount, offsets, targets, weights } = graph;
  const memberStart = bigInt32(count + 1);
  for (let v = 0; v < nodeCount; v++) if (group[v]! >= 0) memberStart[group[v]! + 1]!++;
  for (let g = 0; g < count; g++) memberStart[g + 1]! += memberStart[g]!;
  const cursor = bigCopy(memberStart, 0, count);
  const members = bigInt32(memberStart[count]!);
  for (let v = 0; v < nodeCount; v++) if (group[v]! >= 0) members[cursor[group[v]!]!++] = v;

  const weightTo = bigFloat64(count);
  const touched = bigInt32(count);
  const groupOffsets = bigFloat64(count + 1);
  // Rows grow by doubling: the group graph is usually several times smaller than the graph.
  let capacity = Math.max(16, Math.ceil(offsets[nodeCount]! / 8));
  let groupTargets = bigUint32(capacity);
  let groupWeights = bigFloat64(capacity);
  let write = 0;
  for (let g = 0; g < count; g++) {
    let touchedCount = 0;
    for (let m = memberStart[g]!, mEnd = memberStart[g + 1]!; m < mEnd; m++) {
      const v = members[m]!;
      for (let arc = offsets[v]!, end = offsets[v + 1]!; arc < end; arc++) {
        const target = group[targets[arc]!]!;
        if (weightTo[target] === 0) touched[touchedCount++] = target;
        weightTo[target]! += weights[arc]!;
      }
    }
    if (write + touchedCount > capacity) {
      capacity = Math.max(2 * capacity, write + touchedCount);
      groupTargets = bigCopy(groupTargets, 0, write, capacity);
      groupWeights = bigCopy(groupWeights, 0, write, capacity);
    }
    for (let i = 0; i < touchedCount; i++) {
      const target = touched[i]!;
      groupTargets[write] = target;
      groupWeights[write++] = weightTo[target]!;
      weightTo[target] = 0;
    }
    groupOffsets[g + 1] = write;
  }
  if (write < capacity) {
    groupTargets = bigCopy(groupTargets, 0, write);
    groupWeights = bigCopy(groupWeights, 0, write);
  }
  return { nodeCount: count, offsets: groupOffsets, targets: groupTargets, weights: groupWeights };
}

/**
 * Stability measured on `graph`, whose node g stands for the original nodes v with
 * `groupOf[v] === g` (null: graph's nodes are the original nodes). Pairs are always pairs of
 * original nodes, drawn the same way whatever graph the runs see.
 */
function stabilityOverGroups(
  graph: CsrGraph,
  groupOf: Int32Array | null,
  reference: Int32Array,
  resolution: number,
  seeds: number,
  baseSeed: number,
  cluster: Clusterer,
): Stability {
  const runs: Int32Array[] = [];
  const modularities: number[] = [];
  for (let index = 0; index < seeds; index++) {
    const run = cluster(graph, resolution, baseSeed + index + 1);
    runs.push(run.membership);
    modularities.push(run.modularity);
  }
  modularities.sort((a, b) => a - b);

  // Reference communities' members in increasing node order (counting sort by id).
  let maxId = -1;
  for (let v = 0; v < reference.length; v++) if (reference[v]! > maxId) maxId = reference[v]!;
  const memberStart = bigInt32(maxId + 2);
  for (let v = 0; v < reference.length; v++) if (reference[v]! >= 0) memberStart[reference[v]! + 1]!++;
  for (let id = 0; id <= maxId; id++) memberStart[id + 1]! += memberStart[id]!;
  const cursor = bigCopy(memberStart, 0, maxId + 1);
  const members = bigInt32(memberStart[maxId + 1]!);
  for (let v = 0; v < reference.length; v++) if (reference[v]! >= 0) members[cursor[reference[v]!]!++] = v;

  /** Community of original node v in a run; -1 (never together) for nodes without edges. */
  const communityIn = (run: Int32Array, v: number): number => {
    const node = groupOf === null ? v : groupOf[v]!;
    return node < 0 ? -1 : run[node]!;
  };
  const together = (a: number, b: number): number => {
    let count = 0;
    for (const run of runs) {
      const c = communityIn(run, a);
      if (c >= 0 && c === communityIn(run, b)) count++;
    }
    return count;
  };

  const random = seededRandom(baseSeed);
  const perCommunity: { id: number; stability: number }[] = [];
  for (let id = 0; id <= maxId; id++) {
    const start = memberStart[id]!;
    const size = memberStart[id + 1]! - start;
    if (size < 2) continue;
    let pairs = 0;
    let stayed = 0;
    if ((size * (size - 1)) / 2 <= MAX_PAIRS_PER_COMMUNITY) {
      for (let i = 0; i < size; i++)
        for (let j = i + 1; j < size; j++) {
          stayed += together(members[start + i]!, members[start + j]!);
          pairs++;
        }
    } else {
      while (pairs < MAX_PAIRS_PER_COMMUNITY) {
        const a = members[start + Math.floor(random() * size)]!;
        const b = members[start + Math.floor(random() * size)]!;
        if (a === b) continue;
        stayed += together(a, b);
        pairs++;
      }
    }
    perCommunity.push({ id, stability: stayed / (pairs * runs.length || 1) });
  }
  const mean = perCommunity.reduce((sum, entry) => sum + entry.stability, 0) / (perCommunity.length || 1);
  return {
    seeds,
    meanPairStability: perCommunity.length ? mean : 1,
    perCommunity,
    modularity: {
      min: modularities[0] ?? 0,
      median: modularities[Math.floor(modularities.length / 2)] ?? 0,
      max: modularities[modularities.length - 1] ?? 0,
    },
  };
}

/** What a layer's sweep and stability depend on besides the layer: plain data (threads post it). */
export interface DiagnosticsSettings {
  resolutions: number[];
  /** Louvain runs of the stability measure; 0 turns the stability off. */
  seeds: number;
  seed: number;
  wholeGraphUpTo: number;
}

/** A layer's sweep, stability and where they were computed, as the report has them. */
export interface LayerDiagnostics {
  sweep: SweepPoint[];
  stability: Stability | 'off';
  diagnostics: PartitionDiagnostics['scope'];
}

/** The sweep and the stability of one layer's partition at `resolution`. */
export function layerDiagnostics(
  graph: CsrGraph,
  membership: Int32Array,
  resolution: number,
  settings: DiagnosticsSettings,
  cluster?: Clusterer,
): LayerDiagnostics {
  const { sweep, stability, scope } = partitionDiagnostics(graph, membership, {
    cluster,
    resolution,
    resolutions: settings.resolutions,
    seeds: settings.seeds,
    seed: settings.seed,
    wholeGraphUpTo: settings.wholeGraphUpTo,
  });
  return { sweep, stability: settings.seeds > 0 ? stability : 'off', diagnostics: scope };
}
