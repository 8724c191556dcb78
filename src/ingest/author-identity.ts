/**
 * Name variants of one person: author groups (already one per name key and per identifier) whose
 * names differ only in how much of the given name is written ('V. Saab' / 'V.A. Saab', 'Adam
 * Resnick' / 'Adam C. Resnick', 'R. Raskin' / 'Robert Raskin') are joined when their papers share
 * evidence: a co-author, an affiliation, or two venues. Compatible names with less evidence are
 * listed as possible duplicates for the user to confirm with a thesaurus rule; nothing is joined.
 *
 * Never joined:
 * - a name compatible with two names that are not compatible with each other ('J. Smith' with
 *   'John Smith' and 'Jane Smith'): which one it is cannot be told from the name;
 * - two names carrying ids of one source that differ (two ORCIDs, two OpenAlex author ids);
 * - two names on one paper (two people);
 * - a name a thesaurus rule names, on either side of the rule: the user's rule decides.
 *
 * Near-linear: groups are blocked by folded family name and first initial, and only blocks of two
 * or more names are compared. When one id source names every person (an OpenAlex corpus), ids
 * have decided and the caller (collect-authors.ts) compares no names.
 */
import { foldText } from '../model/names.ts';
import type { AuthorName, Paper } from '../model/types.ts';

/** Blocks with more groups than this are not compared (a very common family name and initial). */
const MAX_BLOCK_GROUPS = 64;
/**
 * Papers with more authors than this are no evidence (as in the co-authorship layer's cap):
 * a consortium paper says nothing about who a person works with, and reading its byline once per
 * candidate would cost its length squared. Two names on one still never join.
 */
const MAX_EVIDENCE_AUTHORS = 25;
/** Shared venues that join two names without a shared co-author or affiliation. */
const MIN_SHARED_VENUES = 2;
/** Evidence strings listed per kind in a merge. */
const LISTED_EVIDENCE = 5;
/** Folded venue names that say nothing about who wrote a paper (preprint servers). */
const UNINFORMATIVE_VENUE =
  /^(?:arxiv|corr|biorxiv|medrxiv|ssrn|research square|preprints|zenodo|chemrxiv|psyarxiv|osf)\b/;

/** What two name variants' papers share. */
interface IdentityEvidence {
  /** Co-authors' names. */
  sharedCoauthors: string[];
  sharedAffiliations: string[];
  sharedVenues: string[];
}

/** Groups (their first occurrence numbers) joined as one person, and why. */
export interface VariantMerge {
  groups: number[];
  evidence: IdentityEvidence;
}

export interface VariantMatches {
  merges: VariantMerge[];
  /** Pairs of groups whose names are compatible but whose papers share nothing. */
  unconfirmed: [number, number][];
}

/** One author group as the matcher sees it. */
interface GroupName {
  group: number;
  author: AuthorName;
  given: string[];
}

/**
 * The given name as tokens: 'V.A.' → ['v', 'a'], 'Adam C.' → ['adam', 'c'], 'Jean-Pierre' →
 * ['jean', 'pierre']; an upper-case run of two or three letters is initials ('VA' → ['v', 'a']).
 */
export function givenTokens(given: string): string[] {
  const tokens: string[] = [];
  for (const part of given.split(/[\s.\-‐]+/)) {
    if (!part) continue;
    if (/^\p{Lu}{2,3}$/u.test(part)) for (const letter of part) tokens.push(foldText(letter));
    else {
      const folded = foldText(part).replace(/ /g, '');
      if (folded) tokens.push(folded);
    }
  }
  return tokens;
}

/** Whether two given names can be one person's, initial by initial ('r' and 'robert', 'v' and 'v a'). */
export function givenCompatible(a: readonly string[], b: readonly string[]): boolean {
  const shared = Math.min(a.length, b.length);
  if (shared === 0) return false;
  for (let i = 0; i < shared; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.length === 1 ? y.startsWith(x) : y.length === 1 && x.startsWith(y)) continue;
    return false;
  }
  return true;
}

function idsConflict(x: AuthorName, y: AuthorName): boolean {
  if (x.orcid && y.orcid && x.orcid !== y.orcid) return true;
  if (!x.ids || !y.ids) return false;
  for (const source in x.ids) {
    const other = y.ids[source];
    if (other !== undefined && other !== x.ids[source]) return true;
  }
  return false;
}

