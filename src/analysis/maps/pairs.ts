/**
 * Pair counts of a map: two kept items are linked by the containers holding both, counted in
 * full (`counts`) and fractionally (`fractional`), on typed arrays with no pair key.
 */
import { bigFloat64, bigInt32, bigUint32 } from '../../util/big-arrays.ts';
import { type CsrGraph, sortAndSumRows } from '../csr.ts';
import type { Incidence } from './incidence.ts';

export interface MapPairs {
  /** Undirected over the kept items 0..k-1 (positions in `items`), rows sorted; weights: full counts. */
  graph: CsrGraph;
  /** Per arc: containers holding both ends. */
  counts: Uint32Array;
  /**
   * Per arc: Σ 1/(n−1) over the containers holding both ends, n the container's size before
   * thresholds (a paper's whole reference list): each container gives each of its items a total
   * link weight of 1, VOSviewer's fractional counting (Perianes-Rodriguez, van Eck and Waltman 2016).
   */
  fractional: Float64Array;
  /** Item occurrences as pairs were counted from: containers holding the item. */
  occurrences: Uint32Array;
  /** Pair occurrences walked (Σ over containers of k(k−1) for its k kept items): the cost of the count. */
  pairOccurrences: number;
}

/**
 * The co-occurrence of `items` (item numbers of `incidence`, in the order given) across its
 * containers: row a of the result is a sparse row of AᵀA, accumulated container by container in
 * one array per row, as coauthor.ts builds co-authorship.
 */
export function countPairs(incidence: Incidence, items: Uint32Array): MapPairs {
  const k = items.length;
  const local = bigInt32(incidence.itemCount).fill(-1);
  for (let i = 0; i < k; i++) local[items[i]!] = i;
  const { containerCount, offsets, items: members } = incidence;
  // Kept items' containers, as rows (the transpose restricted to kept items).
  const rowStart = bigFloat64(k + 1);
  for (let m = 0; m < members.length; m++) {
    const item = local[members[m]!]!;
    if (item >= 0) rowStart[item + 1]!++;
  }
  for (let i = 0; i < k; i++) rowStart[i + 1]! += rowStart[i]!;
  const cursor = rowStart.slice(0, k);
  const containersOf = bigUint32(rowStart[k]!);
  // Per container: its kept items, and 1/(n−1) for its whole size n.
  const keptStart = bigFloat64(containerCount + 1);
  const share = bigFloat64(containerCount);
  let keptTotal = 0;
  for (let c = 0; c < containerCount; c++) {
    keptStart[c] = keptTotal;
    const size = offsets[c + 1]! - offsets[c]!;
    share[c] = size > 1 ? 1 / (size - 1) : 0;
    for (let m = offsets[c]!, end = offsets[c + 1]!; m < end; m++) {
      const item = local[members[m]!]!;
      if (item < 0) continue;
      keptTotal++;
      containersOf[cursor[item]!++] = c;
    }
  }
  keptStart[containerCount] = keptTotal;
  const kept = bigUint32(keptTotal);
  let write = 0;
  for (let c = 0; c < containerCount; c++)
    for (let m = offsets[c]!, end = offsets[c + 1]!; m < end; m++) {
      const item = local[members[m]!]!;
      if (item >= 0) kept[write++] = item;
    }

  const occurrenceCounts = bigUint32(k);
  let pairOccurrences = 0;
  // Counting pass: the distinct neighbours of each row, so every output array is sized once.
  const mark = bigInt32(k).fill(-1);
  const rowOffsets = bigFloat64(k + 1);
  let arcs = 0;
  for (let a = 0; a < k; a++) {
    rowOffsets[a] = arcs;
    mark[a] = a;
    occurrenceCounts[a] = rowStart[a + 1]! - rowStart[a]!;
    for (let r = rowStart[a]!, end = rowStart[a + 1]!; r < end; r++) {
      const c = containersOf[r]!;
      pairOccurrences += keptStart[c + 1]! - keptStart[c]! - 1;
      for (let m = keptStart[c]!, mEnd = keptStart[c + 1]!; m < mEnd; m++) {
        const b = kept[m]!;
        if (mark[b] !== a) {
          mark[b] = a;
          arcs++;
        }
      }
    }
  }
  rowOffsets[k] = arcs;
  const targets = bigUint32(arcs);
  const counts = bigFloat64(arcs);
  const fractional = bigFloat64(arcs);
  mark.fill(-1);
  write = 0;
  for (let a = 0; a < k; a++) {
    const start = write;
    for (let r = rowStart[a]!, end = rowStart[a + 1]!; r < end; r++) {
      const c = containersOf[r]!;
      const weight = share[c]!;
      for (let m = keptStart[c]!, mEnd = keptStart[c + 1]!; m < mEnd; m++) {
        const b = kept[m]!;
        if (b === a) continue;
        let arc = mark[b]!;
        if (arc < start) {
          arc = write++;
          mark[b] = arc;
          targets[arc] = b;
        }
        counts[arc]!++;
        fractional[arc]! += weight;
      }
    }
  }
  // Sorted rows (the clustering and the exports read neighbours in order): counts and fractional
  // weights sorted together, as the weights of two copies of the graph.
  const byCount = sortAndSumRows({
    nodeCount: k,
    offsets: rowOffsets,
    targets: targets.slice(),
    weights: counts,
  });
  const byFraction = sortAndSumRows({ nodeCount: k, offsets: rowOffsets, targets, weights: fractional });
  const countArray = bigUint32(byCount.weights.length);
  for (let arc = 0; arc < countArray.length; arc++) countArray[arc] = byCount.weights[arc]!;
  return {
    graph: byCount,
    counts: countArray,
    fractional: byFraction.weights,
    occurrences: occurrenceCounts,
    pairOccurrences,
  };
}
