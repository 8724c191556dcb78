/**
 * Text features for theme detection: LaTeX and markup stripped, stop words removed, unigrams and
 * bigrams, TF-IDF weighted, L2-normalised sparse vectors (k nearest neighbours by cosine: knn.ts,
 * re-exported here).
 *
 * Everything is kept in typed arrays (a CSR row per document) so a million abstracts fit: no
 * object per document, term or posting. The text is read once, into word ids; the terms are
 * counted from those ids, after the words too rare to be kept are known. Reading and filling the
 * rows can be shared with other threads (TextModelOptions.parallel), giving the same model.
 */

import { FNV_OFFSET, FNV_PRIME } from '../model/hash.ts';
import { bigCopy, bigFloat64, bigInt32, bigUint32 } from '../util/big-arrays.ts';

export {
  type KnnOptions,
  type NeighbourTable,
  nearestNeighbourTable,
} from './knn.ts';

const STOP_WORDS = new Set(
  `a about above across after again against all almost also although always among an and another any are around as at
  be because been before being below between both but by can cannot could did do does doing done down during each
  either else enough even ever every few for from further had has have having he her here hers herself him himself his
  how however i if in into is it its itself just least less let like made make many may me might more most much must my
  neither no nor not now of off often on once one only or other others otherwise our ours ourselves out over own per
  perhaps rather same several shall she should since so some such than that the their theirs them themselves then there
  therefore these they this those though through thus to too toward towards under until up upon us use used using very via
  was we well were what whatever when where whereas whether which while who whom whose why will with within without would
  yet you your yours yourself
  paper papers propose proposed proposes present presents show shows shown study studies work works result results
  approach approaches method methods new novel based problem problems provide provides first two three also however
  furthermore moreover specifically particular existing recent recently demonstrate demonstrates experiments
  experimental performance state art significantly significant achieve achieves various different well known finally
  et al e g i e can may able given obtain obtained further introduce introduces analysis analyze analyzes`.split(
    /\s+/,
  ),
);

/** Removes inline math, LaTeX commands, URLs and markup, keeping the words a reader sees. */
export function stripMarkup(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\\[[\s\S]*?\\\]/g, ' ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[{}_^~\\]/g, ' ');
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text whose runs of [a-z0-9-] are the words. Plain ASCII without markup (nearly every abstract)
 * only needs lower-casing; anything else takes the full path, whose Unicode lower-casing and NFKD can
 * turn non-ASCII characters into ASCII letters.
 */
function wordText(text: string): string {
  if (
    !NON_ASCII.test(text) &&
    !text.includes('$') &&
    !text.includes('\\') &&
    !text.includes('<') &&
    !text.includes('://')
  )
    return text.toLowerCase();
  return stripMarkup(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

const CHAR_A = 97;
const CHAR_Z = 122;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_HYPHEN = 45;

const LETTER = 1;
const DIGIT = 2;
const HYPHEN = 3;
/** Kind of each UTF-16 code unit: LETTER, DIGIT or HYPHEN inside words, 0 for a separator. */
const WORD_CHAR = (() => {
  const table = new Uint8Array(65_536);
  for (let code = CHAR_A; code <= CHAR_Z; code++) table[code] = LETTER;
  for (let code = CHAR_0; code <= CHAR_9; code++) table[code] = DIGIT;
  table[CHAR_HYPHEN] = HYPHEN;
  return table;
})();

/** FNV-1a over UTF-16 code units, as forEachWord computes it while it scans. */
function wordHash(source: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let position = start; position < end; position++)
    hash = Math.imul(hash ^ source.charCodeAt(position), FNV_PRIME);
  return hash >>> 0;
}

/**
 * Calls `onWord` with each raw word of `text` (a run of [a-z0-9-] of `wordText`, hyphens trimmed)
 * that is 3+ characters long and not all digits, and the word's hash (wordHash), computed in the
 * same pass over the characters; the caller checks stop words and stems.
 */
function forEachWord(
  text: string,
  onWord: (source: string, start: number, end: number, hash: number) => void,
): void {
  const source = wordText(text);
  const length = source.length;
  let position = 0;
  while (position < length) {
    while (position < length && WORD_CHAR[source.charCodeAt(position)] === 0) position++;
    let start = position;
    let letters = false;
    let hash = FNV_OFFSET;
    while (position < length) {
      const code = source.charCodeAt(position);
      const kind = WORD_CHAR[code]!;
      if (kind === 0) break;
      if (kind === LETTER) letters = true;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      position++;
    }
    let end = position;
    if (source.charCodeAt(start) === CHAR_HYPHEN || source.charCodeAt(end - 1) === CHAR_HYPHEN) {
      // Rare: the hash covered hyphens that are trimmed off.
      while (start < end && source.charCodeAt(start) === CHAR_HYPHEN) start++;
      while (end > start && source.charCodeAt(end - 1) === CHAR_HYPHEN) end--;
      hash = wordHash(source, start, end);
    }
    if (end - start < 3 || (!letters && allDigits(source, start, end))) continue;
    onWord(source, start, end, hash >>> 0);
  }
}

/** Whether source[start, end) is digits only (an inner hyphen makes it a word). */
function allDigits(source: string, start: number, end: number): boolean {
  for (let position = start; position < end; position++)
    if (source.charCodeAt(position) === CHAR_HYPHEN) return false;
  return true;
}

/** A raw word's token, or undefined for a stop word (all-digit words never get here). */
function wordToken(word: string): string | undefined {
  return STOP_WORDS.has(word) ? undefined : stem(word);
}

/** Lower-case word tokens of 3+ letters (digits allowed inside), stop words dropped. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachWord(text, (source, start, end) => {
    const token = wordToken(source.slice(start, end));
    if (token !== undefined) tokens.push(token);
  });
  return tokens;
}

/** A light plural stemmer: enough to make 'networks'/'network' one term without mangling words. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (
    word.length > 4 &&
    word.endsWith('s') &&
    !word.endsWith('ss') &&
    !word.endsWith('us') &&
    !word.endsWith('is')
  )
    return word.slice(0, -1);
  return word;
}

/** Unigrams plus adjacent bigrams ("gradient descent"). */
export function terms(text: string): string[] {
  const tokens = tokenize(text);
  const result = [...tokens];
  for (let index = 0; index + 1 < tokens.length; index++)
    result.push(`${tokens[index]} ${tokens[index + 1]}`);
  return result;
}

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

/** `array`, or a copy half as long again when it is shorter than `needed` (the per-entry arrays of a big corpus are large). */
function grown<T extends Uint32Array | Int32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let length = Math.max(Math.ceil(array.length * 1.5), 16);
  while (length < needed) length = Math.ceil(length * 1.5);
  return bigCopy(array, 0, array.length, length);
}

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

/** Documents as an array, or a function from index to text (called once per index, in order). */
export type DocumentSource = readonly string[] | ((index: number) => string);

/** Sublinear tf weights 1 + log(tf) for small counts, so the hot loops need no Math.log. */
const LOG_TF = Float64Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));
const logTf = (tf: number): number => (tf < 256 ? LOG_TF[tf]! : 1 + Math.log(tf));

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
interface TokenStream {
  ids: Uint32Array;
  offsets: Float64Array;
  words: string[];
  frequency: Uint32Array;
}

