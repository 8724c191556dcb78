import type { SyntheticCorpus, SyntheticPaper } from '../corpus.ts';

/** Every format the generator writes. */
export type GenerateFormat = 'listing' | 'topic-listing' | 'openalex-jsonl' | 'bibtex';

/**
 * One module per format implements this. Each method returns text; the caller streams it to a
 * sink, so no format ever holds more than one paper's text.
 */
export interface CorpusFormatWriter {
  format: GenerateFormat;
  /** File extension including the dot ('.txt'). */
  extension: string;
  description: string;
  /** The order papers are written in; default publication order (oldest first). */
  order?: 'oldest-first' | 'newest-first';
  header(corpus: SyntheticCorpus): string;
  paper(paper: SyntheticPaper, corpus: SyntheticCorpus): string;
  footer(corpus: SyntheticCorpus): string;
}

export const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

export function isoDate(paper: SyntheticPaper): string {
  return `${paper.year}-${String(paper.month).padStart(2, '0')}-${String(paper.day).padStart(2, '0')}`;
}

/** The synthetic DOI of a paper. 10.5555 is the prefix Crossref reserves for examples. */
export function syntheticDoi(corpus: SyntheticCorpus, index: number): string {
  return `10.5555/citegraph.${corpus.options.seed}.${index}`;
}
