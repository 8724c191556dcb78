import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cslJsonParser } from '../../../src/ingest/formats/csl-json.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/csl-json/${name}`, 'utf8');
const zoteroText = fixture('better-csl-json-zotero-export.json');
const zotero = cslJsonParser.parse(zoteroText, 'z.json');
const manubot = cslJsonParser.parse(fixture('manubot-references-context-review.json'), 'm.json');

describe('csl-json parser', () => {
  it('sniffs CSL items and not an OpenAlex work', () => {
    expect(cslJsonParser.sniff(zoteroText.slice(0, 1000))).toBeGreaterThan(0.8);
    expect(
      cslJsonParser.sniff('{"id":"https://openalex.org/W1","title":"x","type":"article","authorships":[]}'),
    ).toBe(0);
  });

  it('reads 26 and 131 items with the line of each opening brace', () => {
    expect(zotero.records).toHaveLength(26);
    expect(manubot.records).toHaveLength(131);
    expect(zotero.diagnostics).toEqual([]);
    expect(zotero.records[0]).toMatchObject({
      title:
        'Perceptions of disability and their impact upon involvement in sport for people with disabilities at all levels',
      authors: [{ name: 'Ian Brittain', family: 'Brittain', given: 'Ian', kind: 'person' }],
      venue: 'Journal of Sport and Social Issues',
      date: { year: 2004 },
      ids: { doi: '10/fqd6hj', citationKey: 'brittain2004' },
      provenance: { line: 2, format: 'csl-json' },
    });
    expect(zotero.records[1]!.provenance.line).toBe(39);
  });

  it('makes organisation literals groups and keeps a surname literal a person', () => {
    const groups = zotero.records.flatMap((r) =>
      r.authors.filter((a) => a.kind === 'group').map((a) => a.name),
    );
    expect(groups).toEqual(['Court of Arbitration for Sport', 'IAAF', 'TIME USA', 'TIME USA']);
    const pokorny = manubot.records.flatMap((r) => r.authors).find((a) => a.name === 'Pokorny');
    expect(pokorny?.kind).toBe('person');
  });

  it('reads DOIs and arXiv ids from Manubot items', () => {
    expect(manubot.records.filter((r) => r.ids?.doi)).toHaveLength(46);
    const alain = manubot.records[0]!;
    expect(alain.ids?.arxiv).toBe('1610.01644');
    expect(alain.date?.year).toBe(2016);
  });

  it('keeps the complete items of a truncated file and reports the damage', () => {
    const result = cslJsonParser.parse(zoteroText.slice(0, 2000), 'cut.json');
    expect(result.records.map((r) => r.ids?.citationKey)).toEqual(['brittain2004', 'brown2014']);
    expect(result.diagnostics[0]).toMatchObject({ code: 'invalid-json', severity: 'error' });
  });

  it('never throws on arbitrary text or JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json()), (text) => {
        expect(Array.isArray(cslJsonParser.parse(text, 'x.json').records)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
