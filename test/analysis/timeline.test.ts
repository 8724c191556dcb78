import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexCorpus } from '../../src/analysis/corpus-index.ts';
import {
  collaborationTimeline,
  DEFAULT_TIMELINE_OPTIONS,
  type TimelineInput,
  type TimeSlice,
} from '../../src/analysis/timeline.ts';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { Author, Corpus, Paper } from '../../src/model/types.ts';

/** A corpus from bylines: every name is one person, whose id is the name in lower case with dashes. */
function corpusOf(papers: { year?: number; authors: string[] }[]): Corpus {
  const id = (name: string): string => name.toLowerCase().replace(/ /g, '-');
  const authors = new Map<string, Author>();
  const paperList = papers.map((byline, index): Paper => {
    const paper: Paper = {
      id: `p${index}`,
      title: `Paper ${index}`,
      authors: byline.authors.map((name) => ({
        id: id(name),
        name,
        key: name.toLowerCase(),
        kind: 'person',
      })),
      sources: [],
    };
    if (byline.year !== undefined) paper.year = byline.year;
    for (const name of byline.authors) {
      const author = authors.get(name) ?? {
        id: id(name),
        name,
        key: name.toLowerCase(),
        kind: 'person',
        papers: [],
      };
      author.papers.push(paper.id);
      authors.set(name, author);
    }
    return paper;
  });
  return { papers: paperList, authors: [...authors.values()], diagnostics: [], files: [], merges: [] };
}

function input(corpus: Corpus, overrides: Partial<TimelineInput> = {}): TimelineInput {
  return { corpus, index: indexCorpus(corpus), maxAuthorsPerPaper: 25, weight: 'count', ...overrides };
}

const pairs = (names: string[]): string[][] => names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b]));

const first = ['Ada Byron', 'Ben Carr', 'Cy Dunn'];
const second = ['Dee Ek', 'Eli Fox', 'Fay Gill'];
const third = ['Gus Hale', 'Hal Ives', 'Ivy Jo'];

/**
 * 2020: two triangles. 2021: a third triangle, and Ada and Ben write again. 2022: every member of
 * the first two triangles writes with every member of the other, and Jon Kay joins the third.
 */
const growing = [
  ...pairs(first).map((authors) => ({ year: 2020, authors })),
  ...pairs(second).map((authors) => ({ year: 2020, authors })),
  ...pairs(third).map((authors) => ({ year: 2021, authors })),
  { year: 2021, authors: ['Ada Byron', 'Ben Carr'] },
  ...first.flatMap((a) => second.map((b) => ({ year: 2022, authors: [a, b] }))),
  ...third.map((a) => ({ year: 2022, authors: [a, 'Jon Kay'] })),
];

describe('collaboration timeline on a hand-made corpus', () => {
  it('follows triangles that are born, continue, merge and grow', () => {
    const timeline = collaborationTimeline(input(corpusOf(growing)));
    // Ids go by size, ties to the community holding the earliest author; labels are the two
    // members with most co-authors, ties by name.
    expect(timeline).toEqual<TimeSlice[]>([
      {
        year: 2020,
        authors: 6,
        communities: [
          { id: 0, size: 3, from: [], event: 'born', label: 'Ada Byron, Ben Carr' },
          { id: 1, size: 3, from: [], event: 'born', label: 'Dee Ek, Eli Fox' },
        ],
      },
      {
        year: 2021,
        authors: 9,
        communities: [
          { id: 0, size: 3, from: [0], event: 'continued', label: 'Ada Byron, Ben Carr' },
          { id: 1, size: 3, from: [1], event: 'continued', label: 'Dee Ek, Eli Fox' },
          { id: 2, size: 3, from: [], event: 'born', label: 'Gus Hale, Hal Ives' },
        ],
      },
      {
        year: 2022,
        authors: 10,
        communities: [
          { id: 0, size: 6, from: [0, 1], event: 'merged', label: 'Ada Byron, Ben Carr' },
          { id: 1, size: 4, from: [2], event: 'grew', label: 'Gus Hale, Hal Ives' },
        ],
      },
    ]);
  });

  it('keeps the most recent years, the first of them holding every older paper', () => {
    const timeline = collaborationTimeline(input(corpusOf(growing)), {
      ...DEFAULT_TIMELINE_OPTIONS,
      maxSlices: 2,
    });
    expect(timeline.map((slice) => [slice.year, slice.authors])).toEqual([
      [2021, 9],
      [2022, 10],
    ]);
    expect(timeline[0]!.communities.map((community) => [community.size, community.event])).toEqual([
      [3, 'born'],
      [3, 'born'],
      [3, 'born'],
    ]);
    expect(
      collaborationTimeline(input(corpusOf(growing)), { ...DEFAULT_TIMELINE_OPTIONS, maxSlices: 0 }),
    ).toEqual([]);
  });

  it('leaves out undated papers and papers over the author cap, but keeps years without joint papers', () => {
    const baseline = collaborationTimeline(input(corpusOf(growing)));
    const noisy = corpusOf([
      { year: 2019, authors: ['Solo Writer'] },
      ...growing,
      // Would join the first and third triangles, but has no year.
      { authors: ['Ada Byron', 'Gus Hale'] },
      // Over a cap of 3: would join all three triangles.
      { year: 2022, authors: ['Cy Dunn', 'Fay Gill', 'Ivy Jo', 'Jon Kay'] },
    ]);
    const timeline = collaborationTimeline(input(noisy, { maxAuthorsPerPaper: 3 }));
    expect(timeline[0]).toEqual({ year: 2019, authors: 0, communities: [] });
    expect(timeline.slice(1)).toEqual(baseline);
  });

  it('finds the same communities with fractional weights here', () => {
    const sizes = (timeline: TimeSlice[]) =>
      timeline.map((slice) => slice.communities.map((community) => [community.size, community.event]));
    expect(sizes(collaborationTimeline(input(corpusOf(growing), { weight: 'fractional' })))).toEqual(
      sizes(collaborationTimeline(input(corpusOf(growing)))),
    );
  });
});

