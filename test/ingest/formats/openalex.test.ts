import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abstractFromInvertedIndex,
  openAlexParser,
  parseOpenAlex,
  parseOpenAlexLine,
} from '../../../src/ingest/formats/openalex.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/openalex/${name}`, 'utf8');
const WORK = 'work-W2741809807.json';
const PAGE = 'works-page-2-results.json';
const JSONL = 'works-openalexpro-jq-transformed.jsonl';

describe('openalex: a single work object', () => {
  const { records, diagnostics } = parseOpenAlex(fixture(WORK), WORK);
  const work = records[0]!;

  it('reads one record without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(1);
    expect(work.title).toBe(
      'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles',
    );
    expect(work.provenance).toEqual({ file: WORK, line: 1, format: 'openalex' });
    expect(work.type).toBe('article');
    expect(work.venue).toBe('PeerJ');
    expect(work.date).toEqual({ year: 2018, month: 2, day: 13, raw: '2018-02-13' });
  });

  it('keeps the 9 authorships in order with OpenAlex ids, ORCIDs and institutions', () => {
    expect(work.authors.map((a) => a.name)).toEqual([
      'Heather Piwowar',
      'Jason Priem',
      'Vincent Larivière',
      'Juan Pablo Alperín',
      'Lisa Matthias',
      'Bree Norlander',
      'Ashley Farley',
      'Jevin D. West',
      'Stefanie Haustein',
    ]);
    expect(work.authorCount).toBe(9);
    expect(work.authors.every((a) => a.orcid !== undefined)).toBe(true);
    expect(work.authors[0]).toEqual({
      name: 'Heather Piwowar',
      key: 'heather piwowar',
      kind: 'person',
      family: 'Piwowar',
      given: 'Heather',
      ids: { openalex: 'A5048491430' },
      orcid: '0000-0003-1613-5981',
      affiliations: ['Impact Technology Development (United States)'],
    });
    expect(work.authors[2]!.affiliations).toEqual([
      'Université de Montréal',
      'Université du Québec à Montréal',
    ]);
    expect(work.authors[8]!.orcid).toBe('0000-0003-0157-1430');
  });

  it('normalises ids and keeps the 45 referenced works', () => {
    expect(work.ids).toEqual({ openalex: 'W2741809807', doi: '10.7717/peerj.4375', pmid: '29456894' });
    expect(work.references).toHaveLength(45);
    expect(work.references![0]).toEqual({ openalex: 'W1560783210' });
  });

  it('rebuilds the abstract from the inverted index in word order', () => {
    expect(work.abstract).toMatch(
      /^Despite growing interest in Open Access \(OA\) to scholarly literature, there is an unmet need/,
    );
    expect(work.abstract).toMatch(/as a way to inform OA policy and practice\.$/);
    expect(work.abstract!.split(' ')).toHaveLength(258);
  });

  it('takes keywords, then topics, then concepts, without repeats', () => {
    expect(work.keywords!.slice(0, 5)).toEqual([
      'Scholarly Communication',
      'Web of science',
      'Open Science',
      'Citation analysis',
      'scientometrics and bibliometrics research',
    ]);
    // The concept "Scholarly communication" repeats the keyword "Scholarly Communication".
    expect(work.keywords!.filter((k) => k.toLowerCase() === 'scholarly communication')).toHaveLength(1);
    expect(work.keywords).toContain('Bibliometrics');
  });
});

describe('openalex: a /works results page', () => {
  const { records, diagnostics } = parseOpenAlex(fixture(PAGE), PAGE);

  it('reads both works with their reference counts', () => {
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => [r.ids?.openalex, r.references?.length, r.authors.length])).toEqual([
      ['W2755950973', 70, 2],
      ['W2741809807', 45, 9],
    ]);
    const bibliometrix = records[0]!;
    expect(bibliometrix.title).toBe('bibliometrix : An R-tool for comprehensive science mapping analysis');
    expect(bibliometrix.authors.map((a) => a.name)).toEqual(['Massimo Aria', 'Corrado Cuccurullo']);
    expect(bibliometrix.venue).toBe('Journal of Informetrics');
    expect(bibliometrix.ids?.doi).toBe('10.1016/j.joi.2017.08.007');
    expect(bibliometrix.abstract).toBeUndefined();
  });

  it('points each work of a pretty-printed page at the line of its own id', () => {
    const pretty = JSON.stringify(JSON.parse(fixture(PAGE)), null, 2);
    const lines = pretty.split('\n');
    const idLine = (id: string): number => lines.indexOf(`      "id": "https://openalex.org/${id}",`) + 1;
    const { records: prettyRecords } = parseOpenAlex(pretty, 'pretty.json');
    expect(idLine('W2741809807')).toBeGreaterThan(idLine('W2755950973'));
    expect(prettyRecords.map((r) => r.provenance.line)).toEqual([
      idLine('W2755950973'),
      idLine('W2741809807'),
    ]);
  });
});

