/**
 * The exports of src/export on the analysed graph ('analysed-graph', what `citegraph analyze`
 * writes): GEXF as one string and streamed to a file, and the neo4j-admin import CSV folder.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { writeFileStreamAtomic } from '../../../src/export/files-node.ts';
import { writeGexf, writeGexfStream } from '../../../src/export/gexf.ts';
import { writeNeo4jImport } from '../../../src/export/neo4j-import.ts';
import { since, timedGraph } from '../graphs.ts';
import { defineSteps } from '../registry.ts';
import { onceAbove10k } from '../runs.ts';
import type { BenchStep } from '../types.ts';

/**
 * Streamed writers run on the 100k analysed graph (a CLI run, made once per source change; at a
 * million papers scale.ts streams from the analysis instead); writing the whole GEXF document as
 * one string stays at 10k (it holds the file in memory).
 */
const ANALYSED_MAX_PAPERS = 100_000;
const WHOLE_STRING_MAX_PAPERS = 10_000;

function exportStep(step: Omit<BenchStep, 'group' | 'unit' | 'needs'>): BenchStep {
  return {
    maxPapers: ANALYSED_MAX_PAPERS,
    maxRuns: onceAbove10k,
    ...step,
    group: 'export',
    unit: 'elements',
    needs: ['analysed-graph'],
  };
}

defineSteps(
  exportStep({
    name: 'export: gexf (writeGexf)',
    maxPapers: WHOLE_STRING_MAX_PAPERS,
    maxRuns: 1,
    async run({ files }) {
      const { graph, loadSeconds } = await timedGraph(files['analysed-graph']!);
      const started = performance.now();
      const text = writeGexf(graph);
      const seconds = since(started);
      return {
        items: graph.order + graph.size,
        bytes: Buffer.byteLength(text, 'utf8'),
        seconds,
        note: `one string in memory; load ${loadSeconds.toFixed(1)} s`,
      };
    },
  }),
  exportStep({
    name: 'export: gexf (stream to file)',
    baseline: 'export: gexf (writeGexf)',
    async run({ files, scratchDir }) {
      const { graph, loadSeconds } = await timedGraph(files['analysed-graph']!);
      let bytes = 0;
      const started = performance.now();
      await writeFileStreamAtomic(join(scratchDir, 'graph.gexf'), async (sink) =>
        writeGexfStream(graph, async (chunk) => {
          bytes += Buffer.byteLength(chunk, 'utf8');
          await sink(chunk);
        }),
      );
      return {
        items: graph.order + graph.size,
        bytes,
        seconds: since(started),
        note: `writeGexfStream to disk; load ${loadSeconds.toFixed(1)} s`,
      };
    },
  }),
  exportStep({
    name: 'export: neo4j-import csv',
    async run({ files, scratchDir }) {
      const { graph, loadSeconds } = await timedGraph(files['analysed-graph']!);
      let bytes = 0;
      // writeNeo4jImport fills one file after the other: a file ends when the next one opens.
      let current: WriteStream | undefined;
      const close = async () => {
        if (!current) return;
        const stream = current;
        current = undefined;
        stream.end();
        await once(stream, 'finish');
      };
      const started = performance.now();
      const names = await writeNeo4jImport(graph, (name) => {
        const previous = current;
        const stream = createWriteStream(join(scratchDir, name), { encoding: 'utf8' });
        current = stream;
        if (previous) previous.end();
        return async (chunk: string) => {
          bytes += Buffer.byteLength(chunk, 'utf8');
          if (!stream.write(chunk)) await once(stream, 'drain');
        };
      });
      await close();
      return {
        items: graph.order + graph.size,
        bytes,
        seconds: since(started),
        note: `${names.length} files; load ${loadSeconds.toFixed(1)} s`,
      };
    },
  }),
);
