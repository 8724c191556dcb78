/**
 * Floors: the least any implementation must do with the same input (read it, split it, parse
 * JSON, walk an edge list). Real steps name one as `baseline` so the table prints 'x times the floor'.
 */
import { statSync } from 'node:fs';
import { forEachLine, loadEdgeList } from '../lines.ts';
import { defineSteps } from '../registry.ts';
import { onceAbove10k } from '../runs.ts';

defineSteps(
  {
    name: 'floor: process start',
    group: 'floor',
    unit: 'runs',
    // The peak RSS of a child that does nothing: subtract it mentally from every other row.
    run: () => ({ items: 1, note: 'peak RSS of an idle child (tsx + harness)' }),
  },
  {
    name: 'floor: read+split listing',
    group: 'floor',
    unit: 'lines',
    needs: ['listing'],
    async run({ files }) {
      const lines = await forEachLine(files.listing!, () => undefined);
      return { items: lines, bytes: statSync(files.listing!).size };
    },
  },
  {
    name: 'floor: read+split topic-listing',
    group: 'floor',
    unit: 'lines',
    needs: ['topic-listing'],
    async run({ files }) {
      const lines = await forEachLine(files['topic-listing']!, () => undefined);
      return { items: lines, bytes: statSync(files['topic-listing']!).size };
    },
  },
  {
    name: 'floor: read+split openalex',
    group: 'floor',
    unit: 'lines',
    needs: ['openalex-jsonl'],
    async run({ files }) {
      const lines = await forEachLine(files['openalex-jsonl']!, () => undefined);
      return { items: lines, bytes: statSync(files['openalex-jsonl']!).size };
    },
  },
  {
    name: 'floor: JSON.parse openalex lines',
    group: 'floor',
    unit: 'works',
    needs: ['openalex-jsonl'],
    maxRuns: onceAbove10k,
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
