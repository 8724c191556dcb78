import type { AuthorNodeAttributes, PaperNodeAttributes } from '../model/graph-schema.ts';
import type { Author, Paper } from '../model/types.ts';

function sourcesText(paper: Paper): string[] {
  return paper.sources.map((source) => `${source.file}:${source.line} (${source.format})`);
}

/** A paper node's attributes from the corpus, before the analysis adds its numbers. */
export function paperNodeAttributes(paper: Paper): PaperNodeAttributes {
  const attributes: PaperNodeAttributes = {
    kind: 'paper',
    label: paper.title,
    paperId: paper.id,
    title: paper.title,
    sources: sourcesText(paper),
  };
  if (paper.year !== undefined) attributes.year = paper.year;
  if (paper.date) attributes.date = paper.date;
  if (paper.partialDate) attributes.partialDate = paper.partialDate;
  if (paper.abstract) attributes.abstract = paper.abstract;
  if (paper.authorCount !== undefined) attributes.authorCount = paper.authorCount;
  if (paper.upvotes !== undefined) attributes.upvotes = paper.upvotes;
  if (paper.venue) attributes.venue = paper.venue;
  if (paper.ids?.doi) attributes.doi = paper.ids.doi;
  return attributes;
}

/** An author node's attributes from the corpus, before the analysis adds years and metrics. */
export function authorNodeAttributes(author: Author): AuthorNodeAttributes {
  return {
    kind: 'author',
    label: author.name,
    authorId: author.id,
    name: author.name,
    key: author.key,
    authorKind: author.kind,
    paperCount: author.papers.length,
  };
}
