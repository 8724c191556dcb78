/**
 * The ASCII fast paths of name folding (src/model/names.ts) against the plain regular-expression
 * pipeline they shortcut: the same key, the same missing names, for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorFromDisplayName, foldText } from '../../src/model/names.ts';

/** foldText as written before the fast paths. */
function plainFold(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Text made of the characters names are made of, odd ones included. */
const nameLike = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      'q',
      '0',
      '7',
      ' ',
      '  ',
      '-',
      '.',
      "'",
      '\t',
      'é',
      'ł',
      '\u00a0',
      'null',
      'N/A',
      'none',
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

describe('name folding fast paths', () => {
  it('fold like the plain pipeline', () => {
    fc.assert(
      fc.property(fc.oneof(nameLike, fc.string({ maxLength: 20 })), (text) => {
        expect(foldText(text)).toBe(plainFold(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('treat blank and null-like names as missing, whatever their case and padding', () => {
    for (const missing of ['', '  ', 'null', ' NULL ', 'Undefined', 'none', 'n/a', 'N/A'])
      expect(authorFromDisplayName(missing), missing).toBeUndefined();
    for (const name of ['Nullo Bianchi', 'Undefinedness', 'Nonet', 'n/ab'])
      expect(authorFromDisplayName(name)?.name, name).toBe(name);
  });
});
