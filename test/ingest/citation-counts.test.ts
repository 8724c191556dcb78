import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAlexParser } from '../../src/ingest/formats/openalex.ts';
import { scopusParser } from '../../src/ingest/formats/scopus.ts';
import { semanticScholarParser } from '../../src/ingest/formats/semantic-scholar.ts';
import { wosParser } from '../../src/ingest/formats/wos.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { readOpenAlexFile } from '../../src/ingest/openalex-stream-node.ts';
import { loadCorpus } from '../../src/ingest/read-node.ts';

const fixture = (path: string): string => readFileSync(`test/fixtures/${path}`, 'utf8');
const WOS8 = 'wos/bibliometrix-wos-sample-8.txt';
const OPENALEX_JSONL = 'openalex/works-openalexpro-jq-transformed.jsonl';

const folder = mkdtempSync(join(tmpdir(), 'citegraph-citation-counts-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('global citation counts and index keywords as each source gives them', () => {
  it('WoS: TC, and Z9 only where TC is missing', () => {
    const sample = wosParser.parse(fixture(WOS8), 'w.txt').records;
    expect(sample.map((r) => r.globalCitations)).toEqual([0, 55, 8858, 31, 0, 0, 0, 0]);
    const rispy = wosParser.parse(fixture('wos/rispy-wos-2-records.txt'), 'r.txt').records;
    expect(rispy.map((r) => r.globalCitations)).toEqual([23, 31]);
    const withoutTc = fixture(WOS8).replace(/^TC 8858\n/m, '');
    expect(wosParser.parse(withoutTc, 'w.txt').records[2]!.globalCitations).toBe(11190);
  });

  it('WoS: DE as keywords and ID (Keywords Plus) as index keywords, continuation lines joined', () => {
    const [toh, buyukkidik, aria] = wosParser.parse(fixture(WOS8), 'w.txt').records;
    expect(toh!.keywords).toEqual([
      'Word',
      'GIS',
      'Real Estate',
      'bibliometric analysis',
      'bibliometrix',
      'QGIS',
    ]);
    expect(toh!.indexKeywords).toEqual([
      'TEMPORALLY WEIGHTED REGRESSION',
      'URBAN EXPANSION',
      'HOUSING-MARKET',
      'MODELS',
    ]);
    expect(buyukkidik!.keywords).toEqual([
      'bibliometric analysis',
      'item response theory (IRT)',
      'biblioshiny',
      'bibliometrix',
    ]);
    expect(aria!.keywords).toContain('Bibliographic coupling');
    expect(aria!.indexKeywords).toEqual([
      'INFORMATION-SCIENCE',
      'SCIENTIFIC WORKFLOWS',
      'AUTHOR COCITATION',
      'CITATION IMAGE',
      'ALGORITHM',
      'EVOLUTION',
      'NETWORKS',
      'PATTERNS',
      'TRENDS',
      'INDEX',
    ]);
  });

  it('Scopus: Cited by, Author Keywords and Index Keywords', () => {
    const current = scopusParser.parse(fixture('scopus/bibliometrix-scopus-sample-8.csv'), 's.csv').records;
    expect(current.map((r) => r.globalCitations)).toEqual([0, 2, 1, 0, 1, 0, 0, 0]);
    expect(current[0]!.keywords).toEqual([
      'Artificial intelligence',
      'bibliometrics',
      'citeSpace',
      'spinal diseases',
      'VOSviewer',
    ]);
    expect(current[0]!.indexKeywords).toBeUndefined();
    expect(current[1]!.indexKeywords!.slice(0, 3)).toEqual([
      'Africa',
      'Bibliometrics',
      'Biomedical Research',
    ]);
    const old = scopusParser.parse(
      fixture('scopus/litsearchr-scopus-no-references-137.csv'),
      'o.csv',
    ).records;
    // 115 of 137 rows give a count; they add up to 3743, the largest is 244.
    const counted = old.filter((r) => r.globalCitations !== undefined);
    expect(counted).toHaveLength(115);
    expect(counted.reduce((sum, r) => sum + r.globalCitations!, 0)).toBe(3743);
    expect(Math.max(...counted.map((r) => r.globalCitations!))).toBe(244);
  });

  it('OpenAlex: cited_by_count from a work, a page and JSON Lines', () => {
    const work = openAlexParser.parse(fixture('openalex/work-W2741809807.json'), 'w.json').records;
    expect(work.map((r) => r.globalCitations)).toEqual([962]);
    const page = openAlexParser.parse(fixture('openalex/works-page-2-results.json'), 'p.json').records;
    expect(page.map((r) => r.globalCitations)).toEqual([9231, 957]);
    const lines = openAlexParser.parse(fixture(OPENALEX_JSONL), 'l.jsonl').records;
    expect(lines.map((r) => r.globalCitations)).toEqual([9231, 957]);
  });

  it('OpenAlex: the streaming reader and its two-thread scan give the same counts', async () => {
    const path = `test/fixtures/${OPENALEX_JSONL}`;
    const one = await readOpenAlexFile(path, { parallel: false });
    const two = await readOpenAlexFile(path, { parallel: true, chunkBytes: 4096 });
    expect(one.records.map((r) => r.globalCitations)).toEqual([9231, 957]);
    expect(two.records.map((r) => r.globalCitations)).toEqual([9231, 957]);
  });

  it('Semantic Scholar: citationCount', () => {
    const author = semanticScholarParser.parse(
      fixture('semantic-scholar/author-2262347-with-papers.json'),
      'a.json',
    ).records;
    expect(author.slice(0, 3).map((r) => r.globalCitations)).toEqual([0, 328, 47]);
    expect(author.reduce((sum, r) => sum + (r.globalCitations ?? 0), 0)).toBe(12416);
    const reference = semanticScholarParser.parse(
      fixture('semantic-scholar/reference-object.json'),
      'r.json',
    ).records;
    expect(reference[0]!.globalCitations).toBe(707);
  });
});

