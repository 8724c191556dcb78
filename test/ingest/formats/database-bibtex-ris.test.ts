import { describe, expect, it } from 'vitest';
import { bibtexParser } from '../../../src/ingest/formats/bibtex.ts';
import { risParser } from '../../../src/ingest/formats/ris.ts';

/** An entry in the layout of a Web of Science BibTeX export (field names and braces as WoS writes them). */
const WOS = `@article{ WOS:000334906300005,
Author = {Olsen, Reed N. and Gallaway, Terrel and Mitchell, David},
Title = {{Modelling US light pollution}},
Journal = {{JOURNAL OF ENVIRONMENTAL PLANNING AND MANAGEMENT}},
Year = {{2014}},
Keywords = {{light pollution; night sky; spatial econometrics}},
Keywords-Plus = {{ARTIFICIAL NIGHT LIGHTING; SKY BRIGHTNESS}},
DOI = {{10.1080/09640568.2013.774268}},
Number-of-Cited-References = {{41}},
Times-Cited = {{19}},
Unique-ID = {{WOS:000334906300005}},
}
`;

/** An entry in the layout of a Scopus BibTeX export. */
const SCOPUS = `@ARTICLE{Tabish2023,
	author = {Tabish, Nimra and Chaur-Luh, Tsai},
	title = {Maritime Autonomous Surface Ships: A Review of Cybersecurity Challenges},
	year = {2023},
	journal = {Applied Sciences},
	doi = {10.3390/app13010001},
	author_keywords = {autonomous ships; cybersecurity},
	keywords = {Ships; Network security; Autonomous vehicles},
	type = {Article},
	source = {Scopus},
	note = {Cited by: 3; All Open Access, Gold Open Access}
}
`;

describe('BibTeX exports of Web of Science and Scopus', () => {
  it('WoS: Times-Cited, Keywords as keywords and Keywords-Plus as index keywords', () => {
    const [record] = bibtexParser.parse(WOS, 'wos.bib').records;
    expect(record).toMatchObject({
      globalCitations: 19,
      keywords: ['light pollution', 'night sky', 'spatial econometrics'],
      indexKeywords: ['ARTIFICIAL NIGHT LIGHTING', 'SKY BRIGHTNESS'],
    });
  });

  it('Scopus: Cited by in the note, author_keywords as keywords and keywords as index keywords', () => {
    const [record] = bibtexParser.parse(SCOPUS, 'scopus.bib').records;
    expect(record).toMatchObject({
      globalCitations: 3,
      keywords: ['autonomous ships', 'cybersecurity'],
      indexKeywords: ['Ships', 'Network security', 'Autonomous vehicles'],
    });
  });

  it('other BibTeX keeps its keywords and has no count', () => {
    const [record] = bibtexParser.parse(
      '@article{a, title={T}, year={2020}, keywords={x, y}, note={Cited in 3 surveys}}',
      'a.bib',
    ).records;
    expect(record!.keywords).toEqual(['x', 'y']);
    expect(record!.indexKeywords).toBeUndefined();
    expect(record!.globalCitations).toBeUndefined();
  });
});

describe('RIS exports of Scopus', () => {
  it('reads the count Scopus writes into N1', () => {
    const ris = `TY  - JOUR
TI  - Scopus Exported Article
AU  - Williams, Robert
PY  - 2023
DO  - 10.1016/S2589-7500(23)00200-1
N1  - Export Date: 1 January 2024
N1  - Cited By: 42; Export Date: 1 January 2024
ER  - 
`;
    const [record] = risParser.parse(ris, 'scopus.ris').records;
    expect(record!.globalCitations).toBe(42);
    const zotero = risParser.parse('TY  - JOUR\nTI  - T\nN1  - A note\nER  - \n', 'z.ris').records[0]!;
    expect(zotero.globalCitations).toBeUndefined();
  });
});
