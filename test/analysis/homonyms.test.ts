import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexCorpus } from '../../src/analysis/corpus-index.ts';
import { findHomonymCandidates, type HomonymCandidate } from '../../src/analysis/homonyms.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { AuthorKind, Corpus, Paper } from '../../src/model/types.ts';

interface Byline {
  authors: string[];
  theme: number;
}

/** A corpus from bylines (names are people unless listed in `groups`), and each paper's theme. */
function corpusOf(bylines: Byline[], groups: string[] = []): { corpus: Corpus; paperTheme: Int32Array } {
  const id = (name: string): string => name.toLowerCase().replace(/ /g, '-');
  const kind = (name: string): AuthorKind => (groups.includes(name) ? 'group' : 'person');
  const papers = bylines.map(
    (byline, index): Paper => ({
      id: `p${index}`,
      title: `Paper ${String.fromCharCode(65 + index)}`,
      authors: byline.authors.map((name) => ({ id: id(name), name, key: id(name), kind: kind(name) })),
      sources: [],
    }),
  );
  const names = [...new Set(bylines.flatMap((byline) => byline.authors))];
  const authors = names.map((name) => ({
    id: id(name),
    name,
    key: id(name),
    kind: kind(name),
    papers: papers
      .filter((paper) => paper.authors.some((author) => author.name === name))
      .map((paper) => paper.id),
  }));
  return {
    corpus: { papers, authors, diagnostics: [], files: [], merges: [] },
    paperTheme: Int32Array.from(bylines, (byline) => byline.theme),
  };
}

function candidates(bylines: Byline[], maxAuthorsPerPaper = 25, groups: string[] = []): HomonymCandidate[] {
  const { corpus, paperTheme } = corpusOf(bylines, groups);
  return findHomonymCandidates({ corpus, index: indexCorpus(corpus), paperTheme, maxAuthorsPerPaper });
}

const consortium = Array.from({ length: 30 }, (_, i) => `Member ${i}`);

describe('homonym candidates on hand-made corpora', () => {
  it('lists a name whose papers split into groups with no co-author and no theme in common', () => {
    const found = candidates([
      { authors: ['Sam Lee', 'Ann Bo'], theme: 0 },
      { authors: ['Cy Do', 'Sam Lee'], theme: 2 },
      { authors: ['Sam Lee', 'Ann Bo', 'Bea Cole'], theme: 0 },
      // Alone: no co-author to say whom the paper belongs with.
      { authors: ['Sam Lee'], theme: 5 },
      // Over the cap: says nothing about whom Sam works with, though it would join both groups.
      { authors: ['Sam Lee', 'Ann Bo', 'Cy Do', ...consortium], theme: 0 },
    ]);
    expect(found).toEqual([
      {
        author: 'author:sam-lee',
        name: 'Sam Lee',
        groups: [
          { papers: ['Paper A', 'Paper C'], coauthors: ['author:ann-bo', 'author:bea-cole'], themes: [0] },
          { papers: ['Paper B'], coauthors: ['author:cy-do'], themes: [2] },
        ],
      },
    ]);
  });

  it('takes the consortium paper in when the cap allows it, and then the groups are one', () => {
    const bylines = [
      { authors: ['Sam Lee', 'Ann Bo'], theme: 0 },
      { authors: ['Sam Lee', 'Cy Do'], theme: 2 },
      { authors: ['Sam Lee', 'Ann Bo', 'Cy Do', ...consortium], theme: 0 },
    ];
    expect(candidates(bylines, 25)).toHaveLength(1);
    expect(candidates(bylines, 100)).toEqual([]);
  });

  it('does not list groups that share a theme, or whose papers have no theme', () => {
    expect(
      candidates([
        { authors: ['Sam Lee', 'Ann Bo'], theme: 0 },
        { authors: ['Sam Lee', 'Ann Bo'], theme: 1 },
        { authors: ['Sam Lee', 'Cy Do'], theme: 1 },
      ]),
    ).toEqual([]);
    expect(
      candidates([
        { authors: ['Sam Lee', 'Ann Bo'], theme: 0 },
        { authors: ['Sam Lee', 'Cy Do'], theme: -1 },
      ]),
    ).toEqual([]);
  });

  it('needs two groups of which two are theme-disjoint, among any number', () => {
    const found = candidates([
      { authors: ['Sam Lee', 'Ann Bo'], theme: 0 },
      { authors: ['Sam Lee', 'Ann Bo'], theme: 1 },
      { authors: ['Sam Lee', 'Cy Do'], theme: 1 },
      { authors: ['Sam Lee', 'Cy Do'], theme: -1 },
      { authors: ['Sam Lee', 'Dan Ek'], theme: 2 },
    ]);
    expect(found.map((candidate) => candidate.groups.map((group) => group.themes))).toEqual([
      [[0, 1], [-1, 1], [2]],
    ]);
  });

  it('never lists groups (consortia), and lists people by name', () => {
    const found = candidates(
      [
        { authors: ['Zoe Ma', 'Lab Team', 'Ann Bo'], theme: 0 },
        { authors: ['Zoe Ma', 'Lab Team', 'Cy Do'], theme: 1 },
        { authors: ['Al Ng', 'Ann Bo'], theme: 0 },
        { authors: ['Al Ng', 'Cy Do'], theme: 1 },
      ],
      25,
      ['Lab Team'],
    );
    // Zoe Ma's two papers share the group as co-author; the group itself is never a candidate.
    expect(found.map((candidate) => candidate.name)).toEqual(['Al Ng']);
  });

  it('lists nobody without themes', () => {
    const { corpus } = corpusOf([
      { authors: ['Sam Lee', 'Ann Bo'], theme: 0 },
      { authors: ['Sam Lee', 'Cy Do'], theme: 1 },
    ]);
    expect(
      findHomonymCandidates({
        corpus,
        index: indexCorpus(corpus),
        paperTheme: undefined,
        maxAuthorsPerPaper: 25,
      }),
    ).toEqual([]);
  });
});

