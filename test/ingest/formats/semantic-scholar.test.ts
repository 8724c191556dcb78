import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSemanticScholar, semanticScholarParser } from '../../../src/ingest/formats/semantic-scholar.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/semantic-scholar/${name}`, 'utf8');
const AUTHOR = 'author-2262347-with-papers.json';
const CITATION = 'citation-object.json';
const REFERENCE = 'reference-object.json';

type Json = Record<string, unknown>;
const citationElement = JSON.parse(fixture(CITATION)) as Json;
const referenceElement = JSON.parse(fixture(REFERENCE)) as Json;
const CITING_ID = 'bdcbc589c8d1e4dd0c6572630f8511557406ad2f';
const CITED_ID = '331f0fb3b6176c6e463e0401025b04f6ace9ccd3';

describe('semantic-scholar: an author with papers', () => {
  const { records, diagnostics } = parseSemanticScholar(fixture(AUTHOR), AUTHOR);

  it('makes one record per paper, 138 author slots in all', () => {
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(60);
    expect(records.reduce((sum, r) => sum + r.authors.length, 0)).toBe(138);
    expect(
      records.every((r) => r.authors.some((a) => a.ids?.s2 === '2262347' && a.name === 'A. Turing')),
    ).toBe(true);
    expect(records.filter((r) => r.ids?.doi)).toHaveLength(32);
    expect(records.filter((r) => r.abstract)).toHaveLength(34);
    expect(records.every((r) => r.provenance.line === 1 && r.provenance.format === 'semantic-scholar')).toBe(
      true,
    );
  });

  it('maps ids, date, venue and authors of a hand-checked paper', () => {
    const paper = records.find((r) => r.title === 'Systems of Logic Based on Ordinals')!;
    expect(paper.ids).toEqual({
      s2: '947efa54175145240c1a33f62321f23db43571e7',
      doi: '10.1016/b978-044450423-4/50007-3',
      s2CorpusId: '40363661',
    });
    expect(paper.date).toEqual({ year: 2012, month: 12, day: 31, raw: '2012-12-31' });
    expect(paper.venue).toBe("Alan Turing's Systems of Logic");
    expect(paper.authorCount).toBe(1);
    expect(records[0]!.date).toEqual({ year: 2022, raw: '2022' });
    const pubmed = records.find((r) => r.ids?.s2 === 'e972b5110d036991078e55bede6608a7cdaf48b1')!;
    expect(pubmed.ids?.pmid).toBeDefined();
  });

  it('keeps 15 authors in order on the longest author list', () => {
    const paper = records.find((r) => r.title.startsWith('The President, the Vice President'))!;
    expect(paper.authors).toHaveLength(15);
    expect(paper.authors[0]).toMatchObject({ name: 'A. Tarski', family: 'Tarski', ids: { s2: '3154491' } });
    expect(paper.authors[11]!.name).toBe('A. Turing');
  });

  it('points papers of a pretty-printed file at their paperId lines', () => {
    const pretty = JSON.stringify(JSON.parse(fixture(AUTHOR)), null, 2);
    const lines = pretty.split('\n');
    const { records: prettyRecords } = parseSemanticScholar(pretty, 'pretty.json');
    const second = prettyRecords[1]!;
    expect(lines[second.provenance.line - 1]).toBe(`      "paperId": "${second.ids?.s2}",`);
  });

  it('gives an author paper without an authors field that author', () => {
    const text = JSON.stringify({
      authorId: '7',
      name: 'Ada Lovelace',
      papers: [{ paperId: 'p1', title: 'Notes' }],
    });
    const {
      records: [paper],
    } = parseSemanticScholar(text, 'a.json');
    expect(paper!.authors).toMatchObject([{ name: 'Ada Lovelace', ids: { s2: '7' } }]);
    expect(paper!.authorCount).toBeUndefined();
  });
});

