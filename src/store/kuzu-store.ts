/**
 * The embedded store: Kùzu, an in-process openCypher database (no server, one file on disk).
 * An empty database is filled with COPY FROM CSV files streamed row by row to a temporary folder
 * (bulk, fast, flat memory: a ReadableGraph such as the analysis view is never materialised);
 * loading into a database that already holds data merges row by row with prepared statements
 * (idempotent), because Kùzu's list-of-struct parameters lose the type of mixed integer/float numbers.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import kuzu, { type KuzuValue, type PreparedStatement, type QueryResult } from 'kuzu';
import type { AnalysedGraph, ReadableGraph } from '../graph/readable.ts';
import type { CommunitySummary } from '../model/graph-schema.ts';
import { trackTemporary } from '../util/temp-paths-node.ts';
import {
  firstLine,
  type GraphStore,
  type LoadProgress,
  type LoadSummary,
  type QueryAccess,
  type QueryParams,
  type Row,
  type StoreCounts,
  StoreError,
  type StoreValue,
} from './graph-store.ts';
import { usedParams } from './params.ts';
import {
  graphCommunities,
  NODE_TABLES,
  type NodeTable,
  type PropertyType,
  type PropertyValue,
  REL_TABLES,
  type RelTable,
  type StoreRow,
  type StoreRows,
  storeRows,
  streamRows,
} from './store-schema.ts';

const KUZU_TYPES: Record<PropertyType, string> = {
  string: 'STRING',
  int: 'INT64',
  float: 'DOUBLE',
  'string[]': 'STRING[]',
};

/** Rows per transaction while loading. */
const TRANSACTION_ROWS = 5000;

function columnList(properties: Record<string, PropertyType>): string {
  return Object.entries(properties)
    .map(([name, type]) => `, ${name} ${KUZU_TYPES[type]}`)
    .join('');
}

/** DDL for the tables of store-schema.ts, in dependency order. */
function kuzuSchemaStatements(): string[] {
  const statements: string[] = [];
  for (const [table, spec] of Object.entries(NODE_TABLES)) {
    statements.push(
      `CREATE NODE TABLE IF NOT EXISTS ${table}(key STRING PRIMARY KEY${columnList(spec.properties)})`,
    );
  }
  for (const [table, spec] of Object.entries(REL_TABLES)) {
    const ends = spec.ends.map(([from, to]) => `FROM ${from} TO ${to}`).join(', ');
    statements.push(
      `CREATE REL TABLE IF NOT EXISTS ${table}(${ends}, key STRING${columnList(spec.properties)})`,
    );
  }
  return statements;
}

