import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openAlexCsvParser } from '../../../src/ingest/formats/openalex-csv.ts';
import {
  assertLayoutInvariant,
  assertTotal,
  assertTruncationKeepsRecords,
  endsOf,
} from '../../helpers/format-properties.ts';

const text = readFileSync('test/fixtures/openalex-csv/bibliometrix-openalex-web-8.csv', 'utf8');
const { records, diagnostics } = openAlexCsvParser.parse(text, 'works.csv');

describe('OpenAlex web CSV reader', () => {
  it('reads 8 works with ids, DOIs, years and cited_by_count', () => {
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(8);
    expect(records[0]).toMatchObject({
      title: 'bibliometrix : An R-tool for comprehensive science mapping analysis',
      ids: { openalex: 'W2755950973', doi: '10.1016/j.joi.2017.08.007' },
      date: { year: 2017, month: 9, day: 12 },
      venue: 'Journal of Informetrics',
      globalCitations: 13235,
      type: 'article',
    });
    expect(records.map((r) => r.globalCitations)).toEqual([13235, 599, 270, 243, 135, 147, 80, 99]);
    expect(records.map((r) => r.date?.year)).toEqual([2017, 2020, 2021, 2020, 2022, 2022, 2021, 2022]);
    expect(records.filter((r) => r.ids?.pmid).map((r) => r.ids!.pmid)).toEqual(['35434524', '33957813']);
    // This export has no referenced_works column.
    expect(records.every((r) => r.references === undefined)).toBe(true);
  });

  it('lines up authors with their ids, ORCIDs and, one each, institutions', () => {
    const [aria, dervis, guleria, , , , campra] = records;
    expect(aria!.authors.map((a) => [a.name, a.ids?.openalex, a.orcid, a.affiliations])).toEqual([
      ['Massimo Aria', 'A5069892096', '0000-0002-8517-9411', ['University of Naples Federico II']],
      [
        'Corrado Cuccurullo',
        'A5049136342',
        '0000-0002-7401-8575',
        ['University of Campania "Luigi Vanvitelli"'],
      ],
    ]);
    expect(dervis!.authors.map((a) => [a.name, a.affiliations])).toEqual([['Hamid Derviş', undefined]]);
    // Four institutions for two authors: which holds which cannot be told.
    expect(guleria!.authors.every((a) => a.affiliations === undefined)).toBe(true);
    expect(campra!.authors.map((a) => a.affiliations?.[0])).toEqual([
      'Università degli Studi del Piemonte Orientale “Amedeo Avogadro”',
      'Università degli Studi del Piemonte Orientale “Amedeo Avogadro”',
      undefined,
      'University of Turin',
    ]);
    expect(records.map((r) => r.authors.length)).toEqual([2, 1, 2, 3, 5, 2, 4, 1]);
  });

  it('reads referenced_works and keywords when the export has them', () => {
    const header =
      'id,display_name,publication_year,referenced_works,keywords.display_name,concepts.display_name';
    const row =
      'https://openalex.org/W1,"A work",2020,"https://openalex.org/W2|https://openalex.org/W3","Science mapping|Bibliometrics","bibliometrics|Computer science"';
    const [work] = openAlexCsvParser.parse(`${header}\n${row}\n`, 'w.csv').records;
    expect(work!.references).toEqual([{ openalex: 'W2' }, { openalex: 'W3' }]);
    expect(work!.keywords).toEqual(['Science mapping', 'Bibliometrics', 'Computer science']);
  });

  it('is detected by content', () => {
    expect(openAlexCsvParser.sniff(text)).toBeGreaterThan(0.9);
    expect(openAlexCsvParser.sniff('id,title,year\n1,x,2020\n')).toBe(0);
  });

  it('never throws', () => assertTotal(openAlexCsvParser, [text]));
  it('blank lines and line ends change no record', () => assertLayoutInvariant(openAlexCsvParser, text));
  it('a cut file keeps the rows before the cut plus one diagnostic', () =>
    assertTruncationKeepsRecords(
      openAlexCsvParser,
      text,
      text.indexOf('\n') + 1,
      endsOf(text, /^"https:\/\/openalex\.org\/W.*$/gm),
    ));
});
