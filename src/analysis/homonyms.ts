import type { Corpus } from '../model/types.ts';
import { UnionFind } from '../util/union-find.ts';
import type { CorpusIndex } from './corpus-index.ts';

export interface HomonymCandidate {
  author: string;
  name: string;
  /** Groups of the author's papers that share no co-author with each other. */
  groups: { papers: string[]; coauthors: string[]; themes: number[] }[];
}

export interface HomonymInput {
  corpus: Corpus;
  index: CorpusIndex;
  /** Theme of each paper (-1: none); undefined when themes were not computed. */
  paperTheme: Int32Array | undefined;
  maxAuthorsPerPaper: number;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Likely homonyms: one name whose papers fall into groups that share no co-author and no theme.
 * Papers over the co-authorship cap are left out, as in the co-authorship layer.
 * citegraph does not split them itself; the report lists them and a thesaurus rule can.
 * Linear in authorships: each author's papers are grouped by union-find over shared co-authors.
 */
export function findHomonymCandidates(input: HomonymInput): HomonymCandidate[] {
  const { corpus, index, paperTheme, maxAuthorsPerPaper } = input;
  const { authorOffsets, authorPapers, paperOffsets, paperAuthors } = index;
  const candidates: HomonymCandidate[] = [];
  // The first of an author's papers each co-author was seen on, reset per author.
  const firstPaperOf = new Map<number, number>();
  for (let a = 0; a < index.authorCount; a++) {
    const author = corpus.authors[a]!;
    if (author.kind !== 'person' || author.papers.length < 2) continue;
    // Consortium papers (over the co-authorship cap) say nothing about who a person works with.
    const papers: number[] = [];
    for (let i = authorOffsets[a]!; i < authorOffsets[a + 1]!; i++) {
      const p = authorPapers[i]!;
      if ((corpus.papers[p]!.authorCount ?? 0) <= maxAuthorsPerPaper) papers.push(p);
    }
    if (papers.length < 2) continue;
    const sets = UnionFind.of(papers.length);
    const hasCoauthors = new Uint8Array(papers.length);
    firstPaperOf.clear();
    papers.forEach((p, position) => {
      for (let i = paperOffsets[p]!; i < paperOffsets[p + 1]!; i++) {
        const coauthor = paperAuthors[i]!;
        if (coauthor === a) continue;
        hasCoauthors[position] = 1;
        const first = firstPaperOf.get(coauthor);
        if (first === undefined) firstPaperOf.set(coauthor, position);
        else sets.union(first, position);
      }
    });
    const groups = new Map<number, number[]>();
    papers.forEach((_p, position) => {
      const root = sets.find(position);
      const group = groups.get(root) ?? [];
      group.push(position);
      groups.set(root, group);
    });
    const withCoauthors = [...groups.values()].filter((group) =>
      group.some((position) => hasCoauthors[position] === 1),
    );
    if (withCoauthors.length < 2) continue;
    const themeOf = (position: number): number => paperTheme?.[papers[position]!] ?? -1;
    const themeSets = withCoauthors.map((group) => new Set(group.map(themeOf).filter((theme) => theme >= 0)));
    const disjointThemes = themeSets.some((set, i) =>
      themeSets.some(
        (other, j) =>
          j !== i && set.size > 0 && other.size > 0 && [...set].every((theme) => !other.has(theme)),
      ),
    );
    if (!disjointThemes) continue;
    candidates.push({
      author: `author:${author.id}`,
      name: author.name,
      groups: withCoauthors.map((group) => {
        const coauthors = new Set<string>();
        for (const position of group) {
          const p = papers[position]!;
          for (let i = paperOffsets[p]!; i < paperOffsets[p + 1]!; i++)
            if (paperAuthors[i] !== a) coauthors.add(`author:${corpus.authors[paperAuthors[i]!]!.id}`);
        }
        return {
          papers: group.map((position) => corpus.papers[papers[position]!]!.title).sort(compareText),
          coauthors: [...coauthors].sort(compareText),
          themes: [...new Set(group.map(themeOf))].sort((x, y) => x - y),
        };
      }),
    });
  }
  return candidates;
}
