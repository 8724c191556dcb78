import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scopusParser } from '../../../src/ingest/formats/scopus.ts';
import { parseScopusReference, splitScopusReferences } from '../../../src/ingest/reference-strings.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/scopus/${name}`, 'utf8');
const newText = fixture('bibliometrix-scopus-sample-8.csv');
const oldText = fixture('litsearchr-scopus-no-references-137.csv');
const current = scopusParser.parse(newText, 'new.csv');
const old = scopusParser.parse(oldText, 'old.csv');

describe('scopus parser', () => {
  it('sniffs both header layouts, with and without BOM', () => {
    expect(scopusParser.sniff(newText.slice(0, 800))).toBeGreaterThan(0.9);
    expect(scopusParser.sniff(oldText.slice(0, 800))).toBeGreaterThan(0.9);
    expect(scopusParser.sniff('title,year\nx,2020\n')).toBe(0);
  });

  it('reads 8 and 137 rows', () => {
    expect(current.records).toHaveLength(8);
    expect(old.records).toHaveLength(137);
    expect([...current.diagnostics, ...old.diagnostics]).toEqual([]);
    expect(old.records.filter((r) => r.ids?.doi)).toHaveLength(94);
  });

  it('uses Author full names with per-author Scopus ids', () => {
    const liu = current.records[0]!;
    expect(liu.authors[0]).toEqual({
      name: 'Fengyuan Liu',
      key: 'fengyuan liu',
      kind: 'person',
      family: 'Liu',
      given: 'Fengyuan',
      ids: { scopus: '60410297700' },
    });
    expect(liu).toMatchObject({
      title:
        'Quantitative analysis of studies that use artificial intelligence on spinal diseases: A bibliometric analysis',
      venue: 'Digital Health',
      date: { year: 2026 },
      ids: { doi: '10.1177/20552076261415846', scopus: '2-s2.0-105030721984' },
      provenance: { line: 2, format: 'scopus' },
    });
  });

  it('reads the old comma layout with a suffix item and trailing ; in ids', () => {
    const roach = old.records.find((r) => r.authors[0]?.family === 'Roach')!;
    expect(roach.authors.map((a) => [a.name, a.ids?.scopus])).toEqual([
      ['M.C. Roach', '57202399895'],
      ['F.R. Thompson', '7202217448'],
      ['T. Jones-Farrand', '57202402248'],
    ]);
    expect(old.records[0]!.authors.map((a) => a.family)).toEqual([
      'Craig',
      'Mazerolle',
      'Taylor',
      'Tremblay',
      'Villard',
    ]);
  });

  it('splits references whose authors are separated by semicolons', () => {
    const refs = splitScopusReferences(
      'The global epidemic of low back pain, Lancet Rheumatol, 5, (2023); Cheng M.; Xue Y.; Cui M., Global, regional burden, Spine, 50, pp. E128-E139, (2025)',
    );
    expect(refs).toHaveLength(2);
    expect(parseScopusReference(refs[1]!)).toMatchObject({
      firstAuthorFamily: 'Cheng',
      year: 2025,
      title: 'Global, regional burden',
    });
    expect(parseScopusReference(refs[0]!)).toMatchObject({
      year: 2023,
      title: 'The global epidemic of low back pain',
    });
    expect(current.records.every((r) => (r.references?.length ?? 0) > 10)).toBe(true);
  });

  it('reports a malformed row with its line and keeps the others', () => {
    const lines = oldText.split('\n');
    const broken = [lines[0], lines[1], '"unterminated,quote,row', lines[2]].join('\n');
    const result = scopusParser.parse(broken, 'bad.csv');
    expect(result.records.length).toBeGreaterThanOrEqual(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'malformed-row', line: 3 });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(
          Array.isArray(scopusParser.parse(`Authors,Title,Year,Source title\n${text}`, 'x.csv').records),
        ).toBe(true);
        expect(Array.isArray(scopusParser.parse(text, 'x.csv').records)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
