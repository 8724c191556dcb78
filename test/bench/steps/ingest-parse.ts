/**
 * The format parsers of src/ingest on the generated files (whole-file `parse(text)` as the
 * parsers are written today). Baseline: reading and splitting the same file.
 */
import { readFileSync, statSync } from 'node:fs';
import type { FormatParser } from '../../../src/ingest/format.ts';
import { authorPageParser } from '../../../src/ingest/formats/author-page.ts';
import { bibtexParser } from '../../../src/ingest/formats/bibtex.ts';
import { topicListingParser } from '../../../src/ingest/formats/topic-listing.ts';
import { streamAuthorPageFile } from '../../../src/ingest/listing-stream-node.ts';
import { streamOpenAlexFile } from '../../../src/ingest/openalex-stream-node.ts';
import { cpuNote } from '../measure.ts';
import { defineSteps } from '../registry.ts';
import { onceAbove10k } from '../runs.ts';
import type { Artifact, BenchStep } from '../types.ts';

/** V8 cannot hold a string longer than about 512 MiB; whole-file parsers stop there. */
const MAX_STRING = 0x1fffffe8;

function parseStep(artifact: Artifact, parser: FormatParser, baseline: string): BenchStep {
  return {
    name: `ingest: parse ${artifact}`,
    group: 'ingest',
    unit: 'records',
    needs: [artifact],
    baseline,
    async run({ files }) {
      const path = files[artifact]!;
      const size = statSync(path).size;
      if (size > MAX_STRING) {
        // What `citegraph ingest` does with such a file: author pages stream record by record.
        if (parser !== authorPageParser)
          return { items: 0, status: 'skipped', note: `file of ${size} bytes exceeds V8's string limit` };
        let records = 0;
        for await (const batch of streamAuthorPageFile(path)) records += batch.records.length;
        return { items: records, bytes: size, note: "streamed (file exceeds V8's string limit)" };
      }
      const started = process.cpuUsage();
      const buffer = readFileSync(path);
      const result = parser.parse(buffer.toString('utf8'), path);
      const cpu = cpuNote(started);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      return {
        items: result.records.length,
        bytes: buffer.length,
        note: errors ? `${cpu}; ${errors} errors` : cpu,
      };
    },
  };
}

defineSteps(
  parseStep('listing', authorPageParser, 'floor: read+split listing'),
  parseStep('topic-listing', topicListingParser, 'floor: read+split topic-listing'),
  {
    name: 'ingest: stream openalex-jsonl',
    group: 'ingest',
    unit: 'records',
    needs: ['openalex-jsonl'],
    // The ingest target (3x read+split); the pipeline's ingest phase is set against JSON.parse.
    baseline: 'floor: read+split openalex',
    maxRuns: onceAbove10k,
    async run({ files }) {
      let records = 0;
      for await (const batch of streamOpenAlexFile(files['openalex-jsonl']!)) records += batch.records.length;
      return { items: records };
    },
  },
  // Goal: within 10x of reading the file and cutting it at its entry starts.
  parseStep('bibtex', bibtexParser, 'floor: read+split bibtex'),
);