/**
 * The definition read directly, pair by pair: what the graphology version computed, for comparing
 * on random corpora.
 */
function byDefinition(bylines: Byline[], maxAuthorsPerPaper: number): string[] {
  const names = [...new Set(bylines.flatMap((byline) => byline.authors))];
  const listed: string[] = [];
  for (const name of names) {
    const papers = bylines
      .map((byline, index) => ({
        ...byline,
        index,
        others: [...new Set(byline.authors)].filter((n) => n !== name),
      }))
      .filter((paper) => paper.authors.includes(name) && new Set(paper.authors).size <= maxAuthorsPerPaper);
    const group = papers.map((_, i) => i);
    const join = (x: number, y: number): void => {
      const [from, to] = [group[x]!, group[y]!].sort((a, b) => b - a);
      for (let i = 0; i < group.length; i++) if (group[i] === from) group[i] = to!;
    };
    for (let x = 0; x < papers.length; x++)
      for (let y = x + 1; y < papers.length; y++)
        if (papers[x]!.others.some((other) => papers[y]!.others.includes(other))) join(x, y);
    const groups = [...new Set(group)]
      .map((root) => papers.filter((_, i) => group[i] === root))
      .filter((members) => members.some((paper) => paper.others.length > 0));
    const themes = groups.map(
      (members) => new Set(members.map((paper) => paper.theme).filter((t) => t >= 0)),
    );
    const disjoint = themes.some((a, i) =>
      themes.some((b, j) => i !== j && a.size > 0 && b.size > 0 && [...a].every((t) => !b.has(t))),
    );
    if (groups.length >= 2 && disjoint)
      listed.push(
        `${name}: ${groups.map((members) => members.map((paper) => paper.index).join('+')).join(' | ')}`,
      );
  }
  return listed.sort();
}

