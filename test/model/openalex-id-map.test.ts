import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenAlexIdMap } from '../../src/model/openalex-id-map.ts';

const openAlexLikeId = fc.oneof(
  fc
    .tuple(fc.constantFrom('W', 'A', 'I', 'S', 'w', 'X', ''), fc.nat(), fc.constantFrom('', '0', ' '))
    .map(([letter, number, tail]) => `${letter}${number}${tail}`),
  fc.constantFrom(
    'W0',
    'W00',
    'W07',
    'W7',
    'W99999999999999',
    'W999999999999999',
    'W9999999999999999999',
    '',
  ),
  fc.string({ maxLength: 8 }),
);

describe('OpenAlexIdMap', () => {
  it('behaves as a Map for any ids, numbered or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(openAlexLikeId, fc.nat({ max: 2 ** 31 - 1 })), { maxLength: 60 }),
        (entries) => {
          const ours = new OpenAlexIdMap(4);
          const reference = new Map<string, number>();
          for (const [id, value] of entries) {
            expect(ours.get(id)).toBe(reference.get(id));
            ours.set(id, value);
            reference.set(id, value);
          }
          for (const [id] of entries) expect(ours.get(id)).toBe(reference.get(id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps ids that differ only in a leading zero apart', () => {
    const ids = new OpenAlexIdMap();
    ids.set('W7', 1);
    ids.set('W07', 2);
    expect([ids.get('W7'), ids.get('W07'), ids.get('W007')]).toEqual([1, 2, undefined]);
  });
});
