/** Which paper records describe one paper: shared identifiers first, then folded titles. */
import { OpenAlexIdMap } from '../model/openalex-id-map.ts';
import { titleKey } from '../model/titles.ts';
import type { MergeEvent, PaperRecord } from '../model/types.ts';
import { UnionFind } from '../util/union-find.ts';
import { type FirstHolders, type Groups, groupByLabel, groupsOfSets, link } from './key-groups.ts';

/** Identifier fields that decide paper identity, strongest first. */
const PAPER_ID_FIELDS = [
  'doi',
  'arxiv',
  'openalex',
  's2',
  'wos',
  'scopus',
  'pmid',
  'lens',
  'dimensions',
] as const;

/** Records that share any identifier (DOI, arXiv id, OpenAlex id…), as groups. */
function groupByIdentifier(records: PaperRecord[]): Groups {
  const sets = UnionFind.of(records.length);
  // One map per field: no '<field>:<value>' string per identifier (two million at a million works).
  const owners = PAPER_ID_FIELDS.map(
    (field): FirstHolders =>
      field === 'openalex' ? new OpenAlexIdMap(records.length) : new Map<string, number>(),
  );
  for (let index = 0; index < records.length; index++) {
    const ids = records[index]!.ids;
    if (!ids) continue;
    for (let field = 0; field < PAPER_ID_FIELDS.length; field++) {
      const value = ids[PAPER_ID_FIELDS[field]!];
      if (value) link(owners[field]!, value, index, sets);
    }
  }
  return groupsOfSets(sets, records.length);
}

/** Identifiers that name a published version: two records with different ones are different papers. */
interface DistinguishingIds {
  doi: (string | undefined)[];
  arxiv: (string | undefined)[];
}

function compatible(ids: DistinguishingIds, a: number, b: number): boolean {
  const doiA = ids.doi[a];
  const doiB = ids.doi[b];
  if (doiA !== undefined && doiB !== undefined && doiA !== doiB) return false;
  const arxivA = ids.arxiv[a];
  const arxivB = ids.arxiv[b];
  return arxivA === undefined || arxivB === undefined || arxivA === arxivB;
}

/** The distinct non-empty title keys of a group's records, in member order. */
function groupTitles(titleKeys: string[], groups: Groups, group: number): string[] {
  const titles = new Set<string>();
  for (let at = groups.start[group]!; at < groups.start[group + 1]!; at++) {
    const title = titleKeys[groups.members[at]!]!;
    if (title) titles.add(title);
  }
  return [...titles];
}

/**
 * Groups records that describe one paper. Identifiers decide first; then records with the same
 * folded title join, unless they carry different DOIs or arXiv ids (two papers titled
 * 'Introduction' with two DOIs stay two papers). `titleKeys` holds each record's title key.
 */
export function groupPaperRecords(records: PaperRecord[], titleKeys: string[]): Groups {
  const byIdentifier = groupByIdentifier(records);
  const groupCount = byIdentifier.count;
  const ids: DistinguishingIds = { doi: new Array(groupCount), arxiv: new Array(groupCount) };
  for (let group = 0; group < groupCount; group++) {
    for (let at = byIdentifier.start[group]!; at < byIdentifier.start[group + 1]!; at++) {
      const recordIds = records[byIdentifier.members[at]!]!.ids;
      if (!recordIds) continue;
      if (recordIds.doi && ids.doi[group] === undefined) ids.doi[group] = recordIds.doi;
      if (recordIds.arxiv && ids.arxiv[group] === undefined) ids.arxiv[group] = recordIds.arxiv;
    }
  }
  const sets = UnionFind.of(groupCount);
  // The groups seen per title that matched no earlier one: the first here, any later ones in `later`.
  const firstByTitle = new Map<string, number>();
  const laterByTitle = new Map<string, number[]>();
  const place = (title: string, group: number): void => {
    const first = firstByTitle.get(title);
    if (first === undefined) {
      firstByTitle.set(title, group);
      return;
    }
    let match = compatible(ids, sets.find(first), group) ? first : undefined;
    const later = laterByTitle.get(title);
    if (match === undefined && later) match = later.find((other) => compatible(ids, sets.find(other), group));
    if (match === undefined) {
      if (later) later.push(group);
      else laterByTitle.set(title, [group]);
      return;
    }
    const root = sets.find(match);
    sets.union(root, group);
    // The merged set keeps the identifiers of `root`, completed by those of this group.
    const doi = ids.doi[root] ?? ids.doi[group];
    const arxiv = ids.arxiv[root] ?? ids.arxiv[group];
    const merged = sets.find(root);
    ids.doi[merged] = doi;
    ids.arxiv[merged] = arxiv;
  };
  for (let group = 0; group < groupCount; group++) {
    const from = byIdentifier.start[group]!;
    if (byIdentifier.start[group + 1]! - from === 1) {
      // Most groups are one record: no set and array of titles for them.
      const title = titleKeys[byIdentifier.members[from]!]!;
      if (title) place(title, group);
    } else for (const title of groupTitles(titleKeys, byIdentifier, group)) place(title, group);
  }
  const labels = new Int32Array(records.length);
  for (let group = 0; group < groupCount; group++) {
    const root = sets.find(group);
    for (let at = byIdentifier.start[group]!; at < byIdentifier.start[group + 1]!; at++)
      labels[byIdentifier.members[at]!] = root;
  }
  return groupByLabel(labels, Math.max(groupCount, 1));
}

/** Why a group was merged, for the merge log: an identifier its first record shares, else equal titles. */
export function mergeReason(records: PaperRecord[]): MergeEvent['reason'] {
  const [first, ...rest] = records;
  for (const field of ['doi', 'arxiv', 'openalex', 's2'] as const) {
    const value = first!.ids?.[field];
    if (value && rest.some((record) => record.ids?.[field] === value)) return field;
  }
  const title = titleKey(first!.title);
  if (rest.every((record) => titleKey(record.title) === title)) return 'title';
  return 'other-id';
}
