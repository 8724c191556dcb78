import { describe, expect, it } from 'vitest';
import { parseAuthorPage } from '../../src/ingest/formats/author-page.ts';
import { parseHfListing, parseHfTitles } from '../../src/ingest/formats/hf-listing.ts';
import { parseTopicListing } from '../../src/ingest/formats/topic-listing.ts';
import { PAGES, readPage } from '../helpers/paths.ts';

const byTitle = <T extends { title: string }>(records: T[], start: string): T => {
  const found = records.find((record) => record.title.startsWith(start));
  if (!found) throw new Error(`no record titled '${start}…'`);
  return found;
};

describe('author page (Lei Wu)', () => {
  const { records, diagnostics } = parseAuthorPage(readPage(PAGES.author), PAGES.author);

  it('reads all 10 papers and no chrome', () => {
    expect(records).toHaveLength(10);
    expect(diagnostics).toEqual([]);
    expect(records.map((record) => record.title)).not.toContain('Lei Wu');
  });

  it('reads the first paper exactly', () => {
    const first = records[0]!;
    expect(first.title).toBe('The Local Landscape of Phase Retrieval Under Limited Samples');
    expect(first.date).toEqual({ year: 2023, month: 11, day: 26, raw: 'Nov 26, 2023' });
    expect(first.authors.map((author) => author.name)).toEqual(['Kaizhao Liu', 'Zihao Wang', 'Lei Wu']);
    expect(first.notes).toEqual(['41 pages']);
    expect(first.abstract).toMatch(/^In this paper, we provide a fine-grained analysis/);
    expect(first.abstract).toMatch(/one-point convexity\.$/);
    expect(first.provenance).toEqual({ file: PAGES.author, line: 8, format: 'author-page' });
  });

  it('keeps the 88-name challenge paper with its three groups, and skips figure lines', () => {
    const brats = byTitle(records, 'The Brain Tumor Segmentation (BraTS-METS) Challenge 2023');
    expect(brats.authors).toHaveLength(88);
    expect(brats.authorCount).toBe(88);
    const groups = brats.authors.filter((author) => author.kind === 'group').map((author) => author.name);
    expect(groups).toEqual(['Connectome Students', 'Group of Annotators', 'Group of Approvers']);
    expect(brats.authors[0]!.name).toBe('Ahmed W. Moawad');
    expect(brats.authors.at(-1)!.name).toBe('Mariam Aboian');
    expect(brats.abstract).not.toContain('Figure 1 for');
    expect(brats.notes).toBeUndefined();
  });

  it('reads comment lines of every kind', () => {
    expect(byTitle(records, '9DTact').notes).toEqual([
      'Project Website: https://linchangyi1.github.io/9DTact/',
    ]);
    expect(byTitle(records, 'The Implicit Regularization of Dynamical Stability').notes).toEqual([
      'ICML 2023 camera ready',
    ]);
  });

  it('reads a single-author paper', () => {
    const barron = byTitle(records, 'Embedding Inequalities for Barron-type Spaces');
    expect(barron.authors.map((author) => author.name)).toEqual(['Lei Wu']);
  });
});

describe('Hugging Face listing', () => {
  const nov28 = parseHfListing(readPage(PAGES.hfNov28), PAGES.hfNov28);
  const jan1 = parseHfListing(readPage(PAGES.hfJan1), PAGES.hfJan1);

  it('reads every paper of both pages without diagnostics', () => {
    expect(nov28.records).toHaveLength(31);
    expect(jan1.records).toHaveLength(28);
    expect([...nov28.diagnostics, ...jan1.diagnostics]).toEqual([]);
  });

  it('keeps the author count, never invents names', () => {
    const first = nov28.records[0]!;
    expect(first.title).toBe('Decomposed Diffusion Sampler for Accelerating Large-Scale Inverse Problems');
    expect(first.authorCount).toBe(3);
    expect(first.authors).toEqual([]);
    expect(first.date).toEqual({ year: 2023, month: 3, day: 10, raw: 'Mar 10, 2023' });
    expect(first.abstract).toMatch(/^Krylov subspace/);
  });

  it('keeps a date without a year as day and month only', () => {
    const smooth = byTitle(nov28.records, 'Gradient-Normalized Smoothness');
    expect(smooth.date).toEqual({ month: 6, day: 16, raw: 'Jun 16' });
    expect(smooth.date?.year).toBeUndefined();
  });

  it('reads upvote counts after the date', () => {
    const vi = byTitle(nov28.records, 'Variational Inference with Latent Space Quantization');
    expect(vi.upvotes).toBe(2);
    expect(vi.date).toMatchObject({ year: 2019, month: 3, day: 24 });
    expect(byTitle(nov28.records, 'Neural Metamorphosis').upvotes).toBe(3);
    expect(nov28.records.filter((record) => record.upvotes !== undefined)).toHaveLength(2);
  });

  it('reads the single-author count', () => {
    expect(byTitle(jan1.records, 'Rethinking Conventional Wisdom in Machine Learning').authorCount).toBe(1);
  });
});

