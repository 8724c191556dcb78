import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openAlexIdNumber } from '../../src/model/ids.ts';
import { IntegerTable } from '../../src/util/integer-table.ts';

describe('IntegerTable', () => {
  it('answers like a Map for any keys below 2^53, through growth and overwrites', () => {
    const key = fc.oneof(fc.nat(64), fc.maxSafeNat(), fc.integer({ min: 2 ** 32 - 4, max: 2 ** 32 + 4 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.nat()), { maxLength: 300 }), fc.array(key), (pairs, probes) => {
        const table = new IntegerTable(2);
        const map = new Map<number, number>();
        for (const [k, v] of pairs) {
          table.set(k, v);
          map.set(k, v);
        }
        expect(table.size).toBe(map.size);
        for (const k of [...map.keys(), ...probes]) expect(table.get(k)).toBe(map.get(k) ?? -1);
      }),
    );
  });
});

describe('openAlexIdNumber', () => {
  it('gives distinct numbers to distinct ids and -1 to other shapes', () => {
    const id = fc
      .tuple(fc.constantFrom(...'WAISCFPT'), fc.stringMatching(/^\d{1,14}$/))
      .map(([letter, digits]) => `${letter}${digits}`);
    fc.assert(
      fc.property(id, id, (a, b) => {
        const [na, nb] = [openAlexIdNumber(a), openAlexIdNumber(b)];
        expect(na >= 0).toBe(!/^.0\d/.test(a));
        if (na >= 0 && nb >= 0) expect(na === nb).toBe(a === b);
      }),
    );
    for (const other of ['', 'W', 'X123', 'W12a', 'w123', 'W123456789012345', 'W-1', 'W0123'])
      expect(openAlexIdNumber(other)).toBe(-1);
  });
});
