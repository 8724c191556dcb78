/**
 * Pass 1 of the text model: the corpus's texts read once into unigram ids (a TokenStream), by this
 * thread alone or in batches by several readers (BatchReader, one per thread) whose batches
 * mergeBatches joins in document order into the stream one reader would have made.
 */

import { bigFloat64, bigUint32, grown } from '../util/big-arrays.ts';
import { forEachWord, wordToken } from './text-tokens.ts';

const MISSING = -2;

/**
 * Raw word → unigram term id (-1: stop word), looked up by a range of the text so that no string
 * is cut out for the millions of words already seen.
 */
class WordTable {
  private mask = 4095;
  private slots = new Int32Array(4096).fill(-1);
  private count = 0;
  private hashes = new Uint32Array(1024);
  private starts = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  private values = new Int32Array(1024);
  private pool = new Uint16Array(16_384);
  private poolSize = 0;
  /** Hash and free slot of the last missed lookup, for `addLast`. */
  private lastHash = 0;
  private lastSlot = 0;

  /** The value of source[start, end), whose wordHash is `hash`, or MISSING. */
  get(source: string, start: number, end: number, hash: number): number {
    const length = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const base = this.starts[entry]!;
        let same = true;
        for (let offset = 0; offset < length; offset++)
          if (this.pool[base + offset] !== source.charCodeAt(start + offset)) {
            same = false;
            break;
          }
        if (same) return this.values[entry]!;
      }
      slot = (slot + 1) & this.mask;
    }
    this.lastHash = hash;
    this.lastSlot = slot;
    return MISSING;
  }

  /** Adds the range whose `get` was the last call and missed. */
  addLast(source: string, start: number, end: number, value: number): void {
    const entry = this.count++;
    const length = end - start;
    if (entry === this.hashes.length) {
      this.hashes = grown(this.hashes, entry + 1);
      this.starts = grown(this.starts, entry + 1);
      this.lengths = grown(this.lengths, entry + 1);
      this.values = grown(this.values, entry + 1);
    }
    if (this.poolSize + length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolSize + length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let offset = 0; offset < length; offset++)
      this.pool[this.poolSize + offset] = source.charCodeAt(start + offset);
    this.hashes[entry] = this.lastHash;
    this.starts[entry] = this.poolSize;
    this.lengths[entry] = length;
    this.values[entry] = value;
    this.poolSize += length;
    this.slots[this.lastSlot] = entry;
    if (this.count * 2 > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry]! & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry;
    }
  }
}

/** Raw words → token ids (-1: stop word), the tokens numbered by first appearance: `words[id]`. */
class Vocabulary {
  private readonly wordIds = new WordTable();
  private readonly tokenIds = new Map<string, number>();
  readonly words: string[] = [];

  /** The id of the raw word source[start, end), whose wordHash is `hash`. */
  idOf(source: string, start: number, end: number, hash: number): number {
    let id = this.wordIds.get(source, start, end, hash);
    if (id !== MISSING) return id;
    const token = wordToken(source.slice(start, end));
    if (token === undefined) id = -1;
    else {
      id = this.tokenIds.get(token) ?? this.words.length;
      if (id === this.words.length) {
        this.words.push(token);
        this.tokenIds.set(token, id);
      }
    }
    this.wordIds.addLast(source, start, end, id);
    return id;
  }
}

/**
 * Each document's unigram tokens as word ids, in text order, stop words left out: documents
 * d's are ids[offsets[d] .. offsets[d+1]). `words[id]` is the token; `frequency[id]` the number
 * of documents holding it. Ids follow first appearance.
 */
export interface TokenStream {
  ids: Uint32Array;
  offsets: Float64Array;
  words: string[];
  frequency: Uint32Array;
}

/** Pass 1 on one thread: the documents' text read once, into unigram ids. */
export function tokenStream(documentAt: (index: number) => string, documentCount: number): TokenStream {
  const vocabulary = new Vocabulary();
  const words = vocabulary.words;
  let frequency = new Uint32Array(1024);
  let lastDocument: Int32Array = new Int32Array(1024).fill(-1);
  // About 60 tokens a paper (title twice and an abstract); grown if the corpus has longer texts.
  let ids = bigUint32(Math.max(1024, documentCount * 64));
  const offsets = bigFloat64(documentCount + 1);
  let length = 0;
  let doc = 0;
  const onWord = (source: string, start: number, end: number, hash: number): void => {
    const id = vocabulary.idOf(source, start, end, hash);
    if (id < 0) return;
    if (id === frequency.length) {
      frequency = grown(frequency, id + 1);
      lastDocument = grownFilled(lastDocument, frequency.length);
    }
    if (length === ids.length) ids = grown(ids, length + 1);
    ids[length++] = id;
    if (lastDocument[id] !== doc) {
      lastDocument[id] = doc;
      frequency[id]!++;
    }
  };
  for (doc = 0; doc < documentCount; doc++) {
    forEachWord(documentAt(doc), onWord);
    offsets[doc + 1] = length;
  }
  return { ids: ids.subarray(0, length), offsets, words, frequency: frequency.subarray(0, words.length) };
}