describe('Hugging Face titles-only listing', () => {
  const { records, diagnostics } = parseHfTitles(readPage(PAGES.hfTitles), PAGES.hfTitles);

  it('pairs every title with its abstract', () => {
    expect(records).toHaveLength(55);
    expect(diagnostics).toEqual([]);
    expect(records[0]!.title).toBe('Cross-Entropy Loss Functions: Theoretical Analysis and Applications');
    expect(records[0]!.abstract).toMatch(/^Cross-entropy is a widely used loss function/);
    expect(records.every((record) => (record.abstract?.length ?? 0) > record.title.length)).toBe(true);
    expect(records.at(-1)!.title).toBe(
      'H2RBox: Horizontal Box Annotation is All You Need for Oriented Object Detection',
    );
  });

  it('has no dates, counts or authors to report', () => {
    expect(records.every((record) => record.date === undefined && record.authorCount === undefined)).toBe(
      true,
    );
  });
});

describe('topic listing (Gradient Descent)', () => {
  const { records, diagnostics } = parseTopicListing(readPage(PAGES.topic), PAGES.topic);

  it('reads 10 papers and tags them with the topic', () => {
    expect(records).toHaveLength(10);
    expect(diagnostics).toEqual([]);
    expect(records.every((record) => record.keywords?.[0] === 'Gradient Descent')).toBe(true);
  });

  it("turns 'Last, First' into display names, diacritics kept and folded in the key", () => {
    const first = records[0]!;
    expect(first.authors.map((author) => author.name)).toEqual([
      'Ho Hin Lee',
      'Quan Liu',
      'Shunxing Bao',
      'Qi Yang',
      'Xin Yu',
      'Leon Y. Cai',
      'Thomas Li',
      'Yuankai Huo',
      'Xenofon Koutsoukos',
      'Bennett A. Landman',
    ]);
    const dsgd = byTitle(records, 'Improved Stability and Generalization Analysis');
    expect(dsgd.authors.map((author) => [author.name, author.key])).toEqual([
      ['Batiste Le Bars', 'batiste le bars'],
      ['Aurélien Bellet', 'aurelien bellet'],
      ['Marc Tommasi', 'marc tommasi'],
    ]);
  });

  it("reads 'Devvrit, null' as the one-name author Devvrit", () => {
    const pruning = byTitle(records, 'Greedy Pruning with Group Lasso');
    expect(pruning.authors.map((author) => author.name)).toEqual([
      'Nived Rajaraman',
      'Devvrit',
      'Aryan Mokhtari',
      'Kannan Ramchandran',
    ]);
    expect(pruning.authors[1]).toMatchObject({ name: 'Devvrit', key: 'devvrit', kind: 'person' });
  });

  it('keeps the paper that has no author line', () => {
    const ersac = byTitle(records, 'Efficient Exploration via Epistemic-Risk-Seeking Policy Optimization');
    expect(ersac.authors).toEqual([]);
    expect(ersac.abstract).toMatch(/^Exploration remains a key challenge/);
    expect(byTitle(records, 'An SDE for Modeling SAM').authors[0]!.name).toBe('Enea Monzio Compagnoni');
  });
});
