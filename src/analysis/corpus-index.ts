import { knownAuthorships } from '../model/authorship-index.ts';
import type { Corpus } from '../model/types.ts';
import { bigCopy, bigInt32, bigUint32 } from '../util/big-arrays.ts';

/**
 * The corpus as integer indexes: paper i is corpus.papers[i], author j is corpus.authors[j].
 * Authorships are CSR rows both ways, each author at most once per paper, in byline order.
 */
export interface CorpusIndex {
  paperCount: number;
  authorCount: number;
  /** Authors of paper p: paperAuthors[paperOffsets[p] .. paperOffsets[p+1]). */
  paperOffsets: Uint32Array;
  paperAuthors: Uint32Array;
  /** Papers of author a: authorPapers[authorOffsets[a] .. authorOffsets[a+1]), in corpus order. */
  authorOffsets: Uint32Array;
  authorPapers: Uint32Array;
}

/** Author index per authorship in paper order: the ingest's (see authorship-index.ts), else by id. */
function authorOfOccurrence(corpus: Corpus, authorships: number): Int32Array {
  const known = knownAuthorships(corpus);
  if (known && known.length === authorships) return known;
  const authorIndex = new Map<string, number>();
  corpus.authors.forEach((author, index) => {
    authorIndex.set(author.id, index);
  });
  const result = bigInt32(authorships);
  let occurrence = 0;
  for (const paper of corpus.papers)
    for (const author of paper.authors)
      result[occurrence++] = (author.id === undefined ? undefined : authorIndex.get(author.id)) ?? -1;
  return result;
}

export function indexCorpus(corpus: Corpus): CorpusIndex {
  const paperCount = corpus.papers.length;
  const authorCount = corpus.authors.length;
  // The papers are read once: at a million papers each visit of a paper object is a cache miss.
  const bylineLength = bigUint32(paperCount);
  let authorships = 0;
  for (let p = 0; p < paperCount; p++) {
    const n = corpus.papers[p]!.authors.length;
    bylineLength[p] = n;
    authorships += n;
  }
  const occurrenceAuthor = authorOfOccurrence(corpus, authorships);
  const paperOffsets = bigUint32(paperCount + 1);
  let paperAuthors = bigUint32(authorships);
  // Marks the paper an author was last seen on, so a name listed twice counts once.
  const lastPaper = bigInt32(authorCount).fill(-1);
  const authorDegree = bigUint32(authorCount + 1);
  let write = 0;
  let occurrence = 0;
  for (let p = 0; p < paperCount; p++) {
    paperOffsets[p] = write;
    for (let end = occurrence + bylineLength[p]!; occurrence < end; occurrence++) {
      const a = occurrenceAuthor[occurrence]!;
      if (a < 0 || lastPaper[a] === p) continue;
      lastPaper[a] = p;
      paperAuthors[write++] = a;
      authorDegree[a]!++;
    }
  }
  paperOffsets[paperCount] = write;
  if (write < paperAuthors.length) paperAuthors = bigCopy(paperAuthors, 0, write);
  const authorOffsets = bigUint32(authorCount + 1);
  for (let a = 0; a < authorCount; a++) authorOffsets[a + 1] = authorOffsets[a]! + authorDegree[a]!;
  const cursor = bigCopy(authorOffsets, 0, authorCount);
  const authorPapers = bigUint32(write);
  for (let p = 0; p < paperCount; p++)
    for (let i = paperOffsets[p]!; i < paperOffsets[p + 1]!; i++)
      authorPapers[cursor[paperAuthors[i]!]!++] = p;
  return { paperCount, authorCount, paperOffsets, paperAuthors, authorOffsets, authorPapers };
}
