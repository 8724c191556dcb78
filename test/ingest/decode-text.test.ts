import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode-text.ts';

const utf16 = (text: string, order: 'le' | 'be'): Uint8Array => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const [high, low] = [code >> 8, code & 0xff];
    bytes.set(order === 'le' ? [low, high] : [high, low], 2 + index * 2);
  }
  return bytes;
};

/** Text without a leading U+FEFF (a byte order mark in the text itself is read as one). */
const text = fc.string({ unit: 'grapheme', maxLength: 200 }).filter((value) => !value.startsWith('\uFEFF'));

describe('decodeText', () => {
  it('reads any text written as UTF-16 LE or BE with a byte order mark, or as UTF-8 with or without one', () => {
    fc.assert(
      fc.property(text, (value) => {
        const utf8 = new TextEncoder().encode(value);
        expect(decodeText(utf16(value, 'le'), 'f')).toEqual({ text: value, diagnostics: [] });
        expect(decodeText(utf16(value, 'be'), 'f')).toEqual({ text: value, diagnostics: [] });
        expect(decodeText(utf8, 'f')).toEqual({ text: value, diagnostics: [] });
        expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'f')).toEqual({
          text: value,
          diagnostics: [],
        });
      }),
    );
  });

  it('names the line of an invalid byte put anywhere in valid lines, and reads the rest as it is', () => {
    const lines = fc.array(
      fc.string({ unit: 'grapheme', maxLength: 30 }).map((line) => line.replace(/[\r\n]/g, '')),
      {
        minLength: 1,
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(lines, fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xff), (values, seed, bad) => {
        fc.pre(!values[0]!.startsWith('\uFEFF'));
        // A replacement character already in the text would be taken for the one decoding adds.
        fc.pre(!values.some((value) => value.includes('\uFFFD')));
        const lineIndex = seed % values.length;
        const line = values[lineIndex]!;
        const points = [...line];
        const at = seed % (points.length + 1);
        const before = [...values.slice(0, lineIndex), points.slice(0, at).join('')].join('\n');
        const head = new TextEncoder().encode(before);
        const tail = new TextEncoder().encode(
          [points.slice(at).join(''), ...values.slice(lineIndex + 1)].join('\n'),
        );
        const bytes = new Uint8Array([...head, bad, ...tail]);
        const decoded = decodeText(bytes, 'f.txt');
        expect(decoded.diagnostics).toHaveLength(1);
        expect(decoded.diagnostics[0]).toMatchObject({
          severity: 'warning',
          file: 'f.txt',
          line: lineIndex + 1,
        });
        expect(decoded.text.split('\n')).toHaveLength(values.length);
        expect(decoded.text.replace('\uFFFD', '')).toBe(values.join('\n'));
      }),
    );
  });
});
