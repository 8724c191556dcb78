/**
 * On-demand scanner for one OpenAlex JSON Lines work (in the style of simdjson "on demand"): walks
 * the line's UTF-8 bytes once, validating the JSON as it goes, and builds JS values only for the
 * fields `recordFromOpenAlexWork` reads. Everything else (most of a work) is skipped without
 * allocating; the abstract index and `referenced_works`, the bulk of what is read, are turned into
 * the abstract (openalex-abstract-bytes.ts) and the references straight from bytes, never into
 * objects or strings per entry.
 *
 * Contract: for every line the result is exactly what `parseOpenAlexLine` gives for the decoded
 * line, or `undefined`, meaning "decode the line and use `parseOpenAlexLine`". Anything unusual
 * falls back: invalid JSON (so the diagnostic stays the JSON.parse one), a line that is not an
 * object, duplicate words in the abstract index, lone surrogates in an abstract word, nesting deep
 * enough to overflow the stack.
 *
 * Strings are decoded from the bytes, so they are fresh: none keeps the line (or its chunk) alive.
 * Not reentrant: the cursor is module state (one line at a time, no callbacks).
 */
import {
  normaliseOpenAlexId,
  OPENALEX_ENTITY_LETTERS,
  OPENALEX_NUMBERED_DIGITS,
  openAlexKey,
} from '../../model/ids.ts';
import type { ReferenceInterner } from '../../model/reference-lists.ts';
import type { CitedReference, Diagnostic, PaperRecord } from '../../model/types.ts';
import { type JsonObject, text } from './format-helpers.ts';
import { recordFromOpenAlexWork } from './openalex.ts';
import {
  addDecodedWord,
  addOccurrence,
  addRawWord,
  finishAbstract,
  startAbstract,
} from './openalex-abstract-bytes.ts';

/** Thrown (one shared instance, no stack walk per line) to abandon the fast path. */
const FALLBACK = new Error('openalex-scan: fall back to JSON.parse');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** String flags set by `scanString`. */
const ESCAPED = 1;
const NON_ASCII = 2;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
const NO_BYTES = new Uint8Array(0);

// The cursor: the line is b[p .. end).
let b: Uint8Array = NO_BYTES;
let p = 0;
let end = 0;
// The last string scanned: its content is b[stringStart .. stringEnd), with ESCAPED / NON_ASCII flags.
let stringStart = 0;
let stringEnd = 0;
let stringFlags = 0;

function fail(): never {
  throw FALLBACK;
}

/** The byte at i, or -1 past the line (the buffer may hold the next line there). */
function at(i: number): number {
  return i < end ? b[i]! : -1;
}

function skipSpace(): void {
  const bytes = b;
  const stop = end;
  let i = p;
  while (i < stop) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  p = i;
}

/** Skips white space and one expected byte. */
function expect(byte: number): void {
  skipSpace();
  if (at(p) !== byte) fail();
  p++;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Scans the string starting at b[p] (a quote), validating escapes; leaves p after it. */
function scanString(): void {
  // Locals: module variables are reloaded from memory at every use in a loop.
  const bytes = b;
  const stop = end;
  let i = p + 1;
  let flags = 0;
  for (;;) {
    if (i >= stop) fail();
    const c = bytes[i]!;
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      flags |= ESCAPED;
      const next = at(i + 1);
      if (next === 0x75 /* u */) {
        if (!(isHex(at(i + 2)) && isHex(at(i + 3)) && isHex(at(i + 4)) && isHex(at(i + 5)))) fail();
        i += 6;
      } else if (
        next === QUOTE ||
        next === BACKSLASH ||
        next === 0x2f /* / */ ||
        next === 0x62 /* b */ ||
        next === 0x66 /* f */ ||
        next === 0x6e /* n */ ||
        next === 0x72 /* r */ ||
        next === 0x74 /* t */
      ) {
        i += 2;
      } else {
        fail();
      }
      continue;
    }
    if (c < 0x20) fail();
    if (c >= 0x80) flags |= NON_ASCII;
    i++;
  }
  stringStart = p + 1;
  stringEnd = i;
  stringFlags = flags;
  p = i + 1;
}

