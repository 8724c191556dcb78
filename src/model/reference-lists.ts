import { bigInt32 } from '../util/big-arrays.ts';
import { IntegerTable } from '../util/integer-table.ts';
import type { CitedReference } from './types.ts';

/**
 * What a parser tells whoever interns its references (SharedReferences; in a parse worker, a log
 * of the keys to replay on the main thread): the keyed references of each work, in order.
 */
export interface ReferenceInterner {
  /** Starts the references of the next work. */
  nextWork(): void;
  /** The number of the reference with this key (the parser's choice, e.g. an id's number), or -1. */
  numberOf(key: number): number;
  /** Makes `reference` the one for `key` and returns its number. */
  add(key: number, reference: CitedReference): number;
  reference(number: number): CitedReference;
  /** The current work cites `number`. */
  cite(number: number): void;
  /** `list` holds exactly the references cited since nextWork(). */
  sealList(list: readonly CitedReference[]): void;
}

/** The SharedReferences whose numbers spell out each list (see SharedReferences.sealList). */
const sharedOwner = new WeakMap<readonly object[], SharedReferences>();

/**
 * One CitedReference per distinct cited work of a stream, shared by every work that cites it:
 * a million works cite 20M references but only about a million distinct works, so this keeps a
 * million objects and strings instead of twenty million (less memory, fewer survivors for the
 * young-generation GC to copy). References are never mutated after parsing, so sharing is safe.
 *
 * Each distinct reference has a number (its index in `references`), and every list made only of
 * shared references is also kept as its numbers, list after list, in one Int32 block. Whoever
 * resolves references (analysis/citations.ts) then resolves each distinct work once and reads the
 * lists as integers in memory order, instead of visiting twenty million scattered objects and
 * strings (about 1 µs each at a million works).
 */
export class SharedReferences implements ReferenceInterner {
  private readonly table = new IntegerTable(1 << 16);
  private readonly shared: CitedReference[] = [];
  /** The work that last cited each shared reference (duplicates within one work are spotted here). */
  private lastWork = new Int32Array(1 << 16).fill(-1);
  private work = 0;
  /**
   * Sealed lists, each as a header (its length times two, plus one if no work is cited twice in
   * it) and then its numbers; the open list is being written after them.
   */
  private numberBlock = bigInt32(1 << 16);
  /** numberBlock[0 .. sealed) belongs to sealed lists; [sealed .. written) to the open one. */
  private sealed = 0;
  private written = 0;
  /** Whether the open list cites some work twice. */
  private openListRepeats = false;
  private readonly startOf = new WeakMap<readonly object[], number>();

  /** The distinct references, by number. */
  get references(): readonly CitedReference[] {
    return this.shared;
  }

  /** The numbers of all sealed lists (valid until the next sealList). */
  get numbers(): Int32Array {
    return this.numberBlock;
  }

  /** Starts the references of the next work (and a new open list). */
  nextWork(): void {
    this.work++;
    // The slot before the list's numbers is kept for its length.
    this.written = this.sealed + 1;
    this.openListRepeats = false;
    this.reserve();
  }

  /** The number of the shared reference with this key (the parser's choice, e.g. an id's number), or -1. */
  numberOf(key: number): number {
    return this.table.get(key);
  }

  add(key: number, reference: CitedReference): number {
    const number = this.shared.length;
    this.table.set(key, number);
    this.shared.push(reference);
    if (number >= this.lastWork.length) {
      const grown = new Int32Array(this.lastWork.length * 2).fill(-1);
      grown.set(this.lastWork);
      this.lastWork = grown;
    }
    return number;
  }

  reference(number: number): CitedReference {
    return this.shared[number]!;
  }

  /** Records that the current work cites `number`, appending it to the open list. */
  cite(number: number): void {
    this.reserve();
    this.numberBlock[this.written++] = number;
    if (this.lastWork[number] === this.work) this.openListRepeats = true;
    else this.lastWork[number] = this.work;
  }

  /** `list` holds exactly the references cited since nextWork(), in order: keep their numbers for it. */
  sealList(list: readonly CitedReference[]): void {
    const length = this.written - this.sealed - 1;
    if (list.length !== length) throw new Error('sealList: the list does not match the references cited');
    this.numberBlock[this.sealed] = length * 2 + (this.openListRepeats ? 0 : 1);
    this.startOf.set(list, this.sealed + 1);
    sharedOwner.set(list, this);
    this.sealed = this.written;
  }

  /**
   * Where `list`'s numbers start in `numbers`, or -1 if this table did not seal it or the list has
   * changed length since (then its numbers no longer describe it).
   */
  startOfList(list: readonly object[]): number {
    const start = this.startOf.get(list);
    return start !== undefined && this.numberBlock[start - 1]! >>> 1 === list.length ? start : -1;
  }

  /** Whether `list` is one this table sealed, unchanged, with no work cited twice. */
  isDistinct(list: readonly object[]): boolean {
    const start = this.startOfList(list);
    return start >= 0 && (this.numberBlock[start - 1]! & 1) === 1;
  }

  private reserve(): void {
    if (this.written < this.numberBlock.length) return;
    const grown = bigInt32(this.numberBlock.length * 2);
    grown.set(this.numberBlock);
    this.numberBlock = grown;
  }
}

/** The shared references a list was sealed with, if any. */
export function sharedReferencesOf(list: readonly object[]): SharedReferences | undefined {
  return sharedOwner.get(list);
}

/**
 * Whether a parser has checked that `list` holds no two references to the same work. The merge
 * must list each cited work once per paper; at a million OpenAlex works re-checking twenty million
 * references there (reading each scattered reference object again) costs about 20 s, while the
 * streaming parser knows it for free from its shared references.
 */
export function hasDistinctReferences(list: readonly object[]): boolean {
  return sharedOwner.get(list)?.isDistinct(list) ?? false;
}
