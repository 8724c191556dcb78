/**
 * The property tests every file-format reader passes: no throw on arbitrary input, blank lines and
 * line ends that change no record, and a file cut anywhere that keeps the records before the cut
 * plus one diagnostic.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { FormatParser } from '../../src/ingest/format.ts';
import type { PaperRecord } from '../../src/model/types.ts';

/** What a record says, without the line it starts on (blank lines move it). */
export function recordContent(records: PaperRecord[]): unknown[] {
  return records.map(({ provenance, ...rest }) => ({
    ...rest,
    format: provenance.format,
    file: provenance.file,
  }));
}

/** The parser returns records and diagnostics naming the file, whatever the text. */
export function assertTotal(parser: FormatParser, seeds: string[], runs = 200): void {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 1500 }), (text) => {
      const result = parser.parse(text, 'random.txt');
      expect(Array.isArray(result.records)).toBe(true);
      for (const d of result.diagnostics) expect(d.file).toBe('random.txt');
    }),
    { numRuns: runs },
  );
  // Real files with lines replaced by noise.
  fc.assert(
    fc.property(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 40 })), { maxLength: 6 }),
      (text, edits) => {
        const lines = text.split('\n');
        for (const [position, replacement] of edits) lines[position % lines.length] = replacement;
        const result = parser.parse(lines.join('\n'), 'mutated.txt');
        expect(Array.isArray(result.records)).toBe(true);
      },
    ),
    { numRuns: Math.ceil(runs / 2) },
  );
}

/** Extra blank lines anywhere between lines, and CRLF, CR or LF line ends, change no record. */
export function assertLayoutInvariant(parser: FormatParser, text: string, runs = 60): void {
  const expected = recordContent(parser.parse(text, 'f').records);
  expect(expected.length).toBeGreaterThan(0);
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      (blankCounts, newline) => {
        const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
        const shuffled = lines.map(
          (line, index) => line + newline.repeat(1 + blankCounts[index % blankCounts.length]!),
        );
        const result = parser.parse(shuffled.join(''), 'f');
        expect(recordContent(result.records)).toEqual(expected);
        expect(result.diagnostics).toEqual([]);
      },
    ),
    { numRuns: runs },
  );
}

/**
 * Cut anywhere after `from`: the records whose text ends before the cut (`recordEnds`, one offset
 * per record, in order) are kept as they were; a cut inside a record adds exactly one diagnostic,
 * unless the cut record still reads (a cut where nothing marks the end of a record), when it is kept
 * with at most one diagnostic about the cut line. With `endRequired`, a cut anywhere before the
 * document's end is one diagnostic.
 */
export function assertTruncationKeepsRecords(
  parser: FormatParser,
  text: string,
  from: number,
  recordEnds: number[],
  runs = 80,
  /** A document whose end must be there (one JSON value): any cut before it is one diagnostic. */
  endRequired = false,
): void {
  const full = recordContent(parser.parse(text, 'f').records);
  expect(full).toHaveLength(recordEnds.length);
  fc.assert(
    fc.property(fc.integer({ min: from, max: text.length }), (cut) => {
      const part = text.slice(0, cut);
      const result = parser.parse(part, 'f');
      const complete = recordEnds.filter((end) => end <= cut).length;
      const kept = recordContent(result.records);
      expect(kept.slice(0, complete)).toEqual(full.slice(0, complete));
      const lastEnd = complete === 0 ? from : recordEnds[complete - 1]!;
      const insideRecord = endRequired ? text.slice(cut).trim() !== '' : part.slice(lastEnd).trim() !== '';
      if (kept.length === complete) {
        expect(result.diagnostics).toHaveLength(insideRecord ? 1 : 0);
      } else {
        expect(kept).toHaveLength(complete + 1);
        expect(result.diagnostics.length).toBeLessThanOrEqual(1);
      }
    }),
    { numRuns: runs },
  );
}

/** The offsets just past each match of `pattern` (a global, multiline regular expression). */
export function endsOf(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((match) => match.index + match[0].length);
}
