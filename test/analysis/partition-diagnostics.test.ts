import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsrGraph, undirectedFromEdges } from '../../src/analysis/csr.ts';
import { louvainCsr, modularityOf } from '../../src/analysis/louvain.ts';
import {
  DIAGNOSTICS_WHOLE_GRAPH_UP_TO,
  groupGraph,
  partitionDiagnostics,
  resolutionSweep,
  seedStability,
} from '../../src/analysis/partition-diagnostics.ts';
import { type Random, seededRandom } from '../../src/util/random.ts';

const RESOLUTIONS = [0.25, 0.5, 1, 1.5, 2, 3];

interface EdgeList {
  nodeCount: number;
  sources: number[];
  targets: number[];
  weights: number[];
}

function toCsr(edges: EdgeList): CsrGraph {
  return undirectedFromEdges(edges.nodeCount, edges.sources, edges.targets, edges.weights);
}

/** `count` cliques of `size` nodes (node c·size + i); with `ring`, clique c is joined to c+1 by one edge. */
function cliques(count: number, size: number, ring: boolean, extraNodes = 0): EdgeList {
  const edges: EdgeList = { nodeCount: count * size + extraNodes, sources: [], targets: [], weights: [] };
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < size; i++)
      for (let j = i + 1; j < size; j++) {
        edges.sources.push(c * size + i);
        edges.targets.push(c * size + j);
        edges.weights.push(1);
      }
    if (ring && count > 1) {
      edges.sources.push(c * size);
      edges.targets.push(((c + 1) % count) * size + 1);
      edges.weights.push(1);
    }
  }
  return edges;
}

/** Two 4-cliques (nodes 0-3 and 4-7) joined by the edge 0–4. */
function twoJoinedCliques(extraNodes = 0): EdgeList {
  const edges = cliques(2, 4, false, extraNodes);
  edges.sources.push(0);
  edges.targets.push(4);
  edges.weights.push(1);
  return edges;
}

/** Planted partition: `groups` groups of uneven size, dense inside, sparse across, weights 1..5. */
function plantedPartition(nodeCount: number, groups: number, random: Random): EdgeList {
  const group = Array.from({ length: nodeCount }, () => Math.floor(random() ** 1.5 * groups));
  const edges: EdgeList = { nodeCount, sources: [], targets: [], weights: [] };
  for (let v = 0; v < nodeCount; v++)
    for (let k = 0; k < 6; k++) {
      const u = Math.floor(random() * nodeCount);
      if (u === v || (group[u] !== group[v] && random() < 0.85)) continue;
      edges.sources.push(v);
      edges.targets.push(u);
      edges.weights.push(1 + Math.floor(random() * 5));
    }
  return edges;
}

describe('resolutionSweep', () => {
  it('finds the two cliques at low resolutions with the modularity worked out by hand', () => {
    // m = 13; each clique has 6 internal edges (12 from both ends) and degree total 13:
    // Q(γ) = 2 · (12/26 − γ · (13/26)²) = 12/13 − γ/2.
    const sweep = resolutionSweep(toCsr(twoJoinedCliques()), [0.25, 0.5, 1], 1);
    expect(sweep.map((point) => point.communities)).toEqual([2, 2, 2]);
    sweep.forEach((point) => {
      expect(point.modularity).toBeCloseTo(12 / 13 - point.resolution / 2, 12);
    });
  });

  it('finds more communities as the resolution rises', () => {
    const graph = toCsr(plantedPartition(400, 8, seededRandom(4)));
    const sweep = resolutionSweep(graph, RESOLUTIONS, 1);
    expect(sweep.map((point) => point.resolution)).toEqual(RESOLUTIONS);
    for (let i = 1; i < sweep.length; i++)
      expect(sweep[i]!.communities).toBeGreaterThanOrEqual(sweep[i - 1]!.communities);
    expect(sweep.at(-1)!.communities).toBeGreaterThan(sweep[0]!.communities);
  });

  it('does not count nodes without edges as communities', () => {
    const sweep = resolutionSweep(toCsr(twoJoinedCliques(3)), [1], 1);
    expect(sweep[0]!.communities).toBe(2);
  });
});

