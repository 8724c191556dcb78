/**
 * A cursor over one line of JSON as UTF-8 bytes: validates the JSON while skipping what is not
 * wanted, and builds strings, numbers and whole values exactly as JSON.parse of the decoded line
 * would. Anything it cannot promise that for throws (`fail`), and the caller falls back to
 * JSON.parse.
 *
 * Strings are decoded from the bytes, so they are fresh: none keeps the line (or its chunk) alive.
 * Not reentrant: the cursor is module state (one line at a time, no callbacks). Other modules read
 * the state through the live exported bindings and move it only through the functions here.
 */

import type { JsonObject } from './format-helpers.ts';

/** Thrown (one shared instance, no stack walk per line) to abandon the fast path. */
const FALLBACK = new Error('openalex-scan: fall back to JSON.parse');

export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const MINUS = 0x2d;
export const ZERO = 0x30;
export const NINE = 0x39;

/** String flags set by `scanString`. */
export const ESCAPED = 1;
const NON_ASCII = 2;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const NO_BYTES = new Uint8Array(0);

// The cursor: the line is b[p .. end).
export let b: Uint8Array = NO_BYTES;
export let p = 0;
export let end = 0;
// The last string scanned: its content is b[stringStart .. stringEnd), with ESCAPED / NON_ASCII flags.
export let stringStart = 0;
export let stringEnd = 0;
export let stringFlags = 0;

/** Puts the cursor at the start of the line bytes[start .. stop). */
export function startLine(bytes: Uint8Array, start: number, stop: number): void {
  b = bytes;
  p = start;
  end = stop;
  forgetRecent();
}

/** Lets go of the line's bytes. */
export function releaseLine(): void {
  b = NO_BYTES;
}

/**
 * Takes b[p + 1 .. stop) as the last scanned string, ASCII without escapes, and moves past its
 * closing quote at b[stop] (for callers that checked those bytes themselves).
 */
export function takeAsciiString(stop: number): void {
  stringStart = p + 1;
  stringEnd = stop;
  stringFlags = 0;
  p = stop + 1;
}

export function fail(): never {
  throw FALLBACK;
}

/** The byte at i, or -1 past the line (the buffer may hold the next line there). */
export function at(i: number): number {
  return i < end ? b[i]! : -1;
}

export function skipSpace(): void {
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
export function expect(byte: number): void {
  skipSpace();
  if (at(p) !== byte) fail();
  p++;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Scans the string starting at b[p] (a quote), validating escapes; leaves p after it. */
export function scanString(): void {
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
export function asciiString(s: number, stop: number): string {
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
export function stringValue(): string {
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
export function readNumber(): number {
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
export function skipValue(): void {
  skipSpace();
  const c = at(p);
  if (c === QUOTE) {
    scanString();
  } else if (c === OPEN_BRACE) {
    if (isEmptyContainer(CLOSE_BRACE)) return;
    for (;;) {
      scanKey();
      expect(COLON);
      skipValue();
      if (endOfMember(CLOSE_BRACE)) return;
    }
  } else if (c === OPEN_BRACKET) {
    if (isEmptyContainer(CLOSE_BRACKET)) return;
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

/** Steps into the object or array opened at b[p]: true when it is empty (its closing byte taken too). */
export function isEmptyContainer(close: number): boolean {
  p++;
  skipSpace();
  if (at(p) !== close) return false;
  p++;
  return true;
}

/** Scans a member's name (after white space); anything but a string is invalid JSON. */
export function scanKey(): void {
  skipSpace();
  if (at(p) !== QUOTE) fail();
  scanString();
}

/** After a member: true at the closing byte (consumed), false after a comma. */
export function endOfMember(close: number): boolean {
  skipSpace();
  const c = at(p);
  p++;
  if (c === close) return true;
  if (c !== COMMA) fail();
  return false;
}

/** Builds one JSON value of any kind, as JSON.parse would. */
export function readValue(): unknown {
  skipSpace();
  const c = at(p);
  if (c === QUOTE) {
    scanString();
    return stringValue();
  }
  if (c === OPEN_BRACE) {
    const object: JsonObject = {};
    if (isEmptyContainer(CLOSE_BRACE)) return object;
    for (;;) {
      scanKey();
      const key = stringValue();
      // Assignment would set the prototype; JSON.parse defines an own property.
      if (key === '__proto__') fail();
      expect(COLON);
      object[key] = readValue();
      if (endOfMember(CLOSE_BRACE)) return object;
    }
  }
  if (c === OPEN_BRACKET) {
    const array: unknown[] = [];
    if (isEmptyContainer(CLOSE_BRACKET)) return array;
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
