import { isoDate, isoMonthDay } from '../model/dates.ts';
import { stableId } from '../model/hash.ts';
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

/** Groups items that share any key; returns groups of indexes in first-seen order. */
function groupByAnyKey<T>(items: T[], keysOf: (item: T) => string[]): number[][] {
  const sets = new UnionFind();
  const owner = new Map<string, number>();
  items.forEach((item, index) => {
    sets.add();
    for (const key of keysOf(item)) {
      const existing = owner.get(key);
      if (existing === undefined) owner.set(key, index);
      else sets.union(existing, index);
    }
  });
  const groups = new Map<number, number[]>();
  items.forEach((_, index) => {
    const root = sets.find(index);
    let group = groups.get(root);
    if (!group) {
      group = [];
      groups.set(root, group);
    }
    group.push(index);
  });
  return [...groups.values()];
}

function identifierKeys(record: PaperRecord): string[] {
  const keys: string[] = [];
  for (const field of PAPER_ID_FIELDS) {
    const value = record.ids?.[field];
    if (value) keys.push(`${field}:${value}`);
  }
  return keys;
}

/** Identifiers that name a published version: two records with different ones are different papers. */
const DISTINGUISHING_IDS = ['doi', 'arxiv'] as const;

/**
 * Groups records that describe one paper. Identifiers decide first; then records with the same
 * folded title join, unless they carry different DOIs or arXiv ids (two papers titled
 * 'Introduction' with two DOIs stay two papers).
 */
function groupPaperRecords(records: PaperRecord[]): number[][] {
  const byIdentifier = groupByAnyKey(records, identifierKeys);
  const groupIds = byIdentifier.map((group) => {
    const ids = new Map<string, string>();
    for (const index of group)
      for (const field of DISTINGUISHING_IDS) {
        const value = records[index]!.ids?.[field];
        if (value && !ids.has(field)) ids.set(field, value);
      }
    return ids;
  });
  const compatible = (a: Map<string, string>, b: Map<string, string>): boolean =>
    [...a].every(([field, value]) => !b.has(field) || b.get(field) === value);
  const sets = UnionFind.of(byIdentifier.length);
  const groupsByTitle = new Map<string, number[]>();
  byIdentifier.forEach((group, groupIndex) => {
    const titles = new Set(group.map((index) => titleKey(records[index]!.title)).filter(Boolean));
    for (const title of titles) {
      const candidates = groupsByTitle.get(title) ?? [];
      const match = candidates.find((other) =>
        compatible(groupIds[sets.find(other)]!, groupIds[groupIndex]!),
      );
      if (match !== undefined) {
        const root = sets.find(match);
        sets.union(root, groupIndex);
        const merged = new Map([...groupIds[groupIndex]!, ...groupIds[root]!]);
        groupIds[sets.find(root)] = merged;
      } else candidates.push(groupIndex);
      groupsByTitle.set(title, candidates);
    }
  });
  const merged = new Map<number, number[]>();
  byIdentifier.forEach((group, groupIndex) => {
    const root = sets.find(groupIndex);
    merged.set(root, [...(merged.get(root) ?? []), ...group]);
  });
  return [...merged.values()].map((group) => group.sort((a, b) => a - b));
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
  const disagreeing = new Set<keyof PaperIds>();
  for (const record of records) {
    for (const [field, value] of Object.entries(record.ids ?? {}) as [keyof PaperIds, string][]) {
      if (!value) continue;
      if (ids[field] === undefined) ids[field] = value;
      else if (ids[field] !== value && field !== 'citationKey') disagreeing.add(field);
    }
  }
  for (const field of disagreeing) {
    conflicts.push({
      field: `ids.${field}`,
      values: records
        .filter((record) => record.ids?.[field])
        .map((record) => ({ value: record.ids![field]!, source: record.provenance })),
    });
  }
  return Object.keys(ids).length > 0 ? ids : undefined;
}

function mergeReferences(records: PaperRecord[]): CitedReference[] | undefined {
  const seen = new Map<string, CitedReference>();
  for (const record of records) {
    for (const reference of record.references ?? []) {
      const key =
        reference.doi ??
        reference.openalex ??
        reference.s2 ??
        reference.arxiv ??
        reference.raw ??
        reference.title ??
        '';
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
  if (date) {
    const iso = isoDate(date);
    if (iso) {
      paper.date = iso;
      paper.year = date.year!;
    } else {
      const partial = isoMonthDay(date);
      if (partial) paper.partialDate = partial;
    }
  }
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
  const references = mergeReferences(records);
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
  const groups = groupPaperRecords(records);
  const papers: Paper[] = [];
  const merges: MergeEvent[] = [];
  const usedIds = new Set<string>();
  for (const group of groups) {
    const members = group.map((index) => records[index]!);
    const first = members[0]!;
    const base = `p${stableId(titleKey(first.title) || `${first.provenance.file}:${first.provenance.line}`).slice(0, 12)}`;
    let id = base;
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${base}-${suffix}`;
    usedIds.add(id);
    const paper = mergeGroup(members, id);
    papers.push(paper);
    if (members.length > 1) {
      merges.push({ into: id, title: paper.title, sources: paper.sources, reason: mergeReason(members) });
    }
  }
  return { papers, merges };
}

function authorSlug(key: string): string {
  return key.replace(/ /g, '-') || 'unnamed';
}

/**
 * The distinct people and groups of a set of merged papers. ORCID and source author ids decide
 * identity when present; otherwise the normalised name key. Sets `id` on every paper author.
 */
export function collectAuthors(papers: Paper[]): Author[] {
  const occurrences: { paper: Paper; author: AuthorName }[] = [];
  for (const paper of papers) for (const author of paper.authors) occurrences.push({ paper, author });
  const groups = groupByAnyKey(occurrences, ({ author }) => {
    const keys = [`key:${author.key}`];
    if (author.orcid) keys.push(`orcid:${author.orcid}`);
    for (const [source, value] of Object.entries(author.ids ?? {})) keys.push(`${source}:${value}`);
    return keys;
  });
  const authors: Author[] = [];
  const usedIds = new Set<string>();
  for (const group of groups) {
    const members = group.map((index) => occurrences[index]!);
    const nameCounts = new Map<string, number>();
    for (const { author } of members) nameCounts.set(author.name, (nameCounts.get(author.name) ?? 0) + 1);
    let name = members[0]!.author.name;
    for (const [candidate, count] of nameCounts) if (count > nameCounts.get(name)!) name = candidate;
    const first = members.find((member) => member.author.name === name)!.author;
    let id = authorSlug(first.key);
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${authorSlug(first.key)}-${suffix}`;
    usedIds.add(id);
    const paperIds: string[] = [];
    const seenPapers = new Set<string>();
    const entity: Author = { id, name, key: first.key, kind: first.kind, papers: paperIds };
    for (const { paper, author } of members) {
      author.id = id;
      if (!seenPapers.has(paper.id)) {
        seenPapers.add(paper.id);
        paperIds.push(paper.id);
      }
      if (author.orcid && !entity.orcid) entity.orcid = author.orcid;
      if (author.ids) entity.ids = { ...author.ids, ...entity.ids };
      if (author.affiliations) entity.affiliations = unionStrings([entity.affiliations, author.affiliations]);
    }
    if (nameCounts.size > 1) entity.variants = [...nameCounts.keys()].filter((variant) => variant !== name);
    authors.push(entity);
  }
  return authors;
}
