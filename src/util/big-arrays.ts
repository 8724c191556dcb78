/**
 * Zero-filled typed arrays for the corpus-sized tables of the analysis, on a
 * SharedArrayBuffer where the platform has one (Node; browsers only when cross-origin isolated),
 * otherwise on a plain ArrayBuffer. The arrays behave the same either way.
 *
 * Why: V8 counts every new ArrayBuffer as external memory and starts a full collection of the
 * JavaScript heap for each 64 MB or so of them since the last one, and with a million-paper corpus
 * on the heap each such collection takes seconds. SharedArrayBuffers are not counted. Measured on
 * Node 20 with 1.5 GB of small objects on the heap: 2 GB of typed arrays in 128 MB pieces took 11 s
 * (four full collections) on ArrayBuffers and 0.1 s (none) on SharedArrayBuffers.
 */
const Backing: new (byteLength: number) => ArrayBufferLike =
  typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : ArrayBuffer;

export const bigUint8 = (length: number): Uint8Array => new Uint8Array(new Backing(length));
export const bigUint16 = (length: number): Uint16Array => new Uint16Array(new Backing(length * 2));
export const bigUint32 = (length: number): Uint32Array => new Uint32Array(new Backing(length * 4));
export const bigInt32 = (length: number): Int32Array => new Int32Array(new Backing(length * 4));
export const bigFloat64 = (length: number): Float64Array => new Float64Array(new Backing(length * 8));

type BigArray = Uint16Array | Uint32Array | Int32Array | Float64Array;

/** A new big array of the same kind as `array` holding its values [start, end) (slice() would allocate an ArrayBuffer). */
export function bigCopy<T extends BigArray>(
  array: T,
  start = 0,
  end = array.length,
  length = end - start,
): T {
  const copy = (
    array instanceof Float64Array
      ? bigFloat64(length)
      : array instanceof Int32Array
        ? bigInt32(length)
        : array instanceof Uint16Array
          ? bigUint16(length)
          : bigUint32(length)
  ) as T;
  copy.set(array.subarray(start, end));
  return copy;
}

/**
 * `array`, or a big copy of it half as long again (repeatedly) when it is shorter than `needed`:
 * not twice as long, since the per-entry arrays of a big corpus are large.
 */
export function grown<T extends BigArray>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  let length = Math.max(Math.ceil(array.length * 1.5), 16);
  while (length < needed) length = Math.ceil(length * 1.5);
  return bigCopy(array, 0, array.length, length);
}
