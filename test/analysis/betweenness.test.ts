import fc from 'fast-check';
import Graph from 'graphology';
import betweenness from 'graphology-metrics/centrality/betweenness.js';
import { describe, expect, it } from 'vitest';
import {
  betweennessCsr,
  betweennessPivots,
  DEFAULT_BETWEENNESS_PIVOTS,
} from '../../src/analysis/betweenness.ts';
import { type CsrGraph, undirectedFromEdges } from '../../src/analysis/csr.ts';
import { seededRandom } from '../../src/util/random.ts';

type Edge = [number, number];

function csr(nodeCount: number, edges: Edge[]): CsrGraph {
  return undirectedFromEdges(
    nodeCount,
    edges.map(([a]) => a),
    edges.map(([, b]) => b),
    edges.map(() => 1),
  );
}

/** graphology-metrics' normalised unweighted betweenness of the same simple graph, by node index. */
function reference(nodeCount: number, edges: Edge[]): number[] {
  const graph = new Graph({ type: 'undirected' });
  for (let v = 0; v < nodeCount; v++) graph.addNode(String(v));
  for (const [a, b] of edges) if (a !== b) graph.mergeEdge(String(a), String(b));
  const scores = betweenness(graph, { getEdgeWeight: null, normalized: true });
  return Array.from({ length: nodeCount }, (_, v) => scores[String(v)]!);
}

function exact(nodeCount: number, edges: Edge[]): number[] {
  return [...betweennessCsr(csr(nodeCount, edges), { random: seededRandom(1) }).scores];
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, v) => {
    expect(value, `node ${v}`).toBeCloseTo(expected[v]!, 12);
  });
}

/** Barabási–Albert: each new node links to `links` earlier nodes picked by degree (a few clear hubs). */
function preferentialAttachment(nodeCount: number, links: number, seed: number): Edge[] {
  const random = seededRandom(seed);
  const edges: Edge[] = [];
  const ends: number[] = [];
  for (let v = 1; v <= links; v++) {
    edges.push([0, v]);
    ends.push(0, v);
  }
  for (let v = links + 1; v < nodeCount; v++) {
    const chosen = new Set<number>();
    while (chosen.size < links) chosen.add(ends[Math.floor(random() * ends.length)]!);
    for (const u of chosen) {
      edges.push([v, u]);
      ends.push(v, u);
    }
  }
  return edges;
}

function topNodes(scores: ArrayLike<number>, count: number): number[] {
  return Array.from({ length: scores.length }, (_, v) => v)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, count);
}

describe('betweennessCsr, exact', () => {
  it('scores a path: the middle of 0-1-2-3-4 lies on 4 of the 6 pairs around it', () => {
    const edges: Edge[] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ];
    // Both directions of each pair counted, over (n-1)(n-2) = 12.
    expectClose(exact(5, edges), [0, 6 / 12, 8 / 12, 6 / 12, 0]);
    expectClose(exact(5, edges), reference(5, edges));
  });

  it('scores a star: the centre lies on every pair of leaves', () => {
    const edges: Edge[] = [1, 2, 3, 4].map((leaf) => [0, leaf]);
    expectClose(exact(5, edges), [1, 0, 0, 0, 0]);
    expectClose(exact(5, edges), reference(5, edges));
  });

  it('scores two triangles joined by one edge', () => {
    const edges: Edge[] = [
      [0, 1],
      [1, 2],
      [0, 2],
      [3, 4],
      [4, 5],
      [3, 5],
      [2, 3],
    ];
    // Node 2 separates {0,1} from {3,4,5}: 6 pairs, 12 ordered, over 5·4 = 20.
    expectClose(exact(6, edges), [0, 0, 12 / 20, 12 / 20, 0, 0]);
    expectClose(exact(6, edges), reference(6, edges));
  });

  it('scores disconnected pieces and isolated nodes as graphology does (n counts every node)', () => {
    const edges: Edge[] = [
      [0, 1],
      [1, 2],
      [4, 5],
      [5, 6],
      [6, 7],
      [7, 4],
    ];
    const scores = exact(9, edges);
    expectClose(scores, reference(9, edges));
    expect(scores[1]).toBeCloseTo(2 / (8 * 7), 12);
    expect(scores[3]).toBe(0);
  });

  it('counts equal shortest paths: each of two middles of a square gets half', () => {
    const edges: Edge[] = [
      [0, 1],
      [1, 3],
      [0, 2],
      [2, 3],
    ];
    expectClose(exact(4, edges), [1 / 6, 1 / 6, 1 / 6, 1 / 6]);
    expectClose(exact(4, edges), reference(4, edges));
  });

  it('gives zeros on graphs of one or two nodes and an empty array on none', () => {
    expectClose(exact(2, [[0, 1]]), [0, 0]);
    expectClose(exact(1, []), [0]);
    expect(exact(0, [])).toEqual([]);
  });

  it('equals graphology-metrics on random small graphs', () => {
    const smallGraph = fc.integer({ min: 1, max: 14 }).chain((nodeCount) => {
      const node = fc.nat({ max: nodeCount - 1 });
      return fc.tuple(fc.constant(nodeCount), fc.array(fc.tuple(node, node), { maxLength: 40 }));
    });
    fc.assert(
      fc.property(smallGraph, ([nodeCount, edges]) => {
        expectClose(exact(nodeCount, edges), reference(nodeCount, edges));
      }),
      { numRuns: 200 },
    );
  });

  it('says it is exact and counts every node as a source when pivots cover the graph', () => {
    const graph = csr(5, [
      [0, 1],
      [1, 2],
    ]);
    const result = betweennessCsr(graph, { pivots: 3, random: seededRandom(1) });
    expect(result.method).toBe('exact');
    expect(result.pivots).toBe(5);
  });
});

