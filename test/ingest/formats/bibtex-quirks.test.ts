import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bibtexParser } from '../../../src/ingest/formats/bibtex.ts';

const jabrefText = readFileSync('test/fixtures/bibtex/jabref-5.1-crossref-groups.bib', 'utf8');
const derivedText = readFileSync('test/fixtures/bibtex/derived/jabref-with-scopus-wos-entries.bib', 'utf8');
const derived = bibtexParser.parse(derivedText, 'derived.bib');
const byKey = (key: string) => derived.records.find((record) => record.ids?.citationKey === key)!;

describe('bibtex quirks of real exports', () => {
  it('reads a Scopus key with a space, with one warning at that entry', () => {
    // The JabRef file's 20 entries plus the 3 inserted ones.
    expect(derived.records).toHaveLength(23);
    const carmone = byKey('Carmone Jr.1997538');
    expect(carmone.provenance.line).toBe(26);
    expect(carmone.title).toBe(
      'A Monte Carlo investigation of incomplete pairwise comparison matrices in AHP',
    );
    expect(carmone.authors.map((author) => author.name)).toEqual([
      'F.J. Carmone Jr.',
      'A. Kara',
      'S.H. Zanakis',
    ]);
    expect(carmone.date?.year).toBe(1997);
    expect(carmone.ids?.doi).toBe('10.1016/s0377-2217(96)00250-0');
    expect(derived.diagnostics).toEqual([
      {
        severity: 'warning',
        file: 'derived.bib',
        line: 26,
        code: 'key-with-space',
        message:
          'BibTeX: @article{Carmone Jr.1997538}: the key contains a space, as Scopus writes suffixed names; each read up to its comma',
      },
    ]);
    // The entries around it keep their lines.
    expect(byKey('Clark2012a').provenance.line).toBe(39);
  });

  it('unescapes a Web of Science DOI and reads its doubled braces', () => {
    const wos = byKey('WOS:000000000000028');
    expect(wos.ids?.doi).toBe('10.1007/978-3-319-59421-7_28');
    expect(wos.title).toBe('Escaped underscores in a Web of Science DOI');
    expect(wos.venue).toBe('Placeholder Proceedings');
    expect(wos.date?.year).toBe(2017);
  });

  it('keeps < and > and turns \\href and \\url into plain text', () => {
    const markup = byKey('placeholder_markup_2020');
    expect(markup.title).toBe('Thresholds < 5 and > 3: when p < 0.05 Matters');
    expect(markup.abstract).toBe('See the data page and https://example.org/~code_v2.');
    expect(markup.venue).toBe('Placeholder Letters');
  });

  it('reports an unclosed brace at its own entry and reads every other entry', () => {
    // Clark2012's title loses its closing brace.
    const broken = jabrefText.replace(
      'title     = {Techno-fix: {E}cological rifts and capital shifts},',
      'title     = {Techno-fix: {E}cological rifts and capital shifts,',
    );
    expect(broken).not.toBe(jabrefText);
    const result = bibtexParser.parse(broken, 'broken.bib');
    expect(result.records).toHaveLength(19);
    expect(result.records.map((record) => record.ids?.citationKey)).not.toContain('Clark2012');
    expect(result.records.map((record) => record.ids?.citationKey)).toContain('Isson2012');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 49, severity: 'error', code: 'malformed-entry' });
    expect(result.diagnostics[0]!.message).toMatch(/^BibTeX: @incollection\{Clark2012\}: /);
  });

  it('keeps the entries before the cut of a truncated file, with one diagnostic', () => {
    // Cut inside Isson2012 (line 72), the fourth entry.
    const cut = jabrefText.slice(0, jabrefText.indexOf('@InCollection{Isson2012') + 200);
    const result = bibtexParser.parse(cut, 'cut.bib');
    expect(result.records.map((record) => record.ids?.citationKey)).toEqual([
      'Bogadottir2012',
      'Clark2012a',
      'Clark2012',
    ]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 72, severity: 'error', code: 'truncated' });
    expect(result.diagnostics[0]!.message).toMatch(/found the end of the file; entry skipped$/);
  });

  it('a file cut inside its JabRef groups loses no entry and says so once', () => {
    const cut = jabrefText.slice(0, jabrefText.indexOf('@Comment{jabref-meta: grouping:') + 60);
    const result = bibtexParser.parse(cut, 'cut.bib');
    expect(result.records).toHaveLength(20);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'truncated' });
    expect(result.diagnostics[0]!.message).toMatch(/^BibTeX: @comment: .*; skipped$/);
  });

  it('names an undefined @string macro at its entry and keeps the entry', () => {
    const text = jabrefText.replace('publisher = {Routledge},', 'publisher = routledge,');
    const result = bibtexParser.parse(text, 'macro.bib');
    expect(result.records).toHaveLength(20);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 3, severity: 'warning', code: 'undefined-macro' });
    expect(result.diagnostics[0]!.message).toMatch(
      /^BibTeX: @incollection\{Bogadottir2012\}: .*'routledge' is not defined/,
    );
  });
});