const compatible = (x: GroupName, y: GroupName): boolean =>
  givenCompatible(x.given, y.given) && !idsConflict(x.author, y.author);

/**
 * The name variants among author groups. `groupOfOccurrence` gives each authorship occurrence
 * (numbered paper by paper) its group, a group being named by its first occurrence.
 * `protectedKeys`: name keys a thesaurus rule names.
 */
export function matchNameVariants(
  papers: readonly Paper[],
  groupOfOccurrence: (occurrence: number) => number,
  protectedKeys: ReadonlySet<string>,
): VariantMatches {
  const none: VariantMatches = { merges: [], unconfirmed: [] };
  // Each group's first occurrence and author, numbered as met, blocked by family name and first
  // initial (numbers only: most blocks hold one group, and its given name is never split).
  const firstOccurrence: number[] = [];
  const authors: AuthorName[] = [];
  const blocks = new Map<string, number[]>();
  let occurrence = 0;
  for (const paper of papers) {
    for (const author of paper.authors) {
      const at = occurrence++;
      if (groupOfOccurrence(at) !== at || author.kind !== 'person' || !author.given || !author.family)
        continue;
      if (protectedKeys.has(author.key)) continue;
      const initial = foldText(author.given).charAt(0);
      const family = foldText(author.family).replace(/ /g, '');
      if (!initial || !family) continue;
      const block = `${family} ${initial}`;
      const members = blocks.get(block);
      if (members) members.push(authors.length);
      else blocks.set(block, [authors.length]);
      firstOccurrence.push(at);
      authors.push(author);
    }
  }

  const candidates: [GroupName, GroupName][] = [];
  for (const numbers of blocks.values()) {
    if (numbers.length < 2 || numbers.length > MAX_BLOCK_GROUPS) continue;
    const members = numbers.map(
      (n): GroupName => ({
        group: firstOccurrence[n]!,
        author: authors[n]!,
        given: givenTokens(authors[n]!.given!),
      }),
    );
    let partners: GroupName[][] | undefined;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++)
        if (compatible(members[i]!, members[j]!)) {
          partners ??= members.map(() => []);
          partners[i]!.push(members[j]!);
          partners[j]!.push(members[i]!);
        }
    if (!partners) continue;
    // A name whose compatible names are not all compatible with each other is ambiguous.
    const ambiguous = new Set<GroupName>();
    members.forEach((member, i) => {
      const own = partners[i]!;
      for (let x = 0; x < own.length && !ambiguous.has(member); x++)
        for (let y = x + 1; y < own.length; y++)
          if (!compatible(own[x]!, own[y]!)) {
            ambiguous.add(member);
            break;
          }
    });
    for (let i = 0; i < members.length; i++)
      for (const partner of partners[i]!)
        if (members[i]!.group < partner.group && !ambiguous.has(members[i]!) && !ambiguous.has(partner))
          candidates.push([members[i]!, partner]);
  }
  if (candidates.length === 0) return none;
  return confirm(papers, groupOfOccurrence, candidates);
}

/** What the papers of one candidate group show: papers, co-author groups, affiliations, venues. */
interface Profile {
  papers: Set<number>;
  coauthors: Map<number, string>;
  affiliations: Map<string, string>;
  venues: Map<string, string>;
}

