/**
 * Citation counts per paper and per author: global citations (as the source records give them:
 * WoS TC, Scopus "Cited by", OpenAlex cited_by_count), local citations (corpus papers citing it:
 * the `cites` arcs of the citation layer), normalised citations, h- and g-index, and the overlay
 * averages. All per-paper and per-author arrays are indexed like corpus.papers and corpus.authors.
 */
import type { Corpus } from '../../model/types.ts';
import { bigFloat64 } from '../../util/big-arrays.ts';
import type { CorpusIndex } from '../corpus-index.ts';
import { type DocumentScores, documentAverages } from './document-averages.ts';
import { groupIndices } from './indices.ts';

export interface PaperImpact extends DocumentScores {
  /** As the source gives it; NaN when no source gives one. */
  globalCitations: Float64Array;
  /** Corpus papers citing it. */
  localCitations: Uint32Array;
  /**
   * The count the indices and the normalisation read: global citations where a source gives
   * them, else local citations (a lower bound of the global count).
   */
  citationCount: Float64Array;
  /** Papers with a global count; the others' citationCount is their local count. */
  withGlobal: number;
}

export interface AuthorImpact {
  /** Sum over the author's papers that have a global count; NaN when none has. */
  globalCitations: Float64Array;
  localCitations: Float64Array;
  hIndex: Uint32Array;
  gIndex: Uint32Array;
  avgYear: Float64Array;
  avgNormCitations: Float64Array;
}

/**
 * Per paper: global, local and normalised citations. Normalised citations are the citation
 * count divided by the mean count of the corpus papers of the same year (VOSviewer's
 * "normalized citations"), 0 when that mean is 0, NaN for papers without a year.
 */
export function paperImpact(corpus: Corpus, localCitations: Uint32Array): PaperImpact {
  const papers = corpus.papers;
  const n = papers.length;
  const globalCitations = bigFloat64(n);
  const citationCount = bigFloat64(n);
  const year = bigFloat64(n);
  let withGlobal = 0;
  const yearSum = new Map<number, { count: number; sum: number }>();
  for (let p = 0; p < n; p++) {
    const paper = papers[p]!;
    const global = paper.globalCitations;
    const known = global !== undefined && Number.isFinite(global);
    globalCitations[p] = known ? global : Number.NaN;
    if (known) withGlobal++;
    citationCount[p] = known ? global : localCitations[p]!;
    year[p] = paper.year ?? Number.NaN;
    if (paper.year === undefined) continue;
    const entry = yearSum.get(paper.year);
    if (entry) {
      entry.count++;
      entry.sum += citationCount[p]!;
    } else yearSum.set(paper.year, { count: 1, sum: citationCount[p]! });
  }
  const normCitations = bigFloat64(n);
  for (let p = 0; p < n; p++) {
    const entry = Number.isNaN(year[p]!) ? undefined : yearSum.get(year[p]!);
    if (!entry) normCitations[p] = Number.NaN;
    else {
      const mean = entry.sum / entry.count;
      normCitations[p] = mean > 0 ? citationCount[p]! / mean : 0;
    }
  }
  return { globalCitations, localCitations, citationCount, withGlobal, year, normCitations };
}

/** Per author: summed citations, h- and g-index of their papers' citation counts, overlay averages. */
export function authorImpact(index: CorpusIndex, papers: PaperImpact): AuthorImpact {
  const { authorCount, authorOffsets, authorPapers } = index;
  const globalCitations = bigFloat64(authorCount);
  const localCitations = bigFloat64(authorCount);
  for (let a = 0; a < authorCount; a++) {
    let global = Number.NaN;
    let local = 0;
    for (let i = authorOffsets[a]!, end = authorOffsets[a + 1]!; i < end; i++) {
      const p = authorPapers[i]!;
      local += papers.localCitations[p]!;
      const g = papers.globalCitations[p]!;
      if (!Number.isNaN(g)) global = (Number.isNaN(global) ? 0 : global) + g;
    }
    globalCitations[a] = global;
    localCitations[a] = local;
  }
  const { h, g } = groupIndices(authorOffsets, authorPapers, papers.citationCount);
  const { avgYear, avgNormCitations } = documentAverages(authorOffsets, authorPapers, papers);
  return { globalCitations, localCitations, hIndex: h, gIndex: g, avgYear, avgNormCitations };
}
