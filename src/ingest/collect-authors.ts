/** The distinct people and groups behind the author names of merged papers. */
import { OpenAlexIdMap } from '../model/openalex-id-map.ts';
import type { Author, AuthorName, Paper } from '../model/types.ts';
import { UnionFind } from '../util/union-find.ts';
import { type FirstHolders, link } from './key-groups.ts';
import { unionStrings } from './string-lists.ts';

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