describe('homonym candidates on random corpora', () => {
  it('agree with the definition read pair by pair', () => {
    const people = ['Ann Bo', 'Ben Cy', 'Cat Dee', 'Dan Ek', 'Eve Fo', 'Fay Gu'];
    const byline = fc.record({
      authors: fc.uniqueArray(fc.constantFrom(...people), { minLength: 1, maxLength: 4 }),
      theme: fc.integer({ min: -1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(byline, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (bylines, cap) => {
        const { corpus, paperTheme } = corpusOf(bylines);
        const found = findHomonymCandidates({
          corpus,
          index: indexCorpus(corpus),
          paperTheme,
          maxAuthorsPerPaper: cap,
        });
        const described = found.map(
          (candidate) =>
            `${candidate.name}: ${candidate.groups
              .map((group) => group.papers.map((title) => title.charCodeAt(6) - 65).join('+'))
              .join(' | ')}`,
        );
        expect(described.sort()).toEqual(byDefinition(bylines, cap));
      }),
      { numRuns: 300 },
    );
  });

  it('list the ones with most papers first when asked for only so many', () => {
    const people = ['Ann Bo', 'Ben Cy', 'Cat Dee', 'Dan Ek', 'Eve Fo'];
    const byline = fc.record({
      authors: fc.uniqueArray(fc.constantFrom(...people), { minLength: 1, maxLength: 3 }),
      theme: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(byline, { maxLength: 14 }), fc.integer({ min: 0, max: 3 }), (bylines, most) => {
        const { corpus, paperTheme } = corpusOf(bylines);
        const index = indexCorpus(corpus);
        const all = findHomonymCandidates({ corpus, index, paperTheme, maxAuthorsPerPaper: 25 });
        const papers = (candidate: HomonymCandidate): number =>
          candidate.groups.reduce((sum, group) => sum + group.papers.length, 0);
        // Array.prototype.sort is stable: ties stay in name order.
        const expected = [...all].sort((x, y) => papers(y) - papers(x)).slice(0, most);
        expect(findHomonymCandidates({ corpus, index, paperTheme, maxAuthorsPerPaper: 25, most })).toEqual(
          expected,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('homonym candidates on data/', async () => {
  const { corpus } = await ingestFiles(['data/pages']);
  const index = indexCorpus(corpus);
  // The themes the graphology pipeline gave Lei Wu's ten papers, the only papers in data/ whose
  // authors have two papers or more (read once from that pipeline's output).
  const themeOfTitle: [string, number][] = [
    ['The Local Landscape of Phase Retrieval', 0],
    ['Achieving Margin Maximization', 0],
    ['The Noise Geometry of Stochastic Gradient Descent', 0],
    ['9DTact', 1],
    ['The $L^\\infty$ Learnability', 4],
    ['The Brain Tumor Segmentation (BraTS-METS)', 1],
    ['The Implicit Regularization of Dynamical Stability', 0],
    ['Embedding Inequalities for Barron-type Spaces', 4],
    ['Theoretical Analysis of Inductive Biases', 3],
    ['A duality framework for generalization analysis', 4],
  ];
  const paperTheme = Int32Array.from(
    corpus.papers,
    (paper) => themeOfTitle.find(([title]) => paper.title.startsWith(title))?.[1] ?? -1,
  );
  const leiWuGroups = [
    {
      papers: [
        'The Local Landscape of Phase Retrieval Under Limited Samples',
        'Theoretical Analysis of Inductive Biases in Deep Convolutional Networks',
      ],
      coauthors: ['author:kaizhao-liu', 'author:zihao-wang'],
      themes: [0, 3],
    },
    {
      papers: [
        'Achieving Margin Maximization Exponentially Fast via Progressive Norm Rescaling',
        'The Noise Geometry of Stochastic Gradient Descent: A Quantitative and Analytical Characterization',
      ],
      coauthors: ['author:mingze-wang', 'author:zeping-min'],
      themes: [0],
    },
    {
      papers: [
        '9DTact: A Compact Vision-Based Tactile Sensor for Accurate 3D Shape Reconstruction and Generalizable 6D Force Estimation',
      ],
      coauthors: ['author:changyi-lin', 'author:han-zhang', 'author:huazhe-xu', 'author:jikai-xu'],
      themes: [1],
    },
    {
      papers: [
        'A duality framework for generalization analysis of random feature models and two-layer neural networks',
        'The $L^\\infty$ Learnability of Reproducing Kernel Hilbert Spaces',
      ],
      coauthors: ['author:hongrui-chen', 'author:jihao-long'],
      themes: [4],
    },
    {
      papers: ['The Implicit Regularization of Dynamical Stability in Stochastic Gradient Descent'],
      coauthors: ['author:weijie-j-su'],
      themes: [0],
    },
  ];

  it('lists Lei Wu alone, with the five groups the graphology version listed', () => {
    // The single-author paper has no group; the 88-name challenge paper is over the default cap.
    expect(findHomonymCandidates({ corpus, index, paperTheme, maxAuthorsPerPaper: 25 })).toEqual([
      { author: 'author:lei-wu', name: 'Lei Wu', groups: leiWuGroups },
    ]);
  });

  it('adds the challenge paper as its own group once the cap lets it in', () => {
    const [leiWu, ...others] = findHomonymCandidates({ corpus, index, paperTheme, maxAuthorsPerPaper: 100 });
    expect(others).toEqual([]);
    expect(leiWu!.groups).toHaveLength(6);
    const challenge = leiWu!.groups[4]!;
    expect(challenge.papers[0]!.startsWith('The Brain Tumor Segmentation (BraTS-METS)')).toBe(true);
    expect(challenge.coauthors).toHaveLength(87);
    expect(challenge.themes).toEqual([1]);
    expect(leiWu!.groups.filter((group) => group !== challenge)).toEqual(leiWuGroups);
  });
});
