import { streamAuthorPageFile } from '../../src/ingest/listing-stream-node.ts';
import { collectAuthors, mergeDuplicatePapers } from '../../src/ingest/merge.ts';
import { applyThesaurus } from '../../src/ingest/thesaurus.ts';

const t: Record<string, number> = {};
let s = performance.now();
const records = [];
for await (const batch of streamAuthorPageFile(process.argv[2]!))
  for (const r of batch.records) records.push(r);
t.parse = (performance.now() - s) / 1000;
s = performance.now();
const { papers } = mergeDuplicatePapers(records);
t.merge = (performance.now() - s) / 1000;
s = performance.now();
const authors = collectAuthors(papers);
t.authors = (performance.now() - s) / 1000;
console.log(
  JSON.stringify({
    ...t,
    papers: papers.length,
    authors: authors.length,
    rssGB: process.memoryUsage().rss / 1e9,
  }),
);
