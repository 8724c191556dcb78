/**
 * Hirsch's h-index and Egghe's g-index of citation counts, one set of counts per group (an
 * author's papers, a source's papers), in time linear in the papers plus a sort per group.
 */
import { bigUint32 } from '../../util/big-arrays.ts';

/** h: the largest h such that h of the counts are at least h. `counts` sorted largest first. */
export function hIndex(sortedCounts: ArrayLike<number>): number {
  let h = 0;
  while (h < sortedCounts.length && sortedCounts[h]! >= h + 1) h++;
  return h;
}

/**
 * g: the largest g such that the g largest counts sum to at least g², g at most the number of
 * counts (as bibliometrix caps it). `counts` sorted largest first.
 */
export function gIndex(sortedCounts: ArrayLike<number>): number {
  let g = 0;
  let sum = 0;
  for (let i = 0; i < sortedCounts.length; i++) {
    sum += sortedCounts[i]!;
    if (sum >= (i + 1) * (i + 1)) g = i + 1;
  }
  return g;
}

interface GroupIndices {
  h: Uint32Array;
  g: Uint32Array;
}

/**
 * h and g per group: group k's members are members[offsets[k] .. offsets[k+1]), each a paper
 * whose count is counts[paper].
 */
export function groupIndices(
  offsets: ArrayLike<number>,
  members: ArrayLike<number>,
  counts: ArrayLike<number>,
): GroupIndices {
  const groups = offsets.length - 1;
  const h = bigUint32(Math.max(groups, 0));
  const g = bigUint32(Math.max(groups, 0));
  let widest = 0;
  for (let k = 0; k < groups; k++) widest = Math.max(widest, offsets[k + 1]! - offsets[k]!);
  const scratch = new Float64Array(widest);
  for (let k = 0; k < groups; k++) {
    const start = offsets[k]!;
    const size = offsets[k + 1]! - start;
    if (size === 0) continue;
    if (size === 1) {
      // One paper: h and g are 1 when it is cited at all (most authors of a large corpus).
      h[k] = g[k] = counts[members[start]!]! >= 1 ? 1 : 0;
      continue;
    }
    const row = scratch.subarray(0, size);
    for (let i = 0; i < size; i++) row[i] = -counts[members[start + i]!]!;
    row.sort();
    for (let i = 0; i < size; i++) row[i] = -row[i]!;
    h[k] = hIndex(row);
    g[k] = gIndex(row);
  }
  return { h, g };
}
