/**
 * A map from non-negative integer keys (below 2^53) to non-negative int32 values in one typed
 * array of (key, value) slots (open addressing, linear probing). Millions of keys take one flat
 * block instead of a JS Map's entries, and a lookup touches one slot (key and value side by side,
 * one cache line) instead of a bucket, an entry and a key string: resolving the 20M references of
 * a million OpenAlex works is about twice as fast as with a Map<string>. Grows by doubling when
 * half full.
 */
export class IntegerTable {
  /** slots[2i] is a key (-1: empty), slots[2i + 1] its value. */
  private slots: Float64Array;
  private mask: number;
  private count = 0;

  constructor(expected = 16) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(expected, 8) * 2));
    this.slots = IntegerTable.emptySlots(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  set(key: number, value: number): void {
    if (this.count * 4 >= this.slots.length) this.grow();
    const slot = this.slotOf(key);
    if (this.slots[slot] !== key) this.count++;
    this.slots[slot] = key;
    this.slots[slot + 1] = value;
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const slot = this.slotOf(key);
    return this.slots[slot] === key ? this.slots[slot + 1]! : -1;
  }

  /** The index in `slots` of the slot holding `key`, or of the empty slot where it would go. */
  private slotOf(key: number): number {
    const slots = this.slots;
    // Mixes both 32-bit halves so that keys differing only above bit 32 spread too. `key | 0` is the
    // low half (ToInt32 wraps modulo 2^32), without the floating-point remainder `%` would cost.
    let hash = Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b);
    hash = (hash ^ (hash >>> 15)) & this.mask;
    while (slots[2 * hash] !== -1 && slots[2 * hash] !== key) hash = (hash + 1) & this.mask;
    return 2 * hash;
  }

  private grow(): void {
    const old = this.slots;
    const size = old.length; // twice the slot count: the new slot count
    this.slots = IntegerTable.emptySlots(size);
    this.mask = size - 1;
    for (let slot = 0; slot < old.length; slot += 2) {
      const key = old[slot]!;
      if (key !== -1) {
        const target = this.slotOf(key);
        this.slots[target] = key;
        this.slots[target + 1] = old[slot + 1]!;
      }
    }
  }

  private static emptySlots(size: number): Float64Array {
    const slots = new Float64Array(2 * size);
    for (let slot = 0; slot < slots.length; slot += 2) slots[slot] = -1;
    return slots;
  }
}
