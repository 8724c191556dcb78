import { bigCopy, bigFloat64, bigUint32 } from '../util/big-arrays.ts';
import type { CsrGraph } from './csr.ts';

/**
 * The undirected CSR graph of distinct pairs (each pair at most once, no self-loops), rows sorted
 * by target: what undirectedFromEdges gives for such a list, without its per-row sort.
 *
 * Why: sorting a million short rows allocates a few small arrays per row, and at a million
 * papers, with gigabytes of corpus on the heap, the collections that garbage causes took longer
 * than the rest of the themes. Here two counting-sort passes do it: arcs are placed by source,
 * then copied row by row, in ascending row order, into the rows of their targets. Row t then
 * holds its neighbours in ascending order, and since the graph is symmetric it is t's own row.
 */
export function pairCsr(
  nodeCount: number,
  sources: Uint32Array,
  targets: Uint32Array,
  weights: Float64Array,
  pairCount = sources.length,
): CsrGraph {
  const offsets = bigFloat64(nodeCount + 1);
  for (let pair = 0; pair < pairCount; pair++) {
    offsets[sources[pair]! + 1]!++;
    offsets[targets[pair]! + 1]!++;
  }
  for (let node = 0; node < nodeCount; node++) offsets[node + 1]! += offsets[node]!;
  const arcs = offsets[nodeCount]!;
  const cursor = bigCopy(offsets, 0, nodeCount);
  const placedTargets = bigUint32(arcs);
  const placedWeights = bigFloat64(arcs);
  for (let pair = 0; pair < pairCount; pair++) {
    const a = sources[pair]!;
    const b = targets[pair]!;
    const weight = weights[pair]!;
    placedTargets[cursor[a]!] = b;
    placedWeights[cursor[a]!++] = weight;
    placedTargets[cursor[b]!] = a;
    placedWeights[cursor[b]!++] = weight;
  }
  cursor.set(offsets.subarray(0, nodeCount));
  const sortedTargets = bigUint32(arcs);
  const sortedWeights = bigFloat64(arcs);
  for (let node = 0; node < nodeCount; node++)
    for (let arc = offsets[node]!, end = offsets[node + 1]!; arc < end; arc++) {
      const other = placedTargets[arc]!;
      sortedTargets[cursor[other]!] = node;
      sortedWeights[cursor[other]!++] = placedWeights[arc]!;
    }
  return { nodeCount, offsets, targets: sortedTargets, weights: sortedWeights };
}