/** Pass 1: the documents' text read once, into unigram ids. */
function tokenStream(
  documents: DocumentSource,
  documentCount: number,
  threads: TextModelThreads | undefined,
): TokenStream {
  const documentAt = typeof documents === 'function' ? documents : (index: number) => documents[index]!;
  const stream = threads && readInParallel(documentAt, documentCount, threads);
  if (stream) return stream;
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
 * Threads building one corpus's text model (Node: see text-model-parallel-node.ts): reading
 * the texts in batches (consecutive runs of `batchSize` documents, numbered from 0), then the row steps.
 */
export interface TextModelThreads {
  batchSize: number;
  /** Hands a batch to another thread if one is free; false: the caller reads it. */
  offer(index: number, texts: string[]): boolean;
  /**
   * Waits for every batch handed over: their readings by batch index and each worker's
   * BatchReader.frequency() by reader number, or undefined if a thread failed.
   */
  finish(): { batches: Map<number, ReaderBatch>; frequencies: Map<number, Uint32Array> } | undefined;
  /**
   * Takes a step over all documents, sharing them with the threads that are up; false if it
   * cannot (then the caller takes the whole step: each step writes the same whoever takes it).
   */
  rows(job: RowsJob, step: RowsStep): boolean;
  /** Ends the threads. */
  close(): void;
}

/** Starts threads to read a corpus of `documentCount` documents and build its rows, or declines (undefined). */
export type ParallelTextModel = (documentCount: number) => TextModelThreads | undefined;

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

/**
 * One stream from batches in document order: each reader's word ids renumbered by first appearance
 * in the corpus, as a single reader would have numbered them. A word's document frequency is the
 * sum of the readers' (`frequencies[reader]`, by the reader's ids): each document has one reader.
 */
function mergeBatches(
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

/**
 * Each document's distinct candidate terms with their counts: document d's are
 * ids[offsets[d] .. offsets[d+1]) and counts alike, in order of first appearance in it.
 * Candidates are the unigrams in at least `minDocumentFrequency` documents and the bigrams of two
 * such unigrams (no other term can reach that frequency), numbered by first appearance in the
 * corpus, a unigram before the bigram it closes, as if every term were numbered and the others
 * then dropped. Left out early, the rare terms (most of the distinct bigrams) cost no table slot.
 */
interface CandidateCounts {
  ids: Uint32Array;
  counts: Uint32Array;
  offsets: Float64Array;
  candidateCount: number;
  frequency: Uint32Array;
  /** Candidate → for a unigram, its word id; for a bigram, the candidate id of its first word. */
  left: Int32Array;
  /** Candidate → -1 for a unigram; for a bigram, the candidate id of its second word. */
  right: Int32Array;
}

/** Pass 2: unigram and bigram counts per document, read from the token stream. */
function candidateCounts(stream: TokenStream, minDocumentFrequency: number): CandidateCounts {
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
  let counts = bigUint32(ids.length);
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

export interface TextModelOptions {
  /** Terms in fewer documents are dropped (they cannot link two papers). Default 2. */
  minDocumentFrequency?: number;
  /**
   * Reads the texts and fills the rows on several threads (Node: text-model-parallel-node.ts);
   * absent or declining, one thread does. A thread failing while reading makes this one read every
   * document again (calling a DocumentSource function a second time per index).
   */
  parallel?: ParallelTextModel;
}

/**
 * What the per-document steps of the model read and write, as plain typed arrays on
 * SharedArrayBuffers where the platform has them, so that threads can share the steps.
 */
export interface RowsJob {
  documentCount: number;
  /** Kept terms; their ids are below this. */
  kept: number;
  /** Candidate counts per document (see CandidateCounts). */
  rawIds: Uint32Array;
  rawCounts: Uint32Array;
  rawOffsets: Float64Array;
  /** Candidate id → kept term id, or -1. */
  keptId: Int32Array;
  idf: Float64Array;
  /** Written by groupRows: each document's number of kept terms and heaviest term (`kept` if none). */
  rowLength: Uint32Array;
  groupOf: Uint32Array;
  /** Read by fillRows, which writes the rows' termIds and weights. */
  rowStart: Uint32Array;
  termIds: Uint32Array;
  weights: Float64Array;
}

/** The steps a thread can take over: each writes only its documents' entries. */
export type RowsStep = 'group' | 'fill';

/** Each of documents [from, to): its kept term count and heaviest term (ties: lower id). */
export function groupRows(job: RowsJob, from: number, to: number): void {
  const { kept, rawIds, rawCounts, rawOffsets, keptId, idf, rowLength, groupOf } = job;
  for (let doc = from; doc < to; doc++) {
    let heaviest = kept;
    let heaviestWeight = 0;
    let length = 0;
    for (let entry = rawOffsets[doc]!, end = rawOffsets[doc + 1]!; entry < end; entry++) {
      const id = keptId[rawIds[entry]!]!;
      if (id < 0) continue;
      length++;
      const weight = logTf(rawCounts[entry]!) * idf[id]!;
      if (weight > heaviestWeight || (weight === heaviestWeight && id < heaviest)) {
        heaviest = id;
        heaviestWeight = weight;
      }
    }
    rowLength[doc] = length;
    groupOf[doc] = heaviest;
  }
}

/** Rows of documents [from, to): kept term ids ascending, weights L2-normalised. `tf`: scratch, one entry per term. */
export function fillRows(job: RowsJob, from: number, to: number, tf = new Uint32Array(job.kept)): void {
  const { rawIds, rawCounts, rawOffsets, keptId, idf, rowStart, termIds, weights } = job;
  for (let doc = from; doc < to; doc++) {
    const start = rowStart[doc]!;
    let write = start;
    for (let entry = rawOffsets[doc]!, end = rawOffsets[doc + 1]!; entry < end; entry++) {
      const id = keptId[rawIds[entry]!]!;
      if (id < 0) continue;
      tf[id] = rawCounts[entry]!;
      termIds[write++] = id;
    }
    termIds.subarray(start, write).sort();
    let norm = 0;
    for (let position = start; position < write; position++) {
      const id = termIds[position]!;
      const weight = logTf(tf[id]!) * idf[id]!;
      weights[position] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let position = start; position < write; position++) weights[position]! /= norm;
  }
}

/**
 * TF-IDF with sublinear tf (1 + log tf) and smoothed idf, L2-normalised. Terms seen in fewer than
 * `minDocumentFrequency` documents are dropped (they cannot link two papers).
 */
export function buildTextModel(
  documents: DocumentSource,
  documentCount: number,
  { minDocumentFrequency = 2, parallel }: TextModelOptions = {},
): CompactTextModel {
  const threads = parallel?.(documentCount);
  try {
    return modelOf(documents, documentCount, minDocumentFrequency, threads);
  } finally {
    threads?.close();
  }
}

function modelOf(
  documents: DocumentSource,
  documentCount: number,
  minDocumentFrequency: number,
  threads: TextModelThreads | undefined,
): CompactTextModel {
  const stream = tokenStream(documents, documentCount, threads);
  const words = stream.words;
  const candidates = candidateCounts(stream, minDocumentFrequency);
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
