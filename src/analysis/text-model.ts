/**
 * Text features for theme detection: unigrams and bigrams of each document's words
 * (text-tokens.ts), TF-IDF weighted, L2-normalised sparse vectors (k nearest neighbours by cosine:
 * knn.ts).
 *
 * Everything is kept in typed arrays (a CSR row per document) so a million abstracts fit: no
 * object per document, term or posting. The text is read once, into word ids (text-token-stream.ts);
 * the terms are counted from those ids, after the words too rare to be kept are known
 * (text-term-counts.ts). Reading and filling the rows (text-rows.ts) can be shared with other
 * threads (TextModelOptions.parallel), giving the same model.
 */

import { bigFloat64, bigInt32, bigUint32 } from '../util/big-arrays.ts';
import type { ParallelTextModel, TextModelThreads } from './text-model-threads.ts';
import { fillRows, groupRows, type RowsJob } from './text-rows.ts';
import { type CandidateCounts, candidateCounts } from './text-term-counts.ts';
import {
  BatchReader,
  mergeBatches,
  type ReaderBatch,
  type TokenStream,
  tokenStream,
} from './text-token-stream.ts';

/**
 * TF-IDF vectors of a corpus in sparse rows. Document d's terms are
 * termIds[rowStart[d] .. rowEnd[d]), ascending, with the same slice of weights (sublinear tf times
 * smoothed idf, L2-normalised). Term ids follow first appearance in the corpus, counting only terms
 * in at least `minDocumentFrequency` documents. Rows are laid out in `order`, not by document index
 * (documents sharing their heaviest term are stored together).
 */
export interface CompactTextModel {
  documentCount: number;
  rowStart: Uint32Array;
  rowEnd: Uint32Array;
  /** Documents in storage order; visiting them so keeps neighbouring reads close. */
  order: Uint32Array;
  termIds: Uint32Array;
  weights: Float64Array;
  termCount: number;
  documentFrequency: Uint32Array;
  /** Term id → for a unigram, its index in `words`; for a bigram, the term id of its first word. */
  termLeft: Int32Array;
  /** Term id → -1 for a unigram; for a bigram, the term id of its second word. */
  termRight: Int32Array;
  /** The unigram terms' text. */
  words: string[];
}

/** A term's text: a word, or two words separated by a space. */
export function termText(model: CompactTextModel, id: number): string {
  const right = model.termRight[id]!;
  if (right < 0) return model.words[model.termLeft[id]!]!;
  return `${model.words[model.termLeft[model.termLeft[id]!]!]!} ${model.words[model.termLeft[right]!]!}`;
}

export function isBigram(model: CompactTextModel, id: number): boolean {
  return model.termRight[id]! >= 0;
}

/** Documents as an array, or a function from index to text (called once per index, in order). */
export type DocumentSource = readonly string[] | ((index: number) => string);

interface TextModelOptions {
  /** Terms in fewer documents are dropped (they cannot link two papers). Default 2. */
  minDocumentFrequency?: number;
  /**
   * Reads the texts and fills the rows on several threads (Node: text-model-parallel-node.ts);
   * absent or declining, one thread does. A thread failing while reading makes this one read every
   * document again (calling a DocumentSource function a second time per index).
   */
  parallel?: ParallelTextModel;
  /** Called once every text has been read, before the terms are counted: the caller may free the texts. */
  textsRead?: () => void;
  /**
   * Asks for a garbage collection (Node with --expose-gc: `gc`) where the model leaves much behind:
   * the texts once read, the token stream (half a gigabyte at a million abstracts) once counted.
   * What the model allocates next lies outside the JavaScript heap, so no collection would come soon.
   */
  collect?: () => void;
}

/**
 * TF-IDF with sublinear tf (1 + log tf) and smoothed idf, L2-normalised. Terms seen in fewer than
 * `minDocumentFrequency` documents are dropped (they cannot link two papers).
 */
export function buildTextModel(
  documents: DocumentSource,
  documentCount: number,
  { minDocumentFrequency = 2, parallel, textsRead, collect }: TextModelOptions = {},
): CompactTextModel {
  const threads = parallel?.(documentCount);
  try {
    return modelOf(documents, documentCount, minDocumentFrequency, threads, { textsRead, collect });
  } finally {
    threads?.close();
  }
}

