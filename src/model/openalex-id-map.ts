import { IntegerTable } from '../util/integer-table.ts';
import { openAlexIdNumber } from './ids.ts';

/**
 * A map from normalised OpenAlex ids ('W2741809807') to non-negative integers. Ids that
 * openAlexIdNumber numbers live in a typed hash table keyed by that number: a million works carry
 * millions of fresh id strings (their own, their authors', their references), and a Map would hash
 * and compare each one. Other shapes (leading zeros, too many digits) stay in a Map, so two
 * different strings never share a key.
 */
export class OpenAlexIdMap {
  private readonly numbered: IntegerTable;
  private readonly others = new Map<string, number>();

  constructor(expected = 16) {
    this.numbered = new IntegerTable(expected);
  }

  get(id: string): number | undefined {
    const key = openAlexIdNumber(id);
    if (key < 0) return this.others.get(id);
    const value = this.numbered.get(key);
    return value < 0 ? undefined : value;
  }

  set(id: string, value: number): void {
    const key = openAlexIdNumber(id);
    if (key < 0) this.others.set(id, value);
    else this.numbered.set(key, value);
  }
}
