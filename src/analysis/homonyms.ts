import type { AnalysedGraph } from '../graph/build.ts';
import type { PaperNodeAttributes } from '../model/graph-schema.ts';
import { UnionFind } from '../util/union-find.ts';

export interface HomonymCandidate {
  author: string;
  name: string;
  /** Groups of the author's papers that share no co-author with each other. */
  groups: { papers: string[]; coauthors: string[]; themes: number[] }[];
}

/**
 * Likely homonyms: one name whose papers fall into groups that share no co-author and no theme.
 * Papers over the co-authorship cap are left out, as in the co-authorship layer.
 * citegraph does not split them itself; the report lists them and a thesaurus rule can.
 */
export function findHomonymCandidates(graph: AnalysedGraph, maxAuthorsPerPaper: number): HomonymCandidate[] {
  const candidates: HomonymCandidate[] = [];
  graph.forEachNode((author, attributes) => {
    if (attributes.kind !== 'author' || attributes.authorKind !== 'person' || attributes.paperCount < 2)
      return;
    const papers: { key: string; title: string; theme: number; coauthors: Set<string> }[] = [];
    graph.forEachOutEdge(author, (_edge, edge, _source, paper) => {
      if (edge.kind !== 'authored') return;
      // Consortium papers (over the co-authorship cap) say nothing about who a person works with.
      const authorCount = (graph.getNodeAttributes(paper) as PaperNodeAttributes).authorCount ?? 0;
      if (authorCount > maxAuthorsPerPaper) return;
      const coauthors = new Set<string>();
      graph.forEachInEdge(paper, (_inner, innerEdge, other) => {
        if (innerEdge.kind === 'authored' && other !== author) coauthors.add(other);
      });
      const paperAttributes = graph.getNodeAttributes(paper) as PaperNodeAttributes;
      papers.push({
        key: paper,
        title: paperAttributes.title,
        theme: paperAttributes.theme ?? -1,
        coauthors,
      });
    });
    if (papers.length < 2) return;
    // Papers that share a co-author belong to one group: union each paper with the first paper
    // seen for each of its co-authors (linear in authorships, not quadratic in papers).
    const sets = UnionFind.of(papers.length);
    const firstPaperOf = new Map<string, number>();
    papers.forEach((paper, index) => {
      for (const coauthor of paper.coauthors) {
        const first = firstPaperOf.get(coauthor);
        if (first === undefined) firstPaperOf.set(coauthor, index);
        else sets.union(first, index);
      }
    });
    const groups = new Map<number, typeof papers>();
    papers.forEach((paper, index) => {
      const root = sets.find(index);
      groups.set(root, [...(groups.get(root) ?? []), paper]);
    });
    const withCoauthors = [...groups.values()].filter((group) =>
      group.some((paper) => paper.coauthors.size > 0),
    );
    if (withCoauthors.length < 2) return;
    const themeSets = withCoauthors.map(
      (group) => new Set(group.map((paper) => paper.theme).filter((theme) => theme >= 0)),
    );
    const disjointThemes = themeSets.some((set, i) =>
      themeSets.some(
        (other, j) =>
          j !== i && set.size > 0 && other.size > 0 && [...set].every((theme) => !other.has(theme)),
      ),
    );
    if (!disjointThemes) return;
    candidates.push({
      author,
      name: attributes.name,
      groups: withCoauthors.map((group) => ({
        papers: group.map((paper) => paper.title).sort(),
        coauthors: [...new Set(group.flatMap((paper) => [...paper.coauthors]))].sort(),
        themes: [...new Set(group.map((paper) => paper.theme))].sort((a, b) => a - b),
      })),
    });
  });
  return candidates.sort((a, b) => (a.name < b.name ? -1 : 1));
}
