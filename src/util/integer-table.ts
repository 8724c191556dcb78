/**
 * A map from non-negative integer keys (below 2^53) to non-negative int32 values in two typed arrays
 * (open addressing, linear probing). Millions of keys take one flat block instead of a JS Map's
 * entries, and a lookup touches one slot instead of a bucket, an entry and a key string: resolving
 * the 20M references of a million OpenAlex works is about twice as fast as with a Map<string>.
 * Grows by doubling when half full.
 */
export class IntegerTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(expected, 8) * 2));
    this.keys = new Float64Array(size).fill(-1);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  set(key: number, value: number): void {
    if (this.count * 2 >= this.keys.length) this.grow();
    const slot = this.slotOf(key);
    if (this.keys[slot] !== key) this.count++;
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const slot = this.slotOf(key);
    return this.keys[slot] === key ? this.values[slot]! : -1;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: number): number {
    const keys = this.keys;
    // Mixes both 32-bit halves so that keys differing only above bit 32 spread too.
    let hash = Math.imul((key % 4294967296) | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b);
    hash = (hash ^ (hash >>> 15)) & this.mask;
    while (keys[hash] !== -1 && keys[hash] !== key) hash = (hash + 1) & this.mask;
    return hash;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot]!;
      if (key !== -1) {
        const target = this.slotOf(key);
        this.keys[target] = key;
        this.values[target] = values[slot]!;
      }
    }
  }
}