const char = String.fromCharCode;

/**
 * Bytes below 0x80 as a string. Up to 16 bytes by one String.fromCharCode call with that many
 * arguments, which V8 turns into a direct string allocation (several times faster than a
 * TextDecoder call or `apply` for the short ids, dates and names that dominate).
 */
// biome-ignore format: one line per length reads better than 130 lines of arguments.
function asciiString(s: number, stop: number): string {
  switch (stop - s) {
    case 0: return '';
    case 1: return char(b[s]!);
    case 2: return char(b[s]!, b[s + 1]!);
    case 3: return char(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!);
    case 11: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
    case 12: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!);
    case 13: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!);
    case 14: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!);
    case 15: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!);
    case 16: return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!);
  }
  if (stop - s > 64) return decoder.decode(b.subarray(s, stop));
  return char.apply(null, b.subarray(s, stop) as unknown as number[]);
}

function hexValue(c: number): number {
  return c <= NINE ? c - ZERO : (c | 0x20) - 0x61 + 10;
}

const ESCAPED_CHARS: Record<number, string> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

/**
 * The last few strings decoded from this line: a work repeats itself (title and display_name, an
 * author's display_name and raw_author_name), and one string for both saves decoding and memory.
 */
const RECENT = 4;
const recentStart = new Int32Array(RECENT);
const recentEnd = new Int32Array(RECENT);
const recentValue: string[] = new Array<string>(RECENT).fill('');
let recentNext = 0;

function forgetRecent(): void {
  recentEnd.set(recentStart);
}

/** Bytes without escapes as a string, reusing a recent equal one. */
function unescapedString(start: number, stop: number, ascii: boolean): string {
  const length = stop - start;
  if (length < 8) return ascii ? asciiString(start, stop) : decoder.decode(b.subarray(start, stop));
  for (let r = 0; r < RECENT; r++) {
    const other = recentStart[r]!;
    if (recentEnd[r]! - other !== length) continue;
    let k = 0;
    while (k < length && b[start + k] === b[other + k]) k++;
    if (k === length) return recentValue[r]!;
  }
  const value = ascii ? asciiString(start, stop) : decoder.decode(b.subarray(start, stop));
  recentStart[recentNext] = start;
  recentEnd[recentNext] = stop;
  recentValue[recentNext] = value;
  recentNext = (recentNext + 1) % RECENT;
  return value;
}

/** The last scanned string as JS would have it after JSON.parse of the decoded line. */
function stringValue(): string {
  if ((stringFlags & ESCAPED) === 0) return unescapedString(stringStart, stringEnd, stringFlags === 0);
  // Escapes are one code unit each (a surrogate pair is two escapes), exactly as JSON.parse reads them.
  let out = '';
  let run = stringStart;
  let i = stringStart;
  while (i < stringEnd) {
    if (b[i] !== BACKSLASH) {
      i++;
      continue;
    }
    if (i > run) out += decoder.decode(b.subarray(run, i));
    const kind = b[i + 1]!;
    if (kind === 0x75) {
      out += String.fromCharCode(
        (hexValue(b[i + 2]!) << 12) |
          (hexValue(b[i + 3]!) << 8) |
          (hexValue(b[i + 4]!) << 4) |
          hexValue(b[i + 5]!),
      );
      i += 6;
    } else {
      out += ESCAPED_CHARS[kind];
      i += 2;
    }
    run = i;
  }
  if (run < stringEnd) out += decoder.decode(b.subarray(run, stringEnd));
  return out;
}

function skipDigits(i: number): number {
  while (i < end && b[i]! >= ZERO && b[i]! <= NINE) i++;
  return i;
}

