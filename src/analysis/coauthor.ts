import { bigCopy, bigFloat64, bigInt32, bigUint16, bigUint32 } from '../util/big-arrays.ts';
import type { CorpusIndex } from './corpus-index.ts';
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
 * Every author's pair occurrences, in the order the rows meet them: for author a, the co-authors
 * on each of a's papers in corpus order, each in byline order. Author a's are
 * coauthor[start[a] .. start[a+1]), and others[k] is the number of co-authors on that paper
 * (n − 1), whose fractional share is share[others[k]] = 1/(n − 1), looked up rather than divided.
 */
interface PairOccurrences {
  start: Float64Array;
  coauthor: Uint32Array;
  others: Uint16Array;
  share: Float64Array;
  capped: number[];
}

/**
 * The most authors a paper may have and still enter the co-authorship layer: its n(n−1)/2 links
 * stay within 2^24, the most entries a JavaScript Map holds (graphology keeps edges in one), and
 * its pair occurrences within a few hundred MB. A 20,000-author paper alone would add 2·10⁸ links.
 */
export const MAX_COAUTHORED_AUTHORS = 5793;

/** More co-authors than `others` can hold would mean over 4·10⁹ pair occurrences on one paper. */
const MAX_OTHERS = 0xffff;

/**
 * The pair occurrences, bucketed by author in one pass over the papers in corpus order.
 * Why: walking each author's papers instead (authorPapers → paperOffsets → paperAuthors) reads
 * three scattered places per paper and author; at a million papers these cache misses were most
 * of the build. Here the papers are read in order and only the bucket writes scatter.
 */
function pairOccurrences(index: CorpusIndex, maxAuthorsPerPaper: number): PairOccurrences {
  const { paperCount, authorCount, paperOffsets, paperAuthors } = index;
  const capped: number[] = [];
  const start = bigFloat64(authorCount + 1);
  let mostOthers = 0;
  for (let p = 0; p < paperCount; p++) {
    const first = paperOffsets[p]!;
    const last = paperOffsets[p + 1]!;
    const n = last - first;
    if (n > maxAuthorsPerPaper) capped.push(p);
    else if (n >= 2) {
      if (n - 1 > mostOthers) mostOthers = n - 1;
      for (let j = first; j < last; j++) start[paperAuthors[j]! + 1]! += n - 1;
    }
  }
  if (mostOthers > MAX_OTHERS)
    throw new RangeError(
      `a paper has ${mostOthers + 1} authors: cap the authors per paper (analyze --max-authors)`,
    );
  for (let a = 0; a < authorCount; a++) start[a + 1]! += start[a]!;
  const occurrences = start[authorCount]!;
  const coauthor = bigUint32(occurrences);
  const others = bigUint16(occurrences);
  const cursor = bigCopy(start, 0, authorCount);
  for (let p = 0; p < paperCount; p++) {
    const first = paperOffsets[p]!;
    const last = paperOffsets[p + 1]!;
    const n = last - first;
    if (n < 2 || n > maxAuthorsPerPaper) continue;
    for (let i = first; i < last; i++) {
      const a = paperAuthors[i]!;
      let at = cursor[a]!;
      for (let j = first; j < last; j++) {
        if (j === i) continue;
        coauthor[at] = paperAuthors[j]!;
        others[at++] = n - 1;
      }
      cursor[a] = at;
    }
  }
  const share = new Float64Array(mostOthers + 1);
  for (let k = 1; k <= mostOthers; k++) share[k] = 1 / k;
  return { start, coauthor, others, share, capped };
}

/**
 * Row offsets of the co-authorship CSR: the number of distinct co-authors of every author.
 * A counting pass before the filling one, so that every output array is allocated once at its
 * exact size. Why: each fresh ArrayBuffer counts as external memory, and V8 answers every 64 MB of
 * it with garbage-collection work on the whole heap, which at a million papers holds gigabytes of
 * corpus. Sizing by the occurrence count and trimming allocated over twice the output.
 */
function rowOffsets(pairs: PairOccurrences, authorCount: number, mark: Int32Array): Float64Array {
  const { start, coauthor } = pairs;
  const offsets = bigFloat64(authorCount + 1);
  let arcs = 0;
  for (let a = 0; a < authorCount; a++) {
    offsets[a] = arcs;
    // a marks itself first, so the loop needs no separate test for it.
    mark[a] = a;
    for (let k = start[a]!, end = start[a + 1]!; k < end; k++) {
      const b = coauthor[k]!;
      if (mark[b] !== a) {
        mark[b] = a;
        arcs++;
      }
    }
  }
  offsets[authorCount] = arcs;
  return offsets;
}

/**
 * Co-authorship from the authorship rows: every author's pair occurrences are bucketed, then each
 * bucket is folded into its row, every co-author's count accumulated in its arc (a sparse row of
 * A·Aᵀ). No pair key, no hash map; the rows and the order of every sum are those of walking each
 * author's papers in corpus order.
 */
export function buildCoauthorship(
  index: CorpusIndex,
  options: { maxAuthorsPerPaper: number; weight: 'count' | 'fractional' },
): CompactCoauthorship {
  const { authorCount } = index;
  const pairs = pairOccurrences(index, options.maxAuthorsPerPaper);
  const { start, coauthor, others, share, capped } = pairs;
  const mark = bigInt32(authorCount).fill(-1);
  const offsets = rowOffsets(pairs, authorCount, mark);
  const arcs = offsets[authorCount]!;
  // All output allocated at once, before the long loop (see rowOffsets on why allocation matters).
  const targets = bigUint32(arcs);
  const counts = bigUint32(arcs);
  const fractional = bigFloat64(arcs);
  // mark[b] = b's arc in the latest row that met it. Rows fill the arcs in order, so b already has
  // an arc in row a exactly when that arc is at or after the row's start. (Int32: 2^31 arcs would
  // take 50 GB of output, far past the memory budget.)
  mark.fill(-1);
  let write = 0;
  for (let a = 0; a < authorCount; a++) {
    const rowStart = write;
    for (let k = start[a]!, end = start[a + 1]!; k < end; k++) {
      const b = coauthor[k]!;
      let arc = mark[b]!;
      if (arc < rowStart) {
        arc = write++;
        mark[b] = arc;
        targets[arc] = b;
      }
      counts[arc]!++;
      fractional[arc]! += share[others[k]!]!;
    }
  }
  // The fractional weights are the fractional array itself: neither is written after the build.
  let weights = fractional;
  if (options.weight === 'count') {
    weights = bigFloat64(arcs);
    for (let arc = 0; arc < arcs; arc++) weights[arc] = counts[arc]!;
  }
  return { graph: { nodeCount: authorCount, offsets, targets, weights }, counts, fractional, capped };
}
