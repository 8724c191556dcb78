import { nodeKey } from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import { bigInt32 } from '../util/big-arrays.ts';
import { UnionFind } from '../util/union-find.ts';
import type { CorpusIndex } from './corpus-index.ts';

export interface HomonymCandidate {
  /** The author's node key, `author:<id>`. */
  author: string;
  name: string;
  /**
   * Groups of the author's papers that share no co-author with each other, in the order of their
   * first paper: paper titles sorted, co-authors' node keys sorted, themes sorted (-1: no theme).
   */
  groups: { papers: string[]; coauthors: string[]; themes: number[] }[];
}

interface HomonymInput {
  corpus: Corpus;
  index: CorpusIndex;
  /** Theme of each paper by index, -1 for none; without themes no name is a candidate. */
  paperTheme: Int32Array | undefined;
  /** Papers with more authors than this are left out, as in the co-authorship layer. */
  maxAuthorsPerPaper: number;
  /**
   * List only this many: those with the most papers in their groups first (ties by name), in that
   * order. Without it, every candidate by name. Why: a big corpus can have a hundred thousand
   * candidates, and writing each one's groups out is most of the work.
   */
  most?: number;
}

/**
 * Likely homonyms: one person's name whose papers fall into groups that share no co-author, two of
 * which share no theme either. Papers over the co-authorship cap are left out: consortium papers
 * say nothing about who a person works with. citegraph does not split names itself; the report
 * lists them and a thesaurus rule can.
 *
 * Near-linear: each person's papers and their bylines (at most the cap long) are read once to
 * group them and once more to list a candidate, plus the comparison of a candidate's distinct
 * theme sets. Beyond that the cost is the output itself: on a generated million-paper corpus,
 * with themes that follow collaboration, 98 000 names with 9.4 million co-authors, which took nine
 * tenths of the time; `most` writes out only the candidates a report shows.
 */
export function findHomonymCandidates(input: HomonymInput): HomonymCandidate[] {
  return homonymHints(input).listed;
}

/** The candidates as findHomonymCandidates lists them (`most` of them), and how many were found in all. */
export function homonymHints(input: HomonymInput): { listed: HomonymCandidate[]; total: number } {
  const { corpus, index, paperTheme, maxAuthorsPerPaper } = input;
  if (paperTheme === undefined) return { listed: [], total: 0 };
  const { authorCount, paperOffsets, authorOffsets, authorPapers } = index;
  // For the person being read: seenBy[b] === a when co-author b was met on a's papers, and
  // firstPaper[b] is the first of them (position among a's papers kept).
  const seenBy = bigInt32(authorCount).fill(-1);
  const firstPaper = bigInt32(authorCount);
  const listedBy = bigInt32(authorCount).fill(-1);
  const found: Found[] = [];
  // Node keys made once per author: a prolific co-author appears in many candidates' groups.
  const keys: string[] = new Array(authorCount).fill('');
  const authorKey = (b: number): string => {
    let key = keys[b]!;
    if (key === '') {
      key = nodeKey.author(corpus.authors[b]!.id);
      keys[b] = key;
    }
    return key;
  };
  const papers: number[] = [];
  for (let a = 0; a < authorCount; a++) {
    if (corpus.authors[a]!.kind !== 'person' || authorOffsets[a + 1]! - authorOffsets[a]! < 2) continue;
    papers.length = 0;
    // Themes of papers with co-authors: two different ones are needed for two disjoint groups.
    let firstTheme = -1;
    let twoThemes = false;
    for (let i = authorOffsets[a]!; i < authorOffsets[a + 1]!; i++) {
      const p = authorPapers[i]!;
      const authors = paperOffsets[p + 1]! - paperOffsets[p]!;
      if (authors > maxAuthorsPerPaper) continue;
      papers.push(p);
      const theme = paperTheme[p]!;
      if (authors < 2 || theme < 0) continue;
      if (firstTheme < 0) firstTheme = theme;
      else if (theme !== firstTheme) twoThemes = true;
    }
    if (!twoThemes) continue;
    const groups = paperGroups(index, a, papers, seenBy, firstPaper);
    if (groups.length < 2 || !someThemesDisjoint(groups, paperTheme)) continue;
    const paperCount = groups.reduce((sum, group) => sum + group.length, 0);
    found.push({ index: a, name: corpus.authors[a]!.name, groups, papers: paperCount });
  }
  const byName = (x: Found, y: Found): number =>
    x.name < y.name ? -1 : x.name > y.name ? 1 : x.index - y.index;
  let listed = found.sort(byName);
  if (input.most !== undefined)
    listed = found.sort((x, y) => y.papers - x.papers || byName(x, y)).slice(0, Math.max(input.most, 0));
  return {
    listed: listed.map((entry) =>
      describe(corpus, index, entry.index, entry.groups, paperTheme, authorKey, listedBy),
    ),
    total: found.length,
  };
}