/** Reads the number at b[p] (JSON grammar checked) and returns its value as JSON.parse would. */
function readNumber(): number {
  const start = p;
  let i = p;
  let simple = true;
  if (at(i) === MINUS) {
    simple = false;
    i++;
  }
  const first = at(i);
  if (first === ZERO) i++;
  else if (first > ZERO && first <= NINE) i = skipDigits(i + 1);
  else fail();
  if (at(i) === 0x2e /* . */) {
    simple = false;
    const digits = skipDigits(i + 1);
    if (digits === i + 1) fail();
    i = digits;
  }
  const exponent = at(i);
  if (exponent === 0x65 || exponent === 0x45) {
    simple = false;
    i++;
    const sign = at(i);
    if (sign === 0x2b || sign === MINUS) i++;
    const digits = skipDigits(i);
    if (digits === i) fail();
    i = digits;
  }
  p = i;
  if (simple && i - start <= 15) {
    let value = 0;
    for (let k = start; k < i; k++) value = value * 10 + (b[k]! - ZERO);
    return value;
  }
  // Number() of the JSON text rounds exactly like JSON.parse (both are correctly rounded).
  return Number(asciiString(start, i));
}

function expectLiteral(word: string): void {
  for (let k = 0; k < word.length; k++) {
    if (at(p + k) !== word.charCodeAt(k)) fail();
  }
  p += word.length;
}

/** Skips one JSON value of any kind, validating it. */
function skipValue(): void {
  skipSpace();
  const c = at(p);
  if (c === QUOTE) {
    scanString();
  } else if (c === OPEN_BRACE) {
    p++;
    skipSpace();
    if (at(p) === CLOSE_BRACE) {
      p++;
      return;
    }
    for (;;) {
      skipSpace();
      if (at(p) !== QUOTE) fail();
      scanString();
      expect(COLON);
      skipValue();
      if (endOfMember(CLOSE_BRACE)) return;
    }
  } else if (c === OPEN_BRACKET) {
    p++;
    skipSpace();
    if (at(p) === CLOSE_BRACKET) {
      p++;
      return;
    }
    for (;;) {
      skipValue();
      if (endOfMember(CLOSE_BRACKET)) return;
    }
  } else if (c === 0x74) {
    expectLiteral('true');
  } else if (c === 0x66) {
    expectLiteral('false');
  } else if (c === 0x6e) {
    expectLiteral('null');
  } else {
    readNumber();
  }
}

/** After a member: true at the closing byte (consumed), false after a comma. */
function endOfMember(close: number): boolean {
  skipSpace();
  const c = at(p);
  p++;
  if (c === close) return true;
  if (c !== COMMA) fail();
  return false;
}

/** Builds one JSON value of any kind, as JSON.parse would. */
function readValue(): unknown {
  skipSpace();
  const c = at(p);
  if (c === QUOTE) {
    scanString();
    return stringValue();
  }
  if (c === OPEN_BRACE) {
    p++;
    const object: JsonObject = {};
    skipSpace();
    if (at(p) === CLOSE_BRACE) {
      p++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (at(p) !== QUOTE) fail();
      scanString();
      const key = stringValue();
      // Assignment would set the prototype; JSON.parse defines an own property.
      if (key === '__proto__') fail();
      expect(COLON);
      object[key] = readValue();
      if (endOfMember(CLOSE_BRACE)) return object;
    }
  }
  if (c === OPEN_BRACKET) {
    p++;
    const array: unknown[] = [];
    skipSpace();
    if (at(p) === CLOSE_BRACKET) {
      p++;
      return array;
    }
    for (;;) {
      array.push(readValue());
      if (endOfMember(CLOSE_BRACKET)) return array;
    }
  }
  if (c === 0x74) {
    expectLiteral('true');
    return true;
  }
  if (c === 0x66) {
    expectLiteral('false');
    return false;
  }
  if (c === 0x6e) {
    expectLiteral('null');
    return null;
  }
  return readNumber();
}

