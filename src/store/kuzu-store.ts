/**
 * The embedded store: Kùzu, an in-process openCypher database (no server, one file on disk).
 * An empty database is filled with COPY FROM CSV files written to a temporary folder (bulk, fast);
 * loading into a database that already holds data merges row by row with prepared statements
 * (idempotent), because Kùzu's list-of-struct parameters lose the type of mixed integer/float numbers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kuzu, { type KuzuValue, type PreparedStatement, type QueryResult } from 'kuzu';
import {
  type AnalysedGraph,
  firstLine,
  type GraphStore,
  type LoadProgress,
  type LoadSummary,
  type QueryParams,
  type Row,
  StoreError,
  type StoreValue,
} from './graph-store.ts';
import { usedParams } from './params.ts';
import {
  NODE_TABLES,
  type NodeTable,
  type PropertyType,
  type PropertyValue,
  REL_TABLES,
  type RelTable,
  type StoreRows,
  storeRows,
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
export function kuzuSchemaStatements(): string[] {
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

interface ListFixup {
  table: NodeTable | RelTable;
  key: string;
  property: string;
  value: string[];
}

function csvFile(
  folder: string,
  name: string,
  header: string[],
  rows: { fixed: PropertyValue[]; props: Record<string, PropertyValue> }[],
  properties: Record<string, PropertyType>,
  onUnsafeList: (rowIndex: number, property: string, value: string[]) => void,
): string {
  const names = Object.keys(properties);
  const lines = [[...header, ...names].join(',')];
  rows.forEach((row, index) => {
    const cells = row.fixed.map(csvField);
    for (const property of names) {
      const value = row.props[property] ?? null;
      if (csvSafeList(value)) cells.push(csvField(Array.isArray(value) && value.length === 0 ? null : value));
      else {
        cells.push('');
        onUnsafeList(index, property, value as string[]);
      }
    }
    lines.push(cells.join(','));
  });
  const path = join(folder, `${name}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function setClause(variable: string, properties: Record<string, PropertyType>): string {
  const names = Object.keys(properties);
  return names.length === 0 ? '' : ` SET ${names.map((name) => `${variable}.${name} = $${name}`).join(', ')}`;
}

/** Plain JSON-like values out of Kùzu's: bigints to numbers, nodes and relationships to their properties. */
export function fromKuzu(value: unknown): StoreValue {
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
    : /parameter/i.test(message)
      ? 'parameter'
      : 'query';
  return new StoreError(kind, `kuzu: ${message}`, { cause: error });
}

export class KuzuStore implements GraphStore {
  readonly engine = 'kuzu' as const;
  private readonly database: InstanceType<typeof kuzu.Database>;
  private readonly connection: InstanceType<typeof kuzu.Connection>;

