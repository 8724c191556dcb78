/**
 * `abstract_inverted_index` of an OpenAlex work read by the byte scanner: words and positions go to
 * openalex-abstract-bytes.ts as byte ranges of the line, never as strings per word.
 */

import {
  at,
  b,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  ESCAPED,
  endOfMember,
  expect,
  fail,
  isEmptyContainer,
  MINUS,
  NINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  p,
  readNumber,
  scanKey,
  skipSpace,
  skipValue,
  stringEnd,
  stringFlags,
  stringStart,
  stringValue,
  ZERO,
} from './json-byte-cursor.ts';
import {
  addDecodedWord,
  addOccurrence,
  addRawWord,
  finishAbstract,
  startAbstract,
} from './openalex-abstract-bytes.ts';

/** Reads the index at b[p] into the abstract's text; anything but an object is skipped (undefined). */
export function readAbstract(): string | undefined {
  if (at(p) !== OPEN_BRACE) {
    skipValue();
    return undefined;
  }
  startAbstract(b);
  if (isEmptyContainer(CLOSE_BRACE)) return finishAbstract();
  for (;;) {
    scanKey();
    const word =
      stringFlags & ESCAPED
        ? addDecodedWord(stringValue())
        : addRawWord(stringStart, stringEnd, stringFlags !== 0);
    if (word < 0) fail();
    expect(COLON);
    skipSpace();
    if (at(p) === OPEN_BRACKET) {
      if (!isEmptyContainer(CLOSE_BRACKET)) {
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
