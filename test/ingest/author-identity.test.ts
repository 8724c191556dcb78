/**
 * One person, one author: name variants joined on shared evidence, and every way a join is
 * refused (ambiguous short form, one paper, two ids, a thesaurus rule, no evidence), on
 * hand-made records and on the real BibTeX library and data/pages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorIdentityMarkdown, authorIdentityReport } from '../../src/analysis/author-identity-report.ts';
import { givenCompatible, givenTokens } from '../../src/ingest/author-identity.ts';
import { buildCorpus, ingestTexts } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import { parseThesaurus } from '../../src/ingest/thesaurus.ts';
import { authorFromDisplayName } from '../../src/model/names.ts';
import type { AuthorName, Corpus, PaperRecord } from '../../src/model/types.ts';

interface Byline {
  title: string;
  authors: (string | AuthorName)[];
  venue?: string;
}

const person = (name: string, extra: Partial<AuthorName> = {}): AuthorName => ({
  ...authorFromDisplayName(name)!,
  ...extra,
});

function corpusOf(papers: Byline[], thesaurus = ''): Corpus {
  const records: PaperRecord[] = papers.map((paper, index) => ({
    title: paper.title,
    authors: paper.authors.map((author) => (typeof author === 'string' ? person(author) : { ...author })),
    ...(paper.venue ? { venue: paper.venue } : {}),
    provenance: { file: 'hand.bib', line: index + 1, format: 'bibtex' },
  }));
  const summary = {
    file: 'hand.bib',
    format: 'bibtex' as const,
    records: records.length,
    diagnostics: 0,
    bytes: 0,
  };
  return buildCorpus([{ summary, records, diagnostics: [] }], parseThesaurus(thesaurus, 't.txt').rules);
}

const namesOf = (corpus: Corpus): string[] => corpus.authors.map((author) => author.name).sort();

describe('given names, initial by initial', () => {
  it('reads initials however they are written', () => {
    expect(givenTokens('V.A.')).toEqual(['v', 'a']);
    expect(givenTokens('VA')).toEqual(['v', 'a']);
    expect(givenTokens('Adam C.')).toEqual(['adam', 'c']);
    expect(givenTokens('Jean-Pierre')).toEqual(['jean', 'pierre']);
    expect(givenTokens('J.-P.')).toEqual(['j', 'p']);
    expect(givenTokens('Ümit')).toEqual(['umit']);
  });

  it('matches a short form with a longer one, never two different names', () => {
    const ok = (a: string, b: string): boolean => givenCompatible(givenTokens(a), givenTokens(b));
    expect(ok('V.', 'V.A.')).toBe(true);
    expect(ok('Adam', 'Adam C.')).toBe(true);
    expect(ok('R.', 'Robert')).toBe(true);
    expect(ok('J.', 'Jane')).toBe(true);
    expect(ok('John', 'Jane')).toBe(false);
    expect(ok('J.A.', 'J.B.')).toBe(false);
    expect(ok('Robert', 'Roberta')).toBe(false);
    expect(ok('', 'Robert')).toBe(false);
  });

  it('is symmetric, holds for a name and itself and for a name and its initials', () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.array(word, { maxLength: 3 }),
        (given, other) => {
          const full = givenTokens(given.join(' '));
          const initials = givenTokens(given.map((name) => `${name[0]}.`).join(' '));
          const second = givenTokens(other.join(' '));
          expect(givenCompatible(full, full)).toBe(true);
          expect(givenCompatible(full, initials)).toBe(true);
          expect(givenCompatible(full, second)).toBe(givenCompatible(second, full));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('name variants', () => {
  it('joins V. Saab and V.A. Saab, who share co-authors, and lists the merge with its evidence', () => {
    const corpus = corpusOf([
      { title: 'Paper one', authors: ['V. Saab', 'Kim Lo', 'Ana Ruiz'] },
      { title: 'Paper two', authors: ['V.A. Saab', 'Kim Lo'] },
      { title: 'Paper three', authors: ['V.A. Saab', 'Ana Ruiz'] },
    ]);
    expect(namesOf(corpus)).toEqual(['Ana Ruiz', 'Kim Lo', 'V.A. Saab']);
    expect(corpus.authorMerges).toEqual([
      {
        into: 'v-a-saab',
        names: ['V.A. Saab', 'V. Saab'],
        papers: 3,
        evidence: { sharedCoauthors: ['Ana Ruiz', 'Kim Lo'], sharedAffiliations: [], sharedVenues: [] },
      },
    ]);
    const saab = corpus.authors.find((author) => author.name === 'V.A. Saab')!;
    expect(corpus.papers.flatMap((paper) => paper.authors.filter((a) => a.id === saab.id))).toHaveLength(3);
  });

  it('joins Adam Resnick and Adam C. Resnick on a shared affiliation, R. Raskin and Robert Raskin on two venues', () => {
    const affiliation = { affiliations: ["Children's Hospital of Philadelphia"] };
    const corpus = corpusOf([
      { title: 'A', authors: [person('Adam Resnick', affiliation), 'Lee Park'] },
      { title: 'B', authors: [person('Adam C. Resnick', affiliation), 'Max Stone'] },
      { title: 'C', authors: ['R. Raskin', 'Ida Moe'], venue: 'J. Pers.' },
      { title: 'D', authors: ['Robert Raskin', 'Bo Yin'], venue: 'J. Pers.' },
      { title: 'E', authors: ['R. Raskin', 'Ida Moe'], venue: 'Psychol. Rep.' },
      { title: 'F', authors: ['Robert Raskin', 'Bo Yin'], venue: 'Psychol. Rep.' },
    ]);
    expect(corpus.authorMerges?.map((merge) => [merge.names, merge.evidence])).toEqual([
      [
        ['Adam Resnick', 'Adam C. Resnick'],
        {
          sharedCoauthors: [],
          sharedAffiliations: ["Children's Hospital of Philadelphia"],
          sharedVenues: [],
        },
      ],
      [
        ['R. Raskin', 'Robert Raskin'],
        { sharedCoauthors: [], sharedAffiliations: [], sharedVenues: ['J. Pers.', 'Psychol. Rep.'] },
      ],
    ]);
  });

  it('leaves compatible names that share nothing, or one venue only, apart and lists them', () => {
    const corpus = corpusOf([
      { title: 'A', authors: ['R. Raskin', 'Ida Moe'], venue: 'J. Pers.' },
      { title: 'B', authors: ['Robert Raskin', 'Bo Yin'], venue: 'J. Pers.' },
      { title: 'C', authors: ['V. Saab'] },
      { title: 'D', authors: ['Vera Saab'] },
    ]);
    expect(corpus.authorMerges).toBeUndefined();
    expect(corpus.possibleDuplicateAuthors).toEqual([
      { authors: ['r-raskin', 'robert-raskin'], names: ['R. Raskin', 'Robert Raskin'], papers: [1, 1] },
      { authors: ['v-saab', 'vera-saab'], names: ['V. Saab', 'Vera Saab'], papers: [1, 1] },
    ]);
    expect(corpus.authors).toHaveLength(6);
  });

  it('does not join J. Smith with John Smith or Jane Smith, who could each be J. Smith', () => {
    const corpus = corpusOf([
      { title: 'A', authors: ['J. Smith', 'Kim Lo'] },
      { title: 'B', authors: ['John Smith', 'Kim Lo'] },
      { title: 'C', authors: ['Jane Smith', 'Kim Lo'] },
    ]);
    expect(namesOf(corpus)).toEqual(['J. Smith', 'Jane Smith', 'John Smith', 'Kim Lo']);
    expect(corpus.authorMerges).toBeUndefined();
    expect(corpus.possibleDuplicateAuthors).toBeUndefined();
  });

  it('never joins two names of one paper, not even through a third name', () => {
    const corpus = corpusOf([
      { title: 'A', authors: ['John Smith', 'John A. Smith', 'Kim Lo'] },
      { title: 'B', authors: ['J. Smith', 'Kim Lo'] },
    ]);
    expect(corpus.authors).toHaveLength(3);
    expect(corpus.authorMerges?.map((merge) => merge.names)).toEqual([['John Smith', 'J. Smith']]);
  });

  it('never joins names whose ORCIDs or source ids differ', () => {
    const corpus = corpusOf([
      { title: 'A', authors: [person('A. Lee', { orcid: '0000-0001-0000-0001' }), 'Kim Lo'] },
      { title: 'B', authors: [person('Anna Lee', { orcid: '0000-0001-0000-0002' }), 'Kim Lo'] },
      { title: 'C', authors: [person('B. Ng', { ids: { openalex: 'A1' } }), 'Kim Lo'] },
      { title: 'D', authors: [person('Bo Ng', { ids: { openalex: 'A2' } }), 'Kim Lo'] },
    ]);
    expect(corpus.authors).toHaveLength(5);
    expect(corpus.authorMerges).toBeUndefined();
  });

  it('lets the thesaurus decide: a rule mapping a name to itself keeps it apart, a rule joins', () => {
    const papers: Byline[] = [
      { title: 'A', authors: ['V. Saab', 'Kim Lo'] },
      { title: 'B', authors: ['V.A. Saab', 'Kim Lo'] },
      { title: 'C', authors: ['R. Raskin', 'Ida Moe'] },
      { title: 'D', authors: ['Robert Raskin', 'Bo Yin'] },
    ];
    const kept = corpusOf(papers, 'label\treplace by\nV. Saab\tV. Saab\nR. Raskin\tRobert Raskin\n');
    expect(namesOf(kept)).toEqual(['Bo Yin', 'Ida Moe', 'Kim Lo', 'Robert Raskin', 'V. Saab', 'V.A. Saab']);
    expect(kept.authorMerges).toBeUndefined();
    // Without the rules, the two Saabs are one author (named by the spelling seen first on a tie).
    const joined = corpusOf(papers);
    expect(joined.authorMerges?.map((merge) => merge.names)).toEqual([['V. Saab', 'V.A. Saab']]);
    expect(namesOf(joined)).not.toContain('V.A. Saab');
  });
});

describe('name variants in real data', () => {
  it('data/pages: no name is joined and the author count stays 142', async () => {
    const { corpus } = await ingestFiles(['data/pages']);
    expect(corpus.authors).toHaveLength(142);
    expect(corpus.authorMerges).toBeUndefined();
    expect(corpus.possibleDuplicateAuthors).toBeUndefined();
  });

  it('the nanowire BibTeX library: initials and full names of one group of physicists joined, checked by hand', async () => {
    const { corpus } = await ingestFiles(['test/fixtures/bibtex/zotero-bbt-export-nanowires-506.bib']);
    const merges = new Map((corpus.authorMerges ?? []).map((merge) => [merge.names[0], merge]));
    expect(merges.get('Oliver Brandt')).toMatchObject({ names: ['Oliver Brandt', 'O. Brandt', 'O Brandt'] });
    expect(merges.get('Oliver Brandt')!.evidence.sharedCoauthors.length).toBeGreaterThan(0);
    expect(merges.get('Shuji Nakamura')?.names).toEqual(['Shuji Nakamura', 'S. Nakamura']);
    // 'V. M. Kaganer' and 'VM Kaganer' share co-authors; 'Vladimir M. Kaganer' shares none with either.
    expect(merges.get('V. M. Kaganer')?.names).toEqual(['V. M. Kaganer', 'VM Kaganer']);
    expect(corpus.possibleDuplicateAuthors).toContainEqual(
      expect.objectContaining({ names: ['Vladimir M. Kaganer', 'V. M. Kaganer'] }),
    );
    expect(corpus.authorMerges).toHaveLength(53);
    // One shared journal is not enough: 'H. Yang' and 'Hui Yang' share only Phys. Rev. B.
    expect([...merges.values()].some((merge) => merge.names.includes('Hui Yang'))).toBe(false);
  });
});

describe('the report of name variants', () => {
  it('lists merges with their evidence and possible duplicates with a thesaurus hint', () => {
    const corpus = corpusOf([
      { title: 'A', authors: ['V. Saab', 'Kim Lo'] },
      { title: 'B', authors: ['V.A. Saab', 'Kim Lo'] },
      { title: 'C', authors: ['R. Raskin', 'Ida Moe'], venue: 'J. Pers.' },
      { title: 'D', authors: ['Robert Raskin', 'Bo Yin'], venue: 'J. Pers.' },
    ]);
    const report = authorIdentityReport(corpus, 10);
    expect(report).toMatchObject({ authorMergeCount: 1, possibleDuplicateAuthorCount: 1 });
    const markdown = authorIdentityMarkdown(report).join('\n');
    expect(markdown).toContain('- **V. Saab** (2 papers): V.A. Saab; shared co-authors Kim Lo');
    expect(markdown).toContain('- R. Raskin (1 papers) and Robert Raskin (1 papers)');
    expect(markdown).toContain('`short name<TAB>full name`');
    expect(authorIdentityMarkdown(authorIdentityReport(corpusOf([]), 10))).toEqual([]);
  });
});

describe('people named by one id source everywhere (an OpenAlex corpus)', () => {
  const work = (id: string, authors: [string, string][]): string =>
    JSON.stringify({
      id: `https://openalex.org/${id}`,
      title: `Work ${id}`,
      publication_year: 2020,
      authorships: authors.map(([author, name]) => ({
        author: { id: `https://openalex.org/${author}`, display_name: name },
      })),
    });

  it('keeps two people with one name and two ids apart, each with their id and papers', () => {
    const text = [
      work('W1', [
        ['A1', 'Wei Zhang'],
        ['A3', 'Ann Lee'],
      ]),
      work('W2', [
        ['A2', 'Wei Zhang'],
        ['A4', 'Bo Chen'],
      ]),
      work('W3', [['A1', 'W. Zhang']]),
    ].join('\n');
    const corpus = ingestTexts([{ name: 'works.jsonl', text }]);
    const zhangs = corpus.authors
      .filter((author) => author.name === 'Wei Zhang')
      .map((author) => [author.ids?.openalex, author.papers.length]);
    expect(zhangs.sort()).toEqual([
      ['A1', 2],
      ['A2', 1],
    ]);
    expect(corpus.authors).toHaveLength(4);
  });

  it('joins two ids when a thesaurus line names the person', () => {
    const text = [work('W1', [['A1', 'Wei Zhang']]), work('W2', [['A2', 'W. Zhang']])].join('\n');
    const thesaurus = parseThesaurus('W. Zhang\tWei Zhang', 't.txt').rules;
    const corpus = ingestTexts([{ name: 'works.jsonl', text }], { thesaurus });
    expect(corpus.authors.map((author) => [author.name, author.papers.length])).toEqual([['Wei Zhang', 2]]);
    expect(ingestTexts([{ name: 'works.jsonl', text }]).authors).toHaveLength(2);
  });

  it('still joins one name across records when some person has no id of that source', () => {
    const text = [
      work('W1', [['A1', 'Wei Zhang']]),
      JSON.stringify({
        id: 'https://openalex.org/W2',
        title: 'Work W2',
        authorships: [{ author: { display_name: 'Wei Zhang' } }],
      }),
    ].join('\n');
    const corpus = ingestTexts([{ name: 'works.jsonl', text }]);
    expect(corpus.authors.map((author) => [author.name, author.papers.length])).toEqual([['Wei Zhang', 2]]);
  });
});