// ---------------------------------------------------------------------------------------------
// What to build: a pick names the fields of an object to keep; other fields are skipped.

type Pick = 'value' | 'references' | 'abstract' | ObjectPick | ArrayPick;

interface ObjectPick {
  kind: 'object';
  /** Fields by name length, then compared byte by byte. */
  byLength: Field[][];
  byName: Map<string, Field>;
}

interface ArrayPick {
  kind: 'array';
  of: Pick;
}

interface Field {
  name: string;
  bytes: Uint8Array;
  pick: Pick;
}

function objectPick(fields: Record<string, Pick>): ObjectPick {
  const pick: ObjectPick = { kind: 'object', byLength: [], byName: new Map() };
  for (const [name, inner] of Object.entries(fields)) {
    const field = { name, bytes: encoder.encode(name), pick: inner };
    const sameLength = pick.byLength[name.length] ?? [];
    sameLength.push(field);
    pick.byLength[name.length] = sameLength;
    pick.byName.set(name, field);
  }
  return pick;
}

const arrayOf = (of: Pick): ArrayPick => ({ kind: 'array', of });

/** Exactly the fields `recordFromOpenAlexWork` and its helpers in openalex.ts read. */
const WORK: ObjectPick = objectPick({
  id: 'value',
  doi: 'value',
  title: 'value',
  display_name: 'value',
  publication_date: 'value',
  publication_year: 'value',
  type: 'value',
  abstract: 'value',
  ids: objectPick({ openalex: 'value', doi: 'value', pmid: 'value', arxiv: 'value' }),
  locations: arrayOf(objectPick({ landing_page_url: 'value', pdf_url: 'value' })),
  primary_location: objectPick({ source: objectPick({ display_name: 'value' }) }),
  host_venue: objectPick({ display_name: 'value' }),
  keywords: arrayOf(objectPick({ display_name: 'value' })),
  topics: arrayOf(objectPick({ display_name: 'value' })),
  concepts: arrayOf(objectPick({ display_name: 'value' })),
  authorships: arrayOf(
    objectPick({
      author_position: 'value',
      author: objectPick({ id: 'value', display_name: 'value', orcid: 'value' }),
      raw_author_name: 'value',
      institutions: arrayOf(objectPick({ display_name: 'value' })),
      raw_affiliation_strings: 'value',
    }),
  ),
  referenced_works: 'references',
  abstract_inverted_index: 'abstract',
});

/** The field the last scanned key names, if the pick has it. */
function fieldOf(pick: ObjectPick): Field | undefined {
  if (stringFlags !== 0) return stringFlags & ESCAPED ? pick.byName.get(stringValue()) : undefined;
  const candidates = pick.byLength[stringEnd - stringStart];
  if (candidates === undefined) return undefined;
  for (const field of candidates) {
    const name = field.bytes;
    let k = 0;
    while (k < name.length && name[k] === b[stringStart + k]) k++;
    if (k === name.length) return field;
  }
  return undefined;
}

// The parts of the work being scanned that are computed from bytes (last occurrence wins).
let references: CitedReference[] = [];
let abstractFromIndex: string | undefined;

function readPicked(pick: Pick): unknown {
  if (pick === 'value') return readValue();
  skipSpace();
  if (pick === 'references') {
    references = readReferences();
    return null;
  }
  if (pick === 'abstract') {
    abstractFromIndex = readAbstract();
    return null;
  }
  if (pick.kind === 'array') {
    if (at(p) !== OPEN_BRACKET) return readValue();
    p++;
    const array: unknown[] = [];
    skipSpace();
    if (at(p) === CLOSE_BRACKET) {
      p++;
      return array;
    }
    for (;;) {
      array.push(readPicked(pick.of));
      if (endOfMember(CLOSE_BRACKET)) return array;
    }
  }
  if (at(p) !== OPEN_BRACE) return readValue();
  p++;
  const object: JsonObject = {};
  skipSpace();
  if (at(p) === CLOSE_BRACE) {
    p++;
    return object;
  }
  for (;;) {
    skipSpace();
    if (at(p) !== QUOTE) fail();
    scanString();
    const field = fieldOf(pick);
    expect(COLON);
    if (field) object[field.name] = readPicked(field.pick);
    else skipValue();
    if (endOfMember(CLOSE_BRACE)) return object;
  }
}

