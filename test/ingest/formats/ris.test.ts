import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { risParser } from '../../../src/ingest/formats/ris.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/ris/${name}`, 'utf8');
const ieeeText = fixture('ieee-xplore-export.ris');
const ieee = risParser.parse(ieeeText, 'ieee.ris');
const zotero = risParser.parse(fixture('zotero-ris-export-jstor.ris'), 'zotero.ris');

describe('ris parser', () => {
  it('sniffs RIS and not WoS', () => {
    expect(risParser.sniff(ieeeText.slice(0, 400))).toBeGreaterThan(0.9);
    expect(risParser.sniff('FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n')).toBe(0);
  });

  it('reads all 25 IEEE records despite CRLF and the stray CR before TY', () => {
    expect(ieee.records).toHaveLength(25);
    expect(ieee.diagnostics).toEqual([]);
    expect(ieee.records.filter((r) => r.ids?.doi)).toHaveLength(24);
    const first = ieee.records[0]!;
    expect(first).toMatchObject({
      title: 'The European Approach to the Exascale Challenge',
      venue: 'Computing in Science & Engineering',
      type: 'JOUR',
      date: { year: 2019 },
      ids: { doi: '10.1109/mcse.2018.2884139' },
      provenance: { file: 'ieee.ris', line: 1, format: 'ris' },
    });
    // The repeated AU line is one author; given-first names are split on the last token.
    expect(first.authors).toEqual([
      { name: 'G. Kalbe', key: 'g kalbe', kind: 'person', family: 'Kalbe', given: 'G.' },
    ]);
    expect(ieee.records.flatMap((r) => r.authors.map((a) => a.name))).toContain('B. Somosköi');
  });

  it('reads 462 Zotero records: 460 with a title, 2 untitled chapters reported', () => {
    expect(zotero.records).toHaveLength(460);
    expect(zotero.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['missing-title', 2691],
      ['missing-title', 2761],
    ]);
    const first = zotero.records[0]!;
    expect(first.authors.map((a) => a.name)).toEqual(['Robert Pollin', 'Alexander Cockburn']);
    expect(first.date).toEqual({ year: 1991, raw: '1991///' });
    const imf = zotero.records.find((r) => r.authors.some((a) => a.name === 'International Monetary Fund'))!;
    expect(imf.authors[0]!.kind).toBe('group');
    expect(zotero.records.filter((r) => r.ids?.doi)).toHaveLength(5);
  });

  it('keeps a record without ER at end of file and reports it', () => {
    const text = 'TY  - JOUR\nTI  - One\nAU  - Doe, Jane\nER  - \n\nTY  - JOUR\nTI  - Two\nAU  - Roe, Ann\n';
    const result = risParser.parse(text, 'cut.ris');
    expect(result.records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'truncated-record', line: 6, file: 'cut.ris' }),
    ]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(Array.isArray(risParser.parse(text, 'x.ris').records)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a truncated file keeps the complete records before the cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ieeeText.length }), (cut) => {
        const part = ieeeText.slice(0, cut);
        const result = risParser.parse(part, 'ieee.ris');
        const completed = (part.match(/^ER {2}-/gm) ?? []).length;
        expect(result.records.length).toBeGreaterThanOrEqual(completed);
        for (const record of ieee.records.slice(0, completed)) {
          expect(result.records.map((r) => r.title)).toContain(record.title);
        }
        expect(
          result.records.length < ieee.records.length ||
            result.diagnostics.length > 0 ||
            cut === ieeeText.length ||
            completed === 25,
        ).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
