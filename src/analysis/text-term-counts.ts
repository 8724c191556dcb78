/**
 * Pass 2 of the text model: each document's candidate unigram and bigram counts, read from the
 * token stream of pass 1 once the words' document frequencies are known.
 */

import { bigFloat64, bigUint16, bigUint32, grown } from '../util/big-arrays.ts';
import type { TokenStream } from './text-token-stream.ts';

/**
 * Open addressing from a pair of term ids to the id of their bigram (no Map: it stops at 2^24
 * entries). A slot's first id, second id and value sit side by side: one cache miss per probe.
 */
class PairTable {
  private mask = 1023;
  private size = 0;
  /** Per slot: first, second, value + 1 (0: empty). */
  private slots = new Uint32Array(1024 * 3);

  private static slot(first: number, second: number, mask: number): number {
    return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca77)) & mask;
  }

  /** The value stored for the pair, or -1. */
  get(first: number, second: number): number {
    const slots = this.slots;
    let slot = PairTable.slot(first, second, this.mask);
    for (;;) {
      const base = slot * 3;
      const stored = slots[base + 2]!;
      if (stored === 0) return -1;
      if (slots[base] === first && slots[base + 1] === second) return stored - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores a pair that is not in the table yet. */
  add(first: number, second: number, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.resize();
    this.place(first, second, value + 1);
    this.size++;
  }

  private place(first: number, second: number, stored: number): void {
    let slot = PairTable.slot(first, second, this.mask);
    while (this.slots[slot * 3 + 2] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot * 3] = first;
    this.slots[slot * 3 + 1] = second;
    this.slots[slot * 3 + 2] = stored;
  }

  private resize(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.slots = new Uint32Array(capacity * 3);
    for (let base = 0; base < old.length; base += 3)
      if (old[base + 2] !== 0) this.place(old[base]!, old[base + 1]!, old[base + 2]!);
  }
}

/**
 * Each document's distinct candidate terms with their counts: document d's are
 * ids[offsets[d] .. offsets[d+1]) and counts alike, in order of first appearance in it.
 * Candidates are the unigrams in at least `minDocumentFrequency` documents and the bigrams of two
 * such unigrams (no other term can reach that frequency), numbered by first appearance in the
 * corpus, a unigram before the bigram it closes, as if every term were numbered and the others
 * then dropped. Left out early, the rare terms (most of the distinct bigrams) cost no table slot.
 */
export interface CandidateCounts {
  ids: Uint32Array;
  counts: Uint16Array | Uint32Array;
  offsets: Float64Array;
  candidateCount: number;
  frequency: Uint32Array;
  /** Candidate → for a unigram, its word id; for a bigram, the candidate id of its first word. */
  left: Int32Array;
  /** Candidate → -1 for a unigram; for a bigram, the candidate id of its second word. */
  right: Int32Array;
}

/** Pass 2: unigram and bigram counts per document, read from the token stream. */
export function candidateCounts(stream: TokenStream, minDocumentFrequency: number): CandidateCounts {
  const { ids: tokens, offsets: tokenOffsets, frequency: wordFrequency } = stream;
  const documentCount = tokenOffsets.length - 1;
  const candidateOfWord = new Int32Array(wordFrequency.length).fill(-1);
  const bigramIds = new PairTable();
  let candidateCount = 0;
  let left = new Int32Array(1024);
  let right = new Int32Array(1024);
  let frequency = new Uint32Array(1024);
  let count = new Uint32Array(1024);
  const newCandidate = (first: number, second: number): number => {
    if (candidateCount === left.length) {
      left = grown(left, candidateCount + 1);
      right = grown(right, candidateCount + 1);
      frequency = grown(frequency, candidateCount + 1);
      count = grown(count, candidateCount + 1);
    }
    left[candidateCount] = first;
    right[candidateCount] = second;
    return candidateCount++;
  };
  // At most two entries per token (its unigram and the bigram it closes).
  let ids = bigUint32(Math.max(1024, Math.ceil(tokens.length * 1.5)));
  // A count never exceeds its document's length: two bytes each when every document is shorter
  // than 65,536 tokens (a third of a gigabyte less at a million abstracts).
  let longest = 0;
  for (let doc = 0; doc < documentCount; doc++)
    longest = Math.max(longest, tokenOffsets[doc + 1]! - tokenOffsets[doc]!);
  let counts: Uint16Array | Uint32Array = longest < 0x10000 ? bigUint16(ids.length) : bigUint32(ids.length);
  const offsets = bigFloat64(documentCount + 1);
  let entries = 0;
  const countTerm = (id: number): void => {
    if (count[id] === 0) {
      if (entries === ids.length) {
        ids = grown(ids, entries + 1);
        counts = grown(counts, entries + 1);
      }
      ids[entries++] = id;
    }
    count[id]!++;
  };
  for (let doc = 0; doc < documentCount; doc++) {
    const start = entries;
    let previous = -1;
    for (let position = tokenOffsets[doc]!, end = tokenOffsets[doc + 1]!; position < end; position++) {
      const word = tokens[position]!;
      let unigram = -1;
      if (wordFrequency[word]! >= minDocumentFrequency) {
        unigram = candidateOfWord[word]!;
        if (unigram < 0) {
          unigram = newCandidate(word, -1);
          candidateOfWord[word] = unigram;
        }
        countTerm(unigram);
        if (previous >= 0) {
          let bigram = bigramIds.get(previous, unigram);
          if (bigram < 0) {
            bigram = newCandidate(previous, unigram);
            bigramIds.add(previous, unigram, bigram);
          }
          countTerm(bigram);
        }
      }
      previous = unigram;
    }
    for (let entry = start; entry < entries; entry++) {
      const id = ids[entry]!;
      counts[entry] = count[id]!;
      count[id] = 0;
      frequency[id]!++;
    }
    offsets[doc + 1] = entries;
  }
  return {
    ids: ids.subarray(0, entries),
    counts: counts.subarray(0, entries),
    offsets,
    candidateCount,
    frequency,
    left,
    right,
  };
}