describe('openalex: JSON Lines', () => {
  it('reads one work per line, with a plain abstract field when there is no inverted index', () => {
    const { records, diagnostics } = parseOpenAlex(fixture(JSONL), JSONL);
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => [r.ids?.openalex, r.provenance.line])).toEqual([
      ['W2755950973', 1],
      ['W2741809807', 2],
    ]);
    expect(records[1]!.abstract).toMatch(/^Despite growing interest in Open Access/);
  });

  it('reports a non-JSON line with its line number and keeps the other works', () => {
    const [first, second] = fixture(JSONL).split('\n');
    const text = [first, '', 'this is not {json', second].join('\n');
    const { records, diagnostics } = parseOpenAlex(text, 'broken.jsonl');
    expect(records.map((r) => [r.ids?.openalex, r.provenance.line])).toEqual([
      ['W2755950973', 1],
      ['W2741809807', 4],
    ]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      file: 'broken.jsonl',
      line: 3,
      code: 'invalid-json-line',
      severity: 'error',
    });
    expect(diagnostics[0]!.message).toContain('this is not {json');
  });

  it('parseOpenAlexLine: blank lines give nothing, other JSON gives a diagnostic on its line', () => {
    expect(parseOpenAlexLine('   ', 'f.jsonl', 7)).toEqual({ records: [], diagnostics: [] });
    const notWork = parseOpenAlexLine('{"meta": {"count": 0}}', 'f.jsonl', 8);
    expect(notWork.records).toEqual([]);
    expect(notWork.diagnostics).toMatchObject([{ line: 8, code: 'unexpected-record' }]);
    const untitled = parseOpenAlexLine('{"id": "https://openalex.org/W1", "title": null}', 'f.jsonl', 9);
    expect(untitled.diagnostics).toMatchObject([{ line: 9, code: 'missing-title', severity: 'warning' }]);
  });
});

describe('openalex: details', () => {
  it('rebuilds an inverted index by position, ignoring bad positions', () => {
    expect(
      abstractFromInvertedIndex({ world: [1], Hello: [0], again: [3], hello: [2], bad: [-1, 'x'] }),
    ).toBe('Hello world hello again');
    expect(abstractFromInvertedIndex({})).toBeUndefined();
    expect(abstractFromInvertedIndex(null)).toBeUndefined();
  });

  it('finds an arXiv id in locations and falls back to the publication year', () => {
    const work = {
      id: 'https://openalex.org/W42',
      display_name: 'A preprint',
      publication_year: 2021,
      authorships: [
        { author_position: 'last', author: { display_name: 'Second Person' }, institutions: [] },
        {
          author_position: 'first',
          author: { display_name: 'First Person' },
          institutions: [],
          raw_affiliation_strings: ['Somewhere Lab'],
        },
      ],
      locations: [
        { landing_page_url: 'https://example.org/x' },
        { landing_page_url: 'https://arxiv.org/abs/2101.00001v2' },
      ],
    };
    const { records } = parseOpenAlexLine(JSON.stringify(work), 'w.jsonl', 1);
    expect(records[0]!.ids).toEqual({ openalex: 'W42', arxiv: '2101.00001' });
    expect(records[0]!.date).toEqual({ year: 2021, raw: '2021' });
    expect(records[0]!.authors.map((a) => a.name)).toEqual(['First Person', 'Second Person']);
    expect(records[0]!.authors[0]!.affiliations).toEqual(['Somewhere Lab']);
  });

  it('sniffs OpenAlex JSON and not other JSON', () => {
    for (const name of [WORK, PAGE, JSONL])
      expect(openAlexParser.sniff(fixture(name).slice(0, 4096))).toBeGreaterThan(0.5);
    const s2 = readFileSync('test/fixtures/semantic-scholar/citation-object.json', 'utf8');
    expect(openAlexParser.sniff(s2)).toBe(0);
    expect(openAlexParser.sniff('<feed></feed>')).toBe(0);
  });

  it('reports an empty file and invalid JSON once', () => {
    expect(parseOpenAlex('', 'e.json').diagnostics).toMatchObject([{ code: 'empty-file', line: 1 }]);
    const broken = parseOpenAlex('{\n  "id": "https://openalex.org/W1",\n  "title": \n}', 'b.json');
    expect(broken.records).toEqual([]);
    expect(broken.diagnostics).toHaveLength(1);
    expect(broken.diagnostics[0]).toMatchObject({ code: 'invalid-json', line: 4 });
  });
});

describe('openalex: never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const result = parseOpenAlex(text, 'any.txt');
        expect(Array.isArray(result.records)).toBe(true);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
    );
  });

  it('on arbitrary JSON values and on truncated or spliced fixture text', () => {
    const source = fixture(JSONL);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseOpenAlex(JSON.stringify(value), 'any.json');
        parseOpenAlexLine(
          JSON.stringify({ id: 'https://openalex.org/W1', title: 't', authorships: value }),
          'x',
          1,
        );
      }),
    );
    fc.assert(
      fc.property(fc.nat(source.length), fc.nat(source.length), fc.string(), (start, end, insert) => {
        const text = source.slice(0, Math.min(start, end)) + insert + source.slice(Math.max(start, end));
        const result = parseOpenAlex(text, 'spliced.jsonl');
        for (const record of result.records) expect(typeof record.title).toBe('string');
      }),
      { numRuns: 60 },
    );
  });
});
