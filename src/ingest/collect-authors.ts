/** The distinct people and groups behind the author names of merged papers. */
import { OpenAlexIdMap } from '../model/openalex-id-map.ts';
import type { Author, AuthorMerge, AuthorName, Paper, PossibleDuplicateAuthors } from '../model/types.ts';
import { UnionFind } from '../util/union-find.ts';
import { matchNameVariants, type VariantMatches } from './author-identity.ts';
import { type FirstHolders, link } from './key-groups.ts';
import { unionStrings } from './string-lists.ts';

function authorSlug(key: string): string {
  return key.replace(/ /g, '-') || 'unnamed';
}

/**
 * Whether one id source names every person occurrence (an OpenAlex corpus; or ORCID everywhere):
 * two people with different ids of that source are two people, so names have nothing to join.
 */
function idsDecideIdentity(papers: Paper[]): boolean {
  let persons = 0;
  let orcids = 0;
  const withId = new Map<string, number>();
  const commonSource = 'openalex';
  let commonCount = 0;
  for (const paper of papers) {
    for (const author of paper.authors) {
      if (author.kind !== 'person') continue;
      persons++;
      if (author.orcid || author.ids?.orcid) orcids++;
      if (author.ids)
        for (const source in author.ids) {
          if (source === 'key' || source === 'orcid') continue;
          // Most corpora have one id source: counted in a variable, not a Map update each.
          if (source === commonSource) commonCount++;
          else withId.set(source, (withId.get(source) ?? 0) + 1);
        }
    }
  }
  return (
    persons === 0 || orcids === persons || commonCount === persons || [...withId.values()].includes(persons)
  );
}

/**
 * Authorship occurrences (numbered paper by paper) joined by ORCID and source ids, and by name key
 * unless the ids decide (idsDecideIdentity): then only groups (consortia) and the names a thesaurus
 * rule names (`named`: the user's word joins two ids) join by name.
 */
function linkOccurrences(
  papers: Paper[],
  named: ReadonlySet<string>,
): { sets: UnionFind; total: number; idsDecide: boolean } {
  let total = 0;
  for (const paper of papers) total += paper.authors.length;
  const idsDecide = idsDecideIdentity(papers);
  const sets = UnionFind.of(total);
  const byKey = new Map<string, number>();
  const byOrcid = new Map<string, number>();
  const byOtherId = new Map<string, FirstHolders>();
  let occurrence = 0;
  for (const paper of papers) {
    for (const author of paper.authors) {
      const key = String(author.key);
      if (!idsDecide || author.kind !== 'person' || named.has(key)) link(byKey, key, occurrence, sets);
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
  return { sets, total, idsDecide };
}

/** Which author group each occurrence belongs to, groups numbered in the order of their first occurrence. */
function numberGroups(sets: UnionFind, total: number): { groupOf: Int32Array; groupCount: number } {
  // A set's root is its first member.
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

/** What collectAuthorsIndexed finds. */
interface CollectedAuthors {
  authors: Author[];
  /** The author index of each authorship in paper order (see model/authorship-index.ts). */
  authorOfOccurrence: Int32Array;
  /** Name variants joined on shared evidence (author-identity.ts). */
  authorMerges: AuthorMerge[];
  /** Compatible names left apart for want of evidence. */
  possibleDuplicateAuthors: PossibleDuplicateAuthors[];
}

/**
 * The distinct people and groups of a set of merged papers. ORCID and source author ids decide
 * identity when present; otherwise the normalised name key. Sets `id` on every paper author.
 * `distinctPaperIds` (papers from mergeDuplicatePapers) skips checking that no two papers share an id.
 * Also the author of each authorship and the name variants joined or left apart.
 * `protectedKeys`: name keys a thesaurus rule names, never joined to another name automatically.
 */
export function collectAuthorsIndexed(
  papers: Paper[],
  distinctPaperIds = false,
  protectedKeys: ReadonlySet<string> = new Set(),
): CollectedAuthors {
  // Occurrences are walked paper by paper (memory order), with per-occurrence and per-group state
  // in flat arrays rather than an object per occurrence.
  const { sets, total, idsDecide } = linkOccurrences(papers, protectedKeys);
  const variants: VariantMatches = idsDecide
    ? { merges: [], unconfirmed: [] }
    : matchNameVariants(papers, (occurrence) => sets.find(occurrence), protectedKeys);
  for (const { groups } of variants.merges) for (const group of groups) sets.union(groups[0]!, group);
  const { groupOf, groupCount } = numberGroups(sets, total);
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
      if (author.affiliations) addAffiliations(entity, author.affiliations);
    }
  }
  for (const [group, tally] of tallies) {
    const entity = authors[group]!;
    if (tally.size > 1) entity.variants = [...tally.keys()].filter((variant) => variant !== entity.name);
  }
  return {
    authors,
    authorOfOccurrence: groupOf,
    ...describeVariants(variants, (occurrence) => authors[groupOf[occurrence]!]!),
  };
}

/**
 * Adds an occurrence's affiliations to its author's, distinct, in first-seen order (as
 * unionStrings, without a new Set and array per occurrence: millions of them at scale).
 */
function addAffiliations(entity: Author, affiliations: string[]): void {
  const own = entity.affiliations;
  if (!own) {
    entity.affiliations = unionStrings([affiliations]);
    return;
  }
  for (const affiliation of affiliations) if (!own.includes(affiliation)) own.push(affiliation);
}

/** The variant matches in author ids and names, for the report. */
function describeVariants(
  variants: VariantMatches,
  authorAt: (occurrence: number) => Author,
): Pick<CollectedAuthors, 'authorMerges' | 'possibleDuplicateAuthors'> {
  const authorMerges = variants.merges.map(({ groups, evidence }): AuthorMerge => {
    const author = authorAt(groups[0]!);
    return {
      into: author.id,
      names: [author.name, ...(author.variants ?? [])],
      papers: author.papers.length,
      evidence,
    };
  });
  const possibleDuplicateAuthors: PossibleDuplicateAuthors[] = [];
  const listed = new Set<string>();
  for (const [x, y] of variants.unconfirmed) {
    const a = authorAt(x);
    const b = authorAt(y);
    // Joined through a third name after all, or listed through another of the same two authors' names.
    const pair = `${a.id}\t${b.id}`;
    if (a === b || listed.has(pair)) continue;
    listed.add(pair);
    possibleDuplicateAuthors.push({
      authors: [a.id, b.id],
      names: [a.name, b.name],
      papers: [a.papers.length, b.papers.length],
    });
  }
  return { authorMerges, possibleDuplicateAuthors };
}
