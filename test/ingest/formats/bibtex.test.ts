import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bibtexParser } from '../../../src/ingest/formats/bibtex.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/bibtex/${name}`, 'utf8');
const zotero = bibtexParser.parse(fixture('zotero-bbt-export-nanowires-506.bib'), 'zotero.bib');
const biblatex = bibtexParser.parse(fixture('biblatex-examples.bib'), 'biblatex.bib');
const jabref = bibtexParser.parse(fixture('jabref-5.1-crossref-groups.bib'), 'jabref.bib');
const byKey = (result: typeof zotero, key: string) => result.records.find((r) => r.ids?.citationKey === key)!;

describe('bibtex parser', () => {
  it('sniffs .bib content, including a leading % comment, and rejects RIS', () => {
    expect(bibtexParser.sniff(fixture('jabref-5.1-crossref-groups.bib').slice(0, 500))).toBeGreaterThan(0.8);
    expect(bibtexParser.sniff('\uFEFF@article{x, title={T}}')).toBeGreaterThan(0.8);
    expect(bibtexParser.sniff('TY  - JOUR\nTI  - x\nER  - \n')).toBe(0);
  });

  it('reads every entry of the three fixtures', () => {
    expect(zotero.records).toHaveLength(506);
    expect(zotero.diagnostics).toEqual([]);
    // 92 entries, minus the 2 @set entries that only group other entries.
    expect(biblatex.records).toHaveLength(90);
    expect(biblatex.diagnostics.every((d) => d.code === 'latex-macro' && d.severity === 'warning')).toBe(
      true,
    );
    // 20 entries including the @Collection; the 3 @Comment blocks (JabRef groups) are not records.
    expect(jabref.records).toHaveLength(20);
    expect(jabref.records.filter((r) => r.type === 'collection')).toHaveLength(1);
  });

  it('maps a Zotero entry: braced particle family, month macro, DOI, line of the @', () => {
    const ajay = byKey(zotero, 'Ajay_2017a');
    expect(ajay.provenance).toEqual({ file: 'zotero.bib', line: 2, format: 'bibtex' });
    expect(ajay.title).toBe(
      'Intersubband Absorption in Si- and Ge-Doped GaN/AlN Heterostructures in Self-Assembled Nanowire and 2D Layers',
    );
    expect(ajay.authors.map((a) => a.name)).toContain('Martien I. den Hertog');
    expect(ajay.authors.find((a) => a.family === 'den Hertog')?.given).toBe('Martien I.');
    expect(ajay.date).toMatchObject({ year: 2017, month: 3 });
    expect(ajay.ids?.doi).toBe('10.1002/pssb.201600734');
    expect(ajay.venue).toBe('Phys. Status Solidi B');
  });

  it('reads subscripts, math and logos in titles', () => {
    expect(byKey(zotero, 'Brosseau2010').title).toBe(
      'Carrier Recombination Dynamics in InₓGa₁₋ₓN/GaN Multiple Quantum Wells',
    );
    expect(byKey(zotero, 'Chuang_1996').title).toBe('k⋅p Method for Strained Wurtzite Semiconductors');
    expect(byKey(biblatex, 'knuth:ct:b').title).toBe('TeX: The Program');
    expect(byKey(biblatex, 'kastenholz').title).toMatch(/^Computation of methodology-independent ionic/);
  });

  it('drops "and others" with an et al. note', () => {
    const hocker = byKey(zotero, 'hocker2016determination');
    expect(hocker.notes).toEqual(['et al.']);
    expect(hocker.authors).toHaveLength(10);
    expect(hocker.authors.at(-1)?.name).toBe('Dominik Heinz');
    expect(zotero.records.filter((r) => r.notes?.includes('et al.'))).toHaveLength(2);
  });

  it('turns LaTeX accents into Unicode and keeps key folding', () => {
    const aksin = byKey(biblatex, 'aksin');
    expect(aksin.provenance.line).toBe(37);
    expect(aksin.authors[0]).toMatchObject({ name: 'Özge Aksın', family: 'Aksın', key: 'ozge aksın' });
    expect(aksin.authors.map((a) => a.name)).toContain('Orhan Büyükgüngör');
  });

  it('uses @string macros, BibLaTeX date, crossref and eprint', () => {
    const itzhaki = byKey(biblatex, 'itzhaki');
    expect(itzhaki.date).toMatchObject({ year: 1996, month: 3, day: 11 });
    expect(itzhaki.ids?.arxiv).toBe('hep-th/9603067');
    const space = byKey(biblatex, 'westfahl:space');
    expect(space.venue).toBe('Space and Beyond');
    // The @collection's BibLaTeX `date` is inherited too.
    expect(space.date).toEqual({ year: 2000, raw: '2000' });
    expect(space.title).toBe(
      'The True Frontier: Confronting and Avoiding the Realities of Space in American Science Fiction Films',
    );
    const bogadottir = byKey(jabref, 'Bogadottir2012');
    expect(bogadottir.venue).toMatch(/^Ecology and Power/);
    expect(bogadottir.authors[0]!.name).toMatch(/Bogadóttir$/);
    // A crossref child inherits the book title as venue, not the book's abstract or DOI.
    const child = bibtexParser.parse(
      '@incollection{c, title={Chapter}, author={Roe, Ann}, crossref={b}}\n' +
        '@collection{b, title={Book}, editor={Doe, Jo}, year=2001, abstract={About the book}, doi={10.1/book}}\n',
      'x.bib',
    ).records[0]!;
    expect(child).toMatchObject({ title: 'Chapter', venue: 'Book', date: { year: 2001 } });
    expect(child.abstract).toBeUndefined();
    expect(child.ids?.doi).toBeUndefined();
  });

  it("takes names of Object's members as plain names: macros, fields, commands", () => {
    const result = bibtexParser.parse(
      '@string{constructor = "Journal C"}\n' +
        '@article{k, title = {\\constructor{} and \\toString}, journal = constructor,\n' +
        '  hasOwnProperty = {x}, crossref = {__proto__}, author = {Doe, Jo}}\n',
      'p.bib',
    );
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ title: '\\constructor and \\toString', venue: 'Journal C' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['latex-macro', 'latex-macro']);
  });

  it('reads on from the next entry after an error, even on the same line', () => {
    const result = bibtexParser.parse(
      '@article{a, title = {A} year = 2001}, @article{b, title = {B}}\n@article{c, title = {C}}\n',
      'e.bib',
    );
    expect(result.records.map((record) => record.title)).toEqual(['B', 'C']);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 1, code: 'malformed-entry' });
    expect(result.diagnostics[0]!.message).toBe(
      "BibTeX: @article{a}: expected ',' or '}' after the field 'title', found 'year = 2001}, @artic'; entry skipped",
    );
  });

  it('skips % comment lines between fields', () => {
    const result = bibtexParser.parse(
      '@article{k,\n  title = {Kept},\n  % year = {1999},\n  year = {2001},\n  % last line\n}\n',
      'c.bib',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.records[0]).toMatchObject({ title: 'Kept', date: { year: 2001 } });
  });

  it('keeps names typed with decomposed accents in NFC', () => {
    const decomposed = 'Mu\u0308ller, Jo\u0301se'.normalize('NFD');
    const result = bibtexParser.parse(`@article{k, title = {T}, author = {${decomposed}}}`, 'n.bib');
    expect(result.records[0]!.authors[0]).toMatchObject({ family: 'Müller', given: 'Jóse' });
  });

  it('makes a braced organisation name a group', () => {
    const result = bibtexParser.parse(
      '@techreport{who,\n title={Report},\n author={{World Health Organization} and M{\\"u}ller, J{\\\'e}r{\\^o}me},\n year=2019}\n',
      'g.bib',
    );
    expect(result.records[0]!.authors).toEqual([
      { name: 'World Health Organization', key: 'world health organization', kind: 'group' },
      { name: 'Jérôme Müller', key: 'jerome muller', kind: 'person', family: 'Müller', given: 'Jérôme' },
    ]);
  });

  it('reports an unclosed brace with its line and still reads the other entries', () => {
    const text = [
      '@article{a1,',
      ' title={Good one},',
      ' year=2020}',
      '',
      '@article{a2,',
      ' title={Broken {one},',
      ' year=2021}',
      '',
      '@article{a3,',
      ' title={Third}, year={2022}',
      '}',
    ].join('\n');
    const result = bibtexParser.parse(text, 'bad.bib');
    expect(result.records.map((r) => [r.title, r.provenance.line])).toEqual([
      ['Good one', 1],
      ['Third', 9],
    ]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: 'bad.bib', line: 5, code: 'malformed-entry' });
  });
});
