import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAndSumRows, undirectedFromEdges } from '../../src/analysis/csr.ts';

/** The rows as plain arrays: what a reader would write by hand with a Map per node. */
function referenceRows(
  nodeCount: number,
  edges: [number, number, number][],
): { targets: number[]; weights: number[] }[] {
  const rows = Array.from({ length: nodeCount }, () => new Map<number, number>());
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    rows[a]!.set(b, (rows[a]!.get(b) ?? 0) + w);
    rows[b]!.set(a, (rows[b]!.get(a) ?? 0) + w);
  }
  return rows.map((row) => {
    const targets = [...row.keys()].sort((x, y) => x - y);
    return { targets, weights: targets.map((t) => row.get(t)!) };
  });
}

function rowsOf(graph: ReturnType<typeof undirectedFromEdges>) {
  return Array.from({ length: graph.nodeCount }, (_, v) => {
    const from = graph.offsets[v]!;
    const to = graph.offsets[v + 1]!;
    return { targets: [...graph.targets.subarray(from, to)], weights: [...graph.weights.subarray(from, to)] };
  });
}

/** The CSR graph of an edge list; `weight`, if given, replaces every edge's own. */
function graphOf(nodeCount: number, edges: [number, number, number][], weight?: number) {
  return undirectedFromEdges(
    nodeCount,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
    weight ?? edges.map((e) => e[2]),
  );
}

/** A node count and an edge list over those nodes, self-loops and repeats included. */
const edgeList = fc
  .integer({ min: 1, max: 30 })
  .chain((nodeCount) =>
    fc.tuple(
      fc.constant(nodeCount),
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: nodeCount - 1 }),
          fc.integer({ min: 0, max: nodeCount - 1 }),
          fc.integer({ min: 1, max: 5 }),
        ),
        { maxLength: 200 },
      ),
    ),
  );

describe('CSR rows', () => {
  it('sorts rows by target, sums parallel edges and drops self-loops', () => {
    const graph = undirectedFromEdges(4, [2, 0, 2, 1, 3], [0, 2, 1, 1, 0], [1, 2, 4, 8, 16]);
    expect(rowsOf(graph)).toEqual([
      { targets: [2, 3], weights: [3, 16] },
      { targets: [2], weights: [4] },
      { targets: [0, 1], weights: [3, 4] },
      { targets: [0], weights: [16] },
    ]);
    expect(graph.offsets[4]).toBe(6);
  });

  it('gives the rows of a map per node, for any edge list (short rows and long ones)', () => {
    fc.assert(
      fc.property(edgeList, ([nodeCount, edges]) => {
        const graph = graphOf(nodeCount, edges);
        expect(rowsOf(graph)).toEqual(referenceRows(nodeCount, edges));
      }),
    );
  });

  it('adds a row’s repeats in the order they were stored', () => {
    // 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in floating point: the stored order decides.
    const graph = sortAndSumRows({
      nodeCount: 1,
      offsets: Float64Array.of(0, 3),
      targets: Uint32Array.of(5, 5, 5),
      weights: Float64Array.of(0.1, 0.2, 0.3),
    });
    expect([...graph.weights]).toEqual([0.1 + 0.2 + 0.3]);
    expect([...graph.targets]).toEqual([5]);
  });

  it('takes one number as the weight of every edge, and its arrays hold exactly its arcs', () => {
    fc.assert(
      fc.property(edgeList, ([nodeCount, edges]) => {
        const graph = graphOf(nodeCount, edges, 2);
        expect(rowsOf(graph)).toEqual(
          referenceRows(
            nodeCount,
            edges.map(([a, b]) => [a, b, 2]),
          ),
        );
        expect(graph.targets.length).toBe(graph.offsets[nodeCount]);
        expect(graph.weights.length).toBe(graph.offsets[nodeCount]);
      }),
    );
  });
});
