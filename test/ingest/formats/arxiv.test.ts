import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arxivAtomParser, parseArxivAtom } from '../../../src/ingest/formats/arxiv-atom.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/arxiv/${name}`, 'utf8');
const QUERY = 'query-au-del_maestro-10-entries.xml';
const ID_LIST = 'id_list-1111.2011v2.xml';

describe('arxiv-atom: a search_query response', () => {
  const { records, diagnostics } = parseArxivAtom(fixture(QUERY), QUERY);

  it('reads the 10 entries, each on the line of its <entry>', () => {
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => [r.ids?.arxiv, r.provenance.line])).toEqual([
      ['1201.4869', 10],
      ['cond-mat/0412498', 49],
      ['cond-mat/0603029', 81],
      ['1005.5383', 121],
      ['1303.6954', 151],
      ['1312.6177', 186],
      ['1412.6529', 220],
      ['cond-mat/0607501', 254],
      ['cond-mat/0702661', 291],
      ['0807.2873', 336],
    ]);
    // The feed spells the queried author two ways.
    expect(records.every((r) => r.authors.some((a) => /^A(drian|\.) Del Maestro$/.test(a.name)))).toBe(true);
    expect(records.filter((r) => r.authors.some((a) => a.name === 'A. Del Maestro'))).toHaveLength(4);
  });

  it('maps the first entry field by field', () => {
    expect(records[0]).toMatchObject({
      title: 'A Luttinger Liquid Core Inside Helium-4 Filled Nanopores',
      authorCount: 1,
      date: { year: 2012, month: 1, day: 23, raw: '2012-01-23T21:15:02Z' },
      ids: { arxiv: '1201.4869', doi: '10.1142/s021797921244002x' },
      venue: 'Int. J. Mod. Phys. B, 26, 1244002 (2012)',
      notes: ['26 pages, 10 figures'],
      keywords: ['cond-mat.mes-hall', 'cond-mat.other'],
      type: 'preprint',
      provenance: { file: QUERY, line: 10, format: 'arxiv-atom' },
    });
  });

  it('collapses hard-wrapped abstracts and decodes XML entities', () => {
    const second = records[1]!;
    expect(second.abstract).not.toMatch(/\n|\s{2}/);
    expect(second.abstract).toMatch(
      /^We present the theory of the effect of thermal fluctuations on commensurate "p x p" density/,
    );
    expect(second.abstract).toContain('(p >= 3, integer). For the case');
    expect(second.authors.map((a) => a.name)).toEqual(['Adrian Del Maestro', 'Subir Sachdev']);
  });
});

describe('arxiv-atom: an id_list response', () => {
  it('reads its one entry with the title unwrapped', () => {
    const { records, diagnostics } = parseArxivAtom(fixture(ID_LIST), ID_LIST);
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
      ids: { arxiv: '1111.2011', doi: '10.1103/physrevb.85.115117' },
      venue: 'Phys. Rev. B 85, 115117 (2012)',
      notes: ['8 pages, 3 figures. Published version'],
      keywords: ['cond-mat.str-el', 'cond-mat.stat-mech'],
      date: { year: 2011, month: 11, day: 8 },
    });
    expect(records[0]!.authors.map((a) => a.name)).toEqual([
      'James M. Murray',
      'Adrian Del Maestro',
      'Zlatko Tesanovic',
    ]);
    expect(records[0]!.abstract).toMatch(
      /^Theoretical description of anisotropic systems, such as layered superconductors and/,
    );
  });
});

describe('arxiv-atom: affiliations, errors and broken feeds', () => {
  it('reads arxiv:affiliation with a namespace declared on the feed', () => {
    const feed = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2401.01234v3</id>
    <published>2024-01-02T00:00:00Z</published>
    <title>On   Things</title>
    <author><name>Ada Lovelace</name><arxiv:affiliation>Analytical Engine Society</arxiv:affiliation><arxiv:affiliation>London</arxiv:affiliation></author>
    <author><name>Charles Babbage</name></author>
  </entry>
</feed>`;
    const { records, diagnostics } = parseArxivAtom(feed, 'aff.xml');
    expect(diagnostics).toEqual([]);
    expect(records[0]!.title).toBe('On Things');
    expect(records[0]!.ids).toEqual({ arxiv: '2401.01234' });
    expect(records[0]!.authors[0]!.affiliations).toEqual(['Analytical Engine Society', 'London']);
    expect(records[0]!.authors[1]!.affiliations).toBeUndefined();
  });

  it('keeps the other entries when one entry is malformed', () => {
    const lines = fixture(QUERY).split('\n');
    // Line 86 ends the third entry's two-line <title>; break its closing tag.
    expect(lines[85]).toBe('  of quenched disorder</title>');
    lines[85] = lines[85]!.replace('</title>', '</titel>');
    const { records, diagnostics } = parseArxivAtom(lines.join('\n'), 'broken.xml');
    expect(records).toHaveLength(9);
    expect(records.map((r) => r.ids?.arxiv)).not.toContain('cond-mat/0603029');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'broken.xml', code: 'malformed-xml', severity: 'error' });
    expect(diagnostics[0]!.line).toBe(86);
    expect(diagnostics[0]!.message).toContain("closing tag 'title' (opened in line 85");
  });

  it('keeps the entries before a truncation and reports the cut entry', () => {
    const text = fixture(QUERY).split('\n').slice(0, 160).join('\n');
    const { records, diagnostics } = parseArxivAtom(text, 'cut.xml');
    expect(records).toHaveLength(4);
    expect(diagnostics).toMatchObject([{ line: 151, code: 'truncated-record' }]);
  });

  it('reports an arXiv API error entry and text that is not a feed', () => {
    const error = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
<title>Error</title><summary>incorrect id format for 1234</summary></entry></feed>`;
    const result = parseArxivAtom(error, 'err.xml');
    expect(result.records).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ code: 'api-error', line: 1 }]);
    expect(result.diagnostics[0]!.message).toContain('incorrect id format for 1234');
    expect(parseArxivAtom('hello', 'x.txt').diagnostics).toMatchObject([{ code: 'unexpected-content' }]);
    expect(parseArxivAtom('', 'x.txt').diagnostics).toMatchObject([{ code: 'empty-file' }]);
    expect(parseArxivAtom('<feed><title>x</title>', 'x.xml').diagnostics).toMatchObject([
      { code: 'malformed-xml' },
    ]);
  });

  it('sniffs arXiv feeds only', () => {
    expect(arxivAtomParser.sniff(fixture(QUERY).slice(0, 4096))).toBeGreaterThan(0.5);
    expect(arxivAtomParser.sniff(fixture(ID_LIST))).toBeGreaterThan(0.5);
    expect(arxivAtomParser.sniff('{"paperId": "x"}')).toBe(0);
  });

  it('never throws on arbitrary text or on spliced fixture text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const result = parseArxivAtom(text, 'any.txt');
        expect(Array.isArray(result.records)).toBe(true);
        parseArxivAtom(`<feed><entry>${text}</entry></feed>`, 'wrapped.xml');
      }),
    );
    const source = fixture(ID_LIST);
    fc.assert(
      fc.property(fc.nat(source.length), fc.nat(source.length), fc.string(), (start, end, insert) => {
        const text = source.slice(0, Math.min(start, end)) + insert + source.slice(Math.max(start, end));
        for (const record of parseArxivAtom(text, 'spliced.xml').records)
          expect(typeof record.title).toBe('string');
      }),
      { numRuns: 100 },
    );
  });
});
