import fc from 'fast-check';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import modularity from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { type CsrGraph, undirectedFromEdges } from '../../src/analysis/csr.ts';
import { louvainCsr, modularityOf } from '../../src/analysis/louvain.ts';
import { type Random, seededRandom } from '../../src/util/random.ts';

interface EdgeList {
  nodeCount: number;
  sources: number[];
  targets: number[];
  weights: number[];
}

function toCsr(edges: EdgeList): CsrGraph {
  return undirectedFromEdges(edges.nodeCount, edges.sources, edges.targets, edges.weights);
}

/** The same edges as a graphology graph (parallel edges summed, self-loops dropped, as in the CSR). */
function toGraphology(edges: EdgeList, membership?: Int32Array): Graph {
  const graph = new Graph({ type: 'undirected' });
  for (let v = 0; v < edges.nodeCount; v++) graph.addNode(String(v), { community: membership?.[v] ?? 0 });
  edges.sources.forEach((source, e) => {
    const target = edges.targets[e]!;
    if (source === target) return;
    graph.updateUndirectedEdge(String(source), String(target), (current) => ({
      weight: ((current.weight as number | undefined) ?? 0) + edges.weights[e]!,
    }));
  });
  return graph;
}

/** `count` cliques of `size` nodes (node c·size + i), clique c joined to clique c+1 by one edge. */
function ringOfCliques(count: number, size: number): EdgeList {
  const edges: EdgeList = { nodeCount: count * size, sources: [], targets: [], weights: [] };
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < size; i++)
      for (let j = i + 1; j < size; j++) {
        edges.sources.push(c * size + i);
        edges.targets.push(c * size + j);
        edges.weights.push(1);
      }
    edges.sources.push(c * size);
    edges.targets.push(((c + 1) % count) * size + 1);
    edges.weights.push(1);
  }
  return edges;
}

/** Planted partition: `groups` groups of uneven size, dense inside, sparse across, weights 1..5. */
function plantedPartition(nodeCount: number, groups: number, random: Random): EdgeList {
  const group = Array.from({ length: nodeCount }, () => Math.floor(random() ** 1.5 * groups));
  const byGroup: number[][] = Array.from({ length: groups }, () => []);
  group.forEach((g, v) => {
    byGroup[g]!.push(v);
  });
  const edges: EdgeList = { nodeCount, sources: [], targets: [], weights: [] };
  for (let v = 0; v < nodeCount; v++) {
    const own = byGroup[group[v]!]!;
    for (let k = 0; k < 4; k++) {
      const inside = random() < 0.7;
      const u = inside ? own[Math.floor(random() * own.length)]! : Math.floor(random() * nodeCount);
      edges.sources.push(v);
      edges.targets.push(u);
      edges.weights.push(1 + Math.floor(random() * 5));
    }
  }
  return edges;
}

function randomWeighted(nodeCount: number, edgeCount: number, random: Random): EdgeList {
  const edges: EdgeList = { nodeCount, sources: [], targets: [], weights: [] };
  for (let e = 0; e < edgeCount; e++) {
    edges.sources.push(Math.floor(random() * nodeCount));
    edges.targets.push(Math.floor(random() * nodeCount));
    edges.weights.push(0.1 + random() * 3);
  }
  return edges;
}

function sizesOf(membership: Int32Array, count: number): number[] {
  const sizes = new Array<number>(count).fill(0);
  for (const id of membership) if (id >= 0) sizes[id]!++;
  return sizes;
}