function modelOf(
  documents: DocumentSource,
  documentCount: number,
  minDocumentFrequency: number,
  threads: TextModelThreads | undefined,
  hooks: Pick<TextModelOptions, 'textsRead' | 'collect'>,
): CompactTextModel {
  const { words, candidates } = readCandidates(
    documents,
    documentCount,
    minDocumentFrequency,
    threads,
    hooks,
  );
  hooks.collect?.();
  const { ids: rawIds, counts: rawCounts, offsets: rawOffsets, candidateCount, frequency } = candidates;
  // Renumber the kept terms (in the same order, so rows sort the same), then weigh each row.
  const keptId = bigInt32(candidateCount);
  let kept = 0;
  for (let id = 0; id < candidateCount; id++)
    keptId[id] = frequency[id]! >= minDocumentFrequency ? kept++ : -1;
  const keptLeft = new Int32Array(kept);
  const keptRight = new Int32Array(kept);
  const documentFrequency = new Uint32Array(kept);
  const idf = bigFloat64(kept);
  for (let id = 0; id < candidateCount; id++) {
    const next = keptId[id]!;
    if (next < 0) continue;
    const right = candidates.right[id]!;
    keptLeft[next] = right < 0 ? candidates.left[id]! : keptId[candidates.left[id]!]!;
    keptRight[next] = right < 0 ? -1 : keptId[right]!;
    documentFrequency[next] = frequency[id]!;
    idf[next] = Math.log((1 + documentCount) / (1 + frequency[id]!)) + 1;
  }
  const job: RowsJob = {
    documentCount,
    kept,
    rawIds,
    rawCounts,
    rawOffsets,
    keptId,
    idf,
    rowLength: bigUint32(documentCount),
    groupOf: bigUint32(documentCount),
    rowStart: bigUint32(documentCount),
    termIds: bigUint32(0),
    weights: bigFloat64(0),
  };
  if (!threads?.rows(job, 'group')) groupRows(job, 0, documentCount);
  // Rows are stored grouped by each document's heaviest term, so documents likely to be each
  // other's candidates sit close in memory: the nearest-neighbour search reads candidate rows at
  // random, and a million rows do not fit in any cache.
  const { rowLength, groupOf, rowStart } = job;
  const groupSize = new Uint32Array(kept + 2);
  for (let doc = 0; doc < documentCount; doc++) groupSize[groupOf[doc]! + 1]!++;
  for (let group = 0; group <= kept; group++) groupSize[group + 1]! += groupSize[group]!;
  const order = bigUint32(documentCount);
  for (let doc = 0; doc < documentCount; doc++) order[groupSize[groupOf[doc]!]!++] = doc;
  const rowEnd = bigUint32(documentCount);
  let place = 0;
  for (let index = 0; index < documentCount; index++) {
    const doc = order[index]!;
    rowStart[doc] = place;
    place += rowLength[doc]!;
    rowEnd[doc] = place;
  }
  job.termIds = bigUint32(place);
  job.weights = bigFloat64(place);
  if (!threads?.rows(job, 'fill')) fillRows(job, 0, documentCount);
  const { termIds, weights } = job;
  return {
    documentCount,
    rowStart,
    rowEnd,
    order,
    termIds,
    weights,
    termCount: kept,
    documentFrequency,
    termLeft: keptLeft,
    termRight: keptRight,
    words,
  };
}

/**
 * Passes 1 and 2: the texts read into a token stream (then `textsRead` and `collect`), which is counted into each
 * document's candidate terms. Only the words outlive this call: the token stream is garbage once
 * it returns.
 */
function readCandidates(
  documents: DocumentSource,
  documentCount: number,
  minDocumentFrequency: number,
  threads: TextModelThreads | undefined,
  { textsRead, collect }: Pick<TextModelOptions, 'textsRead' | 'collect'>,
): { words: string[]; candidates: CandidateCounts } {
  const documentAt = typeof documents === 'function' ? documents : (index: number) => documents[index]!;
  const stream =
    (threads && readInParallel(documentAt, documentCount, threads)) ?? tokenStream(documentAt, documentCount);
  textsRead?.();
  collect?.();
  return { words: stream.words, candidates: candidateCounts(stream, minDocumentFrequency) };
}

/**
 * The token stream read in batches, some on other threads. If a thread failed, undefined: the caller
 * then reads the documents again on its own.
 */
function readInParallel(
  documentAt: (index: number) => string,
  documentCount: number,
  threads: TextModelThreads,
): TokenStream | undefined {
  const reader = new BatchReader();
  const batches: ReaderBatch[] = [];
  const size = Math.max(1, threads.batchSize);
  for (let first = 0, index = 0; first < documentCount; first += size, index++) {
    const texts: string[] = [];
    for (let doc = first; doc < Math.min(first + size, documentCount); doc++) texts.push(documentAt(doc));
    if (!threads.offer(index, texts)) batches[index] = { reader: 0, batch: reader.read(texts) };
  }
  const handedOver = threads.finish();
  if (!handedOver) return undefined;
  for (const [index, batch] of handedOver.batches) batches[index] = batch;
  const frequencies = [reader.frequency()];
  for (const [number, frequency] of handedOver.frequencies) frequencies[number] = frequency;
  return mergeBatches(batches, frequencies, documentCount);
}