/** A CSV field as Kùzu's reader takes it (RFC 4180 quoting; PARALLEL=false allows newlines inside quotes). */
function csvField(value: PropertyValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = Array.isArray(value) ? `[${value.join(',')}]` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Kùzu reads a list cell as `[a,b]` and does not unquote its elements: a list whose elements hold
 * list syntax or outer spaces cannot go through CSV and is set afterwards with a parameter.
 */
function csvSafeList(value: PropertyValue): boolean {
  return (
    !Array.isArray(value) ||
    value.every((element) => !/[,[\]"\\]/.test(element) && element === element.trim())
  );
}

/** A list set after COPY; relationships are found through their ends' primary keys. */
interface ListFixup {
  table: NodeTable | RelTable;
  property: string;
  key: string;
  from?: string;
  to?: string;
  fromTable?: NodeTable;
  toTable?: NodeTable;
  value: string[];
}

/** Characters of CSV buffered per file before a write to its stream. */
const CSV_CHUNK = 1 << 16;
/** Fixups set per UNWIND statement. */
const FIXUP_BATCH = 1000;

/** A write stream with a text buffer: `write` returns a promise only when the stream asks to wait. */
class BufferedWriter {
  private readonly stream: WriteStream;
  private buffer = '';

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    // Errors surface through `once(…, 'drain')` and `finished()`; the listener keeps them from crashing.
    this.stream.on('error', () => undefined);
  }

  write(text: string): Promise<void> | undefined {
    this.buffer += text;
    if (this.buffer.length < CSV_CHUNK) return undefined;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    return ok ? undefined : once(this.stream, 'drain').then(() => undefined);
  }

  async close(): Promise<void> {
    this.stream.end(this.buffer);
    this.buffer = '';
    await finished(this.stream);
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/** One CSV file for COPY: a node table, or a relationship table between one pair of node tables. */
class CsvTable {
  readonly writer: BufferedWriter;
  readonly names: string[];
  rows = 0;

  constructor(
    folder: string,
    readonly table: NodeTable | RelTable,
    readonly ends: [NodeTable, NodeTable] | undefined,
  ) {
    const spec = ends ? REL_TABLES[table as RelTable] : NODE_TABLES[table as NodeTable];
    this.names = Object.keys(spec.properties);
    this.writer = new BufferedWriter(
      join(folder, ends ? `${table}-${ends[0]}-${ends[1]}.csv` : `${table}.csv`),
    );
    const header = ends ? ['from', 'to', 'key'] : ['key'];
    void this.writer.write(`${[...header, ...this.names].join(',')}\n`);
  }

  /** Writes one row; lists CSV cannot carry are left empty and added to `unsafe`. */
  write(row: StoreRow, unsafe: ListFixup[]): Promise<void> | undefined {
    this.rows++;
    const { table } = row;
    let line: string;
    let props: Record<string, PropertyValue>;
    let fixup: Omit<ListFixup, 'property' | 'value'>;
    if ('node' in row) {
      line = csvField(row.node.key);
      props = row.node.props;
      fixup = { table, key: row.node.key };
    } else {
      const { key, from, to, fromTable, toTable } = row.rel;
      line = `${csvField(from)},${csvField(to)},${csvField(key)}`;
      props = row.rel.props;
      fixup = { table, key, from, to, fromTable, toTable };
    }
    for (const property of this.names) {
      const value = props[property] ?? null;
      line += ',';
      if (!csvSafeList(value)) unsafe.push({ ...fixup, property, value: value as string[] });
      else line += csvField(Array.isArray(value) && value.length === 0 ? null : value);
    }
    return this.writer.write(`${line}\n`);
  }
}

/** The options of `KuzuStore.loadGraph`. */
interface GraphLoadOptions {
  /** Community nodes (a graphology analysis keeps them in its `communities` attribute). */
  communities?: readonly CommunitySummary[];
  /**
   * Into an empty database each row counts twice, written to CSV (phase 'csv') then copied (phase:
   * the table), so `total` is twice the rows; phase 'lists' sets the lists CSV cannot carry.
   */
  onProgress?: LoadProgress;
  /** Rows expected, for the progress total while the CSV files are written (default: rows so far). */
  expectedRows?: number;
}

function setClause(variable: string, properties: Record<string, PropertyType>): string {
  const names = Object.keys(properties);
  return names.length === 0 ? '' : ` SET ${names.map((name) => `${variable}.${name} = $${name}`).join(', ')}`;
}

/** Plain JSON-like values out of Kùzu's: bigints to numbers, nodes and relationships to their properties. */
function fromKuzu(value: unknown): StoreValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromKuzu);
  if (typeof value === 'object') {
    const out: Record<string, StoreValue> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '_id' || k === '_src' || k === '_dst') continue;
      out[k] = fromKuzu(v);
    }
    return out;
  }
  return String(value);
}

function kuzuError(error: unknown): StoreError {
  const message = firstLine(error instanceof Error ? error.message : String(error));
  const kind = /^Parser exception/i.test(message)
    ? 'syntax'
    : /write operations in a read-only database/i.test(message)
      ? 'write'
      : /parameter/i.test(message)
        ? 'parameter'
        : 'query';
  return new StoreError(kind, `kuzu: ${message}`, { cause: error });
}