/** A candidate before it is written out: its author, and its groups as paper indexes. */
interface Found {
  index: number;
  name: string;
  groups: number[][];
  /** Papers in its groups. */
  papers: number;
}

/**
 * Author a's papers (indexes into the corpus) grouped so that papers sharing a co-author are in
 * one group: each paper is joined to the first paper seen for each of its co-authors. Groups come
 * in the order of their first paper; groups without any co-author are left out.
 */
function paperGroups(
  index: CorpusIndex,
  a: number,
  papers: number[],
  seenBy: Int32Array,
  firstPaper: Int32Array,
): number[][] {
  const { paperOffsets, paperAuthors } = index;
  const count = papers.length;
  const sets = UnionFind.of(count);
  const hasCoauthor = new Uint8Array(count);
  for (let position = 0; position < count; position++) {
    const p = papers[position]!;
    for (let j = paperOffsets[p]!; j < paperOffsets[p + 1]!; j++) {
      const b = paperAuthors[j]!;
      if (b === a) continue;
      hasCoauthor[position] = 1;
      if (seenBy[b] !== a) {
        seenBy[b] = a;
        firstPaper[b] = position;
      } else sets.union(firstPaper[b]!, position);
    }
  }
  // The smallest position of a set is its root, so groups open in the order of their first paper.
  const groupOfRoot = new Int32Array(count).fill(-1);
  const groups: number[][] = [];
  const withCoauthors: boolean[] = [];
  for (let position = 0; position < count; position++) {
    const root = sets.find(position);
    if (groupOfRoot[root] === -1) {
      groupOfRoot[root] = groups.length;
      groups.push([]);
      withCoauthors.push(false);
    }
    const group = groupOfRoot[root]!;
    groups[group]!.push(papers[position]!);
    if (hasCoauthor[position] === 1) withCoauthors[group] = true;
  }
  return groups.filter((_, group) => withCoauthors[group]);
}

/** Whether two groups each have a theme and share none. */
function someThemesDisjoint(groups: number[][], paperTheme: Int32Array): boolean {
  // Distinct theme sets only: a person's groups often repeat one.
  const sets = new Map<string, number[]>();
  for (const group of groups) {
    const themes = [...new Set(group.map((p) => paperTheme[p]!).filter((theme) => theme >= 0))].sort(
      (x, y) => x - y,
    );
    if (themes.length > 0) sets.set(themes.join(','), themes);
  }
  const distinct = [...sets.values()];
  for (let i = 0; i < distinct.length; i++) {
    const own = new Set(distinct[i]);
    for (let j = i + 1; j < distinct.length; j++)
      if (!distinct[j]!.some((theme) => own.has(theme))) return true;
  }
  return false;
}

function describe(
  corpus: Corpus,
  index: CorpusIndex,
  a: number,
  groups: number[][],
  paperTheme: Int32Array,
  authorKey: (b: number) => string,
  listedBy: Int32Array,
): HomonymCandidate {
  const { paperOffsets, paperAuthors } = index;
  return {
    author: authorKey(a),
    name: corpus.authors[a]!.name,
    groups: groups.map((group) => {
      // Groups share no co-author, so one mark per person lists each co-author once.
      const coauthors: string[] = [];
      const themes: number[] = [];
      for (const p of group) {
        for (let j = paperOffsets[p]!; j < paperOffsets[p + 1]!; j++) {
          const b = paperAuthors[j]!;
          if (b === a || listedBy[b] === a) continue;
          listedBy[b] = a;
          coauthors.push(authorKey(b));
        }
        if (!themes.includes(paperTheme[p]!)) themes.push(paperTheme[p]!);
      }
      return {
        papers: group.map((p) => corpus.papers[p]!.title).sort(),
        coauthors: coauthors.sort(),
        themes: themes.sort((x, y) => x - y),
      };
    }),
  };
}
