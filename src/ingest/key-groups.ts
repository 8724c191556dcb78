/**
 * Partitions of numbered items (paper records, authorship occurrences) by the keys they share:
 * union-find linking through first holders, and the flat group arrays the merge walks.
 */
import type { UnionFind } from '../util/union-find.ts';

/**
 * A partition of items 0..n-1 as flat arrays: group g holds members[start[g]..start[g + 1]), in
 * ascending order, and groups come in the order of their first (smallest) member.
 */
export interface Groups {
  count: number;
  start: Int32Array;
  members: Int32Array;
}

/** The groups of `labels` (any integer per item, equal labels = one group), ordered by first member. */
export function groupByLabel(labels: Int32Array, labelLimit: number): Groups {
  const n = labels.length;
  const groupOfLabel = new Int32Array(labelLimit).fill(-1);
  const groupOf = new Int32Array(n);
  let count = 0;
  for (let index = 0; index < n; index++) {
    const label = labels[index]!;
    let group = groupOfLabel[label]!;
    if (group < 0) {
      group = count++;
      groupOfLabel[label] = group;
    }
    groupOf[index] = group;
  }
  const start = new Int32Array(count + 1);
  for (let index = 0; index < n; index++) start[groupOf[index]! + 1]!++;
  for (let group = 0; group < count; group++) start[group + 1]! += start[group]!;
  const next = start.slice(0, count);
  const members = new Int32Array(n);
  for (let index = 0; index < n; index++) members[next[groupOf[index]!]!++] = index;
  return { count, start, members };
}

/** The sets of a union-find over 0..n-1 as groups (a set's root is its smallest member). */
export function groupsOfSets(sets: UnionFind, n: number): Groups {
  const labels = new Int32Array(n);
  for (let index = 0; index < n; index++) labels[index] = sets.find(index);
  return groupByLabel(labels, n);
}

/** Who first held each key: a Map, or an OpenAlexIdMap for OpenAlex ids. */
export interface FirstHolders {
  get(key: string): number | undefined;
  set(key: string, index: number): void;
}

/** Unions `index` with the first item that had `key`, or makes it that item. */
export function link(owner: FirstHolders, key: string, index: number, sets: UnionFind): void {
  const existing = owner.get(key);
  if (existing === undefined) owner.set(key, index);
  else sets.union(existing, index);
}
