/**
 * The Neo4j store, over Bolt with neo4j-driver. Credentials come from NEO4J_URI, NEO4J_USER and
 * NEO4J_PASSWORD and are never printed.
 *
 * Loading is idempotent: uniqueness constraints on every node table's `key` first, then batches of
 * `UNWIND $rows AS row MERGE ... SET ... += row.props` in write transactions, relationships merged on
 * their own `key`. Pushing the same graph twice, or again after an interrupted push, ends with the same
 * nodes and relationships.
 */

import neo4j, { type Driver, type Integer } from 'neo4j-driver';
import type { AnalysedGraph } from '../graph/readable.ts';
import {
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
  type RelRow,
  type RelTable,
  storeRows,
} from './store-schema.ts';

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

export interface Neo4jLoadOptions {
  /** Rows per write transaction (default 1000). */
  batchSize?: number;
}

/** Node properties that a database-side algorithm (e.g. GDS) may write and `pull` reads back by default. */
export const DEFAULT_PULL_PROPERTIES = ['louvain', 'pagerank'] as const;

const DEFAULT_BATCH_SIZE = 1000;

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
export function fromNeo4j(value: unknown): StoreValue {
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

function typedProps(properties: Record<string, PropertyType>, props: Record<string, PropertyValue>): unknown {
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(properties)) {
    const value = props[name] ?? null;
    out[name] = type === 'int' && typeof value === 'number' ? neo4j.int(value) : value;
  }
  return out;
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

  async query(cypher: string, params: QueryParams = {}): Promise<Row[]> {
    const session = this.session();
    try {
      const sent = Object.fromEntries(
        Object.entries(usedParams(cypher, params)).map(([k, v]) => [k, toNeo4jParam(v)]),
      );
      const result = await session.run(cypher, sent);
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

  private async write(cypher: string, rows: unknown[]): Promise<void> {
    const session = this.session();
    try {
      await session.executeWrite((tx) => tx.run(cypher, { rows }));
    } catch (error) {
      throw neo4jError(error, this.connection.uri);
    } finally {
      await session.close();
    }
  }

  async load(
    graph: AnalysedGraph,
    onProgress?: LoadProgress,
    options: Neo4jLoadOptions = {},
  ): Promise<LoadSummary> {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    for (const table of Object.keys(NODE_TABLES)) {
      await this.query(
        `CREATE CONSTRAINT citegraph_${table.toLowerCase()}_key IF NOT EXISTS FOR (n:${table}) REQUIRE n.key IS UNIQUE`,
      );
    }
    const rows = storeRows(graph);
    const nodeTotal = Object.values(rows.nodes).reduce((n, list) => n + list.length, 0);
    const relTotal = Object.values(rows.rels).reduce((n, list) => n + list.length, 0);
    const total = nodeTotal + relTotal;
    let done = 0;
    const inBatches = async <T>(list: T[], phase: string, cypher: string, shape: (item: T) => unknown) => {
      for (let start = 0; start < list.length; start += batchSize) {
        const batch = list.slice(start, start + batchSize);
        await this.write(cypher, batch.map(shape));
        done += batch.length;
        onProgress?.(done, total, phase);
      }
    };

    for (const table of Object.keys(NODE_TABLES) as NodeTable[]) {
      const properties = NODE_TABLES[table].properties;
      await inBatches(
        rows.nodes[table],
        table,
        `UNWIND $rows AS row MERGE (n:${table} {key: row.key}) SET n += row.props`,
        (row) => ({ key: row.key, props: typedProps(properties, row.props) }),
      );
    }
    for (const table of Object.keys(REL_TABLES) as RelTable[]) {
      const properties = REL_TABLES[table].properties;
      const byEnds = new Map<string, RelRow[]>();
      for (const row of rows.rels[table]) {
        const ends = `${row.fromTable}:${row.toTable}`;
        byEnds.set(ends, [...(byEnds.get(ends) ?? []), row]);
      }
      for (const [ends, list] of byEnds) {
        const [fromTable, toTable] = ends.split(':');
        await inBatches(
          list,
          table,
          `UNWIND $rows AS row MATCH (a:${fromTable} {key: row.from}) MATCH (b:${toTable} {key: row.to}) ` +
            `MERGE (a)-[r:${table} {key: row.key}]->(b) SET r += row.props`,
          (row) => ({ key: row.key, from: row.from, to: row.to, props: typedProps(properties, row.props) }),
        );
      }
    }
    return { nodes: nodeTotal, relationships: relTotal };
  }

  /** Nodes per label and relationships per type, sorted by name. */
  async counts(): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
    const nodes = await this.query(
      'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
    );
    const rels = await this.query('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
    return {
      nodes: Object.fromEntries(nodes.map((row) => [String(row.label), Number(row.n)])),
      relationships: Object.fromEntries(rels.map((row) => [String(row.type), Number(row.n)])),
    };
  }

  /** Deletes every node and relationship (tests; `neo4j push --replace`). */
  async clear(): Promise<void> {
    await this.query('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
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
