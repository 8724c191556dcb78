/**
 * k nearest neighbours by cosine over a CompactTextModel's rows. Candidates come from an inverted
 * index whose posting lists are truncated to each term's strongest documents and are scored by
 * their partial dot product over the document's strongest terms; the best candidates are then
 * re-scored exactly. On small corpora (postings shorter than the cap) this is exact.
 *
 * Each document's answer depends only on the model, so the queries can be split over threads
 * (see ParallelKnn) and give the same table.
 */
import { bigCopy, bigFloat64, bigInt32, bigUint8, bigUint32 } from '../util/big-arrays.ts';
import type { CompactTextModel } from './text-model.ts';

export interface KnnOptions {
  k: number;
  minSimilarity: number;
  /** Each term keeps only its this-many highest-weighted documents as candidates (impact-ordered postings). */
  maxPostings: number;
  /** Only a document's strongest terms propose candidates; keeps large corpora near-linear. */
  termsPerDocument: number;
  /** Answers the queries on several threads (Node only: see knn-parallel-node.ts); absent, one thread does. */
  parallel?: ParallelKnn;
}

/**
 * Each document's neighbours, k slots per document: document d's are
 * indices[d*k .. d*k + counts[d]), most similar first (ties: lower index first).
 */
export interface NeighbourTable {
  k: number;
  counts: Uint8Array;
  indices: Int32Array;
  similarities: Float64Array;
}

/** Everything the queries read and write, as plain typed arrays so that threads can share them. */
export interface KnnJob
  extends Pick<
    CompactTextModel,
    'documentCount' | 'termCount' | 'rowStart' | 'rowEnd' | 'order' | 'termIds' | 'weights'
  > {
  k: number;
  minSimilarity: number;
  maxPostings: number;
  termsPerDocument: number;
  postings: Postings;
  table: NeighbourTable;
}

/**
 * Answers all of a job's queries, or returns false if it cannot (the caller then answers them on
 * its own thread). Must fill job.table exactly as answerQueries(job, 0, documentCount) would.
 */
export type ParallelKnn = (job: KnnJob) => boolean;

/** The `top.length`-th largest of values[start, end) (which holds at least that many). */
function largest(values: Float64Array, start: number, end: number, top: Float64Array): number {
  // top: the largest seen so far, descending.
  const size = top.length;
  let filled = 0;
  for (let index = start; index < end; index++) {
    const value = values[index]!;
    if (filled === size && value <= top[size - 1]!) continue;
    let slot = filled === size ? size - 1 : filled++;
    while (slot > 0 && value > top[slot - 1]!) {
      top[slot] = top[slot - 1]!;
      slot--;
    }
    top[slot] = value;
  }
  return top[size - 1]!;
}

/** Candidates ranked by partial dot product; this many per neighbour wanted get an exact cosine. */
const RERANK_FACTOR = 4;

/**
 * Impact-ordered postings: each term's documents, cut to its `maxPostings` highest weights. A cut
 * list holds the documents above the cut weight in document order, then those at it until full.
 */
export interface Postings {
  offsets: Uint32Array;
  docs: Uint32Array;
  weights: Float64Array;
}