describe('betweennessCsr, sampled', () => {
  const nodeCount = 2000;
  const graph = csr(nodeCount, preferentialAttachment(nodeCount, 2, 3));
  const truth = betweennessCsr(graph, { random: seededRandom(1) }).scores;
  const trueTop = topNodes(truth, 10);

  // Over 20 seeds, 200 pivots gave a mean relative error of the top 10 of at most 0.12 and kept
  // at least 9 of them in the estimated top 10; the test allows some margin over that.
  it.each([1, 2, 3, 4, 5])('estimates the top 10 of a 2000-node graph from 200 pivots (seed %i)', (seed) => {
    const result = betweennessCsr(graph, { pivots: 200, random: seededRandom(seed) });
    expect(result.method).toBe('sampled');
    expect(result.pivots).toBe(200);
    const meanRelativeError =
      trueTop.reduce((sum, v) => sum + Math.abs(result.scores[v]! - truth[v]!) / truth[v]!, 0) / 10;
    expect(meanRelativeError).toBeLessThan(0.2);
    const estimatedTop = new Set(topNodes(result.scores, 10));
    expect(trueTop.filter((v) => estimatedTop.has(v)).length).toBeGreaterThanOrEqual(8);
  });

  it('is unbiased: the mean of many estimates approaches the exact scores', () => {
    // Isolated nodes 10..14 check that the scaling counts only nodes that can be sources.
    const small = csr(15, preferentialAttachment(10, 2, 5));
    const exactScores = betweennessCsr(small, { random: seededRandom(1) }).scores;
    const runs = 4000;
    const mean = new Float64Array(15);
    const random = seededRandom(9);
    for (let run = 0; run < runs; run++) {
      const { scores } = betweennessCsr(small, { pivots: 3, random });
      for (let v = 0; v < 15; v++) mean[v]! += scores[v]! / runs;
    }
    for (let v = 0; v < 15; v++) expect(mean[v]!, `node ${v}`).toBeCloseTo(exactScores[v]!, 2);
  });

  it('gives the same estimate for the same seed and another for another seed', () => {
    const first = betweennessCsr(graph, { pivots: 100, random: seededRandom(42) }).scores;
    const again = betweennessCsr(graph, { pivots: 100, random: seededRandom(42) }).scores;
    const other = betweennessCsr(graph, { pivots: 100, random: seededRandom(43) }).scores;
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('reports progress up to the number of sources', () => {
    const seen: [number, number][] = [];
    betweennessCsr(graph, { pivots: 300, random: seededRandom(1), onProgress: (d, t) => seen.push([d, t]) });
    expect(seen[0]).toEqual([0, 300]);
    expect(seen.at(-1)).toEqual([300, 300]);
  });
});

describe('betweennessPivots', () => {
  const { workBudget, minPivots } = DEFAULT_BETWEENNESS_PIVOTS;

  it('asks for exact scores while every source fits in the budget', () => {
    expect(betweennessPivots(1500, 22_000)).toBeUndefined();
    expect(betweennessPivots(100, 100, 100 * 200)).toBeUndefined();
  });

  it('keeps the sampled work near the budget', () => {
    const pivots = betweennessPivots(60_000, 1_200_000)!;
    expect(pivots).toBe(Math.max(minPivots, Math.floor(workBudget / 1_260_000)));
    expect(betweennessPivots(10_000, 90_000, 1e8)).toBe(1000);
  });

  it('never samples fewer than the minimum', () => {
    expect(betweennessPivots(1_000_000, 14_000_000)).toBe(minPivots);
    expect(betweennessPivots(1_000_000, 14_000_000, workBudget, 16)).toBe(16);
  });
});
