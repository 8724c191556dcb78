import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import { PAGES } from '../helpers/paths.ts';

// Counted by hand once (see data/README.md): 10 + 31 + 28 + 55 + 10 records.
describe('the whole of data/', async () => {
  const { corpus } = await ingestFiles(['data/pages']);

  it('reads each page in its format with the hand-counted number of records', () => {
    const perFile = Object.fromEntries(corpus.files.map((file) => [file.file, [file.format, file.records]]));
    expect(perFile).toEqual({
      [PAGES.author]: ['author-page', 10],
      [PAGES.hfTitles]: ['hf-titles', 55],
      [PAGES.hfJan1]: ['hf-listing', 28],
      [PAGES.hfNov28]: ['hf-listing', 31],
      [PAGES.topic]: ['topic-listing', 10],
    });
    expect(corpus.diagnostics).toEqual([]);
  });

  it('merges the 7 papers that appear on two pages into 127 distinct papers', () => {
    expect(corpus.papers).toHaveLength(127);
    expect(corpus.merges).toHaveLength(7);
    expect(corpus.merges.every((merge) => merge.reason === 'title' && merge.sources.length === 2)).toBe(true);
    const totalSources = corpus.papers.reduce((sum, paper) => sum + paper.sources.length, 0);
    expect(totalSources).toBe(134);
  });

  it('has 142 distinct author names, three of them groups', () => {
    expect(corpus.authors).toHaveLength(142);
    expect(corpus.authors.filter((author) => author.kind === 'group').map((author) => author.name)).toEqual([
      'Connectome Students',
      'Group of Annotators',
      'Group of Approvers',
    ]);
    const leiWu = corpus.authors.find((author) => author.name === 'Lei Wu')!;
    expect(leiWu.papers).toHaveLength(10);
  });

  it('keeps the union of what each page knows, and conflicting dates as data', () => {
    const stability = corpus.papers.find((paper) =>
      paper.title.startsWith('The Implicit Regularization of Dynamical Stability'),
    )!;
    expect(stability.sources.map((source) => source.format)).toEqual(['author-page', 'hf-listing']);
    expect(stability.authors.map((author) => author.name)).toEqual(['Lei Wu', 'Weijie J. Su']);
    expect(stability.notes).toEqual(['ICML 2023 camera ready']);
    expect(stability.conflicts).toEqual([
      {
        field: 'date',
        values: [
          { value: '2023-06-01', source: { file: PAGES.author, line: 77, format: 'author-page' } },
          { value: '2023-05-27', source: { file: PAGES.hfNov28, line: 221, format: 'hf-listing' } },
        ],
      },
    ]);
    const mfac = corpus.papers.find((paper) => paper.title.startsWith('M-FAC'))!;
    expect(mfac.sources.map((source) => source.format)).toEqual(['hf-titles', 'hf-listing']);
    expect(mfac).toMatchObject({ authorCount: 3, date: '2021-07-07', year: 2021 });
  });

  it('writes ISO dates only where the year is known', () => {
    const smooth = corpus.papers.find((paper) => paper.title.startsWith('Gradient-Normalized Smoothness'))!;
    expect(smooth.date).toBeUndefined();
    expect(smooth.year).toBeUndefined();
    expect(smooth.partialDate).toBe('--06-16');
    const dated = corpus.papers.filter((paper) => paper.date);
    expect(dated.every((paper) => /^\d{4}-\d{2}-\d{2}$/.test(paper.date!))).toBe(true);
  });

  it('links every paper author to a corpus author', () => {
    const ids = new Set(corpus.authors.map((author) => author.id));
    for (const paper of corpus.papers)
      for (const author of paper.authors) expect(ids.has(author.id!)).toBe(true);
  });
});
