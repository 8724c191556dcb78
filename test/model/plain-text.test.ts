import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOpenAlex } from '../../src/ingest/formats/openalex.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import { plainText } from '../../src/model/plain-text.ts';

const HTML_WORK = 'test/fixtures/openalex/work-W2741809807-html-title.json';
const EXPECTED_TITLE =
  'The state of OA: a large-scale analysis of the prevalence & impact of Open Access articles in the 5th year';

describe('plainText', () => {
  it.each([
    ['5 <sup>th</sup> World Water Forum', '5th World Water Forum'],
    ['CO <sub>2</sub> capture in Al <inf>2</inf>O <inf>3</inf>', 'CO2 capture in Al2O3'],
    ['<i>Drosophila</i> &amp; <scp>mice</scp>', 'Drosophila & mice'],
    ['<jats:p>First part.</jats:p><jats:p>Second &#x3b1; part</jats:p>', 'First part. Second α part'],
    [
      'Area <mml:math><mml:msup><mml:mi>r</mml:mi><mml:mn>2</mml:mn></mml:msup><mml:annotation encoding="application/x-tex">r^2</mml:annotation></mml:math> law',
      'Area r2 law',
    ],
    ['&lt;i&gt;E. coli&lt;/i&gt; growth', 'E. coli growth'],
    ['<span class="nocase">NMR</span> of the <sup>13</sup>C nucleus', 'NMR of the 13C nucleus'],
    ['<a href="https://example.org">linked</a> text<br/>next', 'linked text next'],
    ['x < y and y > z', 'x < y and y > z'],
    ['a<b and c>d', 'a<b and c>d'],
    ['R&D in AT&T', 'R&D in AT&T'],
    ['  wrapped\n   title\t ', 'wrapped title'],
  ])('%s → %s', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it('leaves no markup element and no entity in any text built from markup and words', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<i>',
        '</i>',
        '<sup>',
        '</sup>',
        '<scp>',
        '</scp>',
        '<jats:p>',
        '</jats:p>',
        '<br/>',
        '&amp;',
        '&#946;',
        '&nbsp;',
      ),
      fc.stringMatching(/^[A-Za-z0-9 .,:]{0,8}$/),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const plain = plainText(pieces.join(''));
        expect(plain).not.toMatch(/<\/?(?:i|sup|scp|jats:p|br)\b|&(?:amp|nbsp|#946);/);
        expect(plainText(plain)).toBe(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps text without markup as it is, white space collapsed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        fc.pre(!text.includes('<') && !text.includes('&'));
        expect(plainText(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});

describe('an OpenAlex work with an HTML title (real work, title marked up)', () => {
  it('reads the title as plain text, in the parser and in the streaming reader', async () => {
    const { records, diagnostics } = parseOpenAlex(readFileSync(HTML_WORK, 'utf8'), HTML_WORK);
    expect(diagnostics).toEqual([]);
    expect(records.map((record) => record.title)).toEqual([EXPECTED_TITLE]);
    const streamed = await readOpenAlexFile(HTML_WORK);
    expect(streamed.records.map((record) => record.title)).toEqual([EXPECTED_TITLE]);
    expect(streamed.records[0]!.authors).toHaveLength(9);
  });
});
