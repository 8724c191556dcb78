/**
 * Floors: the least any implementation must do with the same input (read it, split it, parse
 * JSON, walk an edge list). Real steps name one as `baseline` so the table prints 'x times the floor'.
 */
import { statSync } from 'node:fs';
import { forEachLine, loadEdgeList } from '../lines.ts';
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
