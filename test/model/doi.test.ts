import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseDoi } from '../../src/model/ids.ts';

describe('normaliseDoi', () => {
  it.each([
    ['10.1007/978-3-030-59421-7\\_28', '10.1007/978-3-030-59421-7_28'],
    ['10.1007/978-3-030-59421-7{\\_}28', '10.1007/978-3-030-59421-7_28'],
    ['https://doi.org/10.1000%2FABC', '10.1000/abc'],
    ['https://dx.doi.org/10.1016/J.FOREco.2019.02.016', '10.1016/j.foreco.2019.02.016'],
    ['doi:10.1000/abc.', '10.1000/abc'],
    ['DOI 10.1000/abc;', '10.1000/abc'],
    ['(see 10.1000/abc)', '10.1000/abc'],
    [
      '10.1002/(SICI)1097-4636(199602)30:2<225::AID-JBM12>3.0.CO;2-O',
      '10.1002/(sici)1097-4636(199602)30:2<225::aid-jbm12>3.0.co;2-o',
    ],
    ['10.1234/ab(c).', '10.1234/ab(c)'],
    ['10/fqd6hj', '10/fqd6hj'],
    ['https://doi.org/10/FQD6HJ', '10/fqd6hj'],
    ['10.1000/', undefined],
    ['not a doi', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDoi(input)).toBe(expected);
  });

  it('gives one DOI for every way of writing it', () => {
    const suffix = fc.stringMatching(/^[a-z0-9][a-z0-9._\-/]{0,20}[a-z0-9]$/);
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 99999 }), suffix, (prefix, rest) => {
        const doi = `10.${prefix}/${rest}`;
        const forms = [
          doi.toUpperCase(),
          `https://doi.org/${doi}`,
          `https://doi.org/${encodeURIComponent(doi)}`,
          `doi:${doi}.`,
          doi.replace(/_/g, '\\_'),
        ];
        for (const form of forms) expect(normaliseDoi(form)).toBe(doi);
        expect(normaliseDoi(normaliseDoi(doi))).toBe(doi);
      }),
    );
  });
});
