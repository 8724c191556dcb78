/**
 * Rebuilds an OpenAlex abstract from its inverted index as the byte scanner (openalex-scan-abstract.ts)
 * meets it: words are byte ranges of the line, never strings; their occurrences are sorted by
 * position and copied into one buffer decoded once. The result is exactly what
 * `abstractFromInvertedIndex` gives for the parsed index: same order for equal positions (Object
 * key order), same white space collapsing. A repeated word (JSON.parse keeps its last positions)
 * or a word that cannot be compared by bytes is refused, and the scanner falls back.
 *
 * Not reentrant: one abstract at a time, in module state reused from line to line.
 */
import { FNV_OFFSET, FNV_PRIME } from '../../model/hash.ts';
import { collapseWhitespace } from './format-helpers.ts';
import { MAX_ABSTRACT_WORDS } from './openalex.ts';

const ZERO = 0x30;
const NINE = 0x39;
const NO_BYTES = new Uint8Array(0);
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** The line whose bytes the raw words are (kept until the next abstract: one buffer at most). */
let b: Uint8Array = NO_BYTES;
let words = 0;
let occurrences = 0;
let maxPosition = 0;

/** Occurrence i is word `occurrenceWord[i]` at position `occurrencePosition[i]`. */
let occurrencePosition: Float64Array = new Float64Array(1024);
let occurrenceWord: Int32Array = new Int32Array(1024);
/** Word k is bytes [wordStart[k], wordEnd[k]) of the line, or of `unescaped` when wordUnescaped[k]. */
let wordStart: Int32Array = new Int32Array(256);
let wordEnd: Int32Array = new Int32Array(256);
let wordUnescaped: Uint8Array = new Uint8Array(256);
let wordHash: Int32Array = new Int32Array(256);
/** Decoded UTF-8 of the words written with escapes. */
let unescaped: Uint8Array = new Uint8Array(1024);
let unescapedLength = 0;
/** Open-addressing set of word numbers + 1 by hash, to find duplicate words (JSON.parse keeps the last). */
let wordTable: Int32Array = new Int32Array(1024);
let sortKeys: Float64Array = new Float64Array(1024);
let output: Uint8Array = new Uint8Array(4096);

/** Spare bits below the position in a sort key, holding the occurrence number. */
const OCCURRENCE_BITS = 2 ** 21;

