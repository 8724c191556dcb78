import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCitations } from '../../src/analysis/citations.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';

const lens = readFileSync('test/fixtures/lens/bibliometrix-lens-sample-8.csv', 'utf8');

describe('references named by a Lens or Dimensions id resolve to the corpus paper with that id', () => {
  it('Lens: a row citing another row by its Lens ID is a citation inside the corpus', () => {
    // The last row also cites the first row's work by its Lens ID (the fixture has no such pair).
    const lines = lens.trimEnd().split('\n');
    lines[8] = lines[8]!.replace(
      /"(\d{3}-[^"]*?)",(\d+),"(true|false)"/,
      '"$1; 000-360-106-493-122",$2,"$3"',
    );
    const corpus = ingestTexts([{ name: 'lens.csv', text: `${lines.join('\n')}\n` }]);
    expect(corpus.papers).toHaveLength(8);
    const brandEquity = corpus.papers.findIndex((paper) => paper.ids?.lens === '001-354-075-327-521');
    const radanliev = corpus.papers.findIndex((paper) => paper.ids?.lens === '000-360-106-493-122');
    expect(corpus.papers[brandEquity]!.references).toHaveLength(49);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect(citations.citedBy[radanliev]).toBe(1);
    expect(citations.resolvedInCorpus).toBe(1);
    // The fixture's 517 cited Lens IDs are 511 distinct works, none of them in the corpus.
    expect(citations.referenceCount).toBe(511);
  });

  it('Dimensions: a cited reference with a publication id and no DOI', () => {
    const header = '"Publication ID","DOI","Title","PubYear","Authors","Cited references"';
    const text = [
      header,
      '"pub.1","","A cited paper","2001","Doe, Jane",""',
      '"pub.2","","A citing paper","2005","Roe, Rick","[Doe, Jane]|A cited paper (as cited)|Some Journal|2001|1|1|1-2||pub.1|5"',
    ].join('\n');
    const corpus = ingestTexts([{ name: 'dimensions.csv', text }]);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    expect(citations.resolvedInCorpus).toBe(1);
    expect(citations.citedBy[corpus.papers.findIndex((paper) => paper.ids?.dimensions === 'pub.1')]).toBe(1);
  });
});
