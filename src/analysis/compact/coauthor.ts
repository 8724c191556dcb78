import { bigFloat64, bigInt32, bigUint8, bigUint32 } from '../../util/big-arrays.ts';
import { authorsOfPaper, type CorpusIndex } from './corpus-index.ts';
import type { CsrGraph } from './csr.ts';

export interface CompactCoauthorship {
  /** Undirected, rows in first-met order; `weights` holds the selected weighting. */
  graph: CsrGraph;
  /** Joint papers per arc (parallel to graph.targets). */
  counts: Uint32Array;
  /** Newman's Σ 1/(n−1) per arc. */
  fractional: Float64Array;
  /** Indexes of papers left out by the author cap. */
  capped: number[];
}

/** Papers that make co-author pairs: at least two authors and no more than the cap. */
function includedPapers(
  index: CorpusIndex,
  maxAuthorsPerPaper: number,
): { included: Uint8Array; capped: number[] } {
  const capped: number[] = [];
  const included = bigUint8(index.paperCount);
  for (let p = 0; p < index.paperCount; p++) {
    const n = authorsOfPaper(index, p);
    if (n > maxAuthorsPerPaper) capped.push(p);
    else if (n >= 2) included[p] = 1;
  }
  return { included, capped };
}

/**
 * Row offsets of the co-authorship CSR: the number of distinct co-authors of every author.
 * A counting pass before the filling one, so that every output array is allocated once at its
 * exact size. Why: each fresh ArrayBuffer counts as external memory, and V8 answers every 64 MB of
 * it with garbage-collection work on the whole heap, which at a million papers holds gigabytes of
 * corpus. Sizing by the Σ n(n−1) bound and trimming allocated over twice the output.
 */
function rowOffsets(index: CorpusIndex, included: Uint8Array, mark: Int32Array): Float64Array {
  const { authorCount, paperOffsets, paperAuthors, authorOffsets, authorPapers } = index;
  const offsets = bigFloat64(authorCount + 1);
  let arcs = 0;
  for (let a = 0; a < authorCount; a++) {
    offsets[a] = arcs;
    // a marks itself first, so the loop needs no separate test for it.
    mark[a] = a;
    for (let i = authorOffsets[a]!, end = authorOffsets[a + 1]!; i < end; i++) {
      const p = authorPapers[i]!;
      if (!included[p]) continue;
      for (let j = paperOffsets[p]!, last = paperOffsets[p + 1]!; j < last; j++) {
        const b = paperAuthors[j]!;
        if (mark[b] !== a) {
          mark[b] = a;
          arcs++;
        }
      }
    }
  }
  offsets[authorCount] = arcs;
  return offsets;
}

/**
 * Co-authorship straight from the authorship rows, one author at a time: the papers of author a
 * are walked and every co-author's count accumulated in its arc (a sparse row of A·Aᵀ).
 * No pair key, no hash map, two typed-array reads per pair occurrence.
 */
export function buildCoauthorship(
  index: CorpusIndex,
  options: { maxAuthorsPerPaper: number; weight: 'count' | 'fractional' },
): CompactCoauthorship {
  const { authorCount, paperOffsets, paperAuthors, authorOffsets, authorPapers } = index;
  const { included, capped } = includedPapers(index, options.maxAuthorsPerPaper);
  const mark = bigInt32(authorCount).fill(-1);
  const offsets = rowOffsets(index, included, mark);
  const arcs = offsets[authorCount]!;
  // All output allocated at once, before the long loop (see rowOffsets on why allocation matters).
  const targets = bigUint32(arcs);
  const counts = bigUint32(arcs);
  const fractional = bigFloat64(arcs);
  const weights = bigFloat64(arcs);
  // mark[b] = b's arc in the latest row that met it. Rows fill the arcs in order, so b already has
  // an arc in row a exactly when that arc is at or after the row's start. (Int32: 2^31 arcs would
  // take 50 GB of output, far past the memory budget.)
  mark.fill(-1);
  let write = 0;
  for (let a = 0; a < authorCount; a++) {
    const rowStart = write;
    for (let i = authorOffsets[a]!, end = authorOffsets[a + 1]!; i < end; i++) {
      const p = authorPapers[i]!;
      if (!included[p]) continue;
      const first = paperOffsets[p]!;
      const last = paperOffsets[p + 1]!;
      const share = 1 / (last - first - 1);
      for (let j = first; j < last; j++) {
        const b = paperAuthors[j]!;
        if (b === a) continue;
        let arc = mark[b]!;
        if (arc < rowStart) {
          arc = write++;
          mark[b] = arc;
          targets[arc] = b;
        }
        counts[arc]!++;
        fractional[arc]! += share;
      }
    }
  }
  if (options.weight === 'fractional') weights.set(fractional);
  else for (let arc = 0; arc < arcs; arc++) weights[arc] = counts[arc]!;
  return { graph: { nodeCount: authorCount, offsets, targets, weights }, counts, fractional, capped };
}