describe('the merge and corpus.json', () => {
  // Aria & Cuccurullo's bibliometrix paper is in both: WoS TC 8858, OpenAlex cited_by_count 9231.
  const corpus = ingestTexts([
    { name: 'wos.txt', text: fixture(WOS8) },
    { name: 'works.jsonl', text: fixture(OPENALEX_JSONL) },
  ]);
  const aria = corpus.papers.find((paper) => paper.ids?.doi === '10.1016/j.joi.2017.08.007')!;

  it('keeps the highest count and the union of index keywords of a merged paper', () => {
    expect(aria.sources.map((source) => source.format)).toEqual(['wos', 'openalex']);
    expect(aria.globalCitations).toBe(9231);
    expect(aria.indexKeywords).toHaveLength(10);
    expect(aria.indexKeywords![0]).toBe('INFORMATION-SCIENCE');
    const toh = corpus.papers.find((paper) => paper.title.startsWith('Mapping the application'))!;
    expect(toh.globalCitations).toBe(0);
    expect(toh.indexKeywords).toEqual([
      'TEMPORALLY WEIGHTED REGRESSION',
      'URBAN EXPANSION',
      'HOUSING-MARKET',
      'MODELS',
    ]);
  });

  it('takes the larger count whichever source comes first', () => {
    const reversed = ingestTexts([
      { name: 'works.jsonl', text: fixture(OPENALEX_JSONL) },
      { name: 'wos.txt', text: fixture(WOS8).replace('TC 8858', 'TC 99999') },
    ]);
    const paper = reversed.papers.find((p) => p.ids?.doi === '10.1016/j.joi.2017.08.007')!;
    expect(paper.globalCitations).toBe(99999);
  });

  it('reads both back from corpus.json', async () => {
    const path = join(folder, 'corpus.json');
    writeFileSync(path, JSON.stringify(corpus));
    const back = await loadCorpus([path]);
    const again = back.papers.find((paper) => paper.id === aria.id)!;
    expect(again.globalCitations).toBe(9231);
    expect(again.indexKeywords).toEqual(aria.indexKeywords);
  });
});