/** Joins the candidate pairs whose papers share evidence; the rest are unconfirmed. */
function confirm(
  papers: readonly Paper[],
  groupOfOccurrence: (occurrence: number) => number,
  candidates: [GroupName, GroupName][],
): VariantMatches {
  const profiles = new Map<number, Profile>();
  for (const pair of candidates)
    for (const side of pair)
      profiles.set(side.group, {
        papers: new Set(),
        coauthors: new Map(),
        affiliations: new Map(),
        venues: new Map(),
      });
  let occurrence = 0;
  papers.forEach((paper, p) => {
    const first = occurrence;
    occurrence += paper.authors.length;
    const evidence = paper.authors.length <= MAX_EVIDENCE_AUTHORS;
    for (let at = first; at < occurrence; at++) {
      const profile = profiles.get(groupOfOccurrence(at));
      if (!profile) continue;
      profile.papers.add(p);
      if (!evidence) continue;
      const author = paper.authors[at - first]!;
      for (let other = first; other < occurrence; other++)
        if (other !== at) profile.coauthors.set(groupOfOccurrence(other), paper.authors[other - first]!.name);
      for (const affiliation of author.affiliations ?? []) {
        const key = foldText(affiliation);
        if (key && !profile.affiliations.has(key)) profile.affiliations.set(key, affiliation);
      }
      const venue = paper.venue ? foldText(paper.venue) : '';
      if (venue && !UNINFORMATIVE_VENUE.test(venue) && !profile.venues.has(venue))
        profile.venues.set(venue, paper.venue!);
    }
  });

  const joined = new Map<number, number>();
  const rootOf = (group: number): number => {
    let root = group;
    while (joined.has(root)) root = joined.get(root)!;
    return root;
  };
  const evidenceOf = new Map<number, IdentityEvidence>();
  const clusterPapers = new Map<number, Set<number>>();
  const unconfirmed: [number, number][] = [];
  for (const [x, y] of candidates) {
    const a = profiles.get(x.group)!;
    const b = profiles.get(y.group)!;
    // Two names on one paper are two people.
    if (sharesKey(a.papers, b.papers)) continue;
    const evidence: IdentityEvidence = {
      sharedCoauthors: sharedValues(a.coauthors, b.coauthors, x.group, y.group),
      sharedAffiliations: sharedValues(a.affiliations, b.affiliations),
      sharedVenues: sharedValues(a.venues, b.venues),
    };
    if (!enough(evidence)) {
      unconfirmed.push([x.group, y.group]);
      continue;
    }
    const rootX = rootOf(x.group);
    const rootY = rootOf(y.group);
    if (rootX === rootY) continue;
    // Joining through a third name must not put two people of one paper together either.
    const papersX = clusterPapers.get(rootX) ?? a.papers;
    const papersY = clusterPapers.get(rootY) ?? b.papers;
    if (sharesKey(papersX, papersY)) continue;
    const [keep, join] = rootX < rootY ? [rootX, rootY] : [rootY, rootX];
    joined.set(join, keep);
    clusterPapers.set(keep, new Set([...papersX, ...papersY]));
    clusterPapers.delete(join);
    evidenceOf.set(keep, mergeEvidence(evidenceOf.get(keep), evidenceOf.get(join), evidence));
    evidenceOf.delete(join);
  }
  const members = new Map<number, number[]>();
  for (const group of profiles.keys()) {
    const root = rootOf(group);
    if (!evidenceOf.has(root)) continue;
    const list = members.get(root);
    if (list) list.push(group);
    else members.set(root, [group]);
  }
  const merges = [...members].map(([root, groups]) => ({
    groups: groups.sort((x, y) => x - y),
    evidence: evidenceOf.get(root)!,
  }));
  return { merges: merges.sort((x, y) => x.groups[0]! - y.groups[0]!), unconfirmed };
}

/**
 * Whether evidence joins two names: a shared co-author or affiliation, or two shared venues. One
 * shared venue alone is not enough: a corpus gathered on one topic has many people with a common
 * family name and initial in its main journals.
 */
function enough(evidence: IdentityEvidence): boolean {
  return (
    evidence.sharedCoauthors.length > 0 ||
    evidence.sharedAffiliations.length > 0 ||
    evidence.sharedVenues.length >= MIN_SHARED_VENUES
  );
}

function sharesKey(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  for (const key of a) if (b.has(key)) return true;
  return false;
}

/** Values whose keys both maps hold (minus the two groups themselves), sorted, at most LISTED_EVIDENCE. */
function sharedValues<K>(a: ReadonlyMap<K, string>, b: ReadonlyMap<K, string>, ...without: K[]): string[] {
  const shared: string[] = [];
  for (const [key, value] of a) if (b.has(key) && !without.includes(key)) shared.push(value);
  return [...new Set(shared)].sort().slice(0, LISTED_EVIDENCE);
}

function mergeEvidence(...all: (IdentityEvidence | undefined)[]): IdentityEvidence {
  const union = (pick: (evidence: IdentityEvidence) => string[]): string[] =>
    [...new Set(all.flatMap((evidence) => (evidence ? pick(evidence) : [])))]
      .sort()
      .slice(0, LISTED_EVIDENCE);
  return {
    sharedCoauthors: union((evidence) => evidence.sharedCoauthors),
    sharedAffiliations: union((evidence) => evidence.sharedAffiliations),
    sharedVenues: union((evidence) => evidence.sharedVenues),
  };
}
