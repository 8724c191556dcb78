import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNameCache, splitAuthorList } from '../../src/ingest/formats/author-page.ts';
import { withoutNickname } from '../../src/ingest/formats/format-helpers.ts';
import { NameCache } from '../../src/ingest/name-cache.ts';
import { authorFromDisplayName } from '../../src/model/names.ts';
import type { AuthorName } from '../../src/model/types.ts';

/** What splitAuthorList reads without a cache: every comma-separated part, read alone, nickname left out. */
function uncached(line: string): AuthorName[] {
  return line
    .split(',')
    .map((part) => authorFromDisplayName(withoutNickname(part)))
    .filter((author): author is AuthorName => author !== undefined);
}

/** Names that repeat with and without padding, close spellings, and odd characters. */
const name = fc.oneof(
  fc.constantFrom(
    'Ana Li',
    ' Ana Li',
    'Ana Li ',
    'Ana  Li',
    'Ana Lí',
    'Ana\u00a0Li',
    'ana li',
    'Li',
    'null',
    ' N/A ',
    '',
    '   ',
    'Connectome Students',
    '王 小明',
    'Šarmá',
    '😀 Smile',
  ),
  fc.string({ maxLength: 12 }).filter((text) => !text.includes(',')),
);
const line = fc.array(name, { maxLength: 8 }).map((names) => names.join(','));

describe('name cache', () => {
  it('reads every author list as reading each name alone does, whatever it saw before', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), (lines) => {
        const cache = createNameCache();
        for (const text of lines) expect(splitAuthorList(text, cache)).toEqual(uncached(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps thousands of names apart as it grows, and reads each spelling once', () => {
    const reads: string[] = [];
    const cache = new NameCache((text) => {
      reads.push(text);
      return authorFromDisplayName(text);
    });
    const names = Array.from({ length: 5000 }, (_, index) => `Given${index % 97} Family${index}`);
    for (let round = 0; round < 2; round++)
      for (const [index, text] of names.entries()) {
        const padded = round === 0 ? text : `  ${text} `;
        expect(cache.author(padded, 0, padded.length)?.key).toBe(
          `given${index % 97} family${index}`.toLowerCase(),
        );
      }
    expect(cache.size).toBe(5000);
    expect(reads).toEqual(names);
  });

  it('looks a name up by its place in the line, so one cut from a longer line is the same name', () => {
    const cache = new NameCache();
    const first = cache.author('Bo Li, Ana Šarmá', 6, 16);
    expect(first).toEqual(authorFromDisplayName('Ana Šarmá'));
    expect(cache.author('Ana Šarmá', 0, 9)).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('tells apart names of one length whose hashes collide', () => {
    // Found by search: the same 32-bit FNV-1a hash, the same length and first letter.
    const cache = new NameCache();
    for (let round = 0; round < 2; round++) {
      expect(cache.author('Auwia Bahovc', 0, 12)?.name).toBe('Auwia Bahovc');
      expect(cache.author('Axoci Bnubip', 0, 12)?.name).toBe('Axoci Bnubip');
    }
    expect(cache.size).toBe(2);
  });
});
