/**
 * One small interface over the two databases citegraph can put an analysed graph into:
 * Neo4j (neo4j-store.ts, a server reached over Bolt) and Kùzu (kuzu-store.ts, embedded, in-process).
 * Both hold the same tables (store-schema.ts), so the named queries in queries/ run on either.
 */
import type { AnalysedGraph } from '../graph/readable.ts';

/** A value in a result row: plain JSON-like data (database integers become numbers, nodes become property maps). */
export type StoreValue = null | boolean | number | string | StoreValue[] | { [key: string]: StoreValue };
export type Row = Record<string, StoreValue>;

/** Query parameters: always sent as parameters, never pasted into the query text. */
export type QueryParams = Record<string, StoreValue>;

/** Reports loading: `done` of `total` rows written, `phase` names the table being written. */
export type LoadProgress = (done: number, total: number, phase: string) => void;

export interface LoadSummary {
  nodes: number;
  relationships: number;
}

export interface GraphStore {
  /** 'neo4j' or 'kuzu': picks per-engine query variants. */
  readonly engine: StoreEngine;
  /** Writes the analysed graph. Idempotent: loading the same graph twice leaves the same content. */
  load(graph: AnalysedGraph, onProgress?: LoadProgress): Promise<LoadSummary>;
  /**
   * Runs one Cypher statement with parameters and returns its rows. `access: 'read'` runs it where
   * it cannot write (a read transaction; Kùzu: the database opened read-only) and a write fails
   * with a StoreError of kind 'write'.
   */
  query(cypher: string, params?: QueryParams, access?: QueryAccess): Promise<Row[]>;
  /** Nodes per label and relationships per type (non-zero only): tells what a writing query changed. */
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
}

/** Whether a statement may change the database. */
export type QueryAccess = 'read' | 'write';

export interface StoreCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

export type StoreEngine = 'neo4j' | 'kuzu';

/** A failure of the database with a message fit for one line; `kind` lets the CLI choose what to say. */
export class StoreError extends Error {
  readonly kind: 'connection' | 'auth' | 'syntax' | 'query' | 'parameter' | 'write';
  constructor(kind: StoreError['kind'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.kind = kind;
  }
}

/** First line of a database error message, trimmed: drivers often append the whole query and a caret. */
export function firstLine(message: string): string {
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim();
}
