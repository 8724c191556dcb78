/**
 * The exports of src/export on the analysed graph ('analysed-graph', what `citegraph analyze`
 * writes): GEXF as one string and streamed to a file, and the neo4j-admin import CSV folder; and
 * the streamed GEXF opened in Gephi (the Gephi Toolkit, as the export tests run it), checked edge by
 * edge against graph.json.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { writeFileStreamAtomic } from '../../../src/export/files-node.ts';
import { writeGexf, writeGexfStream } from '../../../src/export/gexf.ts';
import { writeNeo4jImport } from '../../../src/export/neo4j-import.ts';
import type { AnalysedGraph } from '../../../src/graph/readable.ts';
import { type GephiImport, gephiImport, preparePrograms } from '../../export-programs/programs.ts';
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
/** The Gephi check prints every node and edge it holds as JSON: a 10k-paper graph's fit its heap. */
const GEPHI_MAX_PAPERS = 10_000;

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
  exportStep({
    name: 'export: gexf opened in gephi',
    maxPapers: GEPHI_MAX_PAPERS,
    maxRuns: 1,
    async run({ files, scratchDir }) {
      const gephi = preparePrograms().skip.gephi;
      if (gephi) return { items: 0, status: 'missing', note: gephi };
      const { graph } = await timedGraph(files['analysed-graph']!);
      const file = join(scratchDir, 'graph.gexf');
      await writeFileStreamAtomic(file, (sink) => writeGexfStream(graph, sink));
      const started = performance.now();
      const [imported] = await gephiImport([file]);
      const seconds = since(started);
      const problems = imported ? gephiMismatches(imported, graph) : ['Gephi reported nothing'];
      const held = imported
        ? `Gephi holds ${imported.nodes} nodes, ${imported.edges} edges (${imported.directed} directed, ${imported.undirected} undirected)`
        : '';
      return {
        items: graph.order + graph.size,
        seconds,
        ...(problems.length > 0 ? { status: 'failed' as const } : {}),
        note:
          problems.length > 0
            ? `${problems.length} mismatches, first: ${problems[0]}; ${held}`
            : `${held}, as graph.json has them, each edge's ends, direction and weight included; Gephi Toolkit 0.10.1 in its own JVM (start included)`,
      };
    },
  }),
);

/** Where what Gephi holds differs from graph.json: counts, then each edge's ends, direction and weight. */
function gephiMismatches(imported: GephiImport, graph: AnalysedGraph): string[] {
  const problems = imported.issues
    .filter((issue) => issue.level === 'SEVERE' || issue.level === 'WARNING')
    .map((issue) => `${issue.level}: ${issue.message}`);
  const counts = [imported.nodes, imported.edges, imported.directed, imported.undirected];
  const expected = [graph.order, graph.size, graph.directedSize, graph.undirectedSize];
  if (counts.join() !== expected.join())
    problems.push(
      `nodes, edges, directed, undirected ${counts.join(', ')} ≠ graph.json's ${expected.join(', ')}`,
    );
  for (const edge of imported.edgeList) {
    if (!graph.hasEdge(edge.id)) {
      problems.push(`edge ${edge.id} not in graph.json`);
      continue;
    }
    const [source, target] = graph.extremities(edge.id);
    const sameEnds =
      (edge.source === source && edge.target === target) ||
      (!edge.directed && edge.source === target && edge.target === source);
    const weight = graph.getEdgeAttribute(edge.id, 'weight');
    if (!sameEnds || edge.directed !== graph.isDirected(edge.id))
      problems.push(`edge ${edge.id}: ${edge.source}→${edge.target}, directed ${edge.directed}`);
    else if (edge.weight === null || Math.abs(edge.weight - weight) > 1e-6 * Math.max(1, Math.abs(weight)))
      problems.push(`edge ${edge.id}: weight ${edge.weight} ≠ ${weight}`);
  }
  return problems;
}
