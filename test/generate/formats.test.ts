import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';

function written(format: Parameters<typeof writeCorpus>[1], papers = 50): string {
  let out = '';
  writeCorpus(generateCorpus({ papers, seed: 11 }), format, (chunk) => {
    out += chunk;
  });
  return out;
}

describe('listing writer (author page)', () => {
  const text = written('listing');
  const lines = text.split('\n');

  it('starts with the page chrome of data/pages/author-lei-wu.txt', () => {
    const real = readFileSync('data/pages/author-lei-wu.txt', 'utf8').split('\n');
    expect(lines[0]).toBe(real[0]);
    expect(lines[1]).toMatch(/^Picture for \S.+$/);
    expect(lines.slice(2, 7)).toEqual(['', lines[1]!.slice('Picture for '.length), '', 'Alert button', '']);
  });

  it('lays each paper out as the real page does', () => {
    const first = lines.indexOf('Viaarxiv icon');
    const record = lines.slice(7, first + 2);
    expect(record[1]).toBe('');
    expect(record[2]).toMatch(/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d, 20\d\d$/);
    expect(record[3]).toMatch(/^[^,]+(, [^,]+)*$/);
    expect(record[4]).toBe('');
    expect(record[6]).toBe('');
    const tail = record.slice(7);
    if (tail[0]!.startsWith('*')) expect(tail[0]).toMatch(/^\* \d+ pages\u00a0$/);
    expect(record.at(-2)).toBe('Viaarxiv icon');
    expect(record.at(-1)).toBe('');
    expect(lines.filter((line) => line === 'Viaarxiv icon')).toHaveLength(50);
  });
});

describe('openalex-jsonl writer', () => {
  it('writes one OpenAlex work per line whose abstract index rebuilds the abstract', () => {
    const works = written('openalex-jsonl')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(works).toHaveLength(50);
    const work = works[49];
    expect(work.id).toMatch(/^https:\/\/openalex\.org\/W\d+$/);
    expect(work.doi).toMatch(/^https:\/\/doi\.org\/10\.5555\//);
    expect(work.publication_date.startsWith(String(work.publication_year))).toBe(true);
    expect(work.authorships[0].author_position).toBe('first');
    expect(work.authorships[0].author).toEqual({
      id: expect.stringMatching(/^https:\/\/openalex\.org\/A\d+$/),
      display_name: expect.any(String),
      orcid: null,
    });
    expect(work.authorships[0].institutions).toEqual([]);
    const ids = new Set(works.map((w) => w.id));
    for (const reference of work.referenced_works) expect(ids.has(reference)).toBe(true);
    const words: string[] = [];
    for (const [word, positions] of Object.entries(
      work.abstract_inverted_index as Record<string, number[]>,
    )) {
      for (const position of positions) words[position] = word;
    }
    expect(words.join(' ')).toMatch(/ is a central problem in /);
  });
});

describe('bibtex writer', () => {
  it('writes one @article per paper with unique keys', () => {
    const text = written('bibtex');
    const keys = [...text.matchAll(/^@article\{([^,]+),$/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(50);
    expect(new Set(keys).size).toBe(50);
    expect(text).toMatch(/author = \{[^{}]+, [^{}]+( and [^{}]+, [^{}]+)*\},/);
    expect(text).toContain('\\%');
  });
});

describe('topic-listing writer', () => {
  it('writes a topic header then title, inverted authors and abstract per paper', () => {
    const lines = written('topic-listing').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 3 * 50);
    expect(lines[2]).toMatch(/^[^,]+, [^,]+(, [^,]+, [^,]+)*$/);
  });
});