function countTotal(rows: StoreRows): number {
  const count = (tables: Record<string, unknown[]>) =>
    Object.values(tables).reduce((n, list) => n + list.length, 0);
  return count(rows.nodes) + count(rows.rels);
}

/** The rows of `storeRows` in table order: nodes before the relationships between them. */
function* tableByTable(rows: StoreRows): Generator<StoreRow> {
  for (const table of Object.keys(NODE_TABLES) as NodeTable[])
    for (const node of rows.nodes[table]) yield { table, node };
  for (const table of Object.keys(REL_TABLES) as RelTable[])
    for (const rel of rows.rels[table]) yield { table, rel };
}

const TABLE_ORDER: string[] = [
  ...Object.keys(NODE_TABLES),
  ...Object.entries(REL_TABLES).flatMap(([table, spec]) =>
    spec.ends.map(([from, to]) => `${table}-${from}-${to}`),
  ),
];

/** COPY order: node tables first (relationships need their ends), each in schema order. */
function tableRank(file: CsvTable): number {
  return TABLE_ORDER.indexOf(file.ends ? `${file.table}-${file.ends[0]}-${file.ends[1]}` : file.table);
}

export class KuzuStore implements GraphStore {
  readonly engine = 'kuzu' as const;
  private readonly database: InstanceType<typeof kuzu.Database>;
  private readonly connection: InstanceType<typeof kuzu.Connection>;

  /**
   * `path` of the database file; omitted: in memory. `readOnly` opens it so that no statement can
   * write (what `query` with access 'read' relies on: on a writable database access is not checked).
   */
  constructor(path?: string, options: { readOnly?: boolean } = {}) {
    this.database = options.readOnly
      ? new kuzu.Database(path ?? ':memory:', 0, true, true)
      : new kuzu.Database(path ?? ':memory:');
    this.connection = new kuzu.Connection(this.database);
  }