describe('louvainCsr', () => {
  it('finds the cliques of a ring of cliques with the closed-form modularity', () => {
    const edges = ringOfCliques(8, 5);
    const result = louvainCsr(toCsr(edges), { random: seededRandom(3) });
    expect(result.count).toBe(8);
    expect(Array.from(result.membership)).toEqual(Array.from({ length: 40 }, (_, v) => Math.floor(v / 5)));
    // 2m = 2·(8·10 + 8); each clique: 20 internal (both ends), degree total 22.
    const twiceM = 176;
    expect(result.modularity).toBeCloseTo(8 * (20 / twiceM - (22 / twiceM) ** 2), 12);
    expect(result.levels).toBeGreaterThanOrEqual(1);
  });

  it('reports modularity at the resolution it ran with, and splits the cliques at resolution 20', () => {
    const csr = toCsr(ringOfCliques(8, 5));
    const low = louvainCsr(csr, { random: seededRandom(1), resolution: 0.5 });
    expect(low.modularity).toBeCloseTo(modularityOf(csr, low.membership, 0.5), 12);
    const high = louvainCsr(csr, { random: seededRandom(1), resolution: 20 });
    expect(high.count).toBeGreaterThan(8);
    expect(high.modularity).toBeCloseTo(modularityOf(csr, high.membership, 20), 12);
  });

  it('is deterministic for a seed and orders ids by decreasing size, ties by smallest member', () => {
    const edges = plantedPartition(1500, 12, seededRandom(11));
    const csr = toCsr(edges);
    const first = louvainCsr(csr, { random: seededRandom(5) });
    const second = louvainCsr(csr, { random: seededRandom(5) });
    expect(second.membership).toEqual(first.membership);
    expect(second.modularity).toBe(first.modularity);
    const sizes = sizesOf(first.membership, first.count);
    const firstMember = new Array<number>(first.count).fill(-1);
    first.membership.forEach((id, v) => {
      if (id >= 0 && firstMember[id] === -1) firstMember[id] = v;
    });
    for (let id = 1; id < first.count; id++) {
      expect(sizes[id]!).toBeLessThanOrEqual(sizes[id - 1]!);
      if (sizes[id] === sizes[id - 1]) expect(firstMember[id]!).toBeGreaterThan(firstMember[id - 1]!);
    }
  });

  it('reaches at least the modularity of graphology-communities-louvain minus 0.005, in both orders', () => {
    for (const seed of [1, 2, 3]) {
      const edges = plantedPartition(3000, 20 + seed * 5, seededRandom(100 + seed));
      const theirs = louvain.detailed(toGraphology(edges), {
        getEdgeWeight: 'weight',
        rng: seededRandom(seed),
      });
      for (const order of ['bfs', 'shuffle'] as const) {
        const ours = louvainCsr(toCsr(edges), { random: seededRandom(seed), order });
        expect(ours.modularity).toBeGreaterThanOrEqual(theirs.modularity - 0.005);
      }
    }
  });

  it('handles an empty graph, a single edge and isolated nodes', () => {
    const empty = louvainCsr(undirectedFromEdges(0, [], [], []), { random: seededRandom(1) });
    expect(empty).toEqual({ membership: new Int32Array(0), count: 0, modularity: 0, levels: 0 });

    const edgeless = louvainCsr(undirectedFromEdges(3, [], [], []), { random: seededRandom(1) });
    expect(Array.from(edgeless.membership)).toEqual([-1, -1, -1]);
    expect(edgeless.count).toBe(0);
    expect(edgeless.modularity).toBe(0);

    const single = louvainCsr(undirectedFromEdges(2, [0], [1], [2.5]), { random: seededRandom(1) });
    expect(Array.from(single.membership)).toEqual([0, 0]);
    expect(single.count).toBe(1);
    expect(single.modularity).toBeCloseTo(0, 12);

    // Two triangles, nodes 0, 4 and 8 isolated.
    const sources = [1, 2, 3, 5, 6, 7];
    const targets = [2, 3, 1, 6, 7, 5];
    const isolated = louvainCsr(undirectedFromEdges(9, sources, targets, [1, 1, 1, 1, 1, 1]), {
      random: seededRandom(1),
    });
    expect(Array.from(isolated.membership)).toEqual([-1, 0, 0, 0, -1, 1, 1, 1, -1]);
    expect(isolated.count).toBe(2);
    expect(isolated.modularity).toBeCloseTo(0.5, 12);
  });

  it('gives well-formed partitions on random small weighted graphs', () => {
    const graphs = fc
      .record({
        nodeCount: fc.integer({ min: 1, max: 40 }),
        edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0.01, max: 10, noNaN: true })), {
          maxLength: 120,
        }),
        seed: fc.integer(),
        resolution: fc.constantFrom(0.5, 1, 1.5),
      })
      .map(({ nodeCount, edges, seed, resolution }) => ({
        list: {
          nodeCount,
          sources: edges.map(([a]) => a % nodeCount),
          targets: edges.map(([, b]) => b % nodeCount),
          weights: edges.map(([, , w]) => w),
        },
        seed,
        resolution,
      }));
    fc.assert(
      fc.property(graphs, ({ list, seed, resolution }) => {
        const csr = toCsr(list);
        const result = louvainCsr(csr, { random: seededRandom(seed), resolution });
        const seen = new Set<number>();
        for (let v = 0; v < csr.nodeCount; v++) {
          const hasEdge = csr.offsets[v + 1]! > csr.offsets[v]!;
          expect(result.membership[v]! === -1).toBe(!hasEdge);
          if (hasEdge) seen.add(result.membership[v]!);
        }
        expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: result.count }, (_, i) => i));
        expect(result.modularity).toBeCloseTo(modularityOf(csr, result.membership, resolution), 10);
        if (resolution === 1) {
          expect(result.modularity).toBeGreaterThanOrEqual(-0.5);
          expect(result.modularity).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('modularityOf', () => {
  it('matches graphology-metrics modularity on random weighted graphs', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 6; trial++) {
      const edges = randomWeighted(60 + trial * 20, 300 + trial * 50, random);
      const membership = Int32Array.from({ length: edges.nodeCount }, () =>
        Math.floor(random() * (2 + trial)),
      );
      const graph = toGraphology(edges, membership);
      const csr = toCsr(edges);
      for (const resolution of [0.5, 1, 2]) {
        const expected = modularity(graph, {
          getNodeCommunity: 'community',
          getEdgeWeight: 'weight',
          resolution,
        });
        expect(modularityOf(csr, membership, resolution)).toBeCloseTo(expected, 12);
      }
    }
  });

  it('counts nodes with id -1 as singletons and returns 0 without weight', () => {
    const csr = undirectedFromEdges(3, [0, 1], [1, 2], [1, 1]);
    expect(modularityOf(csr, Int32Array.from([-1, -1, -1]))).toBeCloseTo(
      modularityOf(csr, Int32Array.from([0, 1, 2])),
      15,
    );
    expect(modularityOf(undirectedFromEdges(2, [], [], []), Int32Array.from([0, 0]))).toBe(0);
  });
});
