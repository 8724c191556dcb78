import { describe, expect, it } from 'vitest';
import { bigCopy, bigFloat64, bigInt32, bigUint8, bigUint32 } from '../../src/util/big-arrays.ts';

describe('big arrays', () => {
  it('are zero-filled typed arrays of the asked length, shared where the platform allows', () => {
    for (const array of [bigUint8(5), bigUint32(5), bigInt32(5), bigFloat64(5)]) {
      expect(Array.from(array)).toEqual([0, 0, 0, 0, 0]);
      expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('copy a range into a new array of the same kind, optionally longer', () => {
    const source = Float64Array.of(1.5, 2.5, 3.5, 4.5);
    const copy = bigCopy(source, 1, 3);
    expect(copy).toBeInstanceOf(Float64Array);
    expect(Array.from(copy)).toEqual([2.5, 3.5]);
    const longer = bigCopy(Int32Array.of(-1, -2), 0, 2, 4);
    expect(longer).toBeInstanceOf(Int32Array);
    expect(Array.from(longer)).toEqual([-1, -2, 0, 0]);
    expect(Array.from(bigCopy(Uint32Array.of(7, 8)))).toEqual([7, 8]);
  });
});
