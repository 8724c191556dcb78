/**
 * Impact and time on the typed-array engine: per paper and per author citation counts and
 * indices (citation-counts.ts), read by the graph view as node attributes.
 */
import type { Corpus } from '../../model/types.ts';
import type { CompactCitations } from '../citations.ts';
import type { CorpusIndex } from '../corpus-index.ts';
import { type AuthorImpact, authorImpact, type PaperImpact, paperImpact } from './citation-counts.ts';

export interface ImpactInputs {
  corpus: Corpus;
  index: CorpusIndex;
  citations: CompactCitations;
  /** Per citation node (papers, then external references). */
  pagerank: Float64Array;
}

export interface Impact {
  papers: PaperImpact;
  authors: AuthorImpact;
}

export function analyzeImpact(inputs: ImpactInputs): Impact {
  const papers = paperImpact(inputs.corpus, inputs.citations.citedBy);
  const authors = authorImpact(inputs.index, papers);
  return { papers, authors };
}
