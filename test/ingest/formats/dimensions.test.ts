import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dimensionsParser, dimensionsReference } from '../../../src/ingest/formats/dimensions.ts';
import { scopusParser } from '../../../src/ingest/formats/scopus.ts';
import {
  assertLayoutInvariant,
  assertTotal,
  assertTruncationKeepsRecords,
  endsOf,
} from '../../helpers/format-properties.ts';

// Both files are built from Dimensions' documented export headers (see test/fixtures/PROVENANCE.md).
const fullText = readFileSync('test/fixtures/dimensions/dimensions-publications-built-3.csv', 'utf8');
const mappingText = readFileSync(
  'test/fixtures/dimensions/dimensions-bibliometric-mapping-built-2.csv',
  'utf8',
);
const full = dimensionsParser.parse(fullText, 'full.csv');
const mapping = dimensionsParser.parse(mappingText, 'mapping.csv');

describe('Dimensions CSV reader', () => {
  it('skips the notice line and reads the full-record export', () => {
    expect(full.diagnostics).toEqual([]);
    expect(full.records.map((r) => r.title)).toEqual([
      'bibliometrix : An R-tool for comprehensive science mapping analysis',
      'A high level interface to SCOP and ASTRAL implemented in python.',
      'A conference paper without a DOI',
    ]);
    expect(full.records.map((r) => r.provenance.line)).toEqual([3, 4, 5]);
    expect(full.records.map((r) => r.globalCitations)).toEqual([8858, 41, 0]);
    expect(full.records.map((r) => r.ids)).toEqual([
      { dimensions: 'pub.1000000001', doi: '10.1016/j.joi.2017.08.007' },
      { dimensions: 'pub.1000000002', doi: '10.1186/1471-2105-7-10', pmid: '16403221' },
      { dimensions: 'pub.1000000003' },
    ]);
    expect(full.records.map((r) => r.date)).toEqual([
      { year: 2017, month: 11, raw: '2017-11' },
      { year: 2006, month: 1, day: 10, raw: '2006-01-10' },
      { year: 2021, raw: '2021' },
    ]);
    expect(full.records.map((r) => r.venue)).toEqual([
      'Journal of Informetrics',
      'BMC Bioinformatics',
      'Proceedings of a Workshop',
    ]);
    expect(full.records[1]!.indexKeywords).toEqual([
      'Database Management Systems',
      'Databases, Protein',
      'Software',
    ]);
  });

  it('reads Last, First authors and gives them their affiliations by name', () => {
    const [aria, casbon, conference] = full.records;
    expect(aria!.authors.map((a) => [a.name, a.affiliations])).toEqual([
      ['Massimo Aria', ['University of Naples Federico II, Naples, Italy']],
      ['Corrado Cuccurullo', ['University of Campania "Luigi Vanvitelli", Caserta, Italy']],
    ]);
    expect(casbon!.authors.map((a) => a.affiliations?.length ?? 0)).toEqual([1, 1, 0]);
    expect(conference!.authors.map((a) => a.family)).toEqual(['Uribe-Toril', 'de Pablo Valenciano']);
  });

  it('keeps the cited references of the bibliometric-mapping export with their parts', () => {
    expect(mapping.diagnostics).toEqual([]);
    expect(mapping.records.map((r) => r.references?.length)).toEqual([3, 2]);
    const [small] = mapping.records[0]!.references!;
    expect(small).toMatchObject({
      firstAuthorFamily: 'Small',
      year: 1973,
      source: 'Journal of the American Society for Information Science',
      volume: '24',
      page: '265',
      doi: '10.1002/asi.4630240406',
      dimensions: 'pub.1000000101',
    });
    const garfield = dimensionsReference(
      '[Garfield, Eugene]|Citation indexes for science|Science|1955|122|3159|108-111||pub.1000000104|4000',
    );
    expect(garfield.doi).toBeUndefined();
    expect(garfield).toMatchObject({ firstAuthorFamily: 'Garfield', year: 1955, volume: '122', page: '108' });
  });

  it('is detected by content, above Scopus, with or without the notice line', () => {
    const withoutNotice = fullText.slice(fullText.indexOf('\n') + 1);
    expect(dimensionsParser.sniff(fullText)).toBeGreaterThan(0.9);
    expect(dimensionsParser.sniff(mappingText)).toBeGreaterThan(0.9);
    expect(dimensionsParser.sniff(withoutNotice)).toBeGreaterThan(scopusParser.sniff(withoutNotice));
    expect(dimensionsParser.parse(withoutNotice, 'x.csv').records).toHaveLength(3);
  });

  it('never throws', () => assertTotal(dimensionsParser, [fullText, mappingText]));
  it('blank lines and line ends change no record', () => {
    assertLayoutInvariant(dimensionsParser, fullText, 30);
    assertLayoutInvariant(dimensionsParser, mappingText, 30);
  });
  it('a cut file keeps the rows before the cut plus one diagnostic', () => {
    const start = fullText.indexOf('"Rank"');
    assertTruncationKeepsRecords(
      dimensionsParser,
      fullText,
      fullText.indexOf('\n', start) + 1,
      endsOf(fullText, /^"\d+","pub\..*$/gm),
    );
  });
});
