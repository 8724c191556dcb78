import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatParser } from '../../../src/ingest/format.ts';
import { readCsvTable } from '../../../src/ingest/formats/csv-table.ts';
import { lensParser } from '../../../src/ingest/formats/lens.ts';
import { openAlexCsvParser } from '../../../src/ingest/formats/openalex-csv.ts';
import { scopusParser } from '../../../src/ingest/formats/scopus.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/scopus/${name}`, 'utf8');
const SAMPLE = fixture('bibliometrix-scopus-sample-8.csv');
const RAGGED = 'scopus-ragged-affiliations-8.csv';
const original = scopusParser.parse(SAMPLE, 'sample.csv').records;

/** Start and end of each field of one CSV line without line breaks inside fields. */
function fieldSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  let at = 0;
  while (at <= line.length) {
    const start = at;
    if (line[at] === '"') {
      at++;
      while (at < line.length && !(line[at] === '"' && line[at + 1] !== '"')) at += line[at] === '"' ? 2 : 1;
      at++;
    } else {
      while (at < line.length && line[at] !== ',') at++;
    }
    spans.push([start, at]);
    at++;
  }
  return spans;
}

const withoutFile = (records: typeof original) =>
  records.map(({ provenance, ...rest }) => ({ ...rest, line: provenance.line }));

describe('a Scopus CSV whose rows have one field more than the header (real export, separator inserted)', () => {
  const result = scopusParser.parse(fixture(RAGGED), RAGGED);

  it('keeps all 8 rows, each as read from the export before the quirk', () => {
    expect(result.records).toHaveLength(8);
    expect(withoutFile(result.records)).toEqual(withoutFile(original));
    expect(result.records[0]!.ids).toEqual({
      doi: '10.1177/20552076261415846',
      scopus: '2-s2.0-105030721984',
    });
  });

  it('says once what it did, with the count of repaired rows, and skips nothing', () => {
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'ragged-rows', line: 2 });
    expect(result.diagnostics[0]!.message).toMatch(
      /^Scopus CSV: 8 rows have more fields than the 45-column header/,
    );
    expect(result.diagnostics[0]!.message).toContain("'Authors' to 'Link' line up");
    expect(result.diagnostics.some((d) => /skipped/.test(d.message))).toBe(false);
  });
});

/** Real CSV exports, one row a line, read by readers on the shared table reader. */
const CSV_READERS: [string, FormatParser, string][] = [
  ['Scopus', scopusParser, 'test/fixtures/scopus/bibliometrix-scopus-sample-8.csv'],
  ['Lens', lensParser, 'test/fixtures/lens/bibliometrix-lens-sample-8.csv'],
  ['OpenAlex CSV', openAlexCsvParser, 'test/fixtures/openalex-csv/bibliometrix-openalex-web-8.csv'],
];

describe.each(CSV_READERS)(
  '%s CSV with a separator inside random columns of random rows',
  (_name, parser, path) => {
    it('keeps every row, with its title, year and DOI, and one warning counting the rows', () => {
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n');
      const before = parser.parse(text, 'original.csv').records;
      expect(before).toHaveLength(8);
      fc.assert(
        fc.property(
          fc.array(fc.option(fc.tuple(fc.nat(60), fc.nat(1000)), { nil: undefined }), {
            minLength: 8,
            maxLength: 8,
          }),
          (choices) => {
            let changed = 0;
            const edited = lines.map((line, index) => {
              const choice = index === 0 ? undefined : choices[index - 1];
              if (!choice || !line) return line;
              const spans = fieldSpans(line);
              const [start, end] = spans[choice[0] % spans.length]!;
              const cell = line.slice(start, end);
              const commas = [...cell.matchAll(/, /g)].map((match) => match.index);
              if (!cell.startsWith('"') || commas.length === 0) return line;
              const at = start + commas[choice[1] % commas.length]!;
              changed++;
              return `${line.slice(0, at)}","${line.slice(at + 1)}`;
            });
            const { records, diagnostics } = parser.parse(edited.join('\n'), 'random.csv');
            expect(records).toHaveLength(8);
            expect(records.map((record) => [record.title, record.date?.year, record.ids?.doi])).toEqual(
              before.map((record) => [record.title, record.date?.year, record.ids?.doi]),
            );
            expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
            const ragged = diagnostics.filter((d) => d.code === 'ragged-rows');
            if (changed > 0)
              expect(ragged.map((d) => d.message)).toEqual([expect.stringContaining(`: ${changed} row`)]);
            else expect(ragged).toEqual([]);
          },
        ),
        { numRuns: 40 },
      );
    });
  },
);

describe('readCsvTable', () => {
  it('lines up a row by the shapes of its columns and leaves unknown columns empty', () => {
    const table = readCsvTable('Title,Notes,Year,DOI\nA,b,c,2020,10.1/x\n', 'x.csv', {
      formatName: 'Test CSV',
    });
    expect(table.rows[0]!.cells).toEqual({ Title: '', Notes: '', Year: '2020', DOI: '10.1/x' });
    expect(table.repaired).toBe(1);
    expect(table.diagnostics[0]!.message).toMatch(/left empty .*'Title', 'Notes'/);
  });

  it('joins the two parts of a column when the break is known', () => {
    const table = readCsvTable('Title,Year,Abstract,DOI\nA title,2020,First, second,10.1/x\n', 'x.csv', {
      formatName: 'Test CSV',
    });
    expect(table.rows[0]!.cells).toEqual({
      Title: 'A title',
      Year: '2020',
      Abstract: 'First, second',
      DOI: '10.1/x',
    });
  });

  it('reads separators after the last column as nothing, without a warning', () => {
    const table = readCsvTable('Title,Year\nA,2020,,\n', 'x.csv', { formatName: 'Test CSV' });
    expect(table.rows[0]!.cells).toEqual({ Title: 'A', Year: '2020' });
    expect(table.diagnostics).toEqual([]);
  });

  it('skips a row that cannot be lined up, with an error naming its line', () => {
    const table = readCsvTable('Year,DOI\n2020,10.1/x\nabc,def,ghi\n', 'x.csv', { formatName: 'Test CSV' });
    expect(table.rows).toHaveLength(1);
    expect(table.skipped).toBe(1);
    expect(table.diagnostics[0]).toMatchObject({ severity: 'error', line: 3, code: 'malformed-row' });
  });

  it('passes over a preamble before the header', () => {
    const table = readCsvTable('"About the data: exported 2024"\nTitle,Year\nA,2020\n', 'x.csv', {
      formatName: 'Test CSV',
      isHeader: (fields) => fields.includes('Title'),
    });
    expect(table.header).toEqual(['Title', 'Year']);
    expect(table.rows).toEqual([{ cells: { Title: 'A', Year: '2020' }, line: 3 }]);
  });
});
