import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { type ChunkSink, pipeChunks } from '../../export/attributes.ts';
import { writeCsvStream } from '../../export/csv.ts';
import { planExport } from '../../export/file-plan.ts';
import { writeFileStreamAtomic } from '../../export/files-node.ts';
import { writeGexfStream } from '../../export/gexf.ts';
import { writeGraphmlStream } from '../../export/graphml.ts';
import { writeGraphJson } from '../../export/json.ts';
import { EXPORT_LAYERS, type ExportLayer, layerEdges, layerNodes } from '../../export/layers.ts';
import { NEO4J_NODE_FILES, NEO4J_RELATIONSHIP_FILES, neo4jImportFiles } from '../../export/neo4j-import.ts';
import { writePajekStream } from '../../export/pajek.ts';
import { vosviewerExport } from '../../export/vosviewer.ts';
import { vosviewerFiles } from '../../export/vosviewer-files.ts';
import type { LayerGraph, ReadableGraph } from '../../graph/readable.ts';
import { notRegularFile } from '../../ingest/input-file-node.ts';
import type { EdgeAttributes, NodeAttributes } from '../../model/graph-schema.ts';
import { EXIT } from '../exit-codes.ts';
import { refuseForeignFolder, replaceFolder } from '../output-folder.ts';
import { checkOutput } from '../output-guard.ts';

const EXPORT_FORMATS = [
  'gexf',
  'graphml',
  'csv',
  'json',
  'pajek',
  'vosviewer',
  'vosviewer-map',
  'neo4j-import',
] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportCommandOptions {
  format: ExportFormat;
  output: string;
  layer?: ExportLayer;
  dynamic?: boolean;
  sizeBy?: string;
  json?: boolean;
  quiet?: boolean;
}

interface ExportSummary {
  input: string;
  format: ExportFormat;
  layer: ExportLayer;
  output: string;
  files: string[];
  nodes: number;
  edges: number;
  /** What a program cannot hold and what was written instead, one line each. */
  notes: string[];
}

/** A failure with the exit code and one-line message the CLI shows. */
class ExportInputError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Reads a graph.json (graphology's graph.export()); one-line errors for a missing or corrupt file. */
async function readGraphFile(path: string): Promise<LayerGraph> {
  let text: string;
  try {
    const refused = notRegularFile(await stat(path));
    if (refused) throw new ExportInputError(`${path}: ${refused}`, EXIT.usage);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof ExportInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ExportInputError(`${path}: no such file`, EXIT.usage);
    throw new ExportInputError(`${path}: cannot read (${code ?? String(error)})`, EXIT.failure);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ExportInputError(`${path}: not valid JSON (${(error as Error).message})`, EXIT.failure);
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { nodes?: unknown }).nodes)) {
    throw new ExportInputError(
      `${path}: expected a graph.json (graphology export with a "nodes" array)`,
      EXIT.failure,
    );
  }
  const serialized = data as SerializedGraph<NodeAttributes, EdgeAttributes>;
  try {
    const graph = new Graph<NodeAttributes, EdgeAttributes>({
      type: 'mixed',
      multi: true,
      allowSelfLoops: true,
      ...serialized.options,
    });
    graph.import(serialized);
    return graph;
  } catch (error) {
    throw new ExportInputError(`${path}: not a readable graph (${(error as Error).message})`, EXIT.failure);
  }
}

/** The formats written straight from a streamed graph, which a million-paper analysis uses. */
export const STREAMING_FORMATS = ['gexf', 'csv', 'neo4j-import'] as const;
type StreamingFormat = (typeof STREAMING_FORMATS)[number];

/** Writes one streaming format of any readable graph (graphology or the analysis view); returns the files. */
export async function writeStreamingExport(
  graph: ReadableGraph,
  format: StreamingFormat,
  output: string,
  options: { layer: ExportLayer; dynamic?: boolean; sizeBy?: string },
): Promise<string[]> {
  const files: string[] = [];
  const toFile = async (path: string, write: (sink: ChunkSink) => Promise<unknown>) => {
    await writeFileStreamAtomic(path, write);
    files.push(path);
  };
  const { layer } = options;
  if (format === 'gexf') {
    const gexfOptions = {
      layer,
      dynamic: options.dynamic === true,
      ...(options.sizeBy ? { sizeBy: options.sizeBy } : {}),
    };
    await toFile(output, (sink) => writeGexfStream(graph, sink, gexfOptions));
  } else if (format === 'csv') {
    // Each file atomically: the sinks of writeCsvStream are filled one after the other.
    await toFile(join(output, 'nodes.csv'), (sink) =>
      writeCsvStream(graph, { nodes: sink, edges: () => {} }, { layer }),
    );
    await toFile(join(output, 'edges.csv'), (sink) =>
      writeCsvStream(graph, { nodes: () => {}, edges: sink }, { layer }),
    );
  } else {
    // neo4j-admin always gets the whole graph: its files are per label/type already.
    for (const file of neo4jImportFiles(graph)) {
      await toFile(join(output, file.name), (sink) => pipeChunks(file.pieces(), sink));
    }
  }
  return files;
}