describe('seedStability', () => {
  it('scores 1 for two cliques joined by one edge', () => {
    const graph = toCsr(twoJoinedCliques());
    const reference = louvainCsr(graph, { random: seededRandom(1) });
    const stability = seedStability(graph, reference.membership, 1, 10, 1);
    expect(stability.seeds).toBe(10);
    expect(stability.meanPairStability).toBe(1);
    expect(stability.perCommunity).toEqual([
      { id: 0, stability: 1 },
      { id: 1, stability: 1 },
    ]);
    const q = 12 / 13 - 1 / 2;
    expect(stability.modularity.min).toBeCloseTo(q, 12);
    expect(stability.modularity.median).toBeCloseTo(q, 12);
    expect(stability.modularity.max).toBeCloseTo(q, 12);
  });

  it('scores a reference that lumps both cliques together as the share of its pairs inside one clique', () => {
    // 28 pairs of 8 nodes, 12 of them inside a clique: every run splits the cliques, so 12/28.
    const graph = toCsr(twoJoinedCliques(2));
    const reference = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, -1]);
    const stability = seedStability(graph, reference, 1, 5, 7);
    expect(stability.perCommunity).toEqual([{ id: 0, stability: 12 / 28 }]);
    expect(stability.meanPairStability).toBe(12 / 28);
  });

  it('samples 500 pairs of a big community: the share inside one of 10 cliques is about 9/99', () => {
    // 100 nodes in 10 cliques of 10: a random pair of distinct nodes shares a clique with p = 9/99.
    const graph = toCsr(cliques(10, 10, true));
    const stability = seedStability(graph, new Int32Array(100), 1, 4, 3);
    expect(louvainCsr(graph, { random: seededRandom(4) }).count).toBe(10);
    expect(stability.perCommunity).toHaveLength(1);
    expect(Math.abs(stability.meanPairStability - 9 / 99)).toBeLessThan(0.04);
  });

  it('scores 1 when the reference has no community with two members', () => {
    const graph = toCsr(twoJoinedCliques());
    const stability = seedStability(graph, Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 1, 3, 1);
    expect(stability.perCommunity).toEqual([]);
    expect(stability.meanPairStability).toBe(1);
  });

  it('sees a noisy graph as less stable than a clear one', () => {
    const clear = toCsr(cliques(8, 8, true));
    const noisy = toCsr(plantedPartition(300, 6, seededRandom(2)));
    const stabilityOf = (graph: CsrGraph) =>
      seedStability(graph, louvainCsr(graph, { random: seededRandom(1) }).membership, 1, 6, 1);
    expect(stabilityOf(clear).meanPairStability).toBe(1);
    const noisyStability = stabilityOf(noisy);
    expect(noisyStability.meanPairStability).toBeLessThan(1);
    expect(noisyStability.modularity.min).toBeLessThanOrEqual(noisyStability.modularity.median);
    expect(noisyStability.modularity.median).toBeLessThanOrEqual(noisyStability.modularity.max);
  });
});