  private async run(cypher: string, params?: Record<string, PropertyValue | StoreValue>): Promise<Row[]> {
    let result: QueryResult | QueryResult[];
    try {
      if (params === undefined) {
        result = await this.connection.query(cypher);
      } else {
        const statement = await this.connection.prepare(cypher);
        if (!statement.isSuccess()) throw new Error(statement.getErrorMessage());
        result = await this.connection.execute(statement, params as Record<string, KuzuValue>);
      }
    } catch (error) {
      throw kuzuError(error);
    }
    const results = Array.isArray(result) ? result : [result];
    const last = results[results.length - 1];
    if (!last) return [];
    const rows = await last.getAll();
    for (const r of results) r.close();
    return rows.map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = fromKuzu(v);
      return out;
    });
  }

  /**
   * Writes an analysed graph with its communities: COPY streamed through CSV files into an empty
   * database, row-by-row MERGE into one that holds data.
   */
  async load(graph: AnalysedGraph, onProgress?: LoadProgress): Promise<LoadSummary> {
    if (!(await this.isEmpty())) return this.mergeLoad(storeRows(graph), onProgress);
    const communities = graphCommunities(graph);
    return this.bulkLoad(streamRows(graph, communities), {
      onProgress,
      expectedRows: graph.order + graph.size + communities.length,
    });
  }

  /**
   * Writes any ReadableGraph (e.g. the analysis view of a million papers) without holding its
   * rows: into an empty database each row goes straight to a CSV file; into one that holds data,
   * row by row MERGE. Community nodes come from `options.communities`.
   */
  async loadGraph(graph: ReadableGraph, options: GraphLoadOptions = {}): Promise<LoadSummary> {
    const rows = streamRows(graph, options.communities ?? []);
    if (await this.isEmpty()) return this.bulkLoad(rows, options);
    return this.mergeLoad(rows, options.onProgress);
  }

  private async isEmpty(): Promise<boolean> {
    for (const statement of kuzuSchemaStatements()) await this.run(statement);
    const [{ n: existing } = { n: 0 }] = await this.run('MATCH (n) RETURN count(n) AS n');
    return existing === 0;
  }

  /**
   * COPY FROM CSV into empty tables: the rows stream into one file per table (and pair of ends),
   * then one COPY per file, then the few lists CSV cannot carry, read back from a spill file.
   */
  private async bulkLoad(rows: Iterable<StoreRow>, options: GraphLoadOptions): Promise<LoadSummary> {
    const { onProgress } = options;
    const folder = await mkdtemp(join(tmpdir(), 'citegraph-kuzu-'));
    const forget = trackTemporary(folder);
    const files = new Map<string, CsvTable>();
    let fixups: BufferedWriter | undefined;
    let written = 0;
    const unsafe: ListFixup[] = [];
    const totalSoFar = () => 2 * Math.max(options.expectedRows ?? 0, written);
    try {
      for (const row of rows) {
        const ends: [NodeTable, NodeTable] | undefined =
          'rel' in row ? [row.rel.fromTable, row.rel.toTable] : undefined;
        const name = ends ? `${row.table}-${ends[0]}-${ends[1]}` : row.table;
        let file = files.get(name);
        if (!file) {
          file = new CsvTable(folder, row.table, ends);
          files.set(name, file);
        }
        const wait = file.write(row, unsafe);
        if (wait) await wait;
        for (const fixup of unsafe) {
          fixups ??= new BufferedWriter(join(folder, 'fixups.jsonl'));
          const spilled = fixups.write(`${JSON.stringify(fixup)}\n`);
          if (spilled) await spilled;
        }
        unsafe.length = 0;
        written++;
        if (written % 10000 === 0) onProgress?.(written, totalSoFar(), 'csv');
      }
      for (const file of files.values()) await file.writer.close();
      await fixups?.close();

      const total = 2 * written;
      let copied = written;
      const copyOrder = [...files.values()].sort((a, b) => tableRank(a) - tableRank(b));
      for (const file of copyOrder) {
        onProgress?.(copied, total, file.table);
        const ends =
          file.ends && REL_TABLES[file.table as RelTable].ends.length > 1
            ? `, from='${file.ends[0]}', to='${file.ends[1]}'`
            : '';
        await this.run(`COPY ${file.table} FROM '${file.writer.path}' (HEADER=true, PARALLEL=false${ends})`);
        copied += file.rows;
      }
      if (fixups) {
        onProgress?.(total, total, 'lists');
        await this.applyFixups(fixups.path);
      }
      onProgress?.(total, total, 'done');
    } finally {
      for (const file of files.values()) file.writer.destroy();
      fixups?.destroy();
      await rm(folder, { recursive: true, force: true });
      forget();
    }
    let nodes = 0;
    let relationships = 0;
    for (const file of files.values()) {
      if (file.ends) relationships += file.rows;
      else nodes += file.rows;
    }
    return { nodes, relationships };
  }

  /** Sets the spilled lists, a batch of rows of one table, property and pair of ends per statement. */
  private async applyFixups(path: string): Promise<void> {
    let batch: ListFixup[] = [];
    const flush = async () => {
      const first = batch[0];
      if (!first) return;
      const pattern = first.fromTable
        ? `(a:${first.fromTable} {key: row.from})-[x:${first.table} {key: row.key}]->(b:${first.toTable} {key: row.to})`
        : `(x:${first.table} {key: row.key})`;
      await this.run(`UNWIND $rows AS row MATCH ${pattern} SET x.${first.property} = row.value`, {
        rows: batch.map(({ key, from, to, value }) =>
          first.fromTable ? { key, from, to, value } : { key, value },
        ),
      } as Record<string, StoreValue>);
      batch = [];
    };
    const sameGroup = (a: ListFixup, b: ListFixup) =>
      a.table === b.table &&
      a.property === b.property &&
      a.fromTable === b.fromTable &&
      a.toTable === b.toTable;
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line === '') continue;
      const fixup = JSON.parse(line) as ListFixup;
      if (batch.length >= FIXUP_BATCH || (batch[0] && !sameGroup(batch[0], fixup))) await flush();
      batch.push(fixup);
    }
    await flush();
  }

  /**
   * Row-by-row MERGE into a database that already holds data: loading twice changes no counts.
   * Takes the rows table by table (`storeRows`, total known) or streamed (`streamRows`).
   */
  private async mergeLoad(
    rows: StoreRows | Iterable<StoreRow>,
    onProgress?: LoadProgress,
  ): Promise<LoadSummary> {
    const known = 'nodes' in rows ? countTotal(rows) : undefined;
    const sequence = 'nodes' in rows ? tableByTable(rows) : rows;
    let nodes = 0;
    let relationships = 0;
    let inTransaction = 0;
    const step = async (phase: string) => {
      const done = nodes + relationships;
      inTransaction++;
      if (inTransaction >= TRANSACTION_ROWS) {
        await this.run('COMMIT');
        await this.run('BEGIN TRANSACTION');
        inTransaction = 0;
      }
      if (done % 500 === 0 || done === known) onProgress?.(done, known ?? done, phase);
    };

    const statements = new Map<string, PreparedStatement>();
    const statementFor = async (name: string, cypher: () => string): Promise<PreparedStatement> => {
      let statement = statements.get(name);
      if (!statement) {
        statement = await this.prepare(cypher());
        statements.set(name, statement);
      }
      return statement;
    };

    await this.run('BEGIN TRANSACTION');
    try {
      for (const row of sequence) {
        if ('node' in row) {
          const { table } = row;
          const statement = await statementFor(
            table,
            () => `MERGE (n:${table} {key: $key})${setClause('n', NODE_TABLES[table].properties)}`,
          );
          await this.execute(statement, { key: row.node.key, ...row.node.props });
          nodes++;
        } else {
          const { table, rel } = row;
          const statement = await statementFor(
            `${table}:${rel.fromTable}->${rel.toTable}`,
            () =>
              `MATCH (a:${rel.fromTable} {key: $from}), (b:${rel.toTable} {key: $to}) ` +
              `MERGE (a)-[r:${table} {key: $key}]->(b)${setClause('r', REL_TABLES[table].properties)}`,
          );
          await this.execute(statement, { key: rel.key, from: rel.from, to: rel.to, ...rel.props });
          relationships++;
        }
        await step(row.table);
      }
      await this.run('COMMIT');
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const total = nodes + relationships;
    onProgress?.(total, total, 'done');
    return { nodes, relationships };
  }

  private async prepare(cypher: string): Promise<PreparedStatement> {
    const statement = await this.connection.prepare(cypher);
    if (!statement.isSuccess()) throw kuzuError(new Error(statement.getErrorMessage()));
    return statement;
  }

  private async execute(statement: PreparedStatement, params: Record<string, PropertyValue>): Promise<void> {
    try {
      const result = await this.connection.execute(statement, params as Record<string, KuzuValue>);
      for (const r of Array.isArray(result) ? result : [result]) r.close();
    } catch (error) {
      throw kuzuError(error);
    }
  }

  query(cypher: string, params: QueryParams = {}, _access?: QueryAccess): Promise<Row[]> {
    return this.run(cypher, usedParams(cypher, params));
  }

  async counts(): Promise<StoreCounts> {
    const count = async (tables: string[], pattern: (table: string) => string) => {
      const out: Record<string, number> = {};
      for (const table of tables) {
        const [row] = await this.run(`MATCH ${pattern(table)} RETURN count(*) AS n`);
        const n = Number(row?.n ?? 0);
        if (n > 0) out[table] = n;
      }
      return out;
    };
    return {
      nodes: await count(Object.keys(NODE_TABLES).sort(), (table) => `(:${table})`),
      relationships: await count(Object.keys(REL_TABLES).sort(), (table) => `()-[:${table}]->()`),
    };
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.database.close();
  }
}
