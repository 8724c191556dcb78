import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lensParser, lensReference } from '../../../src/ingest/formats/lens.ts';
import {
  assertLayoutInvariant,
  assertTotal,
  assertTruncationKeepsRecords,
  endsOf,
} from '../../helpers/format-properties.ts';

const text = readFileSync('test/fixtures/lens/bibliometrix-lens-sample-8.csv', 'utf8');
const { records, diagnostics } = lensParser.parse(text, 'lens.csv');

describe('Lens.org CSV reader', () => {
  it('reads 8 rows with Lens IDs, years, DOIs, PMIDs and citation counts', () => {
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => r.ids?.lens)).toEqual([
      '000-360-106-493-122',
      '000-367-630-842-001',
      '000-371-385-074-628',
      '000-467-583-617-052',
      '000-689-131-611-462',
      '000-848-264-004-813',
      '001-152-766-697-42X',
      '001-354-075-327-521',
    ]);
    expect(records.map((r) => r.date?.year)).toEqual([2020, 2020, 2021, 2021, 2020, 2021, 2021, 2019]);
    expect(records.map((r) => r.globalCitations)).toEqual([10, 6, 1, 59, 48, 65, 182, 2]);
    expect(records.filter((r) => r.ids?.pmid).map((r) => r.ids!.pmid)).toEqual([
      '33251087',
      '34257512',
      '33967598',
      '35720981',
    ]);
    expect(records[0]!.ids?.doi).toBe('10.1007/s10669-020-09792-x');
    expect(records.every((r) => r.type === 'journal article')).toBe(true);
  });

  it('keeps every cited Lens ID: 517 in all', () => {
    expect(records.map((r) => r.references?.length)).toEqual([46, 10, 50, 77, 78, 51, 157, 48]);
    expect(records[0]!.references![0]).toEqual({ lens: '000-928-794-577-264', raw: '000-928-794-577-264' });
    expect(lensReference('10.1000/ABC')).toEqual({ doi: '10.1000/abc', raw: '10.1000/ABC' });
  });

  it('reads given-first authors, keywords and fields of study', () => {
    const [radanliev, izzo] = records;
    expect(radanliev!.title).toBe(
      'Dynamic real-time risk analytics of uncontrollable states in complex internet of things systems: cyber risk at the edge',
    );
    expect(radanliev!.authors).toHaveLength(10);
    expect(radanliev!.authors[0]).toMatchObject({ name: 'Petar Radanliev', family: 'Radanliev' });
    expect(radanliev!.authors[9]!.name).toBe('La’Treall Maddox');
    expect(radanliev!.venue).toBe('Environment systems & decisions');
    expect(radanliev!.keywords).toHaveLength(10);
    expect(radanliev!.indexKeywords).toHaveLength(8);
    expect(radanliev!.indexKeywords![0]).toBe('Risk assessment');
    expect(izzo!.authors.map((a) => a.name)).toEqual(['Filomena Izzo', 'Ida Camminatiello']);
    expect(records.map((r) => r.authors.length)).toEqual([10, 2, 5, 3, 3, 2, 1, 2]);
    expect(records.some((r) => r.abstract?.includes('<jats:'))).toBe(false);
  });

  it('is detected by content, and Scopus is not taken for it', () => {
    expect(lensParser.sniff(text)).toBeGreaterThan(0.9);
    const scopus = readFileSync('test/fixtures/scopus/bibliometrix-scopus-sample-8.csv', 'utf8');
    expect(lensParser.sniff(scopus)).toBe(0);
  });

  it('never throws', () => assertTotal(lensParser, [text]));
  it('blank lines and line ends change no record', () => assertLayoutInvariant(lensParser, text));
  it('a cut file keeps the rows before the cut plus one diagnostic', () =>
    assertTruncationKeepsRecords(lensParser, text, text.indexOf('\n') + 1, endsOf(text, /^"\d{3}-.*$/gm)));
});
