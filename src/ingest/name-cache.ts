import { FNV_OFFSET, FNV_PRIME } from '../model/hash.ts';
import { authorFromDisplayName } from '../model/names.ts';
import type { AuthorName } from '../model/types.ts';
import { bigInt32, bigUint16 } from '../util/big-arrays.ts';

const SPACE = 32;

/**
 * Names repeat across a listing (an author's many papers): each distinct spelling is read once
 * and the records share the resulting object (records are read-only: merging copies authors).
 *
 * Looked up by a range of the line the name stands in, with a hash of its characters: no string
 * per name unless it is new. Why not a Map: a Map keyed by strings cut out of a line compares
 * them in a runtime call, about 1 µs a lookup with 750k names (4 of the 14 s of a million-record
 * listing), against 0.2 µs here. Spaces around the name are left out of the key: the reader
 * trims them anyway, and ' Ana Li' after a comma is then the same entry as 'Ana Li' first.
 */
export class NameCache {
  /** Open addressing, linear probing: pairs (hash, entry index + 1), 0 when empty. */
  private slots = bigInt32(2 << 10);
  /**
   * The characters of every key, end to end; entry i is chars[starts[i] .. starts[i + 1]). Kept
   * apart from the strings so a lookup reads a few compact arrays, not a string that points into
   * the megabytes of the chunk it was cut from (cache misses are most of a lookup's cost).
   */
  private chars = bigUint16(1 << 14);
  private starts = bigInt32(1 << 10);
  private readonly values: (AuthorName | undefined)[] = [];

  constructor(private readonly read: (text: string) => AuthorName | undefined = authorFromDisplayName) {}

  /** Distinct names read so far. */
  get size(): number {
    return this.values.length;
  }

  /** The author written in `line` from `start` to `end` (exclusive), read once per spelling. */
  author(line: string, start: number, end: number): AuthorName | undefined {
    while (start < end && line.charCodeAt(start) === SPACE) start++;
    while (end > start && line.charCodeAt(end - 1) === SPACE) end--;
    let hash = FNV_OFFSET;
    for (let index = start; index < end; index++) hash = Math.imul(hash ^ line.charCodeAt(index), FNV_PRIME);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    // FNV's low bits mix poorly on short keys: fold the high bits in for the slot.
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (let entry = slots[2 * slot + 1]! - 1; entry >= 0; entry = slots[2 * slot + 1]! - 1) {
      if (slots[2 * slot] === hash && this.keyIs(entry, line, start, end)) return this.values[entry];
      slot = (slot + 1) & mask;
    }
    const value = this.read(line.slice(start, end));
    this.add(slot, hash, line, start, end, value);
    return value;
  }

  /** Whether entry's key is the text of `line` from `start` to `end`. */
  private keyIs(entry: number, line: string, start: number, end: number): boolean {
    const from = this.starts[entry]!;
    if (this.starts[entry + 1]! - from !== end - start) return false;
    const chars = this.chars;
    for (let index = start; index < end; index++)
      if (chars[from + index - start] !== line.charCodeAt(index)) return false;
    return true;
  }

  private add(
    slot: number,
    hash: number,
    line: string,
    start: number,
    end: number,
    value: AuthorName | undefined,
  ): void {
    const entry = this.values.length;
    this.values.push(value);
    if (entry + 2 > this.starts.length) this.starts = grown(this.starts, bigInt32(2 * this.starts.length));
    const from = this.starts[entry]!;
    const to = from + end - start;
    if (to > this.chars.length)
      this.chars = grown(this.chars, bigUint16(Math.max(to, 2 * this.chars.length)));
    for (let index = start; index < end; index++) this.chars[from + index - start] = line.charCodeAt(index);
    this.starts[entry + 1] = to;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = entry + 1;
    // At most half full, so probes stay short.
    if (4 * (entry + 1) > this.slots.length) this.rehash(this.slots.length);
  }

  /** Doubles the slots and places every entry again. */
  private rehash(capacity: number): void {
    const old = this.slots;
    const slots = bigInt32(2 * capacity);
    const mask = capacity - 1;
    for (let slot = 0; slot < old.length >> 1; slot++) {
      const entry = old[2 * slot + 1]!;
      if (entry === 0) continue;
      const hash = old[2 * slot]!;
      let target = (hash ^ (hash >>> 16)) & mask;
      while (slots[2 * target + 1] !== 0) target = (target + 1) & mask;
      slots[2 * target] = hash;
      slots[2 * target + 1] = entry;
    }
    this.slots = slots;
  }
}

/** `larger` holding the items of `array` first. */
function grown<T extends Int32Array | Uint16Array>(array: T, larger: T): T {
  larger.set(array);
  return larger;
}