describe('collaboration timeline on random corpora', () => {
  it('counts, each year, the authors with a joint paper so far, and puts each in one community', () => {
    const people = ['Ann Bo', 'Ben Cy', 'Cat Dee', 'Dan Ek', 'Eve Fo', 'Fay Gu', 'Gil Ho'];
    const byline = fc.record({
      year: fc.option(fc.integer({ min: 2000, max: 2008 }), { nil: undefined }),
      authors: fc.uniqueArray(fc.constantFrom(...people), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(byline, { maxLength: 20 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        (bylines, cap, maxSlices) => {
          const corpus = corpusOf(bylines);
          const timeline = collaborationTimeline(input(corpus, { maxAuthorsPerPaper: cap }), {
            ...DEFAULT_TIMELINE_OPTIONS,
            maxSlices,
          });
          const years = [...new Set(bylines.flatMap((b) => (b.year === undefined ? [] : [b.year])))].sort();
          expect(timeline.map((slice) => slice.year)).toEqual(years.slice(-maxSlices));
          for (const slice of timeline) {
            const joint = bylines.filter(
              (b) =>
                b.year !== undefined &&
                b.year <= slice.year &&
                b.authors.length >= 2 &&
                b.authors.length <= cap,
            );
            expect(slice.authors).toBe(new Set(joint.flatMap((b) => b.authors)).size);
            expect(slice.communities.reduce((sum, community) => sum + community.size, 0)).toBe(slice.authors);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('collaboration timeline on data/', async () => {
  const { corpus } = await ingestFiles(['data/pages']);

  it('shows the three collaborator groups of 2023 carried through 2025, as the graphology version did', () => {
    const timeline = collaborationTimeline(input(corpus));
    // Papers are dated 2016–2025, but the listings before 2023 name no authors (a count only).
    expect(timeline.map((slice) => slice.year)).toEqual([
      2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
    ]);
    expect(timeline.slice(0, 7).every((slice) => slice.authors === 0 && slice.communities.length === 0)).toBe(
      true,
    );
    const groups = [
      { id: 0, size: 6, label: 'Lei Wu, Kaizhao Liu' },
      { id: 1, size: 4, label: 'Changyi Lin, Han Zhang' },
      { id: 2, size: 2, label: 'Hongrui Chen, Jihao Long' },
    ];
    expect(timeline[7]).toEqual({
      year: 2023,
      authors: 12,
      communities: groups.map((group) => ({ ...group, from: [], event: 'born' })),
    });
    for (const slice of timeline.slice(8))
      expect(slice).toEqual({
        year: slice.year,
        authors: 12,
        communities: groups.map((group) => ({ ...group, from: [group.id], event: 'continued' })),
      });
  });
});

describe('collaboration timeline on a generated corpus', () => {
  const text: string[] = [];
  writeCorpus(generateCorpus({ papers: 2000, seed: 3 }), 'listing', (chunk) => text.push(chunk));
  const corpus = ingestTexts([{ name: 'generated.txt', text: text.join('') }]);

  it('is the same run after run, and every slice is consistent with the one before', () => {
    const timeline = collaborationTimeline(input(corpus));
    expect(collaborationTimeline(input(corpus))).toEqual(timeline);
    expect(timeline.length).toBe(DEFAULT_TIMELINE_OPTIONS.maxSlices);
    timeline.forEach((slice, k) => {
      const before = timeline[k - 1];
      if (before) {
        expect(slice.year).toBeGreaterThan(before.year);
        expect(slice.authors).toBeGreaterThanOrEqual(before.authors);
      }
      expect(slice.communities.reduce((sum, community) => sum + community.size, 0)).toBe(slice.authors);
      slice.communities.forEach((community, id) => {
        expect(community.id).toBe(id);
        if (id > 0) expect(community.size).toBeLessThanOrEqual(slice.communities[id - 1]!.size);
        for (const from of community.from) expect(from).toBeLessThan(before!.communities.length);
        expect(community.event === 'born').toBe(community.from.length === 0);
        expect(community.event === 'merged').toBe(community.from.length > 1);
      });
    });
  });

  it('depends on the seed only through Louvain', () => {
    const other = collaborationTimeline(input(corpus), { ...DEFAULT_TIMELINE_OPTIONS, seed: 7 });
    const timeline = collaborationTimeline(input(corpus));
    expect(other.map((slice) => [slice.year, slice.authors])).toEqual(
      timeline.map((slice) => [slice.year, slice.authors]),
    );
  });
});
