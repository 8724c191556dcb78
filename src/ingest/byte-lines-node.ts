/**
 * The non-blank lines of UTF-8 bytes exactly as forEachNonBlankLine (src/ingest/lines.ts) reads
 * the decoded text, without decoding the whole: the bytes are read as Latin-1 (a copy, ten times
 * faster than decoding UTF-8) and only the lines holding a byte beyond ASCII are decoded as UTF-8.
 * Why: decoding a listing takes a third of its streamed parse, and a piece of text with one
 * character beyond U+00FF decodes into two bytes per character, which every later string
 * operation (splitting, hashing, trimming) pays again.
 */
import type { PageLines } from './formats/author-page.ts';

const LF = 10;
const NON_BLANK = /\S/;
const TRAILING_SPACE = /\s$/;

/**
 * Where bytes beyond ASCII may be: the sorted starts of the 4-byte words (and of the single bytes
 * before the first and after the last whole word) that hold one. Reads the bytes a word at a time.
 */
function nonAsciiMarks(bytes: Buffer): { marks: Int32Array; count: number } {
  const aligned = (4 - (bytes.byteOffset & 3)) & 3;
  const wordCount = bytes.length > aligned ? (bytes.length - aligned) >> 2 : 0;
  const head = wordCount > 0 ? aligned : bytes.length;
  const words =
    wordCount > 0 ? new Int32Array(bytes.buffer, bytes.byteOffset + aligned, wordCount) : new Int32Array(0);
  const tail = head + 4 * wordCount;
  let marks = new Int32Array(64);
  let count = 0;
  const mark = (at: number): void => {
    if (count === marks.length) {
      const grown = new Int32Array(marks.length * 2);
      grown.set(marks);
      marks = grown;
    }
    marks[count++] = at;
  };
  for (let at = 0; at < head; at++) if (bytes[at]! >= 0x80) mark(at);
  for (let word = 0; word < words.length; word++)
    if ((words[word]! & 0x80808080) !== 0) mark(head + 4 * word);
  for (let at = tail; at < bytes.length; at++) if (bytes[at]! >= 0x80) mark(at);
  return { marks, count };
}

/** The lines read so far, and where the search for marks has got to. */
interface LineReader {
  bytes: Buffer;
  marks: Int32Array;
  markCount: number;
  nextMark: number;
  texts: string[];
  numbers: number[];
  /** The number of the last line begun. */
  line: number;
}

/**
 * Reads the lines of bytes start..end, which end with a line break unless `last`: the empty
 * text after that break is then the next piece's first line, not a line of this one.
 */
function readPiece(reader: LineReader, start: number, end: number, last: boolean): void {
  const { bytes, marks, markCount, texts, numbers } = reader;
  const latin1 = bytes.toString('latin1', start, end);
  // Where the next CR is at or after `from` (the length when there is none).
  let nextCr = latin1.indexOf('\r');
  if (nextCr < 0) nextCr = latin1.length;
  let from = 0;
  for (;;) {
    if (!last && from === latin1.length) return;
    reader.line++;
    const lf = latin1.indexOf('\n', from);
    let to = lf < 0 ? latin1.length : lf;
    let next = to + 1;
    if (nextCr < from) {
      nextCr = latin1.indexOf('\r', from);
      if (nextCr < 0) nextCr = latin1.length;
    }
    if (nextCr < to) {
      to = nextCr;
      next = latin1.charCodeAt(nextCr + 1) === LF ? nextCr + 2 : nextCr + 1;
    }
    if (to > from) {
      // Marks are word starts: a mark up to 3 bytes before the line may be a byte inside it.
      while (reader.nextMark < markCount && marks[reader.nextMark]! + 4 <= start + from) reader.nextMark++;
      const ascii = reader.nextMark === markCount || marks[reader.nextMark]! >= start + to;
      const raw = ascii ? latin1.slice(from, to) : bytes.toString('utf8', start + from, start + to);
      if (raw.charCodeAt(0) > 32 || NON_BLANK.test(raw)) {
        const last = raw.charCodeAt(raw.length - 1);
        const untrimmed = last > 32 && (last < 127 || !TRAILING_SPACE.test(raw.slice(-1)));
        texts.push(untrimmed ? raw : raw.trimEnd());
        numbers.push(reader.line);
      }
    }
    if (to === latin1.length) return;
    from = next;
  }
}

/**
 * The Latin-1 text is read in pieces of about this many bytes, cut after a line break. Why: Node
 * keeps a longer string out of the JavaScript heap, and V8 starts a full collection for each 64 MB
 * or so of such memory (see src/util/big-arrays.ts); the lines of a listing's records keep their
 * strings alive.
 */
const PIECE_BYTES = 256 * 1024;

/**
 * The lines of `bytes` (split at LF, CRLF or a lone CR, after a leading byte order mark) that are
 * not blank, trimmed at the right, numbered from `lineOffset` + 1; the same as forEachNonBlankLine
 * on `bytes.toString('utf8')`. A line break byte never occurs inside a multi-byte character, so
 * each line decodes alone to what it decodes to inside the whole.
 */
export function nonBlankLinesOfBytes(bytes: Buffer, lineOffset = 0, pieceBytes = PIECE_BYTES): PageLines {
  const { marks, count } = nonAsciiMarks(bytes);
  const reader: LineReader = {
    bytes,
    marks,
    markCount: count,
    nextMark: 0,
    texts: [],
    numbers: [],
    line: lineOffset,
  };
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let start = hasBom ? 3 : 0;
  for (;;) {
    let end = bytes.length;
    if (end - start > pieceBytes) {
      const lf = bytes.lastIndexOf(LF, start + pieceBytes - 1);
      const after = lf >= start ? lf : bytes.indexOf(LF, start + pieceBytes);
      if (after >= 0) end = after + 1;
    }
    readPiece(reader, start, end, end === bytes.length);
    if (end === bytes.length) break;
    start = end;
  }
  return { texts: reader.texts, numbers: reader.numbers, lineCount: reader.line - lineOffset };
}
