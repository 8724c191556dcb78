/**
 * Overlay scores of any node made of documents (an author, a keyword, a source, a cited
 * reference): the mean publication year and the mean normalised citations of its documents, as
 * VOSviewer's "Avg. pub. year" and "Avg. norm. citations" overlays.
 */
import { bigFloat64 } from '../../util/big-arrays.ts';

/** Per paper: publication year and normalised citations, NaN where unknown. */
export interface DocumentScores {
  year: Float64Array;
  normCitations: Float64Array;
}

export interface DocumentAverages {
  /** Per node: mean year of its documents with a year, NaN when none has one. */
  avgYear: Float64Array;
  /** Per node: mean normalised citations of its documents that have them, NaN when none has. */
  avgNormCitations: Float64Array;
}

/**
 * The averages of every node: node k's documents are documents[offsets[k] .. offsets[k+1]),
 * paper numbers as in the corpus (a CSR row per node). Unknown values are left out of the mean.
 */
export function documentAverages(
  offsets: ArrayLike<number>,
  documents: ArrayLike<number>,
  scores: DocumentScores,
): DocumentAverages {
  const nodes = Math.max(offsets.length - 1, 0);
  const avgYear = bigFloat64(nodes);
  const avgNormCitations = bigFloat64(nodes);
  for (let k = 0; k < nodes; k++) {
    let years = 0;
    let yearSum = 0;
    let normed = 0;
    let normSum = 0;
    for (let i = offsets[k]!, end = offsets[k + 1]!; i < end; i++) {
      const p = documents[i]!;
      const year = scores.year[p]!;
      if (!Number.isNaN(year)) {
        years++;
        yearSum += year;
      }
      const norm = scores.normCitations[p]!;
      if (!Number.isNaN(norm)) {
        normed++;
        normSum += norm;
      }
    }
    avgYear[k] = years > 0 ? yearSum / years : Number.NaN;
    avgNormCitations[k] = normed > 0 ? normSum / normed : Number.NaN;
  }
  return { avgYear, avgNormCitations };
}
