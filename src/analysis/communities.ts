import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { AnalysedGraph } from '../graph/build.ts';
import type { EdgeKind, NodeKind } from '../model/graph-schema.ts';
import { seededRandom } from '../util/random.ts';

export type WeightedGraph = Graph<Record<string, never>, { weight: number }>;

/**
 * One layer of the analysed graph as a simple undirected weighted graph: the nodes of `nodeKind`
 * that have at least one edge of `edgeKind`, parallel edges summed.
 */
export function projectLayer(graph: AnalysedGraph, edgeKind: EdgeKind, nodeKind: NodeKind): WeightedGraph {
  const layer: WeightedGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  graph.forEachEdge((_edge, attributes, source, target, sourceAttributes, targetAttributes) => {
    if (
      attributes.kind !== edgeKind ||
      sourceAttributes.kind !== nodeKind ||
      targetAttributes.kind !== nodeKind
    )
      return;
    if (source === target) return;
    layer.mergeNode(source);
    layer.mergeNode(target);
    layer.updateUndirectedEdge(source, target, (current) => ({
      weight: (current.weight ?? 0) + attributes.weight,
    }));
  });
  return layer;
}

export interface Partition {
  /** Node key → community id; ids are 0.. by decreasing size (ties: smallest member key first). */
  membership: Map<string, number>;
  count: number;
  modularity: number;
  resolution: number;
}

export interface LouvainSettings {
  resolution: number;
  seed: number;
}

/** Louvain with a seeded generator, community ids renumbered so the same input always reads the same. */
export function detectCommunities(layer: WeightedGraph, settings: LouvainSettings): Partition {
  if (layer.order === 0)
    return { membership: new Map(), count: 0, modularity: 0, resolution: settings.resolution };
  const result = louvain.detailed(layer, {
    getEdgeWeight: 'weight',
    resolution: settings.resolution,
    rng: seededRandom(settings.seed),
  });
  const members = new Map<number, string[]>();
  layer.forEachNode((node) => {
    const raw = result.communities[node]!;
    const list = members.get(raw) ?? [];
    list.push(node);
    members.set(raw, list);
  });
  const ordered = [...members.values()]
    .map((list) => list.sort())
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const membership = new Map<string, number>();
  ordered.forEach((list, id) => {
    for (const node of list) membership.set(node, id);
  });
  return {
    membership,
    count: ordered.length,
    modularity: result.modularity,
    resolution: settings.resolution,
  };
}

export interface SweepPoint {
  resolution: number;
  communities: number;
  modularity: number;
}

/** Communities and modularity across resolutions, so a user can see how the partition depends on it. */
export function resolutionSweep(layer: WeightedGraph, resolutions: number[], seed: number): SweepPoint[] {
  return resolutions.map((resolution) => {
    const partition = detectCommunities(layer, { resolution, seed });
    return { resolution, communities: partition.count, modularity: partition.modularity };
  });
}

export interface Stability {
  seeds: number;
  /** Mean over communities of the share of runs in which pairs of the reference community stay together. */
  meanPairStability: number;
  /** Per reference community id. */
  perCommunity: { id: number; stability: number }[];
  modularity: { min: number; median: number; max: number };
}

/** Most pairs sampled per community when measuring stability (keeps it linear for big communities). */
const MAX_PAIRS_PER_COMMUNITY = 500;

/**
 * Runs Louvain with `seeds` different seeds and measures how often pairs of nodes that the
 * reference partition puts together stay together: a partition users can trust scores near 1.
 */
export function seedStability(
  layer: WeightedGraph,
  reference: Partition,
  seeds: number,
  baseSeed: number,
): Stability {
  const runs = Array.from({ length: seeds }, (_, index) =>
    detectCommunities(layer, { resolution: reference.resolution, seed: baseSeed + index + 1 }),
  );
  const groups = new Map<number, string[]>();
  for (const [node, id] of reference.membership) {
    const list = groups.get(id) ?? [];
    list.push(node);
    groups.set(id, list);
  }
  const random = seededRandom(baseSeed);
  const perCommunity: { id: number; stability: number }[] = [];
  for (const [id, nodes] of [...groups].sort((a, b) => a[0] - b[0])) {
    if (nodes.length < 2) continue;
    const pairs: [string, string][] = [];
    const allPairs = (nodes.length * (nodes.length - 1)) / 2;
    if (allPairs <= MAX_PAIRS_PER_COMMUNITY) {
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++) pairs.push([nodes[i]!, nodes[j]!]);
    } else {
      while (pairs.length < MAX_PAIRS_PER_COMMUNITY) {
        const a = nodes[Math.floor(random() * nodes.length)]!;
        const b = nodes[Math.floor(random() * nodes.length)]!;
        if (a !== b) pairs.push([a, b]);
      }
    }
    let together = 0;
    for (const run of runs)
      for (const [a, b] of pairs) if (run.membership.get(a) === run.membership.get(b)) together++;
    perCommunity.push({ id, stability: together / (pairs.length * runs.length || 1) });
  }
  const modularities = runs.map((run) => run.modularity).sort((a, b) => a - b);
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