function buildPostings(model: CompactTextModel, maxPostings: number): Postings {
  const { termCount, documentFrequency, termIds, weights, rowStart, rowEnd } = model;
  // The cut weight of a long list is the least of its top maxPostings, kept in a min-heap per list.
  const heapOf = new Int32Array(termCount).fill(-1);
  let heaps = 0;
  for (let id = 0; id < termCount; id++) if (documentFrequency[id]! > maxPostings) heapOf[id] = heaps++;
  const heap = bigFloat64(heaps * maxPostings);
  const heapSize = new Uint32Array(heaps);
  for (let entry = 0; entry < termIds.length; entry++) {
    const slot = heapOf[termIds[entry]!]!;
    if (slot < 0) continue;
    const weight = weights[entry]!;
    const base = slot * maxPostings;
    const size = heapSize[slot]!;
    if (size < maxPostings) {
      let child = size;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (heap[base + parent]! <= weight) break;
        heap[base + child] = heap[base + parent]!;
        child = parent;
      }
      heap[base + child] = weight;
      heapSize[slot] = size + 1;
    } else if (weight > heap[base]!) {
      let parent = 0;
      for (;;) {
        let child = 2 * parent + 1;
        if (child >= maxPostings) break;
        if (child + 1 < maxPostings && heap[base + child + 1]! < heap[base + child]!) child++;
        if (heap[base + child]! >= weight) break;
        heap[base + parent] = heap[base + child]!;
        parent = child;
      }
      heap[base + parent] = weight;
    }
  }
  const cut = new Float64Array(heaps);
  const aboveCut = new Uint32Array(heaps);
  for (let slot = 0; slot < heaps; slot++) {
    const base = slot * maxPostings;
    const least = heap[base]!;
    cut[slot] = least;
    let above = 0;
    for (let index = 0; index < maxPostings; index++) if (heap[base + index]! > least) above++;
    aboveCut[slot] = above;
  }
  const offsets = bigUint32(termCount + 1);
  for (let id = 0; id < termCount; id++)
    offsets[id + 1] = offsets[id]! + Math.min(documentFrequency[id]!, maxPostings);
  const total = offsets[termCount]!;
  const docs = bigUint32(total);
  const postingWeights = bigFloat64(total);
  // Per term: the next free position (uncut lists, and the above-cut part of cut lists) and the
  // number of at-cut documents placed so far.
  const next = bigCopy(offsets, 0, termCount);
  const atCut = new Uint32Array(heaps);
  for (let doc = 0; doc < model.documentCount; doc++) {
    for (let entry = rowStart[doc]!, end = rowEnd[doc]!; entry < end; entry++) {
      const id = termIds[entry]!;
      const weight = weights[entry]!;
      const slot = heapOf[id]!;
      let position: number;
      if (slot < 0 || weight > cut[slot]!) position = next[id]!++;
      else if (weight === cut[slot]! && aboveCut[slot]! + atCut[slot]! < maxPostings)
        position = offsets[id]! + aboveCut[slot]! + atCut[slot]!++;
      else continue;
      docs[position] = doc;
      postingWeights[position] = weight;
    }
  }
  return { offsets, docs, weights: postingWeights };
}

/** The job of finding every document's neighbours, its table still empty. */
function knnJob(model: CompactTextModel, options: KnnOptions): KnnJob {
  const { k, minSimilarity, maxPostings, termsPerDocument } = options;
  const n = model.documentCount;
  return {
    k,
    minSimilarity,
    maxPostings,
    termsPerDocument,
    documentCount: n,
    termCount: model.termCount,
    rowStart: model.rowStart,
    rowEnd: model.rowEnd,
    order: model.order,
    termIds: model.termIds,
    weights: model.weights,
    postings: buildPostings(model, maxPostings),
    table: { k, counts: bigUint8(n), indices: bigInt32(n * k), similarities: bigFloat64(n * k) },
  };
}

/** Working space of one thread answering queries (allocated once, reused for every query). */
interface KnnScratch {
  bits: number;
  tableKeys: Int32Array;
  tableScores: Float64Array;
  touched: Int32Array;
  dense: Float64Array;
  top: Int32Array;
  topScores: Float64Array;
  found: Int32Array;
  foundSimilarity: Float64Array;
  strongest: Float64Array;
}

export function knnScratch(job: KnnJob): KnnScratch {
  const shortlistSize = job.k * RERANK_FACTOR;
  // Partial scores in a small hash table keyed by document: it stays in cache, where an array of
  // one score per document would miss on nearly every candidate of a large corpus.
  const maxCandidates = job.termsPerDocument * job.maxPostings;
  const bits = Math.max(6, Math.ceil(Math.log2(2 * maxCandidates)));
  return {
    bits,
    tableKeys: new Int32Array(1 << bits).fill(-1),
    tableScores: new Float64Array(1 << bits),
    touched: new Int32Array(maxCandidates),
    dense: new Float64Array(job.termCount),
    top: new Int32Array(shortlistSize),
    topScores: new Float64Array(shortlistSize),
    found: new Int32Array(shortlistSize),
    foundSimilarity: new Float64Array(shortlistSize),
    strongest: new Float64Array(job.termsPerDocument),
  };
}