describe('groupGraph', () => {
  it('keeps every modularity of the whole graph (internal weight kept as a self-loop)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (seed, groupCount, partitionCount) => {
          const random = seededRandom(seed);
          const graph = toCsr(plantedPartition(40, 3, random));
          const group = new Int32Array(40);
          for (let v = 0; v < 40; v++)
            group[v] = graph.offsets[v + 1]! > graph.offsets[v]! ? Math.floor(random() * groupCount) : -1;
          // Ids 0..count-1 with no gaps, as louvainCsr gives them.
          const used = [...new Set(group.filter((g) => g >= 0))].sort((a, b) => a - b);
          for (let v = 0; v < 40; v++) if (group[v]! >= 0) group[v] = used.indexOf(group[v]!);
          const groups = groupGraph(graph, group, used.length);
          const partition = Int32Array.from({ length: used.length }, () =>
            Math.floor(random() * partitionCount),
          );
          const lifted = group.map((g) => (g >= 0 ? partition[g]! : -1));
          for (const resolution of [0.5, 1, 3])
            expect(modularityOf(groups, partition, resolution)).toBeCloseTo(
              modularityOf(graph, lifted, resolution),
              12,
            );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('partitionDiagnostics', () => {
  const options = { resolution: 1, resolutions: RESOLUTIONS, seeds: 5, seed: 1 };
  const planted = toCsr(plantedPartition(2000, 12, seededRandom(8)));
  const plantedReference = louvainCsr(planted, { random: seededRandom(1) }).membership;

  it('runs on the whole graph up to the threshold and on first-level groups above it', () => {
    const whole = partitionDiagnostics(planted, plantedReference, { ...options, wholeGraphUpTo: 2000 });
    expect(whole.scope).toEqual({ graph: 'whole', nodes: 2000, seeds: 5 });
    expect(whole.sweep).toEqual(resolutionSweep(planted, RESOLUTIONS, 1));
    expect(whole.stability).toEqual(seedStability(planted, plantedReference, 1, 5, 1));

    const grouped = partitionDiagnostics(planted, plantedReference, { ...options, wholeGraphUpTo: 1999 });
    expect(grouped.scope.graph).toBe('first-level aggregate');
    expect(grouped.scope.nodes).toBeLessThan(2000 / 2);
    expect(grouped.stability.seeds).toBe(5);
    expect(grouped.stability.perCommunity.map((entry) => entry.id)).toEqual(
      whole.stability.perCommunity.map((entry) => entry.id),
    );
  });

  it('reads about the same on first-level groups as on the whole graph', () => {
    const whole = partitionDiagnostics(planted, plantedReference, { ...options, wholeGraphUpTo: 2000 });
    const grouped = partitionDiagnostics(planted, plantedReference, { ...options, wholeGraphUpTo: 0 });
    grouped.sweep.forEach((point, i) => {
      expect(point.resolution).toBe(RESOLUTIONS[i]);
      expect(Math.abs(point.modularity - whole.sweep[i]!.modularity)).toBeLessThan(0.02);
    });
    expect(Math.abs(grouped.stability.meanPairStability - whole.stability.meanPairStability)).toBeLessThan(
      0.1,
    );
    expect(Math.abs(grouped.stability.modularity.median - whole.stability.modularity.median)).toBeLessThan(
      0.02,
    );
  });

  it('gives the known answers on two joined cliques from the groups too', () => {
    const graph = toCsr(twoJoinedCliques(2));
    const lumped = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, -1, -1]);
    const result = partitionDiagnostics(graph, lumped, { ...options, wholeGraphUpTo: 0 });
    expect(result.scope.graph).toBe('first-level aggregate');
    expect(result.scope.nodes).toBeLessThanOrEqual(8);
    expect(result.stability.meanPairStability).toBe(12 / 28);
    expect(result.sweep.slice(0, 3).map((point) => point.communities)).toEqual([2, 2, 2]);
    expect(result.sweep[2]!.modularity).toBeCloseTo(12 / 13 - 1 / 2, 12);
  });

  it('gives the same result for the same seed', () => {
    for (const wholeGraphUpTo of [0, 2000]) {
      const first = partitionDiagnostics(planted, plantedReference, { ...options, wholeGraphUpTo });
      const again = partitionDiagnostics(planted, plantedReference, { ...options, wholeGraphUpTo });
      expect(again).toEqual(first);
    }
  });

  it('defaults to the measured threshold', () => {
    const result = partitionDiagnostics(planted, plantedReference, { ...options, seeds: 1 });
    expect(DIAGNOSTICS_WHOLE_GRAPH_UP_TO).toBeGreaterThanOrEqual(2000);
    expect(result.scope.graph).toBe('whole');
  });
});