  /** `path` of the database file; omitted: in memory. */
  constructor(path?: string) {
    this.database = new kuzu.Database(path ?? ':memory:');
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

  async load(graph: AnalysedGraph, onProgress?: LoadProgress): Promise<LoadSummary> {
    for (const statement of kuzuSchemaStatements()) await this.run(statement);
    const rows = storeRows(graph);
    const [{ n: existing } = { n: 0 }] = await this.run('MATCH (n) RETURN count(n) AS n');
    if (existing === 0) return this.bulkLoad(rows, onProgress);
    return this.mergeLoad(rows, onProgress);
  }

  /** COPY FROM CSV into empty tables: one pass per table, then the few lists CSV cannot carry. */
  private async bulkLoad(rows: StoreRows, onProgress?: LoadProgress): Promise<LoadSummary> {
    const nodeTotal = Object.values(rows.nodes).reduce((n, list) => n + list.length, 0);
    const relTotal = Object.values(rows.rels).reduce((n, list) => n + list.length, 0);
    const total = nodeTotal + relTotal;
    const folder = mkdtempSync(join(tmpdir(), 'citegraph-kuzu-'));
    const fixups: ListFixup[] = [];
    let done = 0;
    try {
      for (const table of Object.keys(NODE_TABLES) as NodeTable[]) {
        const list = rows.nodes[table];
        if (list.length === 0) continue;
        const path = csvFile(
          folder,
          table,
          ['key'],
          list.map((row) => ({ fixed: [row.key], props: row.props })),
          NODE_TABLES[table].properties,
          (index, property, value) => fixups.push({ table, key: list[index]!.key, property, value }),
        );
        await this.run(`COPY ${table} FROM '${path}' (HEADER=true, PARALLEL=false)`);
        done += list.length;
        onProgress?.(done, total, table);
      }
      for (const table of Object.keys(REL_TABLES) as RelTable[]) {
        const spec = REL_TABLES[table];
        for (const [fromTable, toTable] of spec.ends) {
          const list = rows.rels[table].filter(
            (row) => row.fromTable === fromTable && row.toTable === toTable,
          );
          if (list.length === 0) continue;
          const path = csvFile(
            folder,
            `${table}-${fromTable}-${toTable}`,
            ['from', 'to', 'key'],
            list.map((row) => ({ fixed: [row.from, row.to, row.key], props: row.props })),
            spec.properties,
            (index, property, value) => fixups.push({ table, key: list[index]!.key, property, value }),
          );
          const ends = spec.ends.length > 1 ? `, from='${fromTable}', to='${toTable}'` : '';
          await this.run(`COPY ${table} FROM '${path}' (HEADER=true, PARALLEL=false${ends})`);
          done += list.length;
          onProgress?.(done, total, table);
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    for (const fixup of fixups) {
      const pattern =
        fixup.table in NODE_TABLES
          ? `(x:${fixup.table} {key: $key})`
          : `()-[x:${fixup.table} {key: $key}]->()`;
      await this.run(`MATCH ${pattern} SET x.${fixup.property} = $value`, {
        key: fixup.key,
        value: fixup.value,
      });
    }
    onProgress?.(total, total, 'done');
    return { nodes: nodeTotal, relationships: relTotal };
  }

  /** Row-by-row MERGE into a database that already holds data: loading twice changes no counts. */
  private async mergeLoad(rows: StoreRows, onProgress?: LoadProgress): Promise<LoadSummary> {
    const nodeTotal = Object.values(rows.nodes).reduce((n, list) => n + list.length, 0);
    const relTotal = Object.values(rows.rels).reduce((n, list) => n + list.length, 0);
    const total = nodeTotal + relTotal;
    let done = 0;
    let inTransaction = 0;
    const step = async (phase: string) => {
      done++;
      inTransaction++;
      if (inTransaction >= TRANSACTION_ROWS) {
        await this.run('COMMIT');
        await this.run('BEGIN TRANSACTION');
        inTransaction = 0;
      }
      if (done % 500 === 0 || done === total) onProgress?.(done, total, phase);
    };

    await this.run('BEGIN TRANSACTION');
    try {
      for (const table of Object.keys(NODE_TABLES) as NodeTable[]) {
        const properties = NODE_TABLES[table].properties;
        const statement = await this.prepare(`MERGE (n:${table} {key: $key})${setClause('n', properties)}`);
        for (const row of rows.nodes[table]) {
          await this.execute(statement, { key: row.key, ...row.props });
          await step(table);
        }
      }
      for (const table of Object.keys(REL_TABLES) as RelTable[]) {
        const properties = REL_TABLES[table].properties;
        const statements = new Map<string, PreparedStatement>();
        for (const row of rows.rels[table]) {
          const ends = `${row.fromTable}->${row.toTable}`;
          let statement = statements.get(ends);
          if (!statement) {
            statement = await this.prepare(
              `MATCH (a:${row.fromTable} {key: $from}), (b:${row.toTable} {key: $to}) ` +
                `MERGE (a)-[r:${table} {key: $key}]->(b)${setClause('r', properties)}`,
            );
            statements.set(ends, statement);
          }
          await this.execute(statement, { key: row.key, from: row.from, to: row.to, ...row.props });
          await step(table);
        }
      }
      await this.run('COMMIT');
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    onProgress?.(total, total, 'done');
    return { nodes: nodeTotal, relationships: relTotal };
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

  query(cypher: string, params: QueryParams = {}): Promise<Row[]> {
    return this.run(cypher, usedParams(cypher, params));
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.database.close();
  }
}
