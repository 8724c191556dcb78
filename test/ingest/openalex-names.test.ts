import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorFromCachedDisplayName } from '../../src/ingest/formats/openalex.ts';
import { authorFromDisplayName } from '../../src/model/names.ts';

const displayName = fc.oneof(
  fc.constantFrom(
    'Ho Hin Lee',
    'Devvrit',
    'Group of Annotators',
    'The ATLAS Collaboration',
    '  Jörg   Müller ',
    'null',
    '',
  ),
  fc.string({ maxLength: 24 }),
  fc
    .array(fc.constantFrom('Ana', 'de', 'la', 'Cruz', 'Consortium', 'J.', 'Ł', '-'), { maxLength: 5 })
    .map((parts) => parts.join(' ')),
);

describe('OpenAlex display names through the cache', () => {
  it('give what authorFromDisplayName gives, on a miss and on a hit, as a fresh object each time', () => {
    fc.assert(
      fc.property(displayName, (name) => {
        const expected = authorFromDisplayName(name);
        const first = authorFromCachedDisplayName(name);
        const second = authorFromCachedDisplayName(name);
        expect(first).toStrictEqual(expected);
        expect(second).toStrictEqual(expected);
        if (first) expect(second).not.toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});
