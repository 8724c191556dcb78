import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { nameSyllables, systemName } from '../../src/generate/text.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { titleKey } from '../../src/model/titles.ts';

function listing(papers: number, seed: number): string {
  let out = '';
  writeCorpus(generateCorpus({ papers, seed }), 'listing', (chunk) => {
    out += chunk;
  });
  return out;
}

describe('generated titles', () => {
  it('ingests a 20k listing as exactly 20k papers (no two folded titles alike)', () => {
    const corpus = ingestTexts([{ name: 'corpus.txt', text: listing(20_000, 1) }]);
    expect(corpus.papers).toHaveLength(20_000);
  }, 120_000);

  it('keeps folded titles unique for another seed and size', () => {
    const keys = new Set<string>();
    for (const paper of generateCorpus({ papers: 30_000, seed: 7 }).papers()) keys.add(titleKey(paper.title));
    expect(keys.size).toBe(30_000);
  }, 60_000);

  it('reads like a title: a method name, a colon, a title-cased subtitle', () => {
    const titles = [...generateCorpus({ papers: 200, seed: 3 }).papers()].map((paper) => paper.title);
    for (const title of titles) expect(title).toMatch(/^[A-Z][a-z]+(?:[A-Z][a-z]*)*: [A-Z0-9]\S* .+$/);
  });

  it('names distinct codes differently, also after folding', () => {
    const names = new Set<string>();
    for (let code = 0; code < 100_000; code += 7) names.add(systemName(code, 3).toLowerCase());
    expect(names.size).toBe(Math.ceil(100_000 / 7));
    expect(nameSyllables(10_000)).toBe(3);
    expect(nameSyllables(1_000_000)).toBe(3);
    expect(nameSyllables(1_000_001)).toBe(4);
  });
});

describe('listing order', () => {
  it('lists papers newest first, like the real author page', () => {
    const text = listing(300, 4);
    const dates = [...text.matchAll(/^([A-Z][a-z]{2}) (\d\d), (\d{4})$/gm)].map((m) =>
      Date.parse(`${m[1]} ${m[2]} ${m[3]}`),
    );
    expect(dates).toHaveLength(300);
    for (let i = 1; i < dates.length; i++) expect(dates[i]!).toBeLessThanOrEqual(dates[i - 1]!);
  });

  it('gives the same papers newest first as oldest first', () => {
    const corpus = generateCorpus({ papers: 500, seed: 8 });
    const oldest = [...corpus.papers()];
    const newest = [...corpus.papers({ order: 'newest-first' })].reverse();
    expect(newest.map((p) => [p.title, p.year, ...p.authors, -1, ...p.references])).toEqual(
      oldest.map((p) => [p.title, p.year, ...p.authors, -1, ...p.references]),
    );
  });
});
