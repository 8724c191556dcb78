/**
 * Cited-reference strings split into parts: real WoS CR items and Scopus References items (from
 * test/fixtures and Scopus's documented older layout), and properties on arbitrary strings.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  parseScopusReference,
  parseWosCitedReference,
  splitScopusReferences,
} from '../../src/ingest/reference-strings.ts';

describe('WoS CR items', () => {
  it('reads author, year, source, volume, page and DOI', () => {
    expect(
      parseWosCitedReference('Anselin L, 2006, GEOGR ANAL, V38, P5, DOI 10.1111/j.0016-7363.2005.00671.x'),
    ).toEqual({
      raw: 'Anselin L, 2006, GEOGR ANAL, V38, P5, DOI 10.1111/j.0016-7363.2005.00671.x',
      firstAuthorFamily: 'Anselin',
      year: 2006,
      source: 'GEOGR ANAL',
      volume: '38',
      page: '5',
      doi: '10.1111/j.0016-7363.2005.00671.x',
    });
    expect(
      parseWosCitedReference(
        'KAMADA T, 1989, INFORM PROCESS LETT, V31, P7, DOI 10.1016/0020-0190(89)90102-6',
      ),
    ).toMatchObject({
      firstAuthorFamily: 'KAMADA',
      year: 1989,
      source: 'INFORM PROCESS LETT',
      volume: '31',
      page: '7',
      doi: '10.1016/0020-0190(89)90102-6',
    });
  });

  it('keeps the first DOI of a bracketed list, whose commas are not parts', () => {
    const ceh = parseWosCitedReference(
      'Ceh M, 2018, ISPRS INT J GEO-INF, V7, DOI [10.3390/ijgi705168, 10.3390/ijgi7050168]',
    );
    expect(ceh).toMatchObject({ doi: '10.3390/ijgi705168', volume: '7', source: 'ISPRS INT J GEO-INF' });
    expect(ceh.page).toBeUndefined();
    expect(
      parseWosCitedReference(
        'Bock R.D., 1997, Educational Measurement, V16, P21, DOI [DOI 10.1111/J.1745-3992.1997.TB00605.X, 10.1111/j.1745-3992.1997.tb00605.x]',
      ),
    ).toMatchObject({ firstAuthorFamily: 'Bock', doi: '10.1111/j.1745-3992.1997.tb00605.x', page: '21' });
  });

  it('reads family names with particles, spaced initials and written-out given names', () => {
    const family = (raw: string): string | undefined => parseWosCitedReference(raw).firstAuthorFamily;
    expect(family('El Jaouhari A, 2024, INT J STRATEG PROP M, V28')).toBe('El Jaouhari');
    expect(family('Adams P. A., 1996, CYTOCHROME C MULTIDI, P635')).toBe('Adams');
    expect(family('Homma Takayuki, 2015, ECS Transactions, V64, P1, DOI 10.1149/06431.0001ecst')).toBe(
      'Homma',
    );
    expect(family('BROADUS RN, 1987, SCIENTOMETRICS, V12, P373, DOI 10.1007/BF02016680')).toBe('BROADUS');
    expect(family('VAN DER MEER J, 2001, J ECOL, V89, P10')).toBe('VAN DER MEER');
    expect(family('[Anonymous], 2016, SCIENTOTEXT TEXT SCI')).toBeUndefined();
    const anonymous = parseWosCitedReference('2024, Journal of Computing Research and Innovation, V9');
    expect(anonymous).toMatchObject({
      year: 2024,
      source: 'Journal of Computing Research and Innovation',
      volume: '9',
    });
    expect(anonymous.firstAuthorFamily).toBeUndefined();
  });

  it('reads every CR item of the real fixtures with a year, and a volume or page where the item has one', () => {
    const items: string[] = [];
    for (const name of [
      'bibliometrix-wos-sample-8.txt',
      'rispy-wos-2-records.txt',
      'bibx-single-record-no-header.txt',
    ]) {
      let inCr = false;
      for (const line of readFileSync(`test/fixtures/wos/${name}`, 'utf8').split('\n')) {
        if (line.startsWith('CR ')) inCr = true;
        else if (!line.startsWith('   ')) inCr = false;
        if (inCr) items.push(line.slice(3).trim());
      }
    }
    expect(items).toHaveLength(53 + 39 + 67 + 22 + 1 + 15 + 40 + 15 + 59 + 86 + 28);
    for (const item of items) {
      const reference = parseWosCitedReference(item);
      if (/, \d{4},/.test(item) || /^\d{4},/.test(item)) expect(reference.year, item).toBeDefined();
      if (/, V\d/.test(item)) expect(reference.volume, item).toMatch(/^\d/);
      if (/, P\d/.test(item)) expect(reference.page, item).toMatch(/^\d/);
      if (/DOI 10\./.test(item)) expect(reference.doi, item).toMatch(/^10\./);
    }
  });
});

describe('Scopus References items', () => {
  it('reads the older layout (year between title and source) and the 2020s one (year last, comma-separated authors) alike', () => {
    const kamada = [
      'Kamada, T., Kawai, S., An algorithm for drawing general undirected graphs (1989) Information Processing Letters, 31 (1), pp. 7-15.',
      'Kamada T., Kawai S., An algorithm for drawing general undirected graphs, Information Processing Letters, 31, 1, pp. 7-15, (1989)',
    ].map(parseScopusReference);
    expect(kamada[1]).toEqual({ ...kamada[0], raw: kamada[1]!.raw });
    expect(kamada[0]).toMatchObject({
      firstAuthorFamily: 'Kamada',
      year: 1989,
      title: 'An algorithm for drawing general undirected graphs',
      source: 'Information Processing Letters',
      volume: '31',
      page: '7',
    });
    expect(
      parseScopusReference(
        "Abramo, G., D'Angelo, C.A., Di Costa, F., Research collaboration and productivity: Is there correlation? (2009) Higher Education, 57 (2), pp. 155-171",
      ),
    ).toMatchObject({
      firstAuthorFamily: 'Abramo',
      year: 2009,
      title: 'Research collaboration and productivity: Is there correlation?',
      source: 'Higher Education',
      volume: '57',
      page: '155',
    });
  });

  it('reads the current layout, year last, from the real fixture', () => {
    const rows = Papa.parse<Record<string, string>>(
      readFileSync('test/fixtures/scopus/bibliometrix-scopus-sample-8.csv', 'utf8'),
      { header: true, skipEmptyLines: true },
    ).data;
    const items = rows.flatMap((row) => splitScopusReferences(row.References ?? ''));
    // 381 items, each ending in '(year)' (a split after each '(dddd); ' gives the same count).
    expect(items).toHaveLength(381);
    const aria = items.filter((item) => item.startsWith('Aria M.; Cuccurullo C., Bibliometrix'));
    expect(aria.map(parseScopusReference)).toMatchObject([
      { firstAuthorFamily: 'Aria', year: 2017, source: 'J Informetr', volume: '11', page: '959' },
      { firstAuthorFamily: 'Aria', year: 2017, source: 'Journal of Informetrics', volume: '11', page: '959' },
      { firstAuthorFamily: 'Aria', year: 2017, source: 'J Informetr', volume: '11', page: '959' },
    ]);
    expect(
      parseScopusReference(
        'Cheng M.; Xue Y.; Cui M., Global, regional, and national burden of low back pain: findings from the global burden of disease study 2021 and projections to 2050, Spine (Phila Pa 1976), 50, pp. E128-E139, (2025)',
      ),
    ).toMatchObject({
      firstAuthorFamily: 'Cheng',
      year: 2025,
      source: 'Spine (Phila Pa 1976)',
      volume: '50',
      page: 'E128',
      title:
        'Global, regional, and national burden of low back pain: findings from the global burden of disease study 2021 and projections to 2050',
    });
    const anonymous = parseScopusReference(
      'The global epidemic of low back pain, Lancet Rheumatol, 5, (2023)',
    );
    expect(anonymous).toMatchObject({ year: 2023, source: 'Lancet Rheumatol', volume: '5' });
    expect(anonymous.firstAuthorFamily).toBeUndefined();
    // Authors with undotted initials ('Calin GA; Ferracin M; Cimmino A, …') stay with their item.
    expect(items.filter((item) => !/\(\d{4}\)$/.test(item))).toEqual([]);
    // Each item gets its year, and one with 'pp. N' that page.
    for (const item of items) {
      const reference = parseScopusReference(item);
      expect(reference.year, item).toBe(Number(/\((\d{4})\)$/.exec(item)![1]));
      const pages = /, pp\. ([^-,\s]+)/.exec(item);
      if (pages) expect(reference.page, item).toBe(pages[1]);
    }
  });
});

describe('reference strings on arbitrary text', () => {
  it('never throw, keep the text as raw, and read a year only from the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const reference of [parseWosCitedReference(text), parseScopusReference(text)]) {
          expect(reference.raw).toBe(text);
          if (reference.year !== undefined) expect(text).toContain(String(reference.year));
          if (reference.volume !== undefined) expect(text).toContain(reference.volume);
          if (reference.page !== undefined) expect(text).toContain(reference.page);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('read the same parts from an item whatever its surrounding whitespace', () => {
    const parts = fc.record({
      family: fc.constantFrom('Kamada', 'de Vries', 'Bailón-Moreno', 'O’Neil'),
      year: fc.integer({ min: 1900, max: 2030 }),
      volume: fc.integer({ min: 1, max: 999 }),
      page: fc.integer({ min: 1, max: 9999 }),
      pad: fc.constantFrom('', ' ', '  '),
    });
    fc.assert(
      fc.property(parts, ({ family, year, volume, page, pad }) => {
        const wos = parseWosCitedReference(`${pad}${family} T, ${year}, J TEST, V${volume}, P${page}${pad}`);
        expect(wos).toMatchObject({
          firstAuthorFamily: family,
          year,
          volume: String(volume),
          page: String(page),
        });
        const scopus = parseScopusReference(
          `${pad}${family} T.; Other A., A title, with a comma, Test Journal, ${volume}, pp. ${page}-${page + 9}, (${year})${pad}`,
        );
        expect(scopus).toMatchObject({
          firstAuthorFamily: family,
          year,
          volume: String(volume),
          page: String(page),
          title: 'A title, with a comma',
          source: 'Test Journal',
        });
      }),
      { numRuns: 200 },
    );
  });
});
