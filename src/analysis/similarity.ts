/**
 * Text similarity without graphology: documents in, TF-IDF k-nearest-neighbour edges out, all in
 * typed arrays, plus the distinctive-term labels of a partition of the documents. The graphology
 * path (themes.ts) runs on this too, so both give the same edges.
 */
import { bigCopy, bigFloat64, bigUint32 } from '../util/big-arrays.ts';
import { type KnnOptions, nearestNeighbourTable } from './knn.ts';
import {
  buildTextModel,
  type CompactTextModel,
  type DocumentSource,
  isBigram,
  termText,
} from './text-model.ts';
import type { ParallelTextModel } from './text-model-threads.ts';

export type { DocumentSource } from './text-model.ts';

interface SimilarityOptions extends KnnOptions {
  /** Builds the text model partly on several threads (Node: text-model-parallel-node.ts); absent, one thread does. */
  parallelTextModel?: ParallelTextModel;
  /** Called once every text has been read (TextModelOptions.textsRead): the caller may free them. */
  textsRead?: () => void;
  /** Asks for a garbage collection where the model leaves much behind (TextModelOptions.collect), and once it is built. */
  collect?: () => void;
}

/**
 * Undirected similarity edges between document indices, each pair once with source < target, in
 * the order they are found (document by document, most similar first). Weight: cosine rounded to 1e-6.
 */
interface SimilarityEdges {
  count: number;
  sources: Uint32Array;
  targets: Uint32Array;
  weights: Float64Array;
}

/** Candidate limits (see nearestNeighbourTable): tighter above LARGE_CORPUS documents to stay near-linear. */
const LARGE_CORPUS = 20_000;
const MAX_POSTINGS = { small: 300, large: 100 };
const TERMS_PER_DOCUMENT = { small: 12, large: 8 };

/** The options themes use for a corpus of `documentCount` papers. */
export function similarityOptions(documentCount: number, k: number, minSimilarity: number): KnnOptions {
  const large = documentCount > LARGE_CORPUS;
  return {
    k,
    minSimilarity,
    maxPostings: large ? MAX_POSTINGS.large : MAX_POSTINGS.small,
    termsPerDocument: large ? TERMS_PER_DOCUMENT.large : TERMS_PER_DOCUMENT.small,
  };
}

/**
 * Links every document to its k most similar documents (TF-IDF over unigrams and bigrams, cosine at
 * least minSimilarity; see nearestNeighbourTable for the candidate limits). `documents` may be a
 * function so the texts need not all be built at once: it is called once per index, in order.
 */
export function similarityEdges(
  documents: DocumentSource,
  documentCount: number,
  options: SimilarityOptions,
): { edges: SimilarityEdges; model: CompactTextModel } {
  const model = buildTextModel(documents, documentCount, {
    parallel: options.parallelTextModel,
    textsRead: options.textsRead,
    collect: options.collect,
  });
  // The model's term counts (more than a gigabyte at a million abstracts) are garbage now.
  options.collect?.();
  const { k, counts, indices, similarities } = nearestNeighbourTable(model, options);
  const sources = bigUint32(documentCount * k);
  const targets = bigUint32(documentCount * k);
  const weights = bigFloat64(documentCount * k);
  let count = 0;
  for (let doc = 0; doc < documentCount; doc++) {
    for (let slot = doc * k, end = doc * k + counts[doc]!; slot < end; slot++) {
      const other = indices[slot]!;
      // A pair already added from the other end: the earlier document listed this one.
      if (other < doc && listed(indices, other * k, other * k + counts[other]!, doc)) continue;
      sources[count] = Math.min(doc, other);
      targets[count] = Math.max(doc, other);
      weights[count++] = Math.round(similarities[slot]! * 1e6) / 1e6;
    }
  }
  return {
    edges: {
      count,
      sources: bigCopy(sources, 0, count),
      targets: bigCopy(targets, 0, count),
      weights: bigCopy(weights, 0, count),
    },
    model,
  };
}

function listed(indices: Int32Array, start: number, end: number, doc: number): boolean {
  for (let slot = start; slot < end; slot++) if (indices[slot] === doc) return true;
  return false;
}

/** Bigrams read better as labels ("gradient descent" over "gradient"). */
const BIGRAM_LABEL_BONUS = 1.3;
/** Candidates ranked before choosing labels; a full ranking is made only if these run out. */
const LABEL_CANDIDATES = 64;

