/**
 * Node-only: the lines of a streamed file that are not UTF-8, found with `isUtf8` (native, a
 * block at a time) so a file too large to decode whole gets the same warning as one read whole.
 */
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from '../model/types.ts';
import { invalidUtf8Diagnostic } from './decode-text.ts';

/** Lines remembered for the warning; later ones are only counted. */
const REMEMBERED = 10;

export class InvalidUtf8Lines {
  private readonly lines: number[] = [];
  private total = 0;

  /**
   * Checks lines `bytes[starts[i] .. ends[i])`, numbered from `firstLine`: one native check of the
   * whole run, and line by line only when it fails.
   */
  check(bytes: Uint8Array, starts: ArrayLike<number>, ends: ArrayLike<number>, firstLine: number): void {
    const count = starts.length;
    if (count === 0 || isUtf8(bytes.subarray(starts[0]!, ends[count - 1]!))) return;
    for (let index = 0; index < count; index++) {
      if (isUtf8(bytes.subarray(starts[index]!, ends[index]!))) continue;
      if (this.lines.length < REMEMBERED) this.lines.push(firstLine + index);
      this.total++;
    }
  }

  /** Checks a block of whole lines split at LF, its first line numbered `firstLine`. */
  checkBlock(bytes: Uint8Array, firstLine: number): void {
    if (isUtf8(bytes)) return;
    const starts: number[] = [];
    const ends: number[] = [];
    let start = 0;
    while (start <= bytes.length) {
      const newline = bytes.indexOf(10, start);
      const end = newline < 0 ? bytes.length : newline;
      starts.push(start);
      ends.push(end);
      start = end + 1;
    }
    this.check(bytes, starts, ends, firstLine);
  }

  /** The warning for the lines found, if any. */
  diagnostic(file: string): Diagnostic | undefined {
    return this.total === 0 ? undefined : invalidUtf8Diagnostic(file, this.lines, this.total);
  }
}