/** `array` lengthened to `length`, the new entries -1. */
function grownFilled(array: Int32Array, length: number): Int32Array {
  const larger = new Int32Array(length).fill(-1);
  larger.set(array);
  return larger;
}

/** The tokens of a batch of consecutive documents, as one reader numbers them. */
export interface TokenBatch {
  /** The reader's word ids of the documents' tokens, in text order. */
  ids: Uint32Array;
  /** The batch's document i holds ids[ends[i-1] .. ends[i]) (from 0 for the first). */
  ends: Uint32Array;
  /** The words the reader met first in this batch, in the order of their ids. */
  newWords: string[];
}

/**
 * Reads batches of documents into word ids with a vocabulary of its own; one per thread. Its
 * batches must be read in document order for mergeBatches to number the words as one reader would.
 */
export class BatchReader {
  private readonly vocabulary = new Vocabulary();
  private reported = 0;
  private documents = 0;
  private counts = new Uint32Array(1024);
  private lastDocument: Int32Array = new Int32Array(1024).fill(-1);

  read(texts: readonly string[]): TokenBatch {
    const vocabulary = this.vocabulary;
    let ids = bigUint32(Math.max(1024, texts.length * 64));
    const ends = bigUint32(texts.length);
    let length = 0;
    let doc = this.documents;
    const onWord = (source: string, start: number, end: number, hash: number): void => {
      const id = vocabulary.idOf(source, start, end, hash);
      if (id < 0) return;
      if (id === this.counts.length) {
        this.counts = grown(this.counts, id + 1);
        this.lastDocument = grownFilled(this.lastDocument, this.counts.length);
      }
      if (length === ids.length) ids = grown(ids, length + 1);
      ids[length++] = id;
      if (this.lastDocument[id] !== doc) {
        this.lastDocument[id] = doc;
        this.counts[id]!++;
      }
    };
    for (let index = 0; index < texts.length; index++, doc++) {
      forEachWord(texts[index]!, onWord);
      ends[index] = length;
    }
    this.documents = doc;
    const newWords = vocabulary.words.slice(this.reported);
    this.reported = vocabulary.words.length;
    return { ids: ids.subarray(0, length), ends, newWords };
  }

  /** Per word id, the number of documents read so far that hold it. */
  frequency(): Uint32Array {
    return this.counts.subarray(0, this.vocabulary.words.length);
  }
}

/** A batch and the reader that read it (0: the thread building the model, others: workers). */
export interface ReaderBatch {
  reader: number;
  batch: TokenBatch;
}

/**
 * One stream from batches in document order: each reader's word ids renumbered by first appearance
 * in the corpus, as a single reader would have numbered them. A word's document frequency is the
 * sum of the readers' (`frequencies[reader]`, by the reader's ids): each document has one reader.
 */
export function mergeBatches(
  batches: readonly ReaderBatch[],
  frequencies: readonly (Uint32Array | undefined)[],
  documentCount: number,
): TokenStream {
  let total = 0;
  for (const { batch } of batches) total += batch.ids.length;
  const ids = bigUint32(total);
  const offsets = bigFloat64(documentCount + 1);
  const words: string[] = [];
  const tokenIds = new Map<string, number>();
  const readerWords: string[][] = [];
  const idOfReaders: Int32Array[] = [];
  let length = 0;
  let doc = 0;
  for (const { reader, batch } of batches) {
    const local = readerWords[reader] ?? [];
    readerWords[reader] = local;
    for (const word of batch.newWords) local.push(word);
    let idOf: Int32Array = idOfReaders[reader] ?? new Int32Array(0);
    if (idOf.length < local.length) idOf = grownFilled(idOf, Math.max(local.length, idOf.length * 2));
    idOfReaders[reader] = idOf;
    const { ids: batchIds, ends } = batch;
    let position = 0;
    for (let index = 0; index < ends.length; index++, doc++) {
      for (const end = ends[index]!; position < end; position++) {
        const localId = batchIds[position]!;
        let id = idOf[localId]!;
        if (id < 0) {
          const word = local[localId]!;
          id = tokenIds.get(word) ?? words.length;
          if (id === words.length) {
            words.push(word);
            tokenIds.set(word, id);
          }
          idOf[localId] = id;
        }
        ids[length++] = id;
      }
      offsets[doc + 1] = length;
    }
  }
  const frequency = new Uint32Array(words.length);
  idOfReaders.forEach((idOf, reader) => {
    const counts = frequencies[reader]!;
    for (let localId = 0; localId < readerWords[reader]!.length; localId++)
      frequency[idOf[localId]!]! += counts[localId]!;
  });
  return { ids, offsets, words, frequency };
}
