import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undirectedFromEdges } from '../../src/analysis/csr.ts';
import { pairCsr } from '../../src/analysis/pair-csr.ts';

describe('pairCsr', () => {
  it('equals undirectedFromEdges on distinct pairs in any order', () => {
    const pairs = fc.integer({ min: 2, max: 30 }).chain((nodeCount) =>
      fc.tuple(
        fc.constant(nodeCount),
        fc.uniqueArray(
          // A pair of distinct nodes: b is a shifted past a.
          fc
            .tuple(
              fc.nat(nodeCount - 1),
              fc.integer({ min: 1, max: nodeCount - 1 }),
              fc.double({ min: 0, max: 1, noNaN: true }),
            )
            .map(([a, shift, weight]): [number, number, number] => [a, (a + shift) % nodeCount, weight]),
          { selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`, maxLength: 80 },
        ),
      ),
    );
    fc.assert(
      fc.property(pairs, ([nodeCount, list]) => {
        const sources = Uint32Array.from(list, ([a]) => a);
        const targets = Uint32Array.from(list, ([, b]) => b);
        const weights = Float64Array.from(list, ([, , weight]) => weight);
        expect(pairCsr(nodeCount, sources, targets, weights)).toEqual(
          undirectedFromEdges(nodeCount, sources, targets, weights),
        );
      }),
    );
  });

  it('reads only the first pairCount pairs', () => {
    const graph = pairCsr(3, Uint32Array.of(0, 1), Uint32Array.of(1, 2), Float64Array.of(0.5, 0.25), 1);
    expect(Array.from(graph.offsets)).toEqual([0, 1, 2, 2]);
    expect(Array.from(graph.targets)).toEqual([1, 0]);
    expect(Array.from(graph.weights)).toEqual([0.5, 0.5]);
  });
});
