import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatParser } from '../../src/ingest/format.ts';
import { authorPageParser } from '../../src/ingest/formats/author-page.ts';
import { hfListingParser, hfTitlesParser } from '../../src/ingest/formats/hf-listing.ts';
import { topicListingParser } from '../../src/ingest/formats/topic-listing.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import type { PaperRecord } from '../../src/model/types.ts';
import { PAGES, readPage } from '../helpers/paths.ts';

const LISTINGS: [FormatParser, string][] = [
  [authorPageParser, PAGES.author],
  [hfListingParser, PAGES.hfNov28],
  [hfTitlesParser, PAGES.hfTitles],
  [topicListingParser, PAGES.topic],
];

/** What a record says, without where it said it (line numbers move when blank lines do). */
function content(records: PaperRecord[]): unknown[] {
  return records.map(({ provenance, ...rest }) => ({ ...rest, format: provenance.format }));
}

const pageText = fc.constantFrom(...LISTINGS.map(([, path]) => readPage(path)));

describe('listing parsers on arbitrary input', () => {
  it.each(LISTINGS)('%s never throws, whatever the text', (parser) => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        const result = parser.parse(text, 'random.txt');
        expect(Array.isArray(result.records)).toBe(true);
        for (const d of result.diagnostics) expect(d.file).toBe('random.txt');
      }),
      { numRuns: 300 },
    );
  });

  it.each(LISTINGS)('%s never throws on mutated real pages', (parser) => {
    fc.assert(
      fc.property(
        pageText,
        fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 40 })), { maxLength: 8 }),
        (text, edits) => {
          const lines = text.split('\n');
          for (const [position, replacement] of edits) lines[position % lines.length] = replacement;
          parser.parse(lines.join('\n'), 'mutated.txt');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ingest of arbitrary text never throws and names the file in every diagnostic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), (text) => {
        const corpus = ingestTexts([{ name: 'x.txt', text }]);
        for (const d of corpus.diagnostics) expect(d.file).toBe('x.txt');
      }),
      { numRuns: 300 },
    );
  });
});

describe('layout invariance', () => {
  it.each(LISTINGS)(
    '%s: extra or missing blank lines and CRLF line ends change no record',
    (parser, path) => {
      const original = readPage(path);
      const expected = content(parser.parse(original, path).records);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 50 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          (blankCounts, newline) => {
            const lines = original.split('\n').filter((line) => line.trim() !== '');
            const shuffled = lines.map(
              (line, index) => line + newline.repeat(1 + blankCounts[index % blankCounts.length]!),
            );
            const result = parser.parse(shuffled.join(''), path);
            expect(content(result.records)).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});

describe('truncated pages', () => {
  it.each(LISTINGS)(
    '%s keeps every complete record before the cut and reports the cut record',
    (parser, path) => {
      const original = readPage(path);
      const full = parser.parse(original, path).records;
      fc.assert(
        fc.property(fc.integer({ min: 1, max: original.length - 1 }), (cut) => {
          const truncated = original.slice(0, cut);
          const result = parser.parse(truncated, path);
          // Every record wholly before the cut (its successor starts before the cut too) is intact.
          const complete = full.filter((_, index) => {
            const next = full[index + 1];
            return next !== undefined && lineOffset(original, next.provenance.line) < cut;
          });
          expect(content(result.records.slice(0, complete.length))).toEqual(content(complete));
          expect(result.records.length).toBeLessThanOrEqual(complete.length + 1);
          const lastCut = result.records.length < full.length;
          const partial = result.records.length === complete.length + 1;
          // A cut inside a record either yields one diagnostic or (titles-only, topic) the record minus its cut tail.
          if (lastCut && !partial && parser !== hfTitlesParser) {
            const cutsInsideRecord =
              truncated.trim().length > lineOffset(original, full[complete.length]!.provenance.line);
            if (cutsInsideRecord) expect(result.diagnostics).toHaveLength(1);
          }
          expect(result.diagnostics.length).toBeLessThanOrEqual(1);
        }),
        { numRuns: 120 },
      );
    },
  );
});

function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}
