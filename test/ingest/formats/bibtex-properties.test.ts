import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../src/generate/corpus.ts';
import { syntheticDoi } from '../../../src/generate/formats/writer.ts';
import { writeCorpus } from '../../../src/generate/write.ts';
import { bibtexParser } from '../../../src/ingest/formats/bibtex.ts';
import type { PaperRecord } from '../../../src/model/types.ts';

const jabref = readFileSync('test/fixtures/bibtex/jabref-5.1-crossref-groups.bib', 'utf8');
const biblatex = readFileSync('test/fixtures/bibtex/biblatex-examples.bib', 'utf8');
const parse = (text: string) => bibtexParser.parse(text, 'p.bib');
/** A record without the line it was read from, which blank lines move. */
const withoutLine = ({ provenance, ...rest }: PaperRecord) => ({ ...rest, file: provenance.file });

/** Pieces BibTeX is made of, so random text reaches the tokenizer's deeper states. */
const bibtexPiece = fc.constantFrom(
  '@article',
  '@string',
  '@comment',
  '@preamble',
  '{',
  '}',
  '(',
  ')',
  ',',
  '=',
  '"',
  '#',
  '\\',
  "\\'",
  '\\"o',
  '$',
  '~',
  ' and ',
  'title',
  'author',
  'crossref',
  'key',
  ' ',
  '\n',
  '\r\n',
  'x',
  '%',
);

describe('bibtex parser properties', () => {
  it('never throws on arbitrary text or arbitrary BibTeX pieces', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(bibtexPiece, { maxLength: 80 }).map((p) => p.join('')),
        ),
        (text) => {
          const result = parse(text);
          expect(Array.isArray(result.records)).toBe(true);
          for (const d of result.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('blank lines between entries and CRLF or LF line ends change no record', () => {
    for (const text of [jabref, biblatex]) {
      const expected = parse(text);
      const lines = text.split('\n');
      fc.assert(
        fc.property(
          fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }),
          fc.array(fc.nat(2), { minLength: lines.length, maxLength: lines.length }),
          (crlf, blanks) => {
            let shuffled = '';
            lines.forEach((line, index) => {
              const end = crlf[index] ? '\r\n' : '\n';
              // Blank lines only where an entry starts, outside every value.
              if (line.startsWith('@')) shuffled += end.repeat(blanks[index]!);
              shuffled += line + (index < lines.length - 1 ? end : '');
            });
            const result = parse(shuffled);
            expect(result.records.map(withoutLine)).toEqual(expected.records.map(withoutLine));
            expect(result.diagnostics.map((d) => d.code)).toEqual(expected.diagnostics.map((d) => d.code));
          },
        ),
        { numRuns: 15 },
      );
    }
  });

  it('a truncated file keeps the entries before the cut, plus one diagnostic inside an entry', () => {
    // Every entry and @Comment of the JabRef file starts a line with '@'; each ends at the '}'
    // that balances its first '{' (no value of this file has an escaped brace).
    const starts = [...jabref.matchAll(/^@/gm)].map((match) => match.index);
    const ends = starts.map((start) => {
      let depth = 0;
      for (let at = jabref.indexOf('{', start); at < jabref.length; at++) {
        if (jabref[at] === '{') depth++;
        else if (jabref[at] === '}' && --depth === 0) return at + 1;
      }
      return jabref.length;
    });
    const keys = [...jabref.matchAll(/^@(\w+)\{([^,}]+)[,}]/gm)].map((match) =>
      match[1]!.toLowerCase() === 'comment' ? undefined : match[2],
    );
    expect(keys.filter(Boolean)).toHaveLength(20);
    expect(keys).toHaveLength(starts.length);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: jabref.length }), (cut) => {
        const result = parse(jabref.slice(0, cut));
        const complete = keys.filter((key, index) => key !== undefined && ends[index]! <= cut);
        expect(result.records.map((record) => record.ids?.citationKey)).toEqual(complete);
        const inside = starts.some((start, index) => start < cut && cut < ends[index]!);
        // A cut before the first entry leaves a comment: 'no-records', not a truncation.
        const codes = result.diagnostics.map((d) => d.code).filter((code) => code !== 'no-records');
        expect(codes).toEqual(inside ? ['truncated'] : []);
      }),
      { numRuns: 200 },
    );
    // The end of the file, where the @Comment blocks of JabRef's groups are, cut everywhere.
    const tail = starts[keys.indexOf(undefined)]!;
    for (let cut = tail; cut <= jabref.length; cut += 7) {
      const result = parse(jabref.slice(0, cut));
      expect(result.records).toHaveLength(20);
      const inside = starts.some((start, index) => start < cut && cut < ends[index]!);
      expect(result.diagnostics.map((d) => d.code)).toEqual(inside ? ['truncated'] : []);
    }
  });

  it('generated entries read back with their fields', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const corpus = generateCorpus({ papers: 40, seed });
        let text = '';
        writeCorpus(corpus, 'bibtex', (chunk) => {
          text += chunk;
        });
        const result = parse(text);
        expect(result.diagnostics).toEqual([]);
        const papers = [...corpus.papers()].map((paper) => ({
          title: paper.title,
          abstract: paper.abstract,
          year: paper.year,
          month: paper.month,
          doi: syntheticDoi(corpus, paper.index),
          authors: [...paper.authors].map((author) => corpus.authorName(author).display),
        }));
        expect(
          result.records.map((record) => ({
            title: record.title,
            abstract: record.abstract,
            year: record.date?.year,
            month: record.date?.month,
            doi: record.ids?.doi,
            authors: record.authors.map((author) => author.name),
          })),
        ).toEqual(papers);
      }),
      { numRuns: 10 },
    );
  });
});
