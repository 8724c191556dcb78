import type { Command } from 'commander';
import { isCommunityOverview, overviewFromAggregates } from '../../analysis/overview.ts';
import { GraphFileError, readGraphJson } from '../../store/graph-file.ts';
import { StoreError } from '../../store/graph-store.ts';
import {
  DEFAULT_IMPORT_BATCH_SIZE,
  ImportFolderError,
  importFolderFiles,
  importNeo4jFolder,
  pullNodeProperties,
} from '../../store/neo4j-import-load.ts';
import { pullCommunityAggregates } from '../../store/neo4j-overview.ts';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_PULL_PROPERTIES,
  Neo4jStore,
  neo4jConnectionFromEnv,
} from '../../store/neo4j-store.ts';
import { EXIT } from '../exit-codes.ts';
import { graphFileIn, writeFileAtomic } from '../io.ts';
import { checkOutput } from '../output-guard.ts';
import { progressBar } from '../progress.ts';

interface PushOptions {
  batchSize: string;
  replace?: boolean;
  json?: boolean;
}

interface PullOptions {
  output: string;
  property: string[];
  json?: boolean;
}

function fail(message: string): void {
  process.stderr.write(`citegraph: ${message}\n`);
  process.exitCode = EXIT.failure;
}

/** The --batch-size option as a positive integer; otherwise a usage error and undefined. */
function batchSizeOption(options: PushOptions): number | undefined {
  const batchSize = Number(options.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    process.stderr.write(`citegraph: --batch-size must be a positive integer, not "${options.batchSize}"\n`);
    process.exitCode = EXIT.usage;
    return undefined;
  }
  return batchSize;
}

/** The graph in a graph.json; otherwise a one-line failure and undefined. */
async function readGraphOrFail(
  graphPath: string,
): Promise<Awaited<ReturnType<typeof readGraphJson>>['graph'] | undefined> {
  try {
    return (await readGraphJson(graphPath)).graph;
  } catch (error) {
    if (!(error instanceof GraphFileError)) throw error;
    fail(error.message);
    return undefined;
  }
}

/** "12 Author, 30 Paper; 40 AUTHORED" from database counts. */
function describeCounts(counts: Awaited<ReturnType<Neo4jStore['counts']>>): string {
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
  return `${list(counts.nodes)}; ${list(counts.relationships)}`;
}

/** Runs a Neo4j action with one-line errors for database and graph-file failures. */
async function withNeo4j(action: (store: Neo4jStore) => Promise<void>): Promise<void> {
  let store: Neo4jStore | undefined;
  try {
    store = await Neo4jStore.connect(neo4jConnectionFromEnv());
    await action(store);
  } catch (error) {
    if (error instanceof StoreError || error instanceof GraphFileError || error instanceof ImportFolderError)
      return fail(error.message);
    throw error;
  } finally {
    await store?.close();
  }
}