/** The files of the formats written as a folder: the folder is replaced as a whole. */
function folderFiles(format: ExportFormat): string[] | undefined {
  if (format === 'csv') return ['nodes.csv', 'edges.csv'];
  if (format === 'vosviewer-map') return ['map.txt', 'network.txt'];
  if (format === 'neo4j-import')
    return [
      ...NEO4J_NODE_FILES.map((spec) => spec.file),
      ...NEO4J_RELATIONSHIP_FILES.map((spec) => spec.file),
      'import.sh',
      'README.md',
    ];
  return undefined;
}

/** Runs one export; returns what was written. */
export async function runExport(input: string, options: ExportCommandOptions): Promise<ExportSummary> {
  const { format } = options;
  const ownFiles = folderFiles(format);
  checkOutput({ output: options.output, inputs: [input], folder: ownFiles !== undefined });
  if (ownFiles) refuseForeignFolder(options.output, ownFiles);
  const graph = await readGraphFile(input);
  const layer =
    options.layer ?? (format === 'vosviewer' || format === 'vosviewer-map' ? 'coauthorship' : 'all');
  const output = resolve(options.output);
  const files: string[] = [];
  const notes: string[] = [];
  const toFile = async (path: string, write: (sink: ChunkSink) => Promise<unknown>) => {
    await writeFileStreamAtomic(path, write);
    files.push(path);
  };
  // GraphML and Pajek readers hold one edge direction per graph: a mixed layer becomes one file per layer.
  const planned = async (write: (path: string, layer: ExportLayer) => Promise<void>) => {
    const plan = planExport(graph, format, layer, output);
    notes.push(...plan.notes);
    for (const file of plan.files) await write(file.path, file.layer);
  };

  switch (format) {
    case 'gexf':
      files.push(...(await writeStreamingExport(graph, 'gexf', output, { ...options, layer })));
      break;
    case 'graphml':
      await planned((path, part) => toFile(path, (sink) => writeGraphmlStream(graph, sink, { layer: part })));
      break;
    case 'json':
      await toFile(output, async (sink) => sink(writeGraphJson(graph, { layer })));
      break;
    case 'pajek':
      await planned((path, part) => toFile(path, (sink) => writePajekStream(graph, sink, { layer: part })));
      break;
    case 'vosviewer': {
      const { map, notes: vosviewerNotes } = vosviewerExport(graph, { layer });
      notes.push(...vosviewerNotes);
      await toFile(output, async (sink) => sink(`${JSON.stringify(map, null, 2)}\n`));
      break;
    }
    case 'vosviewer-map': {
      const written = await replaceFolder(output, async (folder) => {
        const { map, network, notes: vosviewerNotes } = vosviewerFiles(graph, { layer });
        notes.push(...vosviewerNotes);
        await writeFile(join(folder, 'map.txt'), map);
        await writeFile(join(folder, 'network.txt'), network);
        return ['map.txt', 'network.txt'];
      });
      files.push(...written.map((file) => join(output, file)));
      break;
    }
    case 'csv':
    case 'neo4j-import': {
      const written = await replaceFolder(output, (folder) =>
        writeStreamingExport(graph, format, folder, { layer }),
      );
      files.push(...written.map((file) => join(output, basename(file))));
      break;
    }
  }

  let nodes = 0;
  let edges = 0;
  const counted: ExportLayer = format === 'neo4j-import' ? 'all' : layer;
  for (const _ of layerNodes(graph, counted)) nodes++;
  for (const _ of layerEdges(graph, counted)) edges++;
  return { input, format, layer: counted, output, files, nodes, edges, notes };
}

function layerChoice(value: string): ExportLayer {
  if (!(EXPORT_LAYERS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${EXPORT_LAYERS.join(', ')}`);
  }
  return value as ExportLayer;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'write an analysed graph.json as GEXF (Gephi), GraphML, CSV, JSON, Pajek, VOSviewer or Neo4j import files',
    )
    .argument('<graph>', 'graph.json written by the analysis (graphology export)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .requiredOption('-o, --output <path>', 'output file; a folder for csv and neo4j-import')
    .option(
      '--layer <layer>',
      `one view only: ${EXPORT_LAYERS.join(', ')} (default all; vosviewer, vosviewer-map: coauthorship)`,
      layerChoice,
    )
    .option('--dynamic', 'GEXF: dynamic mode, nodes and edges appear in their year (Gephi timeline)')
    .option('--size-by <metric>', 'GEXF: node attribute that sets viz:size (default: size)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 1 failure (unreadable or corrupt graph, I/O), 2 usage (incl. missing graph file).',
    )
    .action(async (input: string, options: ExportCommandOptions) => {
      try {
        const summary = await runExport(input, options);
        // Shown even with -q: each says what the target program cannot hold.
        for (const note of summary.notes) process.stderr.write(`citegraph export: ${note}\n`);
        if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else if (!options.quiet) {
          process.stdout.write(
            `${summary.format} (${summary.layer}): ${summary.nodes} nodes, ${summary.edges} edges → ${summary.files.join(', ')}\n`,
          );
        }
        process.exitCode = EXIT.ok;
      } catch (error) {
        if (!(error instanceof ExportInputError)) throw error;
        process.stderr.write(`citegraph export: ${error.message}\n`);
        process.exitCode = error.exitCode;
      }
    });
}
