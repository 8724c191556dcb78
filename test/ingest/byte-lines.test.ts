import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonBlankLinesOfBytes } from '../../src/ingest/byte-lines-node.ts';
import { forEachNonBlankLine } from '../../src/ingest/lines.ts';

/** What forEachNonBlankLine reads in the decoded text. */
function expected(bytes: Buffer, lineOffset: number) {
  const texts: string[] = [];
  const numbers: number[] = [];
  const lineCount = forEachNonBlankLine(
    bytes.toString('utf8'),
    (text, line) => {
      texts.push(text);
      numbers.push(line);
    },
    lineOffset,
  );
  return { texts, numbers, lineCount };
}

/** The bytes at `offset` inside a larger buffer, so word reads start unaligned. */
function at(offset: number, bytes: Uint8Array): Buffer {
  const padded = Buffer.alloc(offset + bytes.length + 3, 0xc3);
  padded.set(bytes, offset);
  return padded.subarray(offset, offset + bytes.length);
}

/** Bytes a listing's lines are made of, the awkward ones often: breaks, spaces, BOM, cut characters. */
const piece = fc.oneof(
  fc
    .constantFrom(
      '\n',
      '\r',
      '\r\n',
      ' ',
      '\t',
      '\u00a0',
      '\u3000',
      '\u2028',
      '\u0085',
      '\ufeff',
      'Viaarxiv icon',
      'Ana Šarmá, Bo Li',
      '王 小明',
      '😀',
    )
    .map((text) => Buffer.from(text)),
  fc.string({ maxLength: 12 }).map((text) => Buffer.from(text)),
  fc.uint8Array({ minLength: 1, maxLength: 4 }).map((bytes) => Buffer.from(bytes)),
);
const bytes = fc.array(piece, { maxLength: 40 }).map((pieces) => Buffer.concat(pieces));

describe('non-blank lines read from bytes', () => {
  it('are the lines of the decoded text, whatever the bytes, their alignment and the pieces read', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.integer({ min: 0, max: 7 }),
        fc.nat(1000),
        fc.integer({ min: 1, max: 64 }),
        (content, offset, lineOffset, pieceBytes) => {
          const buffer = at(offset, content);
          const want = expected(buffer, lineOffset);
          expect(nonBlankLinesOfBytes(buffer, lineOffset)).toEqual(want);
          expect(nonBlankLinesOfBytes(buffer, lineOffset, pieceBytes)).toEqual(want);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('drop a leading byte order mark and keep one further on', () => {
    const buffer = Buffer.from('\ufeffTitle\n\ufeffTwo\r\n\r\nthree \u00a0\rfour');
    expect(nonBlankLinesOfBytes(buffer, 10)).toEqual({
      texts: ['Title', '\ufeffTwo', 'three', 'four'],
      numbers: [11, 12, 14, 15],
      lineCount: 5,
    });
    expect(nonBlankLinesOfBytes(buffer, 10)).toEqual(expected(buffer, 10));
  });

  it('decode lines beyond ASCII, with any word alignment of the character', () => {
    for (let offset = 0; offset < 8; offset++)
      for (let pad = 0; pad < 8; pad++) {
        const buffer = at(offset, Buffer.from(`${'x'.repeat(pad)}\nÉcole\n${'y'.repeat(pad)}é\nabc`));
        expect(nonBlankLinesOfBytes(buffer)).toEqual(expected(buffer, 0));
      }
  });
});
