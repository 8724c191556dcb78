/**
 * How the records of one paper become one Paper, field by field (most precise date, longest
 * abstract, union of keywords and references…): every source is kept as provenance and every
 * disagreement as a conflict.
 */
import { isoDate, isoMonthDay } from '../model/dates.ts';
import { hasDistinctReferences } from '../model/reference-lists.ts';
import type {
  AuthorName,
  CitedReference,
  Conflict,
  Paper,
  PaperIds,
  PaperRecord,
  PartialDate,
} from '../model/types.ts';
import { distinct, unionStrings } from './string-lists.ts';

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

/** The highest global citation count of the records (sources count at different times and scopes). */
function highestCount(records: PaperRecord[]): number | undefined {
  let highest: number | undefined;
  for (const record of records) {
    const value = record.globalCitations;
    if (value !== undefined && (highest === undefined || value > highest)) highest = value;
  }
  return highest;
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

export function mergeGroup(records: PaperRecord[], id: string): Paper {
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
  const indexKeywords = unionStrings(records.map((record) => record.indexKeywords));
  if (indexKeywords) paper.indexKeywords = indexKeywords;
  const citations = highestCount(records);
  if (citations !== undefined) paper.globalCitations = citations;
  const ids = mergeIds(records, conflicts);
  if (ids) paper.ids = ids;
  const references = mergeReferences(records.map((record) => record.references));
  if (references) paper.references = references;
  const type = records.find((record) => record.type)?.type;
  if (type) paper.type = type;
  if (conflicts.length > 0) paper.conflicts = conflicts;
  return paper;
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
 * record is consumed: the paper takes over its author objects and lists (collectAuthorsIndexed then sets
 * the authors' ids), which saves copying four million authors and twenty million references at a
 * million papers. Records are not used after the merge.
 */
export function singleRecordPaper(record: PaperRecord, id: string): Paper {
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
  const indexKeywords = distinct(record.indexKeywords);
  if (indexKeywords) paper.indexKeywords = indexKeywords;
  if (record.globalCitations !== undefined) paper.globalCitations = record.globalCitations;
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
