import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pubmedParser } from '../../../src/ingest/formats/pubmed.ts';
import {
  assertLayoutInvariant,
  assertTotal,
  assertTruncationKeepsRecords,
  endsOf,
} from '../../helpers/format-properties.ts';

const FILE = 'test/fixtures/pubmed/biopython-medline-4-records.txt';
const text = readFileSync(FILE, 'utf8');
const { records, diagnostics } = pubmedParser.parse(text, 'medline.txt');

/** A current PubMed-format record, written by hand after PubMed's format help: OT, LID, AUID, one AD per author, CN. */
const MODERN = `PMID- 31000001
OWN - NLM
STAT- MEDLINE
DP  - 2019 Apr 3
TI  - A made-up record with every author field PubMed writes.
LID - 10.1000/EXAMPLE.1 [doi]
LID - e123 [pii]
AB  - One line of abstract.
FAU - Müller, Anna B
AU  - Müller AB
AUID- ORCID: 0000-0002-1825-0097
AD  - Dept A, Univ X, Town, Country.
AD  - Institute B, Town, Country.
FAU - Lee, Ho Hin
AU  - Lee HH
AD  - Univ Y, City, Country.
CN  - The Example Consortium
LA  - eng
PT  - Journal Article
PT  - Review
TA  - Example J
JT  - Example journal
MH  - Humans
MH  - *Bibliometrics
OTO - NOTNLM
OT  - co-citation
OT  - science mapping
SO  - Example J. 2019 Apr 3;1(2):e123. doi: 10.1000/example.1.
`;

describe('pubmed (MEDLINE) reader', () => {
  it('reads the 4 records with PMIDs, titles, years and DOIs', () => {
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => r.ids?.pmid)).toEqual(['16403221', '16377612', '14871861', '14630660']);
    expect(records.map((r) => r.title)).toEqual([
      'A high level interface to SCOP and ASTRAL implemented in python.',
      'GenomeDiagram: a python package for the visualization of large-scale genomic data.',
      'Open source clustering software.',
      'PDB file parser and structure class implemented in Python.',
    ]);
    expect(records.map((r) => r.date?.year)).toEqual([2006, 2006, 2004, 2003]);
    expect(records.map((r) => r.ids?.doi)).toEqual([
      '10.1186/1471-2105-7-10',
      '10.1093/bioinformatics/btk021',
      '10.1093/bioinformatics/bth078',
      undefined,
    ]);
    expect(records.map((r) => r.provenance.line)).toEqual([2, 67, 127, 192]);
    expect(records.every((r) => r.references === undefined && r.globalCitations === undefined)).toBe(true);
  });

  it('takes FAU names, the first author’s early AD, MeSH descriptors and JT', () => {
    const [casbon, pritchard, deHoon] = records;
    expect(casbon!.authors.map((a) => a.name)).toEqual([
      'James A Casbon',
      'Gavin E Crooks',
      'Mansoor A S Saqi',
    ]);
    expect(casbon!.authors[0]!.affiliations![0]).toMatch(
      /^Bioinformatics, Institute of Cell and Molecular Science/,
    );
    expect(casbon!.authors[1]!.affiliations).toBeUndefined();
    expect(deHoon!.authors[0]).toMatchObject({ name: 'M J L de Hoon', family: 'de Hoon' });
    expect(records.map((r) => r.authors.length)).toEqual([3, 4, 4, 2]);
    expect(casbon!.venue).toBe('BMC bioinformatics');
    expect(casbon!.indexKeywords).toEqual([
      'Database Management Systems',
      'Databases, Protein',
      'Information Storage and Retrieval',
      'Programming Languages',
      'Sequence Alignment',
      'Sequence Analysis, Protein',
      'Sequence Homology, Amino Acid',
      'Software',
      'User-Computer Interface',
    ]);
    expect(casbon!.type).toBe('Evaluation Studies; Journal Article');
    expect(pritchard!.title).toBe(
      'GenomeDiagram: a python package for the visualization of large-scale genomic data.',
    );
    expect(pritchard!.date).toEqual({ year: 2006, month: 3, day: 1, raw: '2006 Mar 1' });
    expect(casbon!.abstract).toMatch(/^BACKGROUND: Benchmarking algorithms .* more principled\.$/);
  });

  it('reads OT keywords, LID DOI, AUID ORCIDs, one AD per author and CN groups', () => {
    const result = pubmedParser.parse(MODERN, 'modern.nbib');
    expect(result.diagnostics).toEqual([]);
    const [record] = result.records;
    expect(record).toMatchObject({
      ids: { pmid: '31000001', doi: '10.1000/example.1' },
      keywords: ['co-citation', 'science mapping'],
      indexKeywords: ['Humans', 'Bibliometrics'],
      venue: 'Example journal',
      date: { year: 2019, month: 4, day: 3 },
      type: 'Journal Article; Review',
    });
    expect(record!.authors.map((a) => [a.name, a.kind, a.orcid, a.affiliations])).toEqual([
      [
        'Anna B Müller',
        'person',
        '0000-0002-1825-0097',
        ['Dept A, Univ X, Town, Country.', 'Institute B, Town, Country.'],
      ],
      ['Ho Hin Lee', 'person', undefined, ['Univ Y, City, Country.']],
      ['The Example Consortium', 'group', undefined, undefined],
    ]);
  });

  it('reports a file cut inside its last record and keeps the others', () => {
    const cut = text.slice(0, text.indexOf('PMID- 14630660') + 200);
    const result = pubmedParser.parse(cut, 'cut.txt');
    expect(result.records).toHaveLength(3);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'truncated-record', line: 192 })]);
  });

  it('is detected by content', () => {
    expect(pubmedParser.sniff(text)).toBeGreaterThan(0.9);
    expect(pubmedParser.sniff(MODERN)).toBeGreaterThan(0.9);
    expect(pubmedParser.sniff('TY  - JOUR\nAU  - Doe, J\nTI  - x\nER  - \n')).toBe(0);
  });

  it('never throws', () => assertTotal(pubmedParser, [text, MODERN]));
  it('blank lines and line ends change no record', () => assertLayoutInvariant(pubmedParser, text));
  it('a cut file keeps the records before the cut plus one diagnostic', () =>
    assertTruncationKeepsRecords(pubmedParser, text, text.indexOf('PMID-'), endsOf(text, /^SO {2}- .*$/gm)));
});