/** Answers the queries of documents order[from .. to) into job.table. */
export function answerQueries(job: KnnJob, from: number, to: number, scratch = knnScratch(job)): void {
  const { k, minSimilarity, termsPerDocument, rowStart, rowEnd, order, termIds, weights } = job;
  const { offsets: postingOffsets, docs: postingDocs, weights: postingWeights } = job.postings;
  const { counts, indices, similarities } = job.table;
  const { bits, tableKeys, tableScores, touched, dense, top, topScores, found, foundSimilarity, strongest } =
    scratch;
  const tableMask = (1 << bits) - 1;
  const shortlistSize = top.length;
  for (let visit = from; visit < to; visit++) {
    const doc = order[visit]!;
    const start = rowStart[doc]!;
    const end = rowEnd[doc]!;
    const length = end - start;
    // The strongest terms: weights at or above the termsPerDocument-th largest, first ones first.
    let threshold = Number.NEGATIVE_INFINITY;
    if (length > termsPerDocument) threshold = largest(weights, start, end, strongest);
    let touchedCount = 0;
    for (let position = start, used = 0; position < end && used < termsPerDocument; position++) {
      const weight = weights[position]!;
      if (weight < threshold) continue;
      used++;
      const id = termIds[position]!;
      for (let index = postingOffsets[id]!, last = postingOffsets[id + 1]!; index < last; index++) {
        const other = postingDocs[index]!;
        if (other === doc) continue;
        let slot = Math.imul(other, 0x9e3779b1) >>> (32 - bits);
        for (;;) {
          const key = tableKeys[slot]!;
          if (key === other) break;
          if (key < 0) {
            tableKeys[slot] = other;
            touched[touchedCount++] = slot;
            break;
          }
          slot = (slot + 1) & tableMask;
        }
        tableScores[slot]! += weight * postingWeights[index]!;
      }
    }
    // The shortlist: highest partial scores, earlier-touched first on ties.
    let topCount = 0;
    for (let index = 0; index < touchedCount; index++) {
      const item = tableKeys[touched[index]!]!;
      const score = tableScores[touched[index]!]!;
      const full = topCount === shortlistSize;
      if (full && score <= topScores[shortlistSize - 1]!) continue;
      let slot = full ? shortlistSize - 1 : topCount++;
      while (slot > 0 && score > topScores[slot - 1]!) {
        top[slot] = top[slot - 1]!;
        topScores[slot] = topScores[slot - 1]!;
        slot--;
      }
      top[slot] = item;
      topScores[slot] = score;
    }
    for (let index = 0; index < touchedCount; index++) {
      tableKeys[touched[index]!] = -1;
      tableScores[touched[index]!] = 0;
    }
    // Exact cosines against the document's own row spread out by term id; summing in ascending term
    // order as a merge would (adding zeros changes nothing).
    for (let position = start; position < end; position++) dense[termIds[position]!] = weights[position]!;
    let foundCount = 0;
    for (let index = 0; index < topCount; index++) {
      const other = top[index]!;
      let similarity = 0;
      for (let position = rowStart[other]!, last = rowEnd[other]!; position < last; position++)
        similarity += dense[termIds[position]!]! * weights[position]!;
      if (similarity < minSimilarity) continue;
      let slot = foundCount++;
      while (
        slot > 0 &&
        (similarity > foundSimilarity[slot - 1]! ||
          (similarity === foundSimilarity[slot - 1]! && other < found[slot - 1]!))
      ) {
        found[slot] = found[slot - 1]!;
        foundSimilarity[slot] = foundSimilarity[slot - 1]!;
        slot--;
      }
      found[slot] = other;
      foundSimilarity[slot] = similarity;
    }
    for (let position = start; position < end; position++) dense[termIds[position]!] = 0;
    const kept = Math.min(foundCount, k);
    counts[doc] = kept;
    for (let index = 0; index < kept; index++) {
      indices[doc * k + index] = found[index]!;
      similarities[doc * k + index] = foundSimilarity[index]!;
    }
  }
}

/** Every document's k nearest neighbours (see the module comment). */
export function nearestNeighbourTable(model: CompactTextModel, options: KnnOptions): NeighbourTable {
  const job = knnJob(model, options);
  if (!options.parallel?.(job)) answerQueries(job, 0, job.documentCount);
  return job.table;
}
