import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wosParser } from '../../../src/ingest/formats/wos.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/wos/${name}`, 'utf8');
const sampleText = fixture('bibliometrix-wos-sample-8.txt');
const sample = wosParser.parse(sampleText, 'wos8.txt');
const rispy = wosParser.parse(fixture('rispy-wos-2-records.txt'), 'wos2.txt');
const single = wosParser.parse(fixture('bibx-single-record-no-header.txt'), 'wos1.txt');

describe('wos parser', () => {
  it('sniffs files with and without the FN header', () => {
    expect(wosParser.sniff(sampleText.slice(0, 500))).toBeGreaterThan(0.9);
    expect(wosParser.sniff(fixture('bibx-single-record-no-header.txt').slice(0, 500))).toBeGreaterThan(0.8);
    expect(wosParser.sniff('TY  - JOUR\nAU  - Doe, J\n')).toBe(0);
  });

  it('reads 8 + 2 + 1 records with reference lists as long as NR says', () => {
    expect([sample.records.length, rispy.records.length, single.records.length]).toEqual([8, 2, 1]);
    expect([...sample.diagnostics, ...rispy.diagnostics, ...single.diagnostics]).toEqual([]);
    expect(sample.records.map((r) => r.references?.length)).toEqual([53, 39, 67, 22, 1, 15, 40, 15]);
    expect(rispy.records.map((r) => r.references?.length)).toEqual([59, 86]);
    expect(single.records[0]!.references).toHaveLength(28);
  });

  it('maps the first record: AF names, continuation title, ids, affiliations', () => {
    const toh = sample.records[0]!;
    expect(toh.title).toBe(
      'Mapping the application of Geographic Information System (GIS) in real estate: a bibliometric analysis using bibliometrix and QGIS',
    );
    expect(toh.authors).toHaveLength(1);
    expect(toh.authors[0]).toMatchObject({ name: 'Ming Liang Toh', family: 'Toh', given: 'Ming Liang' });
    expect(toh.authors[0]!.affiliations).toEqual([
      'Univ Technol Sarawak, Sch Built Environm, Jalan Univ, Sibu 96000, Sarawak, Malaysia',
    ]);
    expect(toh).toMatchObject({
      venue: 'SURVEY REVIEW',
      type: 'Article; Early Access',
      provenance: { line: 3 },
    });
    expect(toh.keywords).toContain('bibliometrix');
    const wodarz = single.records[0]!;
    expect(wodarz.authors.map((a) => a.name)).toEqual([
      'Siggi Wodarz',
      'Takashi Hasegawa',
      'Shunji Ishio',
      'Takayuki Homma',
    ]);
    expect(wodarz.authors[1]!.orcid).toBe('0000-0002-8178-4980');
    expect(wodarz.date).toMatchObject({ year: 2017, month: 5, day: 15 });
    expect(wodarz.ids).toMatchObject({ doi: '10.1016/j.jmmm.2017.01.061', wos: '000397201600008' });
  });

  it('a record cut in half yields the records before it and a diagnostic naming its line', () => {
    const cut = sampleText.split('\n').slice(0, 120).join('\n');
    const result = wosParser.parse(cut, 'cut.txt');
    expect(result.records.map((r) => r.provenance.line)).toEqual([3]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'truncated-record', line: 94 })]);
  });

  it('never throws, and truncation keeps the complete records', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(Array.isArray(wosParser.parse(text, 'x.txt').records)).toBe(true);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sampleText.length }), (at) => {
        const part = sampleText.slice(0, at);
        const result = wosParser.parse(part, 'w.txt');
        const completed = (part.match(/^ER$/gm) ?? []).length;
        expect(result.records.map((r) => r.title)).toEqual(
          sample.records.slice(0, completed).map((r) => r.title),
        );
      }),
      { numRuns: 60 },
    );
  });
});