// ---------------------------------------------------------------------------------------------
// referenced_works: each string goes straight to an OpenAlex id.

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

let interner: ReferenceInterner | undefined;

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
  stringStart = p + 1;
  stringEnd = i;
  stringFlags = 0;
  p = i + 1;
  return openAlexKey(prefix, value);
}

function referenceFromBytes(start: number, stop: number): CitedReference | undefined {
  const openalex = openAlexIdFromBytes(start, stop);
  return openalex ? { openalex } : undefined;
}

function readReferences(): CitedReference[] {
  const found: CitedReference[] = [];
  // Whether every reference is shared: then the list is kept as numbers too (and the table knows
  // whether it cites a work twice, so the merge need not check it).
  let shared = interner !== undefined;
  interner?.nextWork();
  if (at(p) !== OPEN_BRACKET) {
    skipValue();
    return found;
  }
  p++;
  skipSpace();
  if (at(p) === CLOSE_BRACKET) {
    p++;
    return found;
  }
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

// ---------------------------------------------------------------------------------------------
// abstract_inverted_index: words and positions go to openalex-abstract-bytes.ts as byte ranges.

function readAbstract(): string | undefined {
  if (at(p) !== OPEN_BRACE) {
    skipValue();
    return undefined;
  }
  p++;
  startAbstract(b);
  skipSpace();
  if (at(p) === CLOSE_BRACE) {
    p++;
    return finishAbstract();
  }
  for (;;) {
    skipSpace();
    if (at(p) !== QUOTE) fail();
    scanString();
    const word =
      stringFlags & ESCAPED
        ? addDecodedWord(stringValue())
        : addRawWord(stringStart, stringEnd, stringFlags !== 0);
    if (word < 0) fail();
    expect(COLON);
    skipSpace();
    if (at(p) === OPEN_BRACKET) {
      p++;
      skipSpace();
      if (at(p) === CLOSE_BRACKET) p++;
      else {
        for (;;) {
          skipSpace();
          const c = at(p);
          if (c === MINUS || (c >= ZERO && c <= NINE)) {
            if (!addOccurrence(word, readNumber())) fail();
          } else {
            skipValue();
          }
          if (endOfMember(CLOSE_BRACKET)) break;
        }
      }
    } else {
      skipValue();
    }
    if (endOfMember(CLOSE_BRACE)) return finishAbstract();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads the work on bytes[start .. end) (one JSON Lines line, without its line break). Returns
 * what `parseOpenAlexLine` would give for it, or `undefined` when the line must go through
 * `parseOpenAlexLine` instead (blank, not an object, invalid JSON, or a shape this scanner leaves
 * to JSON.parse).
 */
export function scanOpenAlexWork(
  bytes: Uint8Array,
  start: number,
  stop: number,
  file: string,
  line: number,
  sharedReferences?: ReferenceInterner,
): { record: PaperRecord } | { diagnostic: Diagnostic } | undefined {
  b = bytes;
  interner = sharedReferences;
  p = start;
  end = stop;
  references = [];
  abstractFromIndex = undefined;
  forgetRecent();
  let work: unknown;
  try {
    skipSpace();
    if (at(p) !== OPEN_BRACE) return undefined;
    work = readPicked(WORK);
    skipSpace();
    if (p !== end) return undefined;
  } catch {
    // FALLBACK, or a RangeError from very deep nesting: JSON.parse decides.
    return undefined;
  } finally {
    b = NO_BYTES;
    interner = undefined;
  }
  return recordFromOpenAlexWork(work, file, line, { abstractFromIndex, references });
}
