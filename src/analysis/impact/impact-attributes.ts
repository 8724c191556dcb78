/**
 * The impact numbers as node attributes (names in src/model/graph-schema.ts), written onto the
 * attribute objects the graph view makes.
 */
import type {
  AuthorNodeAttributes,
  PaperNodeAttributes,
  ReferenceNodeAttributes,
} from '../../model/graph-schema.ts';
import type { AuthorImpact, PaperImpact } from './citation-counts.ts';

const round2 = (value: number): number => Math.round(value * 100) / 100;
const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;

export function setPaperImpact(attributes: PaperNodeAttributes, papers: PaperImpact, p: number): void {
  const global = papers.globalCitations[p]!;
  if (!Number.isNaN(global)) attributes.globalCitations = global;
  attributes.localCitations = papers.localCitations[p]!;
  const norm = papers.normCitations[p]!;
  if (!Number.isNaN(norm)) attributes.normCitations = round4(norm);
}

export function setAuthorImpact(attributes: AuthorNodeAttributes, authors: AuthorImpact, a: number): void {
  const global = authors.globalCitations[a]!;
  if (!Number.isNaN(global)) attributes.globalCitations = global;
  attributes.localCitations = authors.localCitations[a]!;
  attributes.hIndex = authors.hIndex[a]!;
  attributes.gIndex = authors.gIndex[a]!;
  const year = authors.avgYear[a]!;
  if (!Number.isNaN(year)) attributes.avgYear = round2(year);
  const norm = authors.avgNormCitations[a]!;
  if (!Number.isNaN(norm)) attributes.avgNormCitations = round4(norm);
}

export function setReferenceImpact(
  attributes: ReferenceNodeAttributes,
  localCitations: number,
  pagerank: number,
): void {
  attributes.localCitations = localCitations;
  attributes.pagerank = pagerank;
}
