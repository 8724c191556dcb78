import { describe, expect, it } from 'vitest';
import { generateCorpus, type SyntheticPaper } from '../../src/generate/corpus.ts';
import { parseCount } from '../../src/generate/count.ts';
import { coauthorshipEdges } from '../../src/generate/edges.ts';
import { GENERATE_FORMATS, type GenerateFormat, writeCorpus } from '../../src/generate/write.ts';

function text(papers: number, seed: number, format: GenerateFormat): string {
  let out = '';
  writeCorpus(generateCorpus({ papers, seed }), format, (chunk) => {
    out += chunk;
  });
  return out;
}

function structure(papers: number, seed: number): SyntheticPaper[] {
  return [...generateCorpus({ papers, seed }).papers({ text: false })];
}

describe('generateCorpus: determinism', () => {
  it.each(GENERATE_FORMATS)(
    'the same seed gives the same %s bytes, another seed different ones',
    (format) => {
      const first = text(300, 42, format);
      expect(text(300, 42, format)).toBe(first);
      expect(text(300, 43, format)).not.toBe(first);
    },
  );

  it('streaming without text gives the same structure as with text', () => {
    const corpus = generateCorpus({ papers: 500, seed: 9 });
    const withText = [...corpus.papers()];
    const without = [...corpus.papers({ text: false })];
    expect(without.map((p) => [...p.authors, -1, ...p.references])).toEqual(
      withText.map((p) => [...p.authors, -1, ...p.references]),
    );
  });
});

describe('generateCorpus: distributions on 2k papers', () => {
  const papers = structure(2000, 1);
  const corpus = generateCorpus({ papers: 2000, seed: 1 });

  it('has a mean team size between 3 and 5 and a heavy tail', () => {
    const sizes = papers.map((p) => p.authors.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThanOrEqual(3);
    expect(mean).toBeLessThanOrEqual(5);
    expect(sizes.filter((s) => s === 1).length).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(15);
  });

  it('lists each author once per paper', () => {
    for (const paper of papers) expect(new Set(paper.authors).size).toBe(paper.authors.length);
  });

  it('cites only earlier papers, about 20 per paper, without duplicates', () => {
    let total = 0;
    for (const paper of papers) {
      for (const reference of paper.references) expect(reference).toBeLessThan(paper.index);
      expect(new Set(paper.references).size).toBe(paper.references.length);
      total += paper.references.length;
    }
    expect(total / papers.length).toBeGreaterThanOrEqual(15);
    expect(total / papers.length).toBeLessThanOrEqual(25);
  });

  it('gives citations a heavy tail (preferential attachment)', () => {
    const citedBy = new Uint32Array(papers.length);
    for (const paper of papers) for (const reference of paper.references) citedBy[reference]!++;
    const sorted = [...citedBy].sort((a, b) => b - a);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(sorted[0]!).toBeGreaterThan(8 * Math.max(1, median));
  });

  it('follows Lotka: many authors with one paper, few with many', () => {
    const counts = new Map<number, number>();
    for (const paper of papers)
      for (const author of paper.authors) counts.set(author, (counts.get(author) ?? 0) + 1);
    const values = [...counts.values()];
    const withOne = values.filter((v) => v === 1).length;
    const withTwo = values.filter((v) => v === 2).length;
    const withTenOrMore = values.filter((v) => v >= 10).length;
    expect(withOne / values.length).toBeGreaterThan(0.3);
    expect(withOne).toBeGreaterThan(withTwo);
    expect(withTwo).toBeGreaterThan(withTenOrMore);
    expect(withTenOrMore).toBeGreaterThan(0);
    expect(withTenOrMore / values.length).toBeLessThan(0.15);
  });

  it('spreads papers over 15 years in publication order', () => {
    const years = papers.map((p) => p.year);
    expect(Math.min(...years)).toBe(2010);
    expect(Math.max(...years)).toBe(2024);
    for (let i = 1; i < papers.length; i++) {
      const a = papers[i - 1]!;
      const b = papers[i]!;
      expect(a.year * 1000 + a.month * 40 + a.day).toBeLessThanOrEqual(b.year * 1000 + b.month * 40 + b.day);
    }
  });

  it('collaborates mostly inside topics, with some bridges', () => {
    const topicOf = new Map<number, number>();
    for (const paper of papers)
      if (!topicOf.has(paper.authors[0]!)) topicOf.set(paper.authors[0]!, paper.topic);
    let same = 0;
    let all = 0;
    for (const paper of papers) {
      if (paper.authors.length > 25) continue;
      for (const author of paper.authors.subarray(1)) {
        const topic = topicOf.get(author);
        if (topic === undefined) continue;
        all++;
        if (topic === paper.topic) same++;
      }
    }
    expect(same / all).toBeGreaterThan(0.7);
    expect(same / all).toBeLessThan(0.99);
  });

  it('gives every author a unique name', () => {
    const names = new Set<string>();
    for (let a = 0; a < corpus.shape.authors; a++) names.add(corpus.authorName(a).display);
    expect(names.size).toBe(corpus.shape.authors);
  });
});

describe('generateCorpus: consortium papers', () => {
  it('has papers with 100+ authors at 20k papers', () => {
    const large = structure(20_000, 3).filter((p) => p.authors.length >= 100);
    expect(large.length).toBeGreaterThan(0);
  });

  it('makes them testable on small corpora through consortiumRate', () => {
    const corpus = generateCorpus({ papers: 2000, seed: 5, consortiumRate: 0.01, consortiumMin: 100 });
    const large = [...corpus.papers({ text: false })].filter((p) => p.authors.length >= 100);
    expect(large.length).toBeGreaterThan(5);
  });
});

describe('coauthorshipEdges', () => {
  it('counts joint papers of teams up to 25 authors', () => {
    const corpus = generateCorpus({ papers: 1000, seed: 2 });
    const list = coauthorshipEdges(corpus);
    const expected = new Map<string, number>();
    for (const paper of corpus.papers({ text: false })) {
      if (paper.authors.length > 25) continue;
      const team = [...paper.authors];
      for (let x = 0; x < team.length; x++) {
        for (let y = x + 1; y < team.length; y++) {
          const [u, v] = team[x]! < team[y]! ? [team[x]!, team[y]!] : [team[y]!, team[x]!];
          expected.set(`${u}-${v}`, (expected.get(`${u}-${v}`) ?? 0) + 1);
        }
      }
    }
    expect(list.source.length).toBe(expected.size);
    for (let e = 0; e < list.source.length; e++) {
      const a = list.authorOfNode[list.source[e]!]!;
      const b = list.authorOfNode[list.target[e]!]!;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      expect(list.weight[e]).toBe(expected.get(key));
    }
  });
});

describe('parseCount', () => {
  it.each([
    ['2000', 2000],
    ['10k', 10_000],
    ['100K', 100_000],
    ['1m', 1_000_000],
    ['2.5k', 2500],
    ['1_000', 1000],
  ])('%s → %d', (input, expected) => {
    expect(parseCount(input)).toBe(expected);
  });
  it.each(['', '1x', '-5', 'k', '1.5'])('rejects %j', (input) => {
    expect(parseCount(input)).toBeUndefined();
  });
});
