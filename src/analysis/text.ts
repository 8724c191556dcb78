/**
 * Text features for theme detection: LaTeX and markup stripped, stop words removed, unigrams and
 * bigrams, TF-IDF weighted, L2-normalised sparse vectors, and k nearest neighbours by cosine.
 *
 * Everything is kept in typed arrays (a CSR row per document, a CSR posting list per term) so a
 * million abstracts fit: no object per document, term or posting.
 */

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

/**
 * Calls `onWord` with each raw word of `text` (a run of [a-z0-9-] of `wordText`, hyphens trimmed)
 * that is 3+ characters long and not all digits; the caller checks stop words and stems.
 */
function forEachWord(text: string, onWord: (source: string, start: number, end: number) => void): void {
  const source = wordText(text);
  const length = source.length;
  let position = 0;
  while (position < length) {
    while (position < length && WORD_CHAR[source.charCodeAt(position)] === 0) position++;
    let start = position;
    let letters = false;
    while (position < length) {
      const kind = WORD_CHAR[source.charCodeAt(position)]!;
      if (kind === 0) break;
      if (kind === LETTER) letters = true;
      position++;
    }
    let end = position;
    while (start < end && source.charCodeAt(start) === CHAR_HYPHEN) start++;
    while (end > start && source.charCodeAt(end - 1) === CHAR_HYPHEN) end--;
    if (end - start < 3 || (!letters && allDigits(source, start, end))) continue;
    onWord(source, start, end);
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
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
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

  /** The value of source[start, end), or MISSING. */
  get(source: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let position = start; position < end; position++)
      hash = Math.imul(hash ^ source.charCodeAt(position), 16_777_619);
    hash >>>= 0;
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

/**
 * TF-IDF with sublinear tf (1 + log tf) and smoothed idf, L2-normalised. Terms seen in fewer than
 * `minDocumentFrequency` documents are dropped (they cannot link two papers).
 */
export function buildTextModel(
  documents: DocumentSource,
  documentCount: number,
  minDocumentFrequency = 2,
): CompactTextModel {
  const documentAt = typeof documents === 'function' ? documents : (index: number) => documents[index]!;
  // Pass 1: every term gets an id when first seen (a unigram before the bigram it closes); each
  // document's distinct term ids and counts are appended to one growing pair of arrays.
  const wordIds = new WordTable();
  const tokenIds = new Map<string, number>();
  const bigramIds = new PairTable();
  const words: string[] = [];
  let termCount = 0;
  let termLeft = new Int32Array(1024);
  let termRight = new Int32Array(1024);
  let frequency = new Uint32Array(1024);
  let count = new Uint32Array(1024);
  const newTerm = (left: number, right: number): number => {
    if (termCount === termLeft.length) {
      termLeft = grown(termLeft, termCount + 1);
      termRight = grown(termRight, termCount + 1);
      frequency = grown(frequency, termCount + 1);
      count = grown(count, termCount + 1);
    }
    termLeft[termCount] = left;
    termRight[termCount] = right;
    return termCount++;
  };
  let rawIds = new Uint32Array(Math.max(1024, documentCount * 64));
  let rawCounts = new Uint32Array(rawIds.length);
  const rawOffsets = new Uint32Array(documentCount + 1);
  let entries = 0;
  let previous = -1;
  const countTerm = (id: number): void => {
    if (count[id] === 0) {
      if (entries === rawIds.length) {
        rawIds = grown(rawIds, entries + 1);
        rawCounts = grown(rawCounts, entries + 1);
      }
      rawIds[entries++] = id;
    }
    count[id]!++;
  };
  const onWord = (source: string, start: number, end: number): void => {
    let unigram = wordIds.get(source, start, end);
    if (unigram === MISSING) {
      const token = wordToken(source.slice(start, end));
      if (token === undefined) unigram = -1;
      else {
        let id = tokenIds.get(token);
        if (id === undefined) {
          id = newTerm(words.length, -1);
          words.push(token);
          tokenIds.set(token, id);
        }
        unigram = id;
      }
      wordIds.addLast(source, start, end, unigram);
    }
    if (unigram < 0) return;
    countTerm(unigram);
    if (previous >= 0) {
      let bigram = bigramIds.get(previous, unigram);
      if (bigram < 0) {
        bigram = newTerm(previous, unigram);
        bigramIds.add(previous, unigram, bigram);
      }
      countTerm(bigram);
    }
    previous = unigram;
  };
  for (let doc = 0; doc < documentCount; doc++) {
    const start = entries;
    previous = -1;
    forEachWord(documentAt(doc), onWord);
    for (let entry = start; entry < entries; entry++) {
      const id = rawIds[entry]!;
      rawCounts[entry] = count[id]!;
      count[id] = 0;
      frequency[id]!++;
    }
    rawOffsets[doc + 1] = entries;
  }

  // Pass 2: renumber the kept terms (in the same order, so rows sort the same), then weigh each row.
  const keptId = new Int32Array(termCount);
  let kept = 0;
  for (let id = 0; id < termCount; id++) keptId[id] = frequency[id]! >= minDocumentFrequency ? kept++ : -1;
  const keptLeft = new Int32Array(kept);
  const keptRight = new Int32Array(kept);
  const documentFrequency = new Uint32Array(kept);
  const idf = new Float64Array(kept);
  for (let id = 0; id < termCount; id++) {
    const next = keptId[id]!;
    if (next < 0) continue;
    const right = termRight[id]!;
    keptLeft[next] = right < 0 ? termLeft[id]! : keptId[termLeft[id]!]!;
    keptRight[next] = right < 0 ? -1 : keptId[right]!;
    documentFrequency[next] = frequency[id]!;
    idf[next] = Math.log((1 + documentCount) / (1 + frequency[id]!)) + 1;
  }
  let keptEntries = 0;
  for (let entry = 0; entry < entries; entry++) if (keptId[rawIds[entry]!]! >= 0) keptEntries++;
  // Rows are stored grouped by each document's heaviest term, so documents likely to be each
  // other's candidates sit close in memory: the nearest-neighbour search reads candidate rows at
  // random, and a million rows do not fit in any cache.
  const rowLength = new Uint32Array(documentCount);
  const groupOf = new Uint32Array(documentCount);
  const groupSize = new Uint32Array(kept + 2);
  for (let doc = 0; doc < documentCount; doc++) {
    let heaviest = kept;
    let heaviestWeight = 0;
    for (let entry = rawOffsets[doc]!, end = rawOffsets[doc + 1]!; entry < end; entry++) {
      const id = keptId[rawIds[entry]!]!;
      if (id < 0) continue;
      rowLength[doc]!++;
      const weight = (1 + Math.log(rawCounts[entry]!)) * idf[id]!;
      if (weight > heaviestWeight || (weight === heaviestWeight && id < heaviest)) {
        heaviest = id;
        heaviestWeight = weight;
      }
    }
    groupOf[doc] = heaviest;
    groupSize[heaviest + 1]!++;
  }
  for (let group = 0; group <= kept; group++) groupSize[group + 1]! += groupSize[group]!;
  const order = new Uint32Array(documentCount);
  for (let doc = 0; doc < documentCount; doc++) order[groupSize[groupOf[doc]!]!++] = doc;
  const rowStart = new Uint32Array(documentCount);
  const rowEnd = new Uint32Array(documentCount);
  let place = 0;
  for (let index = 0; index < documentCount; index++) {
    const doc = order[index]!;
    rowStart[doc] = place;
    place += rowLength[doc]!;
    rowEnd[doc] = place;
  }
  const termIds = new Uint32Array(keptEntries);
  const weights = new Float64Array(keptEntries);
  const tf = new Uint32Array(kept);
  for (let doc = 0; doc < documentCount; doc++) {
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
      const weight = (1 + Math.log(tf[id]!)) * idf[id]!;
      weights[position] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let position = start; position < write; position++) weights[position]! /= norm;
  }
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

export interface KnnOptions {
  k: number;
  minSimilarity: number;
  /** Each term keeps only its this-many highest-weighted documents as candidates (impact-ordered postings). */
  maxPostings: number;
  /** Only a document's strongest terms propose candidates; keeps large corpora near-linear. */
  termsPerDocument: number;
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
interface Postings {
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
  const heap = new Float64Array(heaps * maxPostings);
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
  const offsets = new Uint32Array(termCount + 1);
  for (let id = 0; id < termCount; id++)
    offsets[id + 1] = offsets[id]! + Math.min(documentFrequency[id]!, maxPostings);
  const total = offsets[termCount]!;
  const docs = new Uint32Array(total);
  const postingWeights = new Float64Array(total);
  // Per term: the next free position (uncut lists, and the above-cut part of cut lists) and the
  // number of at-cut documents placed so far.
  const next = offsets.slice(0, termCount);
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

/**
 * k nearest neighbours by cosine. Candidates come from an inverted index whose posting lists are
 * truncated to each term's strongest documents and are scored by their partial dot product over the
 * document's strongest terms; the best candidates are then re-scored exactly. On small corpora
 * (postings shorter than the cap) this is exact.
 */
export function nearestNeighbourTable(model: CompactTextModel, options: KnnOptions): NeighbourTable {
  const { k, minSimilarity, termsPerDocument } = options;
  const n = model.documentCount;
  const { rowStart, rowEnd, order, termIds, weights } = model;
  const postings = buildPostings(model, options.maxPostings);
  const shortlistSize = k * RERANK_FACTOR;
  const counts = new Uint8Array(n);
  const indices = new Int32Array(n * k);
  const similarities = new Float64Array(n * k);
  // Partial scores in a small hash table keyed by document: it stays in cache, where an array of
  // one score per document would miss on nearly every candidate of a large corpus.
  const maxCandidates = termsPerDocument * options.maxPostings;
  const bits = Math.max(6, Math.ceil(Math.log2(2 * maxCandidates)));
  const tableMask = (1 << bits) - 1;
  const tableKeys = new Int32Array(1 << bits).fill(-1);
  const tableScores = new Float64Array(1 << bits);
  const touched = new Int32Array(maxCandidates);
  const dense = new Float64Array(model.termCount);
  const top = new Int32Array(shortlistSize);
  const topScores = new Float64Array(shortlistSize);
  const found = new Int32Array(shortlistSize);
  const foundSimilarity = new Float64Array(shortlistSize);
  const strongest = new Float64Array(termsPerDocument);
  for (let visit = 0; visit < n; visit++) {
    const doc = order[visit]!;
    const start = rowStart[doc]!;
    const end = rowEnd[doc]!;
    const length = end - start;
    // The strongest terms: weights at or above the termsPerDocument-th largest, first ones first.
    let threshold = Number.NEGATIVE_INFINITY;
    if (length > termsPerDocument) threshold = largest(weights, start, end, strongest);
    const postingOffsets = postings.offsets;
    const postingDocs = postings.docs;
    const postingWeights = postings.weights;
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
  return { k, counts, indices, similarities };
}
