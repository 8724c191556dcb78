/**
 * The Neo4j store, over Bolt with neo4j-driver. Credentials come from NEO4J_URI, NEO4J_USER and
 * NEO4J_PASSWORD and are never printed.
 *
 * Loading is idempotent: uniqueness constraints on every node table's `key` first, then batches of
 * `UNWIND` over column lists in write transactions: into a table that is still empty with CREATE,
 * otherwise with MERGE on the node's or relationship's `key`. Node statements return the element ids
 * of their nodes, and relationships find their ends by those ids rather than through the key index.
 * Pushing the same graph twice, or again after an interrupted push, ends with the same nodes and
 * relationships.
 */

import neo4j, { type Driver, type Integer, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { AnalysedGraph } from '../graph/readable.ts';
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
  NODE_TABLES,
  type NodeTable,
  type PropertyType,
  type PropertyValue,
  REL_TABLES,
  type RelRow,
  type RelTable,
  storeTables,
  type TableRows,
} from './store-schema.ts';
import { batchBounds, WRITE_CONCURRENCY, WritePool } from './write-pool.ts';

/**
 * Sets the non-null `values` pulled for one node (in the order of `properties`) on its attributes of
 * the same names, counting each value set in `set`.
 */
export function setPulledValues(
  graph: AnalysedGraph,
  key: string,
  properties: readonly string[],
  values: StoreValue[],
  set: Record<string, number>,
): void {
  const update: Record<string, StoreValue> = {};
  values.forEach((value, i) => {
    const name = properties[i]!;
    if (value === null) return;
    update[name] = value;
    set[name] = (set[name] ?? 0) + 1;
  });
  if (Object.keys(update).length > 0) graph.mergeNodeAttributes(key, update as never);
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  /** Database name; default: the server's default database. */
  database?: string;
}

interface Neo4jLoadOptions {
  /** Rows per write transaction (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
}

/** Node properties that a database-side algorithm (e.g. GDS) may write and `pull` reads back by default. */
export const DEFAULT_PULL_PROPERTIES = ['louvain', 'pagerank'] as const;

/**
 * Rows per write transaction. Measured on a 100k-paper push: 10,000-row transactions cost the
 * server less than 20,000-row ones (less garbage to collect) and commits are still rare.
 */
export const DEFAULT_BATCH_SIZE = 10_000;
/** Rows per statement inside a transaction, so the driver packs one while the server runs another. */
const STATEMENT_ROWS = 5_000;
/** Immediate retries of a write transaction that lost a deadlock (see writeTransaction). */
const DEADLOCK_RETRIES = 3;
const DEADLOCK = 'Neo.TransientError.Transaction.DeadlockDetected';
/** A write transaction that lost a deadlock and is to be run again at once. */
class LostDeadlock extends Error {}

/**
 * `session.executeWrite(work)`, except that a transaction that loses a deadlock is run again at
 * once, up to DEADLOCK_RETRIES times: the driver's own retry waits a second first, longer than a
 * batch takes. Other transient errors, and deadlocks past that, are retried by the driver.
 */
export async function retryingLostDeadlocks<T>(
  session: Pick<Session, 'executeWrite'>,
  work: (tx: ManagedTransaction) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await session.executeWrite(async (tx) => {
        try {
          return await work(tx);
        } catch (error) {
          // Not a driver error, so the driver rolls back and gives it straight back.
          if (attempt <= DEADLOCK_RETRIES && (error as DriverErrorShape).code === DEADLOCK)
            throw new LostDeadlock();
          throw error;
        }
      });
    } catch (error) {
      if (!(error instanceof LostDeadlock)) throw error;
    }
  }
}

/** One statement of a write transaction. */
interface WriteStatement {
  cypher: string;
  params: Record<string, unknown>;
}

/** A uniqueness constraint on one property of one label. */
interface UniqueConstraint {
  name: string;
  label: string;
  property: string;
}

