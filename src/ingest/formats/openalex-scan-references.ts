/**
 * `referenced_works` of an OpenAlex work read by the byte scanner: each string goes straight to an
 * OpenAlex id, shared through the ReferenceInterner when one is given.
 */
import {
  normaliseOpenAlexId,
  OPENALEX_ENTITY_LETTERS,
  OPENALEX_NUMBERED_DIGITS,
  openAlexKey,
} from '../../model/ids.ts';
import type { ReferenceInterner } from '../../model/reference-lists.ts';
import type { CitedReference } from '../../model/types.ts';
import { text } from './format-helpers.ts';
import {
  asciiString,
  at,
  b,
  CLOSE_BRACKET,
  end,
  endOfMember,
  isEmptyContainer,
  NINE,
  OPEN_BRACKET,
  p,
  QUOTE,
  scanString,
  skipSpace,
  skipValue,
  stringEnd,
  stringFlags,
  stringStart,
  stringValue,
  takeAsciiString,
  ZERO,
} from './json-byte-cursor.ts';

const encoder = new TextEncoder();

/** The upper-case id prefix for each byte that may start an OpenAlex id ('w' → 'W'), else ''. */
const ID_PREFIX: string[] = Array.from({ length: 256 }, (_, byte) => {
  const letter = String.fromCharCode(byte);
  return OPENALEX_ENTITY_LETTERS.includes(letter.toUpperCase()) ? letter.toUpperCase() : '';
});

/**
 * `normaliseOpenAlexId(text(s))` for an ASCII string without escapes, from its bytes: trailing
 * digits after one of the id letters, the letter upper-cased.
 */
function openAlexIdFromBytes(start: number, stop: number): string | undefined {
  while (start < stop && b[start] === 0x20) start++;
  while (stop > start && b[stop - 1] === 0x20) stop--;
  let digits = stop;
  while (digits > start && b[digits - 1]! >= ZERO && b[digits - 1]! <= NINE) digits--;
  if (digits === stop || digits === start) return undefined;
  const letter = b[digits - 1]!;
  const prefix = ID_PREFIX[letter]!;
  if (prefix === '') return undefined;
  return letter < 0x60 ? asciiString(digits - 1, stop) : prefix + asciiString(digits, stop);
}

const PREFIX_INDEX: number[] = Array.from({ length: 256 }, (_, byte) =>
  OPENALEX_ENTITY_LETTERS.indexOf(String.fromCharCode(byte).toUpperCase()),
);

/**
 * The id on b[start .. stop) as openAlexIdNumber (model/ids.ts) numbers it, or -1 for shapes that are not interned (leading zero, over 14 digits).
 */
function openAlexKeyFromBytes(start: number, stop: number): number {
  while (start < stop && b[start] === 0x20) start++;
  while (stop > start && b[stop - 1] === 0x20) stop--;
  let digits = stop;
  while (digits > start && b[digits - 1]! >= ZERO && b[digits - 1]! <= NINE) digits--;
  if (digits === stop || digits === start || stop - digits > OPENALEX_NUMBERED_DIGITS) return -1;
  if (b[digits] === ZERO && stop - digits > 1) return -1;
  const prefix = PREFIX_INDEX[b[digits - 1]!]!;
  if (prefix < 0) return -1;
  let value = 0;
  for (let at = digits; at < stop; at++) value = value * 10 + (b[at]! - ZERO);
  return openAlexKey(prefix, value);
}

const CANONICAL_ID_PREFIX = encoder.encode('https://openalex.org/');

/**
 * openAlexKeyFromBytes for the string at b[p] when it is written the way OpenAlex writes ids
 * ("https://openalex.org/W2741809807": the URL, an upper-case letter, digits without a leading
 * zero): one pass over its bytes, with no trimming and no backward scan. Leaves p after the string
 * and its bounds in stringStart/stringEnd. Anything else returns -1 with p unchanged.
 */
function canonicalIdKey(): number {
  const bytes = b;
  const prefixLength = CANONICAL_ID_PREFIX.length;
  let i = p + 1;
  if (i + prefixLength + 3 > end) return -1;
  for (let k = 0; k < prefixLength; k++) if (bytes[i + k] !== CANONICAL_ID_PREFIX[k]) return -1;
  i += prefixLength;
  const letter = bytes[i]!;
  const prefix = letter < 0x60 ? PREFIX_INDEX[letter]! : -1;
  if (prefix < 0) return -1;
  const first = ++i;
  if (bytes[first] === ZERO) return -1;
  let value = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c < ZERO || c > NINE) break;
    value = value * 10 + (c - ZERO);
  }
  if (i >= end || bytes[i] !== QUOTE || i === first || i - first > OPENALEX_NUMBERED_DIGITS) return -1;
  takeAsciiString(i);
  return openAlexKey(prefix, value);
}

function referenceFromBytes(start: number, stop: number): CitedReference | undefined {
  const openalex = openAlexIdFromBytes(start, stop);
  return openalex ? { openalex } : undefined;
}
/** Reads the list at b[p] as references; anything but an array is skipped (no references). */
export function readReferences(interner: ReferenceInterner | undefined): CitedReference[] {
  const found: CitedReference[] = [];
  // Whether every reference is shared: then the list is kept as numbers too (and the table knows
  // whether it cites a work twice, so the merge need not check it).
  let shared = interner !== undefined;
  interner?.nextWork();
  if (at(p) !== OPEN_BRACKET) {
    skipValue();
    return found;
  }
  if (isEmptyContainer(CLOSE_BRACKET)) return found;
  for (;;) {
    skipSpace();
    if (at(p) === QUOTE) {
      let key = interner ? canonicalIdKey() : -1;
      if (key < 0) {
        scanString();
        key = interner && stringFlags === 0 ? openAlexKeyFromBytes(stringStart, stringEnd) : -1;
      }
      let reference: CitedReference | undefined;
      if (key >= 0) {
        let number = interner!.numberOf(key);
        if (number < 0) number = interner!.add(key, referenceFromBytes(stringStart, stringEnd)!);
        reference = interner!.reference(number);
        interner!.cite(number);
      } else if (stringFlags !== 0) {
        const openalex = normaliseOpenAlexId(text(stringValue()));
        reference = openalex ? { openalex } : undefined;
        shared = false;
      } else {
        reference = referenceFromBytes(stringStart, stringEnd);
        shared = false;
      }
      if (reference) found.push(reference);
    } else {
      skipValue();
    }
    if (endOfMember(CLOSE_BRACKET)) {
      if (shared) interner!.sealList(found);
      return found;
    }
  }
}
