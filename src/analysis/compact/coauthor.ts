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

/**
 * Co-authorship straight from the authorship rows, one author at a time: the papers of author a
 * are walked and every co-author's count accumulated in a scratch slot (a sparse row of A·Aᵀ).
 * No pair key, no hash map, two typed-array reads per pair occurrence.
 */
export function buildCoauthorship(
  index: CorpusIndex,
  options: { maxAuthorsPerPaper: number; weight: 'count' | 'fractional' },
): CompactCoauthorship {
  const { paperCount, authorCount, paperOffsets, paperAuthors, authorOffsets, authorPapers } = index;
  const capped: number[] = [];
  const included = new Uint8Array(paperCount);
  let bound = 0;
  for (let p = 0; p < paperCount; p++) {
    const n = authorsOfPaper(index, p);
    if (n > options.maxAuthorsPerPaper) capped.push(p);
    else if (n >= 2) {
      included[p] = 1;
      bound += n * (n - 1);
    }
  }
  const offsets = new Float64Array(authorCount + 1);
  const targets = new Uint32Array(bound);
  const counts = new Uint32Array(bound);
  const fractional = new Float64Array(bound);
  // Per co-author b: [2b] = the author whose row last met b, [2b+1] = b's arc in that row.
  // Interleaved so one cache line serves both reads: at a million papers this loop is memory-bound.
  const mark = new Int32Array(authorCount * 2).fill(-1);
  let write = 0;
  for (let a = 0; a < authorCount; a++) {
    offsets[a] = write;
    for (let i = authorOffsets[a]!, end = authorOffsets[a + 1]!; i < end; i++) {
      const p = authorPapers[i]!;
      if (!included[p]) continue;
      const first = paperOffsets[p]!;
      const last = paperOffsets[p + 1]!;
      const share = 1 / (last - first - 1);
      for (let j = first; j < last; j++) {
        const b = paperAuthors[j]!;
        if (b === a) continue;
        if (mark[2 * b] !== a) {
          mark[2 * b] = a;
          mark[2 * b + 1] = write;
          targets[write++] = b;
        }
        const arc = mark[2 * b + 1]!;
        counts[arc]!++;
        fractional[arc]! += share;
      }
    }
  }
  offsets[authorCount] = write;
  const weights =
    options.weight === 'count' ? Float64Array.from(counts.subarray(0, write)) : fractional.slice(0, write);
  return {
    graph: { nodeCount: authorCount, offsets, targets: targets.slice(0, write), weights },
    counts: counts.slice(0, write),
    fractional: fractional.slice(0, write),
    capped,
  };
}