function grownFloat64(array: Float64Array, needed: number): Float64Array {
  if (needed <= array.length) return array;
  const grown = new Float64Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

function grownInt32(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const grown = new Int32Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

function grownBytes(array: Uint8Array, needed: number): Uint8Array {
  if (needed <= array.length) return array;
  const grown = new Uint8Array(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

function wordSource(word: number): Uint8Array {
  return wordUnescaped[word] ? unescaped : b;
}

/** Whether a string has a lone surrogate (not representable in UTF-8). */
function hasLoneSurrogate(value: string): boolean {
  for (let k = 0; k < value.length; k++) {
    const unit = value.charCodeAt(k);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = value.charCodeAt(k + 1);
    if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return true;
    k++;
  }
  return false;
}

/** Whether b[start .. stop) is well-formed UTF-8 (then equal bytes mean equal decoded strings). */
function isWellFormedUtf8(start: number, stop: number): boolean {
  let i = start;
  while (i < stop) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) length = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      length = 3;
      if (c === 0xe0) low = 0xa0;
      else if (c === 0xed) high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      length = 4;
      if (c === 0xf0) low = 0x90;
      else if (c === 0xf4) high = 0x8f;
    } else return false;
    if (i + length > stop) return false;
    const second = b[i + 1]!;
    if (second < low || second > high) return false;
    for (let k = 2; k < length; k++) {
      const next = b[i + k]!;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += length;
  }
  return true;
}

/** Starts the abstract of a new index; raw words are ranges of `line`. */
export function startAbstract(line: Uint8Array): void {
  b = line;
  words = 0;
  occurrences = 0;
  maxPosition = 0;
  unescapedLength = 0;
  wordTable.fill(0);
}

/**
 * Adds a word written without escapes, line[start .. stop). Returns its number, or -1 when the
 * line must go to JSON.parse: the word repeats an earlier one, or is not well-formed UTF-8
 * (different invalid bytes can decode to the same string, so bytes could not tell repeats).
 */
export function addRawWord(start: number, stop: number, nonAscii: boolean): number {
  if (nonAscii && !isWellFormedUtf8(start, stop)) return -1;
  return addWord(b, start, stop);
}

/** Adds a word that was written with escapes, as JSON.parse decoded it; -1 as for `addRawWord`. */
export function addDecodedWord(value: string): number {
  if (hasLoneSurrogate(value)) return -1;
  unescaped = grownBytes(unescaped, unescapedLength + value.length * 3);
  const start = unescapedLength;
  unescapedLength += encoder.encodeInto(value, unescaped.subarray(start)).written;
  return addWord(unescaped, start, unescapedLength);
}

function addWord(source: Uint8Array, start: number, stop: number): number {
  const word = words++;
  if (word >= wordStart.length) {
    wordStart = grownInt32(wordStart, word + 1);
    wordEnd = grownInt32(wordEnd, word + 1);
    wordHash = grownInt32(wordHash, word + 1);
    wordUnescaped = grownBytes(wordUnescaped, word + 1);
  }
  let hash = FNV_OFFSET;
  for (let k = start; k < stop; k++) hash = Math.imul(hash ^ source[k]!, FNV_PRIME);
  wordStart[word] = start;
  wordEnd[word] = stop;
  wordUnescaped[word] = source === b ? 0 : 1;
  wordHash[word] = hash;
  if (word * 2 >= wordTable.length) rehashWords(word);
  const mask = wordTable.length - 1;
  let slot = hash & mask;
  for (let other = wordTable[slot]!; other !== 0; other = wordTable[slot]!) {
    if (wordHash[other - 1] === hash && sameWord(other - 1, word)) return -1;
    slot = (slot + 1) & mask;
  }
  wordTable[slot] = word + 1;
  return word;
}

/**
 * Places `word` at `position` when `abstractFromInvertedIndex` would (an integer in
 * [0, MAX_ABSTRACT_WORDS)). Returns false when there are too many occurrences to sort here.
 */
export function addOccurrence(word: number, position: number): boolean {
  if (!(Number.isInteger(position) && position >= 0 && position < MAX_ABSTRACT_WORDS)) return true;
  if (occurrences + 1 >= OCCURRENCE_BITS) return false;
  if (occurrences >= occurrencePosition.length) {
    occurrencePosition = grownFloat64(occurrencePosition, occurrences + 1);
    occurrenceWord = grownInt32(occurrenceWord, occurrences + 1);
  }
  occurrencePosition[occurrences] = position;
  occurrenceWord[occurrences++] = word;
  if (position > maxPosition) maxPosition = position;
  return true;
}

/** The abstract of the words added since `startAbstract`, or undefined when none was placed. */
export function finishAbstract(): string | undefined {
  return occurrences === 0 ? undefined : joinWords(sortedOccurrences(occurrences, maxPosition));
}

function sameWord(a: number, c: number): boolean {
  const length = wordEnd[a]! - wordStart[a]!;
  if (length !== wordEnd[c]! - wordStart[c]!) return false;
  const sourceA = wordSource(a);
  const sourceC = wordSource(c);
  for (let k = 0; k < length; k++) {
    if (sourceA[wordStart[a]! + k] !== sourceC[wordStart[c]! + k]) return false;
  }
  return true;
}

/** Doubles the word table and re-inserts words 0 .. count-1. */
function rehashWords(count: number): void {
  wordTable = new Int32Array(wordTable.length * 2);
  const mask = wordTable.length - 1;
  for (let word = 0; word < count; word++) {
    let slot = wordHash[word]! & mask;
    while (wordTable[slot] !== 0) slot = (slot + 1) & mask;
    wordTable[slot] = word + 1;
  }
}

/**
 * Object.entries order of a key: array-index keys ("0" … "4294967294") first by value, then the
 * others in insertion order. Only needed to order words placed at the same position.
 */
function entryRank(word: number): number {
  const source = wordSource(word);
  const start = wordStart[word]!;
  const length = wordEnd[word]! - start;
  let value = 0;
  let index = length > 0 && length <= 10 && (length === 1 || source[start] !== ZERO);
  for (let k = 0; index && k < length; k++) {
    const c = source[start + k]!;
    index = c >= ZERO && c <= NINE;
    value = value * 10 + (c - ZERO);
  }
  return index && value < 2 ** 32 - 1 ? value : 2 ** 32 + word;
}

/** Occurrence + 1 by position (all zero between uses), and the occurrences in position order. */
let slots: Int32Array = new Int32Array(1024);
let ordered: Int32Array = new Int32Array(1024);

/**
 * The occurrence numbers in position order; equal positions in Object.entries order, as the stable
 * sort of `abstractFromInvertedIndex` leaves them.
 */
function sortedOccurrences(count: number, highest: number): ArrayLike<number> {
  // Usual case (OpenAlex numbers the words 0 .. n-1): each position once, so placing by position sorts.
  if (highest < 4 * count + 64) {
    slots = grownInt32(slots, highest + 1);
    ordered = grownInt32(ordered, count);
    let unique = true;
    for (let k = 0; k < count; k++) {
      const position = occurrencePosition[k]! | 0;
      if (slots[position] !== 0) {
        unique = false;
        break;
      }
      slots[position] = k + 1;
    }
    let placed = 0;
    for (let position = 0; position <= highest; position++) {
      const slot = slots[position]!;
      if (slot !== 0) {
        ordered[placed++] = slot - 1;
        slots[position] = 0;
      }
    }
    if (unique) return ordered.subarray(0, count);
  }
  sortKeys = grownFloat64(sortKeys, count);
  const keys = sortKeys.subarray(0, count);
  for (let k = 0; k < count; k++) keys[k] = occurrencePosition[k]! * OCCURRENCE_BITS + k;
  keys.sort();
  let tie = false;
  let previous = -1;
  for (let k = 0; k < count; k++) {
    const position = Math.floor(keys[k]! / OCCURRENCE_BITS);
    if (position === previous) tie = true;
    previous = position;
    keys[k] = keys[k]! - position * OCCURRENCE_BITS;
  }
  if (!tie) return keys;
  const order = Array.from(keys);
  const rank = new Map<number, number>();
  const rankOf = (occurrence: number): number => {
    const word = occurrenceWord[occurrence]!;
    let value = rank.get(word);
    if (value === undefined) {
      value = entryRank(word);
      rank.set(word, value);
    }
    return value;
  };
  order.sort((x, y) => occurrencePosition[x]! - occurrencePosition[y]! || rankOf(x) - rankOf(y) || x - y);
  return order;
}

/** Whether a byte may start white space for `\s` (ASCII space and controls, or the lead byte of a Zs, U+FEFF, U+2028/9). */
function mayBeSpace(c: number): boolean {
  return c <= 0x20 || c === 0xc2 || c === 0xe1 || c === 0xe2 || c === 0xe3 || c === 0xef;
}

/** The words in the given occurrence order joined by single spaces, decoded once, white space collapsed. */
function joinWords(order: ArrayLike<number>): string | undefined {
  let length = order.length - 1;
  for (let k = 0; k < order.length; k++) {
    const word = occurrenceWord[order[k]!]!;
    length += wordEnd[word]! - wordStart[word]!;
  }
  output = grownBytes(output, length);
  let o = 0;
  // Without empty words or white space inside words the joined text is already collapsed.
  let collapsed = true;
  for (let k = 0; k < order.length; k++) {
    if (k > 0) output[o++] = 0x20;
    const word = occurrenceWord[order[k]!]!;
    const source = wordSource(word);
    const start = wordStart[word]!;
    const stop = wordEnd[word]!;
    if (start === stop) collapsed = false;
    for (let i = start; i < stop; i++) {
      const c = source[i]!;
      if ((c <= 0x20 || c >= 0x80) && mayBeSpace(c)) collapsed = false;
      output[o++] = c;
    }
  }
  const joined = decoder.decode(output.subarray(0, o));
  return (collapsed ? joined : collapseWhitespace(joined)) || undefined;
}