describe('semantic-scholar: citations and references', () => {
  it('reads a citation element: the citing paper becomes a record', () => {
    const { records, diagnostics } = parseSemanticScholar(fixture(CITATION), CITATION);
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Learning to Throw With a Handful of Samples Using Decision Transformers',
      ids: { s2: CITING_ID, doi: '10.1109/lra.2022.3229266', s2CorpusId: '254723237' },
      venue: 'IEEE Robotics and Automation Letters',
      type: 'JournalArticle',
      date: { year: 2023, month: 2, day: 1 },
    });
    expect(records[0]!.authors.map((a) => a.name)).toEqual(['M. Monastirsky', 'Osher Azulay', 'A. Sintov']);
  });

  it('reads a reference element: the cited paper becomes a record with its arXiv id', () => {
    const { records } = parseSemanticScholar(fixture(REFERENCE), REFERENCE);
    expect(records).toHaveLength(1);
    expect(records[0]!.ids).toEqual({ s2: CITED_ID, arxiv: '1402.0030', s2CorpusId: '1981188' });
    expect(records[0]!.authors.map((a) => [a.name, a.ids?.s2])).toEqual([
      ['A. Mnih', '1714004'],
      ['Karol Gregor', '144717963'],
    ]);
    expect(records[0]!.venue).toBe('International Conference on Machine Learning');
  });

  it('turns an element with both papers into a reference on the citing record', () => {
    const both = { citingPaper: citationElement.citingPaper, citedPaper: referenceElement.citedPaper };
    const { records } = parseSemanticScholar(JSON.stringify({ data: [both], next: 1 }), 'page.json');
    expect(records.map((r) => r.ids?.s2)).toEqual([CITING_ID, CITED_ID]);
    expect(records[0]!.references).toEqual([
      {
        s2: CITED_ID,
        arxiv: '1402.0030',
        title: 'Neural Variational Inference and Learning in Belief Networks',
        year: 2014,
        firstAuthorFamily: 'Mnih',
      },
    ]);
    expect(records[1]!.references).toBeUndefined();
  });

  it("maps a paper's references[] and turns its citations[] into citing records", () => {
    const paper = {
      ...(referenceElement.citedPaper as Json),
      references: [
        { paperId: 'ref1', title: 'Some Earlier Work', year: 2001, externalIds: { DOI: '10.1000/ABC' } },
      ],
      citations: [citationElement.citingPaper],
    };
    const { records } = parseSemanticScholar(JSON.stringify(paper), 'paper.json');
    expect(records.map((r) => r.ids?.s2)).toEqual([CITED_ID, CITING_ID]);
    expect(records[0]!.references).toEqual([
      { s2: 'ref1', doi: '10.1000/abc', title: 'Some Earlier Work', year: 2001 },
    ]);
    expect(records[1]!.references).toMatchObject([{ s2: CITED_ID }]);
  });

  it('reads one paper once when it appears in several elements', () => {
    const page = { data: [citationElement, citationElement] };
    expect(parseSemanticScholar(JSON.stringify(page), 'p.json').records).toHaveLength(1);
  });
});

describe('semantic-scholar: other shapes and bad input', () => {
  it('reads JSON Lines, reporting a bad line by number and keeping the others', () => {
    const text = [JSON.stringify(citationElement), '{"paperId": oops', JSON.stringify(referenceElement)].join(
      '\n',
    );
    const { records, diagnostics } = parseSemanticScholar(text, 'lines.jsonl');
    expect(records.map((r) => [r.ids?.s2, r.provenance.line])).toEqual([
      [CITING_ID, 1],
      [CITED_ID, 3],
    ]);
    expect(diagnostics).toMatchObject([{ line: 2, code: 'invalid-json-line', severity: 'error' }]);
  });

  it('skips nulls in batch answers and reports untitled papers and API errors', () => {
    const batch = [referenceElement.citedPaper, null, { paperId: 'x', title: null }];
    const { records, diagnostics } = parseSemanticScholar(JSON.stringify(batch), 'batch.json');
    expect(records).toHaveLength(1);
    expect(diagnostics).toMatchObject([{ code: 'missing-title', severity: 'warning' }]);
    const error = parseSemanticScholar('{"message": "Too Many Requests"}', 'err.json');
    expect(error.diagnostics).toMatchObject([{ code: 'api-error' }]);
    expect(error.diagnostics[0]!.message).toContain('Too Many Requests');
  });

  it('reports a truncated document once, on its last line', () => {
    const truncated = JSON.stringify(JSON.parse(fixture(REFERENCE)), null, 2).slice(0, 500);
    const { records, diagnostics } = parseSemanticScholar(truncated, 'cut.json');
    expect(records).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('invalid-json');
    expect(diagnostics[0]!.line).toBe(truncated.split('\n').length);
  });

  it('sniffs S2 JSON and not OpenAlex JSON', () => {
    for (const name of [AUTHOR, CITATION, REFERENCE]) {
      expect(semanticScholarParser.sniff(fixture(name).slice(0, 4096))).toBeGreaterThan(0.5);
    }
    const openalex = readFileSync('test/fixtures/openalex/work-W2741809807.json', 'utf8').slice(0, 4096);
    expect(semanticScholarParser.sniff(openalex)).toBe(0);
  });

  it('never throws on arbitrary text or JSON', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const result = parseSemanticScholar(text, 'any.txt');
        expect(Array.isArray(result.records)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        parseSemanticScholar(JSON.stringify(value), 'any.json');
        parseSemanticScholar(
          JSON.stringify({ paperId: 'p', title: 't', authors: value, references: value }),
          'p.json',
        );
        parseSemanticScholar(JSON.stringify({ data: [{ citingPaper: value, citedPaper: value }] }), 'd.json');
      }),
    );
  });
});
