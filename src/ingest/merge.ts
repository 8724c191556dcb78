import { isoDate, isoMonthDay } from '../model/dates.ts';
import { stableId } from '../model/hash.ts';
import { OpenAlexIdMap } from '../model/openalex-id-map.ts';
import { hasDistinctReferences } from '../model/reference-lists.ts';
import { titleKey } from '../model/titles.ts';
import type {
  Author,
  AuthorName,
  CitedReference,
  Conflict,
  MergeEvent,
  Paper,
  PaperIds,
  PaperRecord,
  PartialDate,
} from '../model/types.ts';
import { UnionFind } from '../util/union-find.ts';

/** Identifier fields that decide paper identity, strongest first. */
const PAPER_ID_FIELDS = ['doi', 'arxiv', 'openalex', 's2', 'wos', 'scopus', 'pmid'] as const;

/**
 * A partition of items 0..n-1 as flat arrays: group g holds members[start[g]..start[g + 1]), in
 * ascending order, and groups come in the order of their first (smallest) member.
 */
interface Groups {
  count: number;
  start: Int32Array;
  members: Int32Array;
}

/** The groups of `labels` (any integer per item, equal labels = one group), ordered by first member. */
function groupByLabel(labels: Int32Array, labelLimit: number): Groups {
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
function groupsOfSets(sets: UnionFind, n: number): Groups {
  const labels = new Int32Array(n);
  for (let index = 0; index < n; index++) labels[index] = sets.find(index);
  return groupByLabel(labels, n);
}

/** Unions `index` with the first item that had `key`, or makes it that item. */
/** Who first held each key: a Map, or an OpenAlexIdMap for OpenAlex ids. */
interface FirstHolders {
  get(key: string): number | undefined;
  set(key: string, index: number): void;
}

function link(owner: FirstHolders, key: string, index: number, sets: UnionFind): void {
  const existing = owner.get(key);
  if (existing === undefined) owner.set(key, index);
  else sets.union(existing, index);
}

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
function groupPaperRecords(records: PaperRecord[], titleKeys: string[]): Groups {
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

function dateText(date: PartialDate): string {
  return isoDate(date) ?? isoMonthDay(date) ?? date.raw;
}

/** Two dates agree when every part both know is equal (a yearless 'Jun 16' agrees with '2023-06-16'). */
function datesAgree(a: PartialDate, b: PartialDate): boolean {
  const parts = ['year', 'month', 'day'] as const;
  return parts.every((part) => a[part] === undefined || b[part] === undefined || a[part] === b[part]);
}

function precision(date: PartialDate): number {
  return (
    (date.year !== undefined ? 4 : 0) + (date.month !== undefined ? 2 : 0) + (date.day !== undefined ? 1 : 0)
  );
}

function mergeDates(records: PaperRecord[], conflicts: Conflict[]): PartialDate | undefined {
  const dated = records.filter((record) => record.date);
  if (dated.length === 0) return undefined;
  let best = dated[0]!.date!;
  for (const record of dated.slice(1)) {
    if (precision(record.date!) > precision(best)) best = record.date!;
  }
  const disagreeing = dated.some((record) => !datesAgree(record.date!, best));
  if (disagreeing) {
    conflicts.push({
      field: 'date',
      values: dated.map((record) => ({ value: dateText(record.date!), source: record.provenance })),
    });
  }
  return best;
}

function authorListKey(authors: AuthorName[]): string {
  return authors.map((author) => author.key).join('|');
}

function mergeAuthors(records: PaperRecord[], conflicts: Conflict[]): AuthorName[] {
  const withAuthors = records.filter((record) => record.authors.length > 0);
  if (withAuthors.length === 0) return [];
  let best = withAuthors[0]!;
  for (const record of withAuthors.slice(1)) {
    if (record.authors.length > best.authors.length) best = record;
  }
  const distinctLists = new Set(withAuthors.map((record) => authorListKey(record.authors)));
  if (distinctLists.size > 1) {
    conflicts.push({
      field: 'authors',
      values: withAuthors.map((record) => ({
        value: record.authors.map((author) => author.name).join(', '),
        source: record.provenance,
      })),
    });
  }
  // Identifiers known to one source only (ORCID from OpenAlex) are carried over by position+key.
  return best.authors.map((author) => {
    const merged: AuthorName = { ...author };
    for (const record of withAuthors) {
      if (record === best) continue;
      const twin = record.authors.find((other) => other.key === author.key);
      if (!twin) continue;
      if (!merged.orcid && twin.orcid) merged.orcid = twin.orcid;
      if (twin.ids) merged.ids = { ...twin.ids, ...merged.ids };
      if (twin.affiliations && !merged.affiliations) merged.affiliations = twin.affiliations;
    }
    return merged;
  });
}

function unionStrings(lists: (string[] | undefined)[]): string[] | undefined {
  const seen = new Set<string>();
  for (const list of lists) for (const value of list ?? []) seen.add(value);
  return seen.size > 0 ? [...seen] : undefined;
}

function mergeIds(records: PaperRecord[], conflicts: Conflict[]): PaperIds | undefined {
  const ids: PaperIds = {};
  // Made on the first disagreement: most papers are one record (a million at a million works).
  let disagreeing: Set<keyof PaperIds> | undefined;
  for (const record of records) {
    for (const key in record.ids) {
      const field = key as keyof PaperIds;
      const value = record.ids[field];
      if (!value) continue;
      if (ids[field] === undefined) ids[field] = value;
      else if (ids[field] !== value && field !== 'citationKey') {
        disagreeing ??= new Set();
        disagreeing.add(field);
      }
    }
  }
  for (const field of disagreeing ?? []) {
    conflicts.push({
      field: `ids.${field}`,
      values: records
        .filter((record) => record.ids?.[field])
        .map((record) => ({ value: record.ids![field]!, source: record.provenance })),
    });
  }
  return Object.keys(ids).length > 0 ? ids : undefined;
}

/** What makes two references of one paper the same: its strongest identifier, else its text. */
function referenceKey(reference: CitedReference): string {
  return (
    reference.doi ??
    reference.openalex ??
    reference.s2 ??
    reference.arxiv ??
    reference.raw ??
    reference.title ??
    ''
  );
}

function mergeReferences(lists: (CitedReference[] | undefined)[]): CitedReference[] | undefined {
  const seen = new Map<string, CitedReference>();
  for (const list of lists) {
    for (const reference of list ?? []) {
      const key = referenceKey(reference);
      if (!seen.has(key)) seen.set(key, reference);
    }
  }
  return seen.size > 0 ? [...seen.values()] : undefined;
}

function longest(values: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const value of values) if (value && (!best || value.length > best.length)) best = value;
  return best;
}

/** A full date as `date` and `year`; a yearless one ('Jun 16') as `partialDate`. */
function setPaperDate(paper: Paper, date: PartialDate): void {
  const iso = isoDate(date);
  if (iso) {
    paper.date = iso;
    paper.year = date.year!;
    return;
  }
  const partial = isoMonthDay(date);
  if (partial) paper.partialDate = partial;
}

function mergeGroup(records: PaperRecord[], id: string): Paper {
  const conflicts: Conflict[] = [];
  const first = records[0]!;
  const authors = mergeAuthors(records, conflicts);
  const date = mergeDates(records, conflicts);
  const counts = records
    .map((record) => record.authorCount)
    .filter((count): count is number => count !== undefined);
  const paper: Paper = {
    id,
    title: first.title,
    authors,
    sources: records.map((record) => record.provenance),
  };
  const authorCount = Math.max(authors.length, ...counts, 0);
  if (authorCount > 0) paper.authorCount = authorCount;
  if (new Set(counts).size > 1) {
    conflicts.push({
      field: 'authorCount',
      values: records
        .filter((record) => record.authorCount !== undefined)
        .map((record) => ({ value: String(record.authorCount), source: record.provenance })),
    });
  }
  if (date) setPaperDate(paper, date);
  const abstract = longest(records.map((record) => record.abstract));
  if (abstract) paper.abstract = abstract;
  const notes = unionStrings(records.map((record) => record.notes));
  if (notes) paper.notes = notes;
  const upvotes = records
    .map((record) => record.upvotes)
    .filter((value): value is number => value !== undefined);
  if (upvotes.length > 0) paper.upvotes = Math.max(...upvotes);
  const venue = records.find((record) => record.venue)?.venue;
  if (venue) paper.venue = venue;
  const keywords = unionStrings(records.map((record) => record.keywords));
  if (keywords) paper.keywords = keywords;
  const ids = mergeIds(records, conflicts);
  if (ids) paper.ids = ids;
  const references = mergeReferences(records.map((record) => record.references));
  if (references) paper.references = references;
  const type = records.find((record) => record.type)?.type;
  if (type) paper.type = type;
  if (conflicts.length > 0) paper.conflicts = conflicts;
  return paper;
}

function mergeReason(records: PaperRecord[]): MergeEvent['reason'] {
  const [first, ...rest] = records;
  for (const field of ['doi', 'arxiv', 'openalex', 's2'] as const) {
    const value = first!.ids?.[field];
    if (value && rest.some((record) => record.ids?.[field] === value)) return field;
  }
  const title = titleKey(first!.title);
  if (rest.every((record) => titleKey(record.title) === title)) return 'title';
  return 'other-id';
}

/** Distinct values of one list (first-seen order), undefined when there are none; as unionStrings. */
function distinct(list: string[] | undefined): string[] | undefined {
  if (!list || list.length === 0) return undefined;
  return list.length === 1 ? [list[0]!] : unionStrings([list]);
}

const seenReferenceKeys = new Set<string>();

/** Whether two of the references share a key (one Set, reused from paper to paper). */
function hasDuplicateKeys(references: CitedReference[]): boolean {
  seenReferenceKeys.clear();
  let duplicate = false;
  for (const reference of references) {
    const key = referenceKey(reference);
    if (seenReferenceKeys.has(key)) {
      duplicate = true;
      break;
    }
    seenReferenceKeys.add(key);
  }
  seenReferenceKeys.clear();
  return duplicate;
}

/**
 * mergeReferences([record]) without a Map and a new array per paper: the record's own list when no
 * two of its references share a key (almost always), else the merge.
 */
function singleRecordReferences(references: CitedReference[]): CitedReference[] | undefined {
  if (references.length === 0) return undefined;
  if (hasDistinctReferences(references) || !hasDuplicateKeys(references)) return references;
  return mergeReferences([references]);
}

/**
 * What mergeGroup makes of a group of one record, without its per-field arrays (most groups). The
 * record is consumed: the paper takes over its author objects and lists (collectAuthors then sets
 * the authors' ids), which saves copying four million authors and twenty million references at a
 * million papers. Records are not used after the merge.
 */
function singleRecordPaper(record: PaperRecord, id: string): Paper {
  const authors = record.authors;
  const paper: Paper = { id, title: record.title, authors, sources: [record.provenance] };
  const authorCount =
    record.authorCount === undefined
      ? Math.max(authors.length, 0)
      : Math.max(authors.length, record.authorCount, 0);
  if (authorCount > 0) paper.authorCount = authorCount;
  const date = record.date;
  if (date) setPaperDate(paper, date);
  if (record.abstract) paper.abstract = record.abstract;
  const notes = distinct(record.notes);
  if (notes) paper.notes = notes;
  if (record.upvotes !== undefined) paper.upvotes = Math.max(record.upvotes);
  if (record.venue) paper.venue = record.venue;
  const keywords = distinct(record.keywords);
  if (keywords) paper.keywords = keywords;
  if (record.ids) {
    const ids = mergeIds([record], []);
    if (ids) paper.ids = ids;
  }
  if (record.references) {
    const references = singleRecordReferences(record.references);
    if (references) paper.references = references;
  }
  if (record.type) paper.type = record.type;
  return paper;
}

export interface MergedPapers {
  papers: Paper[];
  merges: MergeEvent[];
}

/**
 * Merges records that describe one paper: identifiers decide when present (one DOI or arXiv id is
 * one paper), otherwise folded titles. The merge keeps the union of what each source knows, every
 * provenance entry, and disagreements as `conflicts`.
 */
export function mergeDuplicatePapers(records: PaperRecord[]): MergedPapers {
  const titleKeys: string[] = new Array(records.length);
  for (let index = 0; index < records.length; index++) titleKeys[index] = titleKey(records[index]!.title);
  const groups = groupPaperRecords(records, titleKeys);
  const papers: Paper[] = [];
  const merges: MergeEvent[] = [];
  const usedIds = new Set<string>();
  for (let group = 0; group < groups.count; group++) {
    const from = groups.start[group]!;
    const to = groups.start[group + 1]!;
    const first = records[groups.members[from]!]!;
    const key = titleKeys[groups.members[from]!]!;
    const base = `p${stableId(key || `${first.provenance.file}:${first.provenance.line}`).slice(0, 12)}`;
    let id = base;
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${base}-${suffix}`;
    usedIds.add(id);
    if (to - from === 1) {
      papers.push(singleRecordPaper(first, id));
      continue;
    }
    const members: PaperRecord[] = [];
    for (let at = from; at < to; at++) members.push(records[groups.members[at]!]!);
    const paper = mergeGroup(members, id);
    papers.push(paper);
    merges.push({ into: id, title: paper.title, sources: paper.sources, reason: mergeReason(members) });
  }
  return { papers, merges };
}

function authorSlug(key: string): string {
  return key.replace(/ /g, '-') || 'unnamed';
}

/** Which author group each authorship occurrence (numbered paper by paper) belongs to. */
function groupOccurrences(papers: Paper[]): { groupOf: Int32Array; groupCount: number } {
  let total = 0;
  for (const paper of papers) total += paper.authors.length;
  const sets = UnionFind.of(total);
  const byKey = new Map<string, number>();
  const byOrcid = new Map<string, number>();
  const byOtherId = new Map<string, FirstHolders>();
  let occurrence = 0;
  for (const paper of papers) {
    for (const author of paper.authors) {
      link(byKey, String(author.key), occurrence, sets);
      if (author.orcid) link(byOrcid, String(author.orcid), occurrence, sets);
      if (author.ids)
        for (const source in author.ids) {
          const value = String(author.ids[source]);
          // A source id named 'key' or 'orcid' joins those; every other source has its own map (no
          // '<source>:<value>' string per occurrence).
          if (source === 'key') link(byKey, value, occurrence, sets);
          else if (source === 'orcid') link(byOrcid, value, occurrence, sets);
          else {
            let bySource = byOtherId.get(source);
            if (!bySource) {
              bySource = source === 'openalex' ? new OpenAlexIdMap(1 << 16) : new Map<string, number>();
              byOtherId.set(source, bySource);
            }
            link(bySource, value, occurrence, sets);
          }
        }
      occurrence++;
    }
  }
  // Groups are numbered in the order of their first occurrence (a set's root is its first member).
  const groupOf = new Int32Array(total);
  let groupCount = 0;
  for (let at = 0; at < total; at++) {
    const root = sets.find(at);
    groupOf[at] = root === at ? groupCount++ : groupOf[root]!;
  }
  return { groupOf, groupCount };
}

/**
 * Whether `{...ids, ...entityIds}` would equal `entityIds` key for key and in order: `ids` has one
 * key and it is already the first of `entityIds` (each OpenAlex authorship repeats its author's id;
 * four million object spreads at a million works).
 */
function idsAlreadyFirst(ids: object, entityIds: object | undefined): boolean {
  if (!entityIds) return false;
  let only: string | undefined;
  for (const key in ids) {
    if (only !== undefined) return false;
    only = key;
  }
  if (only === undefined) return false;
  for (const key in entityIds) return key === only;
  return false;
}

/** A group's spellings: how often each occurs and its first occurrence, in first-seen order. */
type NameTally = Map<string, { count: number; first: AuthorName }>;

/**
 * The distinct people and groups of a set of merged papers. ORCID and source author ids decide
 * identity when present; otherwise the normalised name key. Sets `id` on every paper author.
 * `distinctPaperIds` (papers from mergeDuplicatePapers) skips checking that no two papers share an id.
 */
export function collectAuthors(papers: Paper[], distinctPaperIds = false): Author[] {
  return collectAuthorsIndexed(papers, distinctPaperIds).authors;
}

/** collectAuthors, plus the author index of each authorship in paper order (see model/authorship-index.ts). */
export function collectAuthorsIndexed(
  papers: Paper[],
  distinctPaperIds = false,
): { authors: Author[]; authorOfOccurrence: Int32Array } {
  // Occurrences are walked paper by paper (memory order), with per-occurrence and per-group state
  // in flat arrays rather than an object per occurrence.
  const { groupOf, groupCount } = groupOccurrences(papers);
  const firstAuthor: AuthorName[] = new Array(groupCount);
  const memberCount = new Int32Array(groupCount);
  // Only groups with more than one spelling get a tally.
  const tallies = new Map<number, NameTally>();
  const tallied = new Uint8Array(groupCount);
  let occurrence = 0;
  for (const paper of papers) {
    for (const author of paper.authors) {
      const group = groupOf[occurrence++]!;
      const seen = memberCount[group]!++;
      if (seen === 0) {
        firstAuthor[group] = author;
        continue;
      }
      if (tallied[group] === 0) {
        if (author.name === firstAuthor[group]!.name) continue;
        tallied[group] = 1;
        tallies.set(
          group,
          new Map([[firstAuthor[group]!.name, { count: seen, first: firstAuthor[group]! }]]),
        );
      }
      const tally = tallies.get(group)!;
      const entry = tally.get(author.name);
      if (entry) entry.count++;
      else tally.set(author.name, { count: 1, first: author });
    }
  }
  // Each group's papers as paper indexes in one flat array (group g at paperStart[g]..), listed once
  // each: by paper index when ids are distinct, else by id.
  const paperStart = new Int32Array(groupCount + 1);
  const lastPaper = new Int32Array(groupCount).fill(-1);
  const seenIds: (Set<string> | undefined)[] | undefined =
    distinctPaperIds || new Set(papers.map((paper) => paper.id)).size === papers.length
      ? undefined
      : new Array(groupCount);
  const listed = new Uint8Array(groupOf.length);
  occurrence = 0;
  for (let index = 0; index < papers.length; index++) {
    const paper = papers[index]!;
    for (let author = 0; author < paper.authors.length; author++, occurrence++) {
      const group = groupOf[occurrence]!;
      if (seenIds) {
        const seen = seenIds[group] ?? new Set<string>();
        seenIds[group] = seen;
        if (seen.has(paper.id)) continue;
        seen.add(paper.id);
      } else if (lastPaper[group] === index) continue;
      lastPaper[group] = index;
      listed[occurrence] = 1;
      paperStart[group + 1]!++;
    }
  }
  for (let group = 0; group < groupCount; group++) paperStart[group + 1]! += paperStart[group]!;
  const paperIndexes = new Int32Array(paperStart[groupCount]!);
  const next = paperStart.slice(0, groupCount);
  occurrence = 0;
  for (let index = 0; index < papers.length; index++) {
    const count = papers[index]!.authors.length;
    for (let end = occurrence + count; occurrence < end; occurrence++)
      if (listed[occurrence] === 1) paperIndexes[next[groupOf[occurrence]!]!++] = index;
  }
  const authors: Author[] = [];
  const usedIds = new Set<string>();
  for (let group = 0; group < groupCount; group++) {
    let first = firstAuthor[group]!;
    let name = first.name;
    const tally = tallies.get(group);
    if (tally) {
      for (const [candidate, { count }] of tally) if (count > tally.get(name)!.count) name = candidate;
      first = tally.get(name)!.first;
    }
    let id = authorSlug(first.key);
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${authorSlug(first.key)}-${suffix}`;
    usedIds.add(id);
    const paperIds: string[] = new Array(paperStart[group + 1]! - paperStart[group]!);
    for (let at = paperStart[group]!; at < paperStart[group + 1]!; at++)
      paperIds[at - paperStart[group]!] = papers[paperIndexes[at]!]!.id;
    authors.push({ id, name, key: first.key, kind: first.kind, papers: paperIds });
  }
  firstAuthor.length = 0;
  occurrence = 0;
  for (const paper of papers) {
    for (const author of paper.authors) {
      const entity = authors[groupOf[occurrence++]!]!;
      author.id = entity.id;
      if (author.orcid && !entity.orcid) entity.orcid = author.orcid;
      if (author.ids && !idsAlreadyFirst(author.ids, entity.ids))
        entity.ids = { ...author.ids, ...entity.ids };
      if (author.affiliations) entity.affiliations = unionStrings([entity.affiliations, author.affiliations]);
    }
  }
  for (const [group, tally] of tallies) {
    const entity = authors[group]!;
    if (tally.size > 1) entity.variants = [...tally.keys()].filter((variant) => variant !== entity.name);
  }
  return { authors, authorOfOccurrence: groupOf };
}