/** Connection settings from NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD. */
export function neo4jConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConnection {
  const uri = env.NEO4J_URI;
  if (!uri) throw new StoreError('connection', 'NEO4J_URI is not set (e.g. bolt://127.0.0.1:7687)');
  const connection: Neo4jConnection = {
    uri,
    user: env.NEO4J_USER || 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
  };
  if (env.NEO4J_DATABASE) connection.database = env.NEO4J_DATABASE;
  return connection;
}

/** Plain values out of the driver's: nodes and relationships become their properties, temporals text. */
function fromNeo4j(value: unknown): StoreValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (neo4j.isInt(value)) return (value as Integer).toNumber();
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return fromNeo4j(value.properties);
  if (neo4j.isPath(value)) {
    const nodes = [value.start, ...value.segments.map((segment) => segment.end)];
    return {
      nodes: nodes.map(fromNeo4j),
      relationships: value.segments.map((s) => fromNeo4j(s.relationship)),
    };
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, StoreValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromNeo4j(v);
    return out;
  }
  return String(value);
}

/** Integers as Cypher integers (JavaScript numbers travel as floats, and LIMIT or int properties need integers). */
function toNeo4jParam(value: StoreValue): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jParam);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNeo4jParam(v)]));
  }
  return value;
}

/**
 * `name: $cK[i]` (or `n.name = $cK[i]`) for each property, read from the columns from `first` on.
 * Integers travel as floats (JavaScript numbers) and become Cypher integers here: cheaper than
 * wrapping each one in neo4j.int on our side.
 */
function assignments(
  properties: [string, PropertyType][],
  first: number,
  separator: string,
  prefix = '',
): string {
  return properties
    .map(([name, type], i) => {
      const value = `$c${first + i}[i]`;
      return `${prefix}${name}${separator}${type === 'int' ? `toInteger(${value})` : value}`;
    })
    .join(', ');
}

/**
 * Rows as the statements read them: one list per column (`c0` the key, then `ends`, then the
 * properties in table order), so a batch is a few arrays of values the graph already holds rather
 * than an array per row, which keeps the driver's garbage collection short.
 */
function columnar<R extends { key: string; props: Record<string, PropertyValue> }>(
  rows: R[],
  ends: ((row: R) => string | null)[],
  properties: [string, PropertyType][],
): Record<string, PropertyValue[]> {
  const lists: PropertyValue[][] = [rows.map((row) => row.key)];
  for (const end of ends) lists.push(rows.map(end));
  for (const [name] of properties) lists.push(rows.map((row) => row.props[name] ?? null));
  return Object.fromEntries(lists.map((list, i) => [`c${i}`, list]));
}

/** A label or type as a Cypher identifier, whatever its characters. */
function quotedName(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

interface DriverErrorShape {
  code?: string;
  message?: string;
}

function neo4jError(error: unknown, uri: string): StoreError {
  const { code = '', message = String(error) } = (error ?? {}) as DriverErrorShape;
  const line = firstLine(message);
  if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code === 'Neo.ClientError.Security.AuthenticationRateLimit'
  )
    return new StoreError(
      'auth',
      `neo4j: authentication failed at ${uri} (check NEO4J_USER and NEO4J_PASSWORD)`,
      {
        cause: error,
      },
    );
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|connect/i.test(code))
    return new StoreError('connection', `neo4j: cannot reach ${uri} (is the server running?)`, {
      cause: error,
    });
  if (code === 'Neo.ClientError.Statement.SyntaxError')
    return new StoreError('syntax', `neo4j: Cypher syntax error: ${line}`, { cause: error });
  if (code === 'Neo.ClientError.Statement.AccessMode' || /in read access mode/i.test(line))
    return new StoreError('write', `neo4j: ${line}`, { cause: error });
  if (code === 'Neo.ClientError.Statement.ParameterMissing')
    return new StoreError('parameter', `neo4j: ${line}`, { cause: error });
  return new StoreError('query', `neo4j: ${line}`, { cause: error });
}

