import { describe, expect, it } from 'vitest';
import { ingestTexts } from '../../src/ingest/ingest.ts';

/** Two OpenAlex works as JSON Lines: the minimum the parser needs, with identifiers chosen per test. */
function work(
  id: string,
  title: string,
  doi: string | null,
  authors: [string, string | null, string][],
): string {
  return JSON.stringify({
    id: `https://openalex.org/${id}`,
    doi: doi ? `https://doi.org/${doi}` : null,
    display_name: title,
    title,
    publication_year: 2020,
    publication_date: '2020-01-01',
    authorships: authors.map(([name, orcid, authorId], index) => ({
      author_position: index === 0 ? 'first' : 'middle',
      author: {
        id: `https://openalex.org/${authorId}`,
        display_name: name,
        orcid: orcid ? `https://orcid.org/${orcid}` : null,
      },
      institutions: [],
    })),
    referenced_works: [],
  });
}

describe('identity: identifiers decide when present', () => {
  it('one DOI is one paper whatever the titles say', () => {
    const corpus = ingestTexts([
      {
        name: 'a.jsonl',
        text: work('W1', 'Graph Methods, Preprint Title', '10.1000/XYZ', [['Ada Lovelace', null, 'A1']]),
      },
      {
        name: 'b.jsonl',
        text: work('W2', 'Graph methods for everyone (journal version)', '10.1000/xyz', [
          ['Ada Lovelace', null, 'A1'],
        ]),
      },
    ]);
    expect(corpus.papers).toHaveLength(1);
    expect(corpus.merges).toMatchObject([{ reason: 'doi' }]);
    expect(corpus.papers[0]!.sources.map((source) => source.file)).toEqual(['a.jsonl', 'b.jsonl']);
    // The two OpenAlex ids disagree: kept as a conflict, not dropped.
    expect(corpus.papers[0]!.conflicts?.map((conflict) => conflict.field)).toContain('ids.openalex');
  });

  it('one ORCID is one person whatever the spelling; one name without ids stays one key', () => {
    const corpus = ingestTexts([
      {
        name: 'c.jsonl',
        text: [
          work('W3', 'First Paper About Graphs', null, [
            ['Ho Hin Lee', '0000-0002-1825-0097', 'A7'],
            ['Quan Liu', null, 'A8'],
          ]),
          work('W4', 'Second Paper About Networks', null, [
            ['H. H. Lee', '0000-0002-1825-0097', 'A9'],
            ['Quan Liu', null, 'A8'],
          ]),
        ].join('\n'),
      },
    ]);
    expect(corpus.papers).toHaveLength(2);
    const lee = corpus.authors.filter((author) => author.orcid === '0000-0002-1825-0097');
    expect(lee).toHaveLength(1);
    expect(lee[0]!.papers).toHaveLength(2);
    expect([lee[0]!.name, ...(lee[0]!.variants ?? [])].sort()).toEqual(['H. H. Lee', 'Ho Hin Lee']);
    expect(corpus.authors.filter((author) => author.name === 'Quan Liu')).toHaveLength(1);
  });

  it('one OpenAlex work id is one paper whatever the titles say; W9 and W09 are two', () => {
    const corpus = ingestTexts([
      {
        name: 'e.jsonl',
        text: work('W9', 'Sparse Attention at Scale', null, [['Ada Lovelace', null, 'A1']]),
      },
      { name: 'f.jsonl', text: work('W9', 'Scaling Sparse Attention', null, [['Ada Lovelace', null, 'A1']]) },
      {
        name: 'g.jsonl',
        text: work('W09', 'Attention, Sparse and Scaled', null, [['Ada Lovelace', null, 'A1']]),
      },
    ]);
    expect(corpus.papers).toHaveLength(2);
    expect(corpus.merges).toMatchObject([{ reason: 'openalex' }]);
  });

  it('one OpenAlex author id is one person whatever the spelling; ids that differ only in leading zeros stay apart', () => {
    const corpus = ingestTexts([
      {
        name: 'd.jsonl',
        text: [
          work('W5', 'Spectral Clustering Revisited', null, [['Mary Ann Shaw', null, 'A42']]),
          work('W6', 'Clustering Spectra Again', null, [['M. A. Shaw', null, 'A42']]),
          work('W7', 'Another Shaw Paper Entirely', null, [['Maria Shaw', null, 'A042']]),
        ].join('\n'),
      },
    ]);
    const byId = (id: string) => corpus.authors.filter((author) => author.ids?.openalex === id);
    expect(byId('A42')).toHaveLength(1);
    expect(byId('A42')[0]!.papers).toHaveLength(2);
    expect(byId('A042')).toHaveLength(1);
    expect(byId('A042')[0]!.papers).toHaveLength(1);
    expect(corpus.authors).toHaveLength(2);
  });

  it('different DOIs keep two papers apart even with the same title; a record without ids joins one of them', () => {
    const corpus = ingestTexts([
      { name: 'd.jsonl', text: work('W5', 'Introduction', '10.1000/a', [['Ada Lovelace', null, 'A1']]) },
      { name: 'e.jsonl', text: work('W6', 'Introduction', '10.1000/b', [['Alan Turing', null, 'A2']]) },
      {
        name: 'f.txt',
        text: 'Topic\nIntroduction\nLovelace, Ada\nAn abstract long enough to count as prose for the topic listing parser, which wants two hundred characters before it calls a line an abstract rather than a title; so here are some more words. And a second sentence follows to be sure.\n',
      },
    ]);
    expect(corpus.papers).toHaveLength(2);
    expect(corpus.papers.map((paper) => paper.ids?.doi).sort()).toEqual(['10.1000/a', '10.1000/b']);
    expect(corpus.papers.map((paper) => paper.sources.length).sort()).toEqual([1, 2]);
  });
});

describe('references of one paper', () => {
  it('are listed once per identifier, in first-seen order, in short and long lists', () => {
    const long = Array.from({ length: 40 }, (_, index) => `W${100 + (index % 35)}`);
    const lines = [
      ['W1', ['W7', 'W8', 'W7', 'W9', 'W8']],
      ['W2', long],
      ['W3', ['W7', 'W8']],
    ].map(([id, references]) =>
      JSON.stringify({
        id: `https://openalex.org/${id}`,
        display_name: `Paper ${id}`,
        authorships: [],
        referenced_works: (references as string[]).map((ref) => `https://openalex.org/${ref}`),
      }),
    );
    const corpus = ingestTexts([{ name: 'works.jsonl', text: lines.join('\n') }]);
    const cited = (title: string) =>
      corpus.papers.find((paper) => paper.title === title)!.references!.map((ref) => ref.openalex);
    expect(cited('Paper W1')).toEqual(['W7', 'W8', 'W9']);
    expect(cited('Paper W2')).toEqual(Array.from({ length: 35 }, (_, index) => `W${100 + index}`));
    expect(cited('Paper W3')).toEqual(['W7', 'W8']);
  });
});