/**
 * Each theme's `count` most distinctive terms: mean weight inside the theme minus mean weight
 * outside, bigrams favoured, skipping a unigram inside a chosen bigram and a bigram made of chosen
 * unigrams. `themeOfDoc[d]` is document d's theme, or -1 for none. Themes come out in order of
 * their first document.
 */
export function distinctiveTerms(
  model: CompactTextModel,
  themeOfDoc: Int32Array,
  count: number,
): Map<number, string[]> {
  const { documentCount, rowStart, rowEnd, termIds, weights, termCount } = model;
  const total = new Float64Array(termCount);
  for (let doc = 0; doc < documentCount; doc++)
    for (let entry = rowStart[doc]!, end = rowEnd[doc]!; entry < end; entry++)
      total[termIds[entry]!]! += weights[entry]!;
  // Documents grouped by theme (themes by first document, documents in order inside each).
  const themeOrder: number[] = [];
  const sizes = new Map<number, number>();
  for (let doc = 0; doc < documentCount; doc++) {
    const theme = themeOfDoc[doc]!;
    if (theme < 0) continue;
    const size = sizes.get(theme);
    if (size === undefined) themeOrder.push(theme);
    sizes.set(theme, (size ?? 0) + 1);
  }
  const starts = new Map<number, number>();
  let next = 0;
  for (const theme of themeOrder) {
    starts.set(theme, next);
    next += sizes.get(theme)!;
  }
  const grouped = bigUint32(next);
  const cursor = new Map(starts);
  for (let doc = 0; doc < documentCount; doc++) {
    const theme = themeOfDoc[doc]!;
    if (theme < 0) continue;
    const at = cursor.get(theme)!;
    grouped[at] = doc;
    cursor.set(theme, at + 1);
  }
  const sums = new Float64Array(termCount);
  let seen = new Uint32Array(1024);
  const result = new Map<number, string[]>();
  for (const theme of themeOrder) {
    const size = sizes.get(theme)!;
    const start = starts.get(theme)!;
    let seenCount = 0;
    for (let index = start; index < start + size; index++) {
      const doc = grouped[index]!;
      for (let entry = rowStart[doc]!, end = rowEnd[doc]!; entry < end; entry++) {
        const id = termIds[entry]!;
        if (sums[id] === 0) {
          if (seenCount === seen.length) {
            const larger = new Uint32Array(seen.length * 2);
            larger.set(seen);
            seen = larger;
          }
          seen[seenCount++] = id;
        }
        sums[id]! += weights[entry]!;
      }
    }
    const outsideCount = Math.max(documentCount - size, 1);
    const ids = new Uint32Array(seenCount);
    const scores = new Float64Array(seenCount);
    for (let index = 0; index < seenCount; index++) {
      const id = seen[index]!;
      const weight = sums[id]!;
      sums[id] = 0;
      const bonus = isBigram(model, id) ? BIGRAM_LABEL_BONUS : 1;
      ids[index] = id;
      scores[index] = (weight / size - (total[id]! - weight) / outsideCount) * bonus;
    }
    let chosen = chooseLabels(model, ranked(ids, scores, LABEL_CANDIDATES), count);
    if (chosen.length < count && seenCount > LABEL_CANDIDATES)
      chosen = chooseLabels(model, ranked(ids, scores, seenCount), count);
    result.set(theme, chosen);
  }
  return result;
}

/** The `limit` best ids by score (ties: lower id first), best first. */
function ranked(ids: Uint32Array, scores: Float64Array, limit: number): number[] {
  const order = Array.from(ids.keys());
  const better = (a: number, b: number): number => scores[b]! - scores[a]! || ids[a]! - ids[b]!;
  if (order.length <= limit) return order.sort(better).map((index) => ids[index]!);
  // Keep a sorted window of the best `limit` seen so far.
  const best: number[] = [];
  for (const index of order) {
    if (best.length === limit && better(index, best[limit - 1]!) >= 0) continue;
    let slot = best.length === limit ? limit - 1 : best.length;
    while (slot > 0 && better(index, best[slot - 1]!) < 0) {
      best[slot] = best[slot - 1]!;
      slot--;
    }
    best[slot] = index;
  }
  return best.map((index) => ids[index]!);
}

function chooseLabels(model: CompactTextModel, candidates: number[], count: number): string[] {
  const chosen: string[] = [];
  for (const id of candidates) {
    const term = termText(model, id);
    if (chosen.some((other) => other.split(' ').includes(term) || term.split(' ').includes(other))) continue;
    chosen.push(term);
    if (chosen.length === count) break;
  }
  return chosen;
}
