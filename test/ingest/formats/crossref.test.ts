import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossrefParser, crossrefReference } from '../../../src/ingest/formats/crossref.ts';
import { cslJsonParser } from '../../../src/ingest/formats/csl-json.ts';
import {
  assertLayoutInvariant,
  assertTotal,
  assertTruncationKeepsRecords,
} from '../../helpers/format-properties.ts';

const text = readFileSync('test/fixtures/crossref/work-10.1021-acs.orglett.9b00971.json', 'utf8');
const response = JSON.parse(text) as { message: Record<string, unknown> };
const work = response.message;

/**
 * A second work, made from the first, with the reference fields Crossref's API documentation lists
 * (unstructured, author, year, journal-title, volume, first-page, article-title) that the real
 * response's references do not carry.
 */
const second: Record<string, unknown> = {
  ...work,
  DOI: '10.1000/second.work',
  title: ['A second work'],
  author: [
    { name: 'The Example Consortium', sequence: 'additional' },
    { given: 'Ann', family: 'Lee', sequence: 'first' },
  ],
  'is-referenced-by-count': 3,
  issued: { 'date-parts': [[2020]] },
  reference: [
    {
      key: 'r1',
      unstructured: 'Aria M, Cuccurullo C. bibliometrix. J Informetr. 2017;11:959.',
      author: 'Aria',
      year: '2017',
      'journal-title': 'Journal of Informetrics',
      volume: '11',
      'first-page': '959',
      DOI: '10.1016/J.JOI.2017.08.007',
    },
    {
      key: 'r2',
      'article-title': 'Co-citation in the scientific literature',
      author: 'Small H.',
      year: '1973',
    },
  ],
};

/** A `/works` list response holding both, pretty-printed; and where each work's text ends. */
function workList(): { text: string; itemEnds: number[]; itemsStart: number } {
  let out =
    '{"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"total-results":2,"items":[\n';
  const itemsStart = out.length;
  const itemEnds: number[] = [];
  [work, second].forEach((item, index) => {
    out += (index > 0 ? ',\n' : '') + JSON.stringify(item, null, 1);
    itemEnds.push(out.length);
  });
  out += '\n],"items-per-page":20}}\n';
  return { text: out, itemEnds, itemsStart };
}

describe('Crossref REST JSON reader', () => {
  const [record] = crossrefParser.parse(text, 'work.json').records;

  it('reads the single work: title, authors, date, venue, DOI, counts', () => {
    expect(crossrefParser.parse(text, 'work.json').diagnostics).toEqual([]);
    expect(record).toMatchObject({
      title: 'A General Copper-Catalyzed Synthesis of Ynamides from 1,2-Dichloroenamides',
      venue: 'Organic Letters',
      date: { year: 2019, month: 4, day: 3 },
      ids: { doi: '10.1021/acs.orglett.9b00971' },
      globalCitations: 9,
      type: 'journal-article',
      provenance: { line: 1, format: 'crossref' },
    });
    expect(record!.authors.map((a) => a.name)).toEqual([
      'Steven J. Mansfield',
      'Russell C. Smith',
      'Jonathan R. J. Yong',
      'Olivia L. Garry',
      'Edward A. Anderson',
    ]);
    expect(record!.authors[4]!.orcid).toBe('0000-0002-4149-0494');
    expect(record!.authors[1]!.affiliations).toEqual([
      'Janssen PRD, 3210 Merryfield Row, San Diego, California 92121, United States',
    ]);
  });

  it('keeps all 68 references by DOI, SICI DOIs included', () => {
    expect(record!.references).toHaveLength(68);
    expect(record!.references!.every((r) => r.doi !== undefined)).toBe(true);
    expect(record!.references![0]).toEqual({ doi: '10.1002/anie.201813143' });
    expect(record!.references!.map((r) => r.doi)).toContain(
      '10.1002/(sici)1521-3773(19980302)37:4<489::aid-anie489>3.0.co;2-n',
    );
  });

  it('reads each reference field Crossref documents', () => {
    expect(crossrefReference((second.reference as unknown[])[0])).toEqual({
      doi: '10.1016/j.joi.2017.08.007',
      raw: 'Aria M, Cuccurullo C. bibliometrix. J Informetr. 2017;11:959.',
      firstAuthorFamily: 'Aria',
      year: 2017,
      source: 'Journal of Informetrics',
      volume: '11',
      page: '959',
    });
    expect(crossrefReference((second.reference as unknown[])[1])).toEqual({
      title: 'Co-citation in the scientific literature',
      firstAuthorFamily: 'Small',
      year: 1973,
    });
  });

  it('reads a /works list, JSON Lines and bare works alike', () => {
    const list = crossrefParser.parse(workList().text, 'list.json');
    expect(list.diagnostics).toEqual([]);
    expect(list.records.map((r) => r.ids?.doi)).toEqual([
      '10.1021/acs.orglett.9b00971',
      '10.1000/second.work',
    ]);
    const lee = list.records[1]!;
    expect(lee.authors.map((a) => [a.name, a.kind])).toEqual([
      ['Ann Lee', 'person'],
      ['The Example Consortium', 'group'],
    ]);
    expect(lee).toMatchObject({ globalCitations: 3, date: { year: 2020 } });
    const lines = `${JSON.stringify(response)}\n${JSON.stringify(second)}\n`;
    expect(crossrefParser.parse(lines, 'x.jsonl').records.map((r) => r.provenance.line)).toEqual([1, 2]);
    expect(crossrefParser.parse(JSON.stringify([work, second]), 'a.json').records).toHaveLength(2);
  });

  it('reports an error response and other message types', () => {
    const error = crossrefParser.parse(
      '{"status":"error","message-type":"validation-failure","message":[{"type":"x"}]}',
      'e.json',
    );
    expect(error.records).toEqual([]);
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'unexpected-record', line: 1 })]);
  });

  it('is detected by content, above CSL-JSON', () => {
    expect(crossrefParser.sniff(text)).toBeGreaterThan(cslJsonParser.sniff(text));
    expect(crossrefParser.sniff(JSON.stringify(second))).toBeGreaterThan(
      cslJsonParser.sniff(JSON.stringify(second)),
    );
    const csl = readFileSync('test/fixtures/csl-json/better-csl-json-zotero-export.json', 'utf8');
    expect(crossrefParser.sniff(csl)).toBe(0);
  });

  it('never throws', () => assertTotal(crossrefParser, [text, workList().text], 150));
  it('blank lines and line ends change no record', () =>
    assertLayoutInvariant(crossrefParser, workList().text, 30));
  it('a cut work list keeps the works before the cut plus one diagnostic', () => {
    const { text: listText, itemEnds, itemsStart } = workList();
    assertTruncationKeepsRecords(crossrefParser, listText, itemsStart, itemEnds, 60, true);
  });
});
