/** Lists of strings merged from several sources: distinct values in first-seen order. */

export function unionStrings(lists: (string[] | undefined)[]): string[] | undefined {
  const seen = new Set<string>();
  for (const list of lists) for (const value of list ?? []) seen.add(value);
  return seen.size > 0 ? [...seen] : undefined;
}

/** Distinct values of one list (first-seen order), undefined when there are none; as unionStrings. */
export function distinct(list: string[] | undefined): string[] | undefined {
  if (!list || list.length === 0) return undefined;
  return list.length === 1 ? [list[0]!] : unionStrings([list]);
}
