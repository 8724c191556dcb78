/**
 * Floors: the least any implementation must do with the same input (read it, split it, parse
 * JSON, walk an edge list). Real steps name one as `baseline` so the table prints 'x times the floor'.
 */
import { readFileSync, statSync } from 'node:fs';
import { forEachLine, loadEdgeList } from '../lines.ts';
import { cpuNote } from '../measure.ts';
import { defineSteps } from '../registry.ts';
import type { Artifact, BenchStep } from '../types.ts';

/** Reading the file and splitting it into lines, nothing else: the floor of every parser of it. */
function readAndSplit(label: string, artifact: Artifact): BenchStep {
  return {
    name: `floor: read+split ${label}`,
    group: 'floor',
    unit: 'lines',
    needs: [artifact],
    async run({ files }) {
      const lines = await forEachLine(files[artifact]!, () => undefined);
      return { items: lines, bytes: statSync(files[artifact]!).size };
    },
  };
}

/** An entry start as the BibTeX reader finds one: `@type{` or `@type(`. */
const BIBTEX_ENTRY_START = /@[ \t]*[A-Za-z]+[ \t]*[{(]/g;

defineSteps(
  {
    name: 'floor: process start',
    group: 'floor',
    unit: 'runs',
    // The peak RSS of a child that does nothing: subtract it mentally from every other row.
    run: () => ({ items: 1, note: 'peak RSS of an idle child (tsx + harness)' }),
  },
  readAndSplit('listing', 'listing'),
  readAndSplit('topic-listing', 'topic-listing'),
  readAndSplit('openalex', 'openalex-jsonl'),
  {
    // The whole file as one string, as the BibTeX reader takes it, cut into one string per entry.
    name: 'floor: read+split bibtex',
    group: 'floor',
    unit: 'entries',
    needs: ['bibtex'],
    run({ files }) {
      const started = process.cpuUsage();
      const buffer = readFileSync(files.bibtex!);
      const text = buffer.toString('utf8');
      const entries: string[] = [];
      let previous = -1;
      for (const match of text.matchAll(BIBTEX_ENTRY_START)) {
        if (previous >= 0) entries.push(text.slice(previous, match.index));
        previous = match.index;
      }
      if (previous >= 0) entries.push(text.slice(previous));
      return { items: entries.length, bytes: buffer.length, note: cpuNote(started) };
    },
  },
  {
    name: 'floor: JSON.parse openalex lines',
    group: 'floor',
    unit: 'works',
    needs: ['openalex-jsonl'],
    // Every abstract_inverted_index has its own keys (the abstract's words): V8 makes a hidden
    // class for each, and JSON.parse slows as they pile up (10 MB/s at 10k works, 4 MB/s at
    // 100k, 75 s for that file). Past 10k it is no floor of anything.
    maxPapers: 10_000,
    async run({ files }) {
      let works = 0;
      await forEachLine(files['openalex-jsonl']!, (line) => {
        if (line && JSON.parse(line)) works++;
      });
      return { items: works, bytes: statSync(files['openalex-jsonl']!).size };
    },
  },
  {
    name: 'floor: one pass over edge list',
    group: 'floor',
    unit: 'edges',
    needs: ['edges'],
    async run({ files }) {
      let edges = 0;
      let total = 0;
      await forEachLine(files.edges!, (line) => {
        if (!line || line.charCodeAt(0) === 35) return;
        total += Number(line.slice(line.lastIndexOf(' ') + 1));
        edges++;
      });
      return { items: edges, bytes: statSync(files.edges!).size, note: `weight sum ${total}` };
    },
  },
  {
    name: 'floor: edge list → typed arrays',
    group: 'floor',
    unit: 'edges',
    needs: ['edges'],
    async run({ files }) {
      const loaded = await loadEdgeList(files.edges!);
      return { items: loaded.edges, bytes: statSync(files.edges!).size };
    },
  },
);