export class Neo4jStore implements GraphStore {
  readonly engine = 'neo4j' as const;

  private constructor(
    private readonly driver: Driver,
    /** Where, never the credentials (the driver keeps those). */
    private readonly connection: { uri: string; database?: string | undefined },
  ) {}

  /** Connects and checks the server and the credentials; fails with a one-line StoreError. */
  static async connect(connection: Neo4jConnection): Promise<Neo4jStore> {
    let driver: Driver;
    try {
      driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
        disableLosslessIntegers: true,
        connectionTimeout: 10_000,
        maxTransactionRetryTime: 5_000,
      });
    } catch (error) {
      throw new StoreError('connection', `neo4j: ${firstLine(String((error as Error).message ?? error))}`, {
        cause: error,
      });
    }
    let authenticated: boolean;
    try {
      authenticated = await driver.verifyAuthentication();
    } catch (error) {
      await driver.close();
      throw neo4jError(error, connection.uri);
    }
    if (!authenticated) {
      await driver.close();
      throw neo4jError({ code: 'Neo.ClientError.Security.Unauthorized' }, connection.uri);
    }
    return new Neo4jStore(driver, { uri: connection.uri, database: connection.database });
  }

  private session(mode: 'READ' | 'WRITE' = 'WRITE') {
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.connection.database ? { database: this.connection.database } : {}),
    });
  }

  /** `access: 'read'` runs the statement in a read transaction, where the server refuses any write. */
  async query(cypher: string, params: QueryParams = {}, access: QueryAccess = 'write'): Promise<Row[]> {
    const session = this.session(access === 'read' ? 'READ' : 'WRITE');
    try {
      const sent = Object.fromEntries(
        Object.entries(usedParams(cypher, params)).map(([k, v]) => [k, toNeo4jParam(v)]),
      );
      // Writes run as auto-commit statements: `CALL { … } IN TRANSACTIONS` needs one.
      const result =
        access === 'read'
          ? await session.executeRead((tx) => tx.run(cypher, sent))
          : await session.run(cypher, sent);
      return result.records.map((record) => {
        const row: Row = {};
        for (const key of record.keys) row[String(key)] = fromNeo4j(record.get(key));
        return row;
      });
    } catch (error) {
      throw neo4jError(error, this.connection.uri);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs the statements `build()` returns in one write transaction, sent together so the driver
   * packs one while the server runs another; `build()` is called again for each retry
   * (retryingLostDeadlocks). Resolves, once the transaction has committed, to each statement's
   * first record.
   */
  async writeTransaction(build: () => WriteStatement[]): Promise<(Row | undefined)[]> {
    const session = this.session();
    try {
      return await retryingLostDeadlocks(session, (tx) =>
        Promise.all(
          build().map(async ({ cypher, params }) => {
            const record = (await tx.run(cypher, params)).records[0];
            return record ? (record.toObject() as Row) : undefined;
          }),
        ),
      );
    } catch (error) {
      throw neo4jError(error, this.connection.uri);
    } finally {
      await session.close();
    }
  }

  /**
   * Creates the uniqueness constraints that are not there yet (a second load finds them all with
   * one query). Each is `{name, label, property}`; names and labels are taken as they are.
   */
  async ensureUniqueConstraints(constraints: readonly UniqueConstraint[]): Promise<void> {
    const existing = new Set(
      (await this.query('SHOW CONSTRAINTS YIELD name RETURN name')).map((row) => String(row.name)),
    );
    for (const { name, label, property } of constraints) {
      if (existing.has(name)) continue;
      await this.query(
        `CREATE CONSTRAINT ${quotedName(name)} IF NOT EXISTS FOR (n:${quotedName(label)}) REQUIRE n.${quotedName(property)} IS UNIQUE`,
      );
    }
  }

  /**
   * Which of the MATCH `patterns` (`(n:Label)`, `()-[:TYPE]->()`) have no rows, in one query: each
   * count is read from the count store. (`RETURN 0 AS i, count(*)` would group by `i` and give no
   * row at all for an empty pattern, hence the WITH.)
   */
  async emptyPatterns(patterns: readonly string[]): Promise<Set<string>> {
    if (patterns.length === 0) return new Set();
    const rows = await this.query(
      patterns
        .map((pattern, i) => `MATCH ${pattern} WITH count(*) AS n RETURN ${i} AS i, n`)
        .join(' UNION ALL '),
    );
    return new Set(rows.filter((row) => Number(row.n) === 0).map((row) => patterns[Number(row.i)]!));
  }

  async load(
    graph: AnalysedGraph,
    onProgress?: LoadProgress,
    options: Neo4jLoadOptions = {},
  ): Promise<LoadSummary> {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const statementRows = Math.min(batchSize, STATEMENT_ROWS);
    const tables = storeTables(graph);
    const nodeTables = (Object.keys(NODE_TABLES) as NodeTable[]).filter((t) => tables.nodes[t].count > 0);
    const relTables = (Object.keys(REL_TABLES) as RelTable[]).filter((t) => tables.rels[t].count > 0);
    const nodePattern = (table: NodeTable) => `(n:${table})`;
    const relPattern = (table: RelTable) => `()-[:${table}]->()`;
    await this.ensureUniqueConstraints(
      Object.keys(NODE_TABLES).map((label) => ({
        name: `citegraph_${label.toLowerCase()}_key`,
        label,
        property: 'key',
      })),
    );
    // A table that is still empty (a first push, or --replace) is written with CREATE, which needs no
    // lookup of what is there; otherwise MERGE on the key keeps a second push from adding anything.
    const empty = await this.emptyPatterns([...nodeTables.map(nodePattern), ...relTables.map(relPattern)]);
    const sum = (record: Record<string, TableRows<unknown>>) =>
      Object.values(record).reduce((n, rows) => n + rows.count, 0);
    const nodeTotal = sum(tables.nodes);
    const relTotal = sum(tables.rels);
    const total = nodeTotal + relTotal;
    let done = 0;
    const pool = new WritePool(WRITE_CONCURRENCY);
    /** Submits `count` rows as transactions of `batchSize` rows, each sent as statements of `statementRows`. */
    const write = async (
      cypher: string,
      count: number,
      columnsOf: (from: number, to: number) => Record<string, PropertyValue[]>,
      phase: string,
      onResult?: (record: Row, columns: Record<string, PropertyValue[]>) => void,
    ) => {
      for (const [first, end] of batchBounds(count, batchSize, WRITE_CONCURRENCY)) {
        await pool.submit(async () => {
          const statements: WriteStatement[] = [];
          const records = await this.writeTransaction(() => {
            statements.length = 0;
            for (let from = first; from < end; from += statementRows)
              statements.push({ cypher, params: columnsOf(from, Math.min(end, from + statementRows)) });
            return statements;
          });
          if (onResult)
            records.forEach((record, i) => {
              if (record) onResult(record, statements[i]!.params as Record<string, PropertyValue[]>);
            });
          done += end - first;
          onProgress?.(done, total, phase);
        });
      }
    };

    // Each node statement returns the element ids of its nodes, so relationships find their ends by
    // id instead of through the key index.
    const elementIds = new Map<string, string>();
    const keepIds = (record: Row, columns: Record<string, PropertyValue[]>) => {
      const ids = record.ids as string[];
      const keys = columns.c0!;
      for (let i = 0; i < keys.length; i++) elementIds.set(keys[i] as string, ids[i]!);
    };
    const rows = 'UNWIND range(0, size($c0) - 1) AS i ';
    for (const table of nodeTables) {
      const source = tables.nodes[table];
      const properties = Object.entries(NODE_TABLES[table].properties);
      await write(
        `${rows}${
          empty.has(nodePattern(table))
            ? `CREATE (n:${table} {key: $c0[i], ${assignments(properties, 1, ': ')}})`
            : `MERGE (n:${table} {key: $c0[i]}) SET ${assignments(properties, 1, ' = ', 'n.')}`
        } RETURN collect(elementId(n)) AS ids`,
        source.count,
        (from, to) => columnar(source.rows(from, to), [], properties),
        table,
        keepIds,
      );
    }
    // Relationships need every node's element id.
    await pool.drain();
    const ends = [
      (row: RelRow) => elementIds.get(row.from) ?? null,
      (row: RelRow) => elementIds.get(row.to) ?? null,
    ];
    for (const table of relTables) {
      const source = tables.rels[table];
      const properties = Object.entries(REL_TABLES[table].properties);
      const match = `${rows}MATCH (a) WHERE elementId(a) = $c1[i] MATCH (b) WHERE elementId(b) = $c2[i] `;
      const set = properties.length > 0 ? ` SET ${assignments(properties, 3, ' = ', 'r.')}` : '';
      const props = properties.length > 0 ? `, ${assignments(properties, 3, ': ')}` : '';
      await write(
        empty.has(relPattern(table))
          ? `${match}CREATE (a)-[r:${table} {key: $c0[i]${props}}]->(b)`
          : `${match}MERGE (a)-[r:${table} {key: $c0[i]}]->(b)${set}`,
        source.count,
        (from, to) => columnar(source.rows(from, to), ends, properties),
        table,
      );
    }
    await pool.drain();
    return { nodes: nodeTotal, relationships: relTotal };
  }

  /**
   * Nodes per label and relationships per type, sorted by name. Read from the count store (one
   * label or type per query) rather than by scanning, so it stays instant on a million rows.
   */
  async counts(): Promise<StoreCounts> {
    const count = async (names: string, pattern: (name: string) => string) => {
      const out: Record<string, number> = {};
      const listed = (await this.query(names)).map((row) => String(row.name)).sort();
      for (const name of listed) {
        const [row] = await this.query(`MATCH ${pattern(quotedName(name))} RETURN count(*) AS n`);
        const n = Number(row?.n ?? 0);
        if (n > 0) out[name] = n;
      }
      return out;
    };
    return {
      nodes: await count('CALL db.labels() YIELD label RETURN label AS name', (label) => `(:${label})`),
      relationships: await count(
        'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name',
        (type) => `()-[:${type}]->()`,
      ),
    };
  }

  /** Deletes every node and relationship (tests; `neo4j push --replace`). */
  async clear(): Promise<void> {
    // Relationships first, in batches of their own: DETACH DELETE of 5,000 nodes of a 100k-paper
    // graph drags along hundreds of thousands of relationships and overruns the transaction memory pool.
    await this.query('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await this.query('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  }

  /**
   * Reads node properties written in the database (e.g. by GDS: `louvain`, `pagerank`) back onto the
   * graph's node attributes of the same name. Returns how many values were set per property.
   */
  async pull(
    graph: AnalysedGraph,
    properties: readonly string[] = DEFAULT_PULL_PROPERTIES,
  ): Promise<Record<string, number>> {
    const rows = await this.query(
      'MATCH (n) WHERE (n:Author OR n:Paper OR n:Reference) AND n.key IS NOT NULL ' +
        'RETURN n.key AS key, [name IN $names | n[name]] AS values',
      { names: [...properties] },
    );
    const set: Record<string, number> = Object.fromEntries(properties.map((name) => [name, 0]));
    for (const row of rows) {
      const key = String(row.key);
      if (!graph.hasNode(key) || !Array.isArray(row.values)) continue;
      setPulledValues(graph, key, properties, row.values, set);
    }
    return set;
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
