/**
 * Reference lists a parser has checked hold no two references with the same identifier. The
 * merge must list each cited work once per paper; at a million OpenAlex works re-checking twenty
 * million references there (reading each scattered reference object again) cost 20 s, while the
 * streaming parser knows it for free from its shared references. A WeakSet: no field is added to
 * the model, and a list that is replaced or dropped is forgotten.
 */
const distinctLists = new WeakSet<readonly object[]>();

export function markDistinctReferences(list: readonly object[]): void {
  distinctLists.add(list);
}

export function hasDistinctReferences(list: readonly object[]): boolean {
  return distinctLists.has(list);
}