export function registerNeo4jCommand(program: Command): void {
  const neo4j = program
    .command('neo4j')
    .description(
      'push an analysed graph or import export CSVs into Neo4j, or pull database-computed properties back (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 failure (Neo4j unreachable or refused, unreadable graph, I/O), 2 usage.',
    );

  neo4j
    .command('push')
    .description(
      'write the graph into Neo4j (idempotent: CREATE into empty tables, else MERGE on keys; pushing twice changes nothing)',
    )
    .argument('<graph>', 'graph.json written by citegraph analyze')
    .option('--batch-size <n>', 'rows per write transaction', String(DEFAULT_BATCH_SIZE))
    .option('--replace', 'delete everything in the database first')
    .option('--json', 'print the summary as JSON')
    .action(async (graphPath: string, options: PushOptions) => {
      const batchSize = batchSizeOption(options);
      if (batchSize === undefined) return;
      const graph = await readGraphOrFail(graphPath);
      if (!graph) return;
      await withNeo4j(async (store) => {
        if (options.replace) await store.clear();
        const bar = progressBar('push', !options.json && process.stderr.isTTY === true);
        const summary = await store.load(graph, (done, total, phase) => bar.update(done, total, phase), {
          batchSize,
        });
        bar.stop();
        const counts = await store.counts();
        if (options.json)
          process.stdout.write(`${JSON.stringify({ pushed: summary, database: counts }, null, 2)}\n`);
        else
          process.stdout.write(
            `pushed ${summary.nodes} nodes and ${summary.relationships} relationships; database now: ` +
              `${describeCounts(counts)}\n`,
          );
      });
    });

  neo4j
    .command('import')
    .description(
      'load the CSV folder of `citegraph export --format neo4j-import` into a running Neo4j (idempotent: MERGE on ids)',
    )
    .argument('<dir>', 'folder written by citegraph export --format neo4j-import')
    .option('--batch-size <n>', 'rows per write transaction', String(DEFAULT_IMPORT_BATCH_SIZE))
    .option('--replace', 'delete everything in the database first')
    .option('--json', 'print the summary as JSON')
    .action(async (dir: string, options: PushOptions) => {
      const batchSize = batchSizeOption(options);
      if (batchSize === undefined) return;
      try {
        await importFolderFiles(dir);
      } catch (error) {
        if (error instanceof ImportFolderError) return fail(error.message);
        throw error;
      }
      await withNeo4j(async (store) => {
        if (options.replace) await store.clear();
        const bar = progressBar('import', !options.json && process.stderr.isTTY === true);
        const summary = await importNeo4jFolder(store, dir, {
          batchSize,
          onProgress: (done, total, phase) => bar.update(done, total, phase),
        });
        bar.stop();
        const counts = await store.counts();
        const total = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
        if (options.json)
          process.stdout.write(`${JSON.stringify({ imported: summary, database: counts }, null, 2)}\n`);
        else
          process.stdout.write(
            `imported ${total(summary.nodes)} node rows and ${total(summary.relationships)} relationship rows; ` +
              `database now: ${describeCounts(counts)}\n`,
          );
      });
    });

  neo4j
    .command('pull')
    .description(
      'read node properties computed in Neo4j (e.g. GDS louvain, pagerank) back onto the graph; for an overview.json, rebuild its community level from the database',
    )
    .argument(
      '<graph>',
      'graph.json the database was pushed from, overview.json, or the folder holding either',
    )
    .requiredOption('-o, --output <file>', 'where to write the updated graph.json or overview.json')
    .option(
      '--property <name>',
      `node property to read (repeatable; default: ${DEFAULT_PULL_PROPERTIES.join(', ')}; for an overview, the community property, default louvain)`,
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--json', 'print the summary as JSON')
    .action(async (graphPath: string, options: PullOptions) => {
      checkOutput({ output: options.output, inputs: [graphFileIn(graphPath)] });
      const graph = await readGraphOrFail(graphFileIn(graphPath));
      if (!graph) return;
      if (isCommunityOverview(graph)) {
        await withNeo4j(async (store) => {
          const pulled = overviewFromAggregates(
            graph,
            await pullCommunityAggregates(store, options.property[0] ?? 'louvain'),
          );
          await writeFileAtomic(options.output, JSON.stringify(pulled.graph.export()));
          const { groups, authors, modularity } = pulled;
          if (options.json)
            process.stdout.write(
              `${JSON.stringify({ output: options.output, groups, authors, modularity }, null, 2)}\n`,
            );
          else
            process.stdout.write(
              `${groups} collaborator groups of ${authors} authors (modularity ${modularity.toFixed(3)}) → ${options.output}\n`,
            );
        });
        return;
      }
      const properties = options.property.length > 0 ? options.property : [...DEFAULT_PULL_PROPERTIES];
      await withNeo4j(async (store) => {
        const set = await pullNodeProperties(store, graph, properties);
        await writeFileAtomic(options.output, JSON.stringify(graph.export()));
        if (options.json)
          process.stdout.write(`${JSON.stringify({ output: options.output, set }, null, 2)}\n`);
        else
          process.stdout.write(
            `${Object.entries(set)
              .map(([name, n]) => `${name}: ${n} nodes`)
              .join(', ')} → ${options.output}\n`,
          );
      });
    });
}
