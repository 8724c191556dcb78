/**
 * One cited work, one `ref:` node: the same works cited through a WoS CR line and a Scopus
 * reference string are one node each, whichever record comes first and whichever carries the
 * DOI; and the distinct cited works of the real WoS and Scopus fixtures equal a count made here
 * straight from their CR lines and References cells, not through the readers or the key.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildCitations } from '../../src/analysis/citations.ts';
import { citedReferenceId, ExternalWorkIndex } from '../../src/analysis/cited-works.ts';
import { bibliographicKey, sourceInitials } from '../../src/analysis/reference-key.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import { parseScopusReference, parseWosCitedReference } from '../../src/ingest/reference-strings.ts';
import type { Corpus } from '../../src/model/types.ts';

const WOS = `FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Doe, J
AF Doe, Jane
TI Drawing citation networks
SO SCIENTOMETRICS
PY 2020
CR KAMADA T, 1989, INFORM PROCESS LETT, V31, P7, DOI 10.1016/0020-0190(89)90102-6
   Aria M, 2017, J INFORMETR, V11, P959
   FRUCHTERMAN TMJ, 1991, SOFTWARE PRACT EXPER, V21, P1129
ER

EF
`;

const SCOPUS_REFERENCES = [
  'Kamada, T., Kawai, S., An algorithm for drawing general undirected graphs (1989) Information Processing Letters, 31 (1), pp. 7-15.',
  'Aria M.; Cuccurullo C., Bibliometrix: An R-tool for comprehensive science mapping analysis, Journal of Informetrics, 11, 4, pp. 959-975, (2017), 10.1016/j.joi.2017.08.007',
  'Fruchterman, T.M.J., Reingold, E.M., Graph drawing by force-directed placement (1991) Software - Practice and Experience, 21 (11), pp. 1129-1164.',
].join('; ');

const SCOPUS = `Authors,Title,Year,Source title,DOI,References,EID
"Roe R.","Mapping science with two databases",2021,"Journal of Informetrics","","${SCOPUS_REFERENCES}","2-s2.0-1"
`;

function referenceIds(corpus: Corpus): string[] {
  const citations = buildCitations(corpus, { mineAbstracts: false });
  return Array.from({ length: citations.referenceCount }, (_, r) => citations.referenceId(r)).sort();
}

describe('the same works cited by a WoS record and a Scopus record', () => {
  const expected = [
    'cit-fruchterman-1991-v21-p1129',
    'doi-10.1016/0020-0190(89)90102-6',
    'doi-10.1016/j.joi.2017.08.007',
  ];

  it('are one reference node each, named by the DOI either record gives', () => {
    const corpus = ingestTexts([
      { name: 'wos.txt', text: WOS },
      { name: 'scopus.csv', text: SCOPUS },
    ]);
    expect(corpus.papers).toHaveLength(2);
    expect(corpus.papers.map((paper) => paper.references?.length)).toEqual([3, 3]);
    expect(referenceIds(corpus)).toEqual(expected);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect([...citations.mentionCount]).toEqual([2, 2, 2]);
  });

  it('whichever record comes first', () => {
    const corpus = ingestTexts([
      { name: 'scopus.csv', text: SCOPUS },
      { name: 'wos.txt', text: WOS },
    ]);
    expect(referenceIds(corpus)).toEqual(expected);
  });

  it('resolve to the corpus paper a DOI names, for the record without the DOI too', () => {
    const cited = `PT J
AU Kamada, T
TI An algorithm for drawing general undirected graphs
SO INFORMATION PROCESSING LETTERS
PY 1989
DI 10.1016/0020-0190(89)90102-6
ER
`;
    const corpus = ingestTexts([
      { name: 'scopus.csv', text: SCOPUS },
      { name: 'wos.txt', text: WOS },
      { name: 'cited.txt', text: cited },
    ]);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect(citations.resolvedInCorpus).toBe(2);
    expect(referenceIds(corpus)).toEqual(expected.slice(0, 1).concat(expected.slice(2)));
  });

  it('keep two works apart when their keys agree but their DOIs differ', () => {
    const text = WOS.replace(
      '   Aria M, 2017, J INFORMETR, V11, P959\n',
      '   Aria M, 2017, J INFORMETR, V11, P959, DOI 10.1000/one\n   Aria M, 2017, J INFORMETR, V11, P959, DOI 10.1000/two\n',
    );
    const corpus = ingestTexts([{ name: 'wos.txt', text }]);
    expect(referenceIds(corpus)).toContain('doi-10.1000/one');
    expect(referenceIds(corpus)).toContain('doi-10.1000/two');
  });
});

describe('works named by several identifiers', () => {
  it('are one work whichever identifier or key names them (DOI, Dimensions, PubMed, Lens, author-year-volume-page)', () => {
    const index = new ExternalWorkIndex();
    const dimensions = {
      dimensions: 'pub.1090870034',
      doi: '10.1000/a',
      firstAuthorFamily: 'Kamada',
      year: 1989,
      volume: '31',
      page: '7',
    };
    const first = index.internCited(dimensions);
    expect(index.internCited({ doi: '10.1000/a' })).toBe(first);
    expect(index.internCited({ dimensions: 'pub.1090870034' })).toBe(first);
    expect(
      index.internCited({
        raw: 'KAMADA T, 1989, INFORM PROCESS LETT, V31, P7',
        firstAuthorFamily: 'KAMADA',
        year: 1989,
        volume: '31',
        page: '7',
      }),
    ).toBe(first);
    const lens = index.internCited({ lens: '000-928-794-577-264', raw: '000-928-794-577-264' });
    expect(lens).not.toBe(first);
    expect(index.internCited({ lens: '000-928-794-577-264' })).toBe(lens);
    expect(index.internCited({ pmid: '16403221', doi: '10.1000/b' })).toBe(
      index.internCited({ pmid: '16403221' }),
    );
    expect(index.size).toBe(3);
    expect(citedReferenceId({ lens: '000-928-794-577-264', raw: '000-928-794-577-264' })).toBe(
      'lens-000-928-794-577-264',
    );
    expect(citedReferenceId(dimensions)).toBe('doi-10.1000/a');
  });
});

describe('one work written the WoS way and the Scopus ways', () => {
  it('has one key, whatever the case, accents and spacing of the family name', () => {
    const parts = fc.record({
      family: fc.constantFrom('Kamada', 'de Vries', 'Bailón-Moreno', 'Lo Bue', 'Smith'),
      year: fc.integer({ min: 1900, max: 2030 }),
      volume: fc.integer({ min: 1, max: 999 }),
      page: fc.integer({ min: 1, max: 9999 }),
      source: fc.constantFrom('Information Processing Letters', 'Journal of Informetrics', 'Scientometrics'),
    });
    fc.assert(
      fc.property(parts, ({ family, year, volume, page, source }) => {
        const wosFamily = family
          .toUpperCase()
          .normalize('NFKD')
          .replace(/[\u0300-\u036f]/g, '');
        const keys = [
          parseWosCitedReference(`${wosFamily} T, ${year}, ${source.toUpperCase()}, V${volume}, P${page}`),
          parseScopusReference(
            `${family}, T., Other, A., A title, with a comma (${year}) ${source}, ${volume} (2), pp. ${page}-${page + 5}.`,
          ),
          parseScopusReference(
            `${family} T.; Other A., A title, ${source}, ${volume}, 2, pp. ${page}-${page + 5}, (${year})`,
          ),
        ].map(citedReferenceId);
        expect(new Set(keys).size).toBe(1);
        expect(keys[0]).toMatch(new RegExp(`^cit-[a-z]+-${year}-v${volume}-p${page}$`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bibliographic keys', () => {
  it('leave the source out when volume and page are known, and use its initials otherwise', () => {
    expect(
      bibliographicKey({ firstAuthorFamily: 'Bailón-Moreno', year: 2005, volume: '63', page: '259-270' }),
    ).toBe('bailonmoreno-2005-v63-p259');
    expect(
      bibliographicKey({ firstAuthorFamily: 'Ceh', year: 2018, source: 'ISPRS INT J GEO-INF', volume: '7' }),
    ).toBe('ceh-2018-iijgi-v7-p');
    expect(sourceInitials('ISPRS International Journal of Geo-Information')).toBe(
      sourceInitials('ISPRS INT J GEO-INF'),
    );
    expect(sourceInitials('Journal of Informetrics')).toBe(sourceInitials('J INFORMETR'));
    expect(bibliographicKey({ firstAuthorFamily: 'Smith', year: 2000 })).toBeUndefined();
    expect(bibliographicKey({ firstAuthorFamily: 'Smith', volume: '1', page: '2' })).toBeUndefined();
    expect(citedReferenceId({ raw: 'Smith J, 2000, SOME BOOK' })).toBe('raw-smith-j-2000-some-book');
  });
});

/** Folded letters of a family name written before its initials ('van Eck N.J.' → 'vaneck'). */
const family = (name: string): string =>
  name
    .trim()
    .replace(/(?:\s+(?:[A-Z]\.\s?-?)+|\s+[A-Z]{1,4}|\s+[A-Z]-[A-Z]{1,3})$/, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Distinct works among items known by a DOI and/or an author-year-volume-page key: an item joins
 * the work of the first of its names already seen, else starts a work (a DOI never joins a work
 * of another DOI); items with neither are told apart by their text.
 */
function countWorks(items: { doi?: string; key?: string; text: string }[]): number {
  const workOf = new Map<string, number>();
  const doiOfWork = new Map<number, string>();
  let works = 0;
  for (const { doi, key, text } of items) {
    let work = doi ? workOf.get(`doi ${doi}`) : undefined;
    if (work === undefined && key) {
      const byKey = workOf.get(`key ${key}`);
      if (byKey !== undefined && (!doi || !doiOfWork.has(byKey))) work = byKey;
    }
    if (work === undefined && !doi && !key) work = workOf.get(`text ${text}`);
    if (work === undefined) work = works++;
    if (doi && !workOf.has(`doi ${doi}`)) workOf.set(`doi ${doi}`, work);
    if (doi && !doiOfWork.has(work)) doiOfWork.set(work, doi);
    if (key && !workOf.has(`key ${key}`)) workOf.set(`key ${key}`, work);
    if (!doi && !key) workOf.set(`text ${text}`, work);
  }
  return works;
}

describe('distinct cited works of the real fixtures', () => {
  it('WoS: the CR lines of the three files, DOIs and author-year-volume-page joined', async () => {
    const items: { doi?: string; key?: string; text: string }[] = [];
    const corpusDois = new Set<string>();
    for (const name of [
      'bibliometrix-wos-sample-8.txt',
      'bibx-single-record-no-header.txt',
      'rispy-wos-2-records.txt',
    ]) {
      let tag = '';
      for (const line of readFileSync(`test/fixtures/wos/${name}`, 'utf8').split('\n')) {
        if (/^[A-Z][A-Z0-9]( |$)/.test(line)) tag = line.slice(0, 2);
        if (tag === 'DI' && line.startsWith('DI ')) corpusDois.add(line.slice(3).trim().toLowerCase());
        if (tag !== 'CR') continue;
        const text = line.slice(3).trim();
        const doi = /DOI \[?(?:DOI )?(10\.[^\s,\]]+)/.exec(text)?.[1]?.toLowerCase();
        const parts = text.split(', ');
        const year = parts.slice(0, 2).find((part) => /^\d{4}$/.test(part));
        const volume = parts.find((part) => /^V\d/.test(part))?.slice(1);
        const page = parts.find((part) => /^P\d/.test(part))?.slice(1);
        const author = /^\d{4}$|^\[/.test(parts[0]!) ? '' : family(parts[0]!);
        const key = author && year && volume && page ? `${author} ${year} ${volume} ${page}` : undefined;
        items.push({
          doi,
          key,
          text: text
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, ' ')
            .slice(0, 100),
        });
      }
    }
    expect(items).toHaveLength(425);
    const works = countWorks(items);
    const inCorpus = new Set(
      items.filter((item) => item.doi && corpusDois.has(item.doi)).map((item) => item.doi),
    );
    expect(inCorpus.size).toBe(1);
    const { corpus } = await ingestFiles(['test/fixtures/wos']);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect(citations.referenceCount).toBe(works - inCorpus.size);
    expect(citations.referenceCount).toBe(402);
  });

  it('Scopus: the References items, author-year-volume-page joined (Aria 2017 four ways, van Eck 2010 four ways)', async () => {
    const rows = Papa.parse<Record<string, string>>(
      readFileSync('test/fixtures/scopus/bibliometrix-scopus-sample-8.csv', 'utf8'),
      { header: true, skipEmptyLines: true },
    ).data;
    const items = rows.flatMap((row) =>
      (row.References ?? '').split(/(?<=\(\d{4}\));\s*/).map((text) => {
        const parts = text.split(', ');
        const year = /\((\d{4})\)$/.exec(text)?.[1];
        const page = /, pp\. ([^-,\s]+)/.exec(text)?.[1]?.toLowerCase();
        const volume = parts.slice(0, -1).find((part) => /^\d+$/.test(part));
        const first = parts[0]!.split(';')[0]!;
        const author = /\s(?:(?:[A-Z]\.\s?-?)+|[A-Z]{1,4}|[A-Z]-[A-Z]{1,3})$/.test(first)
          ? family(first)
          : '';
        const key = author && year && volume && page ? `${author} ${year} ${volume} ${page}` : undefined;
        return {
          key,
          text: text
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, ' ')
            .slice(0, 100),
        };
      }),
    );
    expect(items).toHaveLength(381);
    const works = countWorks(items);
    expect(works).toBe(374);
    const { corpus } = await ingestFiles(['test/fixtures/scopus']);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect(citations.referenceCount).toBe(works);
  });
});
