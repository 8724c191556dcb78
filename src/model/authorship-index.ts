import type { Corpus } from './types.ts';

/**
 * The author index of every authorship, in paper order (paper 0's authors, then paper 1's, …),
 * as the ingest computed it while grouping authors: author i is corpus.authors[i]. Kept beside
 * the corpus, not in it (the corpus is plain JSON), so the analysis of a million papers
 * need not look 4M author ids up again. Absent for a corpus read back from corpus.json.
 */
const authorships = new WeakMap<Corpus, Int32Array>();

export function rememberAuthorships(corpus: Corpus, authorOfOccurrence: Int32Array): void {
  authorships.set(corpus, authorOfOccurrence);
}

export function knownAuthorships(corpus: Corpus): Int32Array | undefined {
  return authorships.get(corpus);
}
