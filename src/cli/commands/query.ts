import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { GraphFileError, openCachedKuzu } from '../../store/graph-file.ts';
import { type GraphStore, type Row, StoreError, type StoreValue } from '../../store/graph-store.ts';
import { KuzuStore } from '../../store/kuzu-store.ts';
import { Neo4jStore, neo4jConnectionFromEnv } from '../../store/neo4j-store.ts';
import { parseAssignment, resolveParams } from '../../store/params.ts';
import {
  describeChanges,
  findQuery,
  listQueries,
  type NamedQuery,
  runNamedQuery,
} from '../../store/queries.ts';
import { EXIT } from '../exit-codes.ts';
import { progressBar } from '../progress.ts';

interface QueryOptions {
  graph: string;
  param: string[];
  neo4j?: boolean;
  kuzu?: string;
  json?: boolean;
  list?: boolean;
  write?: boolean;
}

function cell(value: StoreValue): string {
  if (value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows as an aligned text table (columns from the first row), long cells cut at 60 characters. */
function formatTable(rows: Row[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);
  const cells = rows.map((row) => columns.map((column) => cut(cell(row[column] ?? null))));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function describeQueries(queries: NamedQuery[]): string {
  return queries
    .map((query) => {
      const params = query.params
        .map((p) => (p.default === undefined ? p.name : `${p.name}=${p.default}`))
        .join(' ');
      const engines = Object.keys(query.files).join('+');
      const summary = query.description.split(/(?<=\.)\s/)[0] ?? '';
      return `${query.name.padEnd(32)} [${engines}] ${summary}${params ? `\n${''.padEnd(34)}params: ${params}` : ''}`;
    })
    .join('\n');
}

/** After --write: what the query changed, on stderr (stdout keeps the rows). */
function reportChanges(changes: string[], options: QueryOptions): void {
  const where =
    options.neo4j || options.kuzu
      ? ''
      : ` (in a throwaway copy of the embedded database of ${options.graph}, which stays as it is)`;
  const what = changes.length > 0 ? `changed ${changes.join(', ')}` : 'no node or relationship count changed';
  process.stderr.write(`citegraph: ${what}${where}\n`);
}

function fail(message: string, code: number): void {
  process.stderr.write(`citegraph: ${message}\n`);
  process.exitCode = code;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description(
      'run a named Cypher query (queries/*.cypher) or a .cypher file on the embedded database or Neo4j',
    )
    .argument('[query]', 'query name (see --list) or path to a .cypher file')
    .option(
      '--graph <file>',
      'analysed graph to query (embedded database, cached next to it)',
      'out/data/graph.json',
    )
    .option(
      '-p, --param <name=value>',
      'query parameter (repeatable), sent as a parameter',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--kuzu <path>', 'an embedded database written by analyze --export kuzu (instead of --graph)')
    .option(
      '--neo4j',
      'run on Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD) instead of the embedded database',
    )
    .option('--json', 'print the rows as JSON')
    .option('--list', 'list the named queries')
    .option(
      '--write',
      'let the query change the database (otherwise it runs read-only); on the embedded database of --graph it changes a throwaway copy',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 failure (graph file, database, query), 2 usage (unknown query or parameter, a write without --write).',
    )
    .action(async (name: string | undefined, options: QueryOptions) => {
      if (options.list || !name) {
        process.stdout.write(`${describeQueries(await listQueries())}\n`);
        if (!name && !options.list) process.exitCode = EXIT.usage;
        return;
      }
      const query = await findQuery(name);
      if (!query) return fail(`unknown query "${name}" (run citegraph query --list)`, EXIT.usage);
      let store: GraphStore | undefined;
      try {
        const given: Record<string, string> = {};
        for (const assignment of options.param) {
          const [key, value] = parseAssignment(assignment);
          given[key] = value;
        }
        const params = resolveParams(query.params, given, query.name);
        if (options.neo4j) {
          store = await Neo4jStore.connect(neo4jConnectionFromEnv());
        } else if (options.kuzu) {
          if (!existsSync(options.kuzu))
            return fail(
              `${options.kuzu}: no such database (write one with analyze --export kuzu)`,
              EXIT.failure,
            );
          store = new KuzuStore(options.kuzu, { readOnly: !options.write });
        } else {
          const bar = progressBar('embedded database', !options.json && process.stderr.isTTY === true);
          store = await openCachedKuzu(
            options.graph,
            (done, total, phase) => bar.update(done, total, phase),
            {
              write: options.write === true,
            },
          );
          bar.stop();
        }
        const before = options.write ? await store.counts() : undefined;
        const rows = await runNamedQuery(store, query, params, options.write ? 'write' : 'read');
        process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatTable(rows)}\n`);
        if (before) reportChanges(describeChanges(before, await store.counts()), options);
      } catch (error) {
        if (error instanceof StoreError && error.kind === 'write')
          return fail(
            `${query.name} writes to the database and was stopped, nothing changed (${error.message}); run it with --write to let it`,
            EXIT.usage,
          );
        if (error instanceof StoreError)
          return fail(error.message, error.kind === 'parameter' ? EXIT.usage : EXIT.failure);
        if (error instanceof GraphFileError) return fail(error.message, EXIT.failure);
        throw error;
      } finally {
        await store?.close();
      }
    });
}
