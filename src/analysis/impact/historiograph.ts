/**
 * Garfield's historiograph: the most locally cited papers of the corpus by year, with the
 * citations among them, as a small graph of its own.
 */
import type { Historiograph, HistoriographNode } from '../../model/graph-schema.ts';
import type { Corpus } from '../../model/types.ts';
import type { CompactCitations } from '../citations.ts';
import { topIndexes } from '../report.ts';
import type { PaperImpact } from './citation-counts.ts';

export function historiograph(
  corpus: Corpus,
  citations: CompactCitations,
  papers: PaperImpact,
  size: number,
): Historiograph {
  const local = papers.localCitations;
  const global = (p: number): number => {
    const value = papers.globalCitations[p]!;
    return Number.isNaN(value) ? -1 : value;
  };
  const year = (p: number): number => corpus.papers[p]!.year ?? Number.POSITIVE_INFINITY;
  const chosen = topIndexes(
    corpus.papers.length,
    (p) => local[p]!,
    size,
    (a, b) => global(b) - global(a) || year(a) - year(b) || a - b,
  ).sort((a, b) => year(a) - year(b) || local[b]! - local[a]! || a - b);
  const inGraph = new Set(chosen);
  const key = (p: number): string => `paper:${corpus.papers[p]!.id}`;
  const nodes = chosen.map((p): HistoriographNode => {
    const paper = corpus.papers[p]!;
    const first = paper.authors[0];
    const name = first ? first.family || first.name : paper.title.slice(0, 40);
    const node: HistoriographNode = {
      id: key(p),
      label: paper.year === undefined ? name : `${name} ${paper.year}`,
      title: paper.title,
      localCitations: local[p]!,
    };
    if (paper.year !== undefined) node.year = paper.year;
    if (global(p) >= 0) node.globalCitations = global(p);
    return node;
  });
  const edges: Historiograph['edges'] = [];
  const { offsets, targets } = citations.graph;
  for (const p of chosen)
    for (let arc = offsets[p]!; arc < offsets[p + 1]!; arc++) {
      const cited = targets[arc]!;
      if (cited < citations.paperCount && inGraph.has(cited))
        edges.push({ source: key(p), target: key(cited) });
    }
  return { nodes, edges };
}
