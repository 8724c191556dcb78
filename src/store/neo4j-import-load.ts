/**
 * `citegraph neo4j import`: loads the folder written by `citegraph export --format neo4j-import` into a
 * running Neo4j, over Bolt, with the same nodes, labels, relationships and typed properties that
 * `neo4j-admin database import full` makes from those files.
 *
 * Why not neo4j-admin or LOAD CSV here: `neo4j-admin database import full` is the fastest way, but it
 * writes a new store with the server stopped (on Community Edition, the one database). LOAD CSV reads
 * `file:///` URLs from the *server's* import folder only (`server.directories.import`), which a remote or
 * containerised server does not share with us. So the rows are read here (papaparse, a block of whole
 * records at a time, so memory stays flat whatever the size) and sent in `UNWIND $rows` batches; each
 * column's type conversion is done in Cypher from the neo4j-admin header (`toInteger`, `toFloat`,
 * `split(…, ';')`), as LOAD CSV would. Node statements return the element ids of their nodes, and
 * relationships find their ends by those ids rather than through the id index.
 *
 * Idempotent: a uniqueness constraint on each ID column first, nodes `MERGE`d on their id,
 * relationships `MERGE`d on (start, type, end) — citegraph never writes two relationships of one type
 * between the same two nodes — and every column `SET` (an empty field removes the property). Loading a
 * folder twice, or again after an interruption, ends with the same counts.
 *
 * Layout differences with `citegraph neo4j push` (store-schema.ts): the ids are `authorId`, `paperId`,
 * `referenceId` (the author's `key` is its name key, as in the graph), there are no Community nodes or
 * IN_COMMUNITY relationships. Import into an empty database (or `--replace`): mixing the two layouts
 * in one database gives duplicate nodes. `pullNodeProperties` reads GDS results back from either layout.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { NEO4J_NODE_FILES, NEO4J_RELATIONSHIP_FILES } from '../export/neo4j-import.ts';
import type { AnalysedGraph } from '../graph/readable.ts';
import { nodeKey } from '../model/graph-schema.ts';
import type { LoadProgress } from './graph-store.ts';
import { DEFAULT_PULL_PROPERTIES, type Neo4jStore, setPulledValues } from './neo4j-store.ts';
import { usedParams } from './params.ts';
import { WRITE_CONCURRENCY, WritePool } from './write-pool.ts';

interface ImportFolderOptions {
  /** Rows per write transaction (default DEFAULT_IMPORT_BATCH_SIZE). */
  batchSize?: number;
  /** Bytes of CSV read so far, of the folder's total; `phase` is the file being read. */
  onProgress?: LoadProgress;
  /** neo4j-admin's --array-delimiter (default ';', what the export writes). */
  arrayDelimiter?: string;
}

interface ImportFolderSummary {
  /** Rows read per node label. */
  nodes: Record<string, number>;
  /** Rows read per relationship type. */
  relationships: Record<string, number>;
}

/** A folder or CSV file that cannot be imported; the message is one line naming the file. */
export class ImportFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFolderError';
  }
}

/** Rows per write transaction, as for `neo4j push` (DEFAULT_BATCH_SIZE in neo4j-store.ts). */
export const DEFAULT_IMPORT_BATCH_SIZE = 10_000;
const DEFAULT_ARRAY_DELIMITER = ';';
const returnIds = 'RETURN collect(elementId(n)) AS ids, count(*) AS written';

type ScalarKind = 'integer' | 'float' | 'boolean' | 'string';
const SCALAR_KINDS: Record<string, ScalarKind> = {
  int: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  float: 'float',
  double: 'float',
  boolean: 'boolean',
  string: 'string',
  char: 'string',
};

interface EndColumn {
  role: 'start' | 'end';
  index: number;
  idSpace: string;
}
interface IdColumn {
  role: 'id';
  index: number;
  property: string;
  idSpace: string;
}
type Column =
  | IdColumn
  | EndColumn
  | { role: 'type' | 'ignore'; index: number }
  | { role: 'property'; index: number; property: string; kind: ScalarKind; list: boolean };

/** One neo4j-admin header field: `name`, `name:long`, `tags:string[]`, `id:ID(Space)`, `:START_ID(Space)`, `:TYPE`. */
function parseHeaderField(field: string, index: number, file: string): Column {
  const special = /^(.*):(ID|START_ID|END_ID|TYPE|IGNORE|LABEL)(?:\((.*)\))?$/i.exec(field);
  if (special) {
    const [, name = '', role = '', idSpace = ''] = special;
    switch (role.toUpperCase()) {
      case 'ID':
        if (name === '')
          throw new ImportFolderError(`${file}: the ID column needs a name (e.g. "id:ID(${idSpace})")`);
        return { role: 'id', index, property: name, idSpace };
      case 'START_ID':
        return { role: 'start', index, idSpace };
      case 'END_ID':
        return { role: 'end', index, idSpace };
      case 'TYPE':
        return { role: 'type', index };
      case 'IGNORE':
        return { role: 'ignore', index };
      default:
        throw new ImportFolderError(
          `${file}: column "${field}" (:LABEL) is not read by citegraph neo4j import`,
        );
    }
  }
  const typed = /^(.*):([A-Za-z]+)(\[\])?$/.exec(field);
  if (!typed) return { role: 'property', index, property: field, kind: 'string', list: false };
  const [, name = '', type = '', list] = typed;
  const kind = SCALAR_KINDS[type.toLowerCase()];
  if (!kind)
    throw new ImportFolderError(
      `${file}: column "${field}" has type ${type}, which citegraph neo4j import does not read (neo4j-admin does)`,
    );
  return { role: 'property', index, property: name, kind, list: list !== undefined };
}

/** A name as a Cypher identifier, whatever its characters. */
function quoted(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function conversion(kind: ScalarKind, value: string): string {
  switch (kind) {
    case 'integer':
      return `toInteger(${value})`;
    case 'float':
      return `toFloat(${value})`;
    case 'boolean':
      return `toBoolean(${value})`;
    case 'string':
      return value;
  }
}

/** `SET n.a = …, n.b = …` for the property columns; null (an empty field) removes the property. */
function setClause(variable: string, columns: Column[]): string {
  const assignments = columns.flatMap((column) => {
    if (column.role !== 'property') return [];
    const field = `row[${column.index}]`;
    const value = column.list
      ? column.kind === 'string'
        ? `split(${field}, $delimiter)`
        : `[item IN split(${field}, $delimiter) | ${conversion(column.kind, 'item')}]`
      : conversion(column.kind, field);
    return [`${variable}.${quoted(column.property)} = ${value}`];
  });
  return assignments.length > 0 ? ` SET ${assignments.join(', ')}` : '';
}

interface CsvFile {
  path: string;
  name: string;
  size: number;
}

/** The CSV files of an export folder, checked before anything is written. */
export async function importFolderFiles(dir: string): Promise<CsvFile[]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new ImportFolderError(`${dir}: not a folder`);
  } catch (error) {
    if (error instanceof ImportFolderError) throw error;
    throw new ImportFolderError(`${dir}: no such folder`);
  }
  const files: CsvFile[] = [];
  for (const spec of [...NEO4J_NODE_FILES, ...NEO4J_RELATIONSHIP_FILES]) {
    const path = join(dir, spec.file);
    try {
      files.push({ path, name: spec.file, size: (await stat(path)).size });
    } catch {
      throw new ImportFolderError(
        `${path}: no such file (expected a folder written by citegraph export --format neo4j-import)`,
      );
    }
  }
  return files;
}

/**
 * Where the last whole record of `text` ends: just after its last line break outside a quoted field
 * (RFC 4180: a field that starts with `"` may hold line breaks; `""` inside it is a quote). 0 if
 * no record ends in `text`.
 */
function lastRecordEnd(text: string): number {
  let quoted = false;
  let end = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 34) quoted = !quoted;
    else if (code === 10 && !quoted) end = at + 1;
  }
  return end;
}

/**
 * Rows of a CSV file as string arrays (RFC 4180, fields may span lines), header first. The file is
 * read in blocks of whole records, each parsed at once by papaparse: its Node stream mode hands out
 * rows one by one from an array it shifts, which takes seconds per million short rows.
 */
export async function* csvRows(file: CsvFile, onBytes: (bytes: number) => void): AsyncGenerator<string[]> {
  const input = createReadStream(file.path, { encoding: 'utf8' });
  let carry = '';
  // The export's delimiter, neo4j-admin's default: guessed anew for each block, a block of long
  // unquoted fields with semicolons in them would be split on the semicolons.
  const parse = (text: string) => Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data;
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      onBytes(Buffer.byteLength(chunk));
      const text = carry + chunk;
      const end = lastRecordEnd(text);
      carry = text.slice(end);
      if (end > 0) yield* parse(text.slice(0, end));
    }
  } catch (error) {
    throw new ImportFolderError(`${file.path}: cannot read (${(error as Error).message})`);
  } finally {
    input.destroy();
  }
  if (carry.trim() !== '') yield* parse(carry);
}

/** The two ways to write one group's batch, and the pattern that says which applies. */
interface Statement {
  group: string;
  /** A MATCH pattern with no rows while the group is still empty. */
  empty: string;
  create: string;
  merge: string;
  /** The rows as sent (relationships: their ends' ids replaced by element ids). */
  prepare(rows: (string | null)[][]): (string | null)[][];
}

function idSpaceError(file: string, space: string): ImportFolderError {
  return new ImportFolderError(`${file}: ID space "${space}" is not defined by any node file`);
}

/**
 * Loads the CSV files of `dir` (written by `export --format neo4j-import`) into the store's database.
 * Node files first (one label per file, from the export's file list), then relationship files.
 */
export async function importNeo4jFolder(
  store: Neo4jStore,
  dir: string,
  options: ImportFolderOptions = {},
): Promise<ImportFolderSummary> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE);
  const delimiter = options.arrayDelimiter ?? DEFAULT_ARRAY_DELIMITER;
  const files = await importFolderFiles(dir);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  let doneBytes = 0;
  const summary: ImportFolderSummary = { nodes: {}, relationships: {} };
  /** ID space → the label and property its ids are stored under. */
  const idSpaces = new Map<string, { label: string; property: string }>();

  // Constraints first: they make MERGE on the id an index lookup, and keep ids unique.
  const headers = new Map<string, Column[]>();
  for (const file of files) {
    for await (const header of csvRows(file, () => {})) {
      headers.set(
        file.name,
        header.map((field, index) => parseHeaderField(field, index, file.path)),
      );
      break;
    }
  }
  const constraints = NEO4J_NODE_FILES.map((spec) => {
    const id = headers.get(spec.file)?.find((c): c is IdColumn => c.role === 'id');
    if (!id) throw new ImportFolderError(`${join(dir, spec.file)}: no :ID column`);
    idSpaces.set(id.idSpace, { label: spec.label, property: id.property });
    return {
      name: `citegraph_import_${spec.label.toLowerCase()}_${id.property}`,
      label: spec.label,
      property: id.property,
    };
  });
  await store.ensureUniqueConstraints(constraints);

  /** Whether a label or relationship type was empty before the import; the export's own in one query. */
  const nodePattern = (label: string) => `(n:${quoted(label)})`;
  const relPattern = (type: string) => `()-[:${quoted(type)}]->()`;
  const emptyAtStart = new Map<string, Promise<boolean>>();
  const known = [
    ...NEO4J_NODE_FILES.map((spec) => nodePattern(spec.label)),
    ...NEO4J_RELATIONSHIP_FILES.map((spec) => relPattern(spec.type)),
  ];
  const knownEmpty = store.emptyPatterns(known);
  for (const pattern of known)
    emptyAtStart.set(
      pattern,
      knownEmpty.then((empty) => empty.has(pattern)),
    );
  const isEmpty = (pattern: string): Promise<boolean> => {
    let empty = emptyAtStart.get(pattern);
    if (empty === undefined) {
      empty = store.emptyPatterns([pattern]).then((set) => set.has(pattern));
      emptyAtStart.set(pattern, empty);
    }
    return empty;
  };

  /** ID space → its ids' element ids, from the node statements; relationships find their ends by them. */
  const elementIds = new Map<string, Map<string, string>>();

  /**
   * Batches in flight across files, WRITE_CONCURRENCY at once while the next is read and parsed.
   */
  const pool = new WritePool(WRITE_CONCURRENCY);

  /** Sends a file's rows in batches, one group (label or relationship type) per batch. */
  const load = async (
    file: CsvFile,
    statementFor: (row: string[]) => Statement,
    counted: Record<string, number>,
    check?: (written: number, rows: number, firstRow: number) => void,
    onIds?: (rows: (string | null)[][], ids: string[]) => void,
  ) => {
    const batches = new Map<string, { statement: Statement; rows: (string | null)[][]; firstRow: number }>();
    const send = async (batch: { statement: Statement; rows: (string | null)[][]; firstRow: number }) => {
      const { statement, rows, firstRow } = batch;
      const cypher = (await isEmpty(statement.empty)) ? statement.create : statement.merge;
      const params = usedParams(cypher, { rows: statement.prepare(rows), delimiter });
      const [result] = await store.writeTransaction(() => [{ cypher, params }]);
      if (Array.isArray(result?.ids)) onIds?.(rows, result.ids as string[]);
      check?.(Number(result?.written ?? 0), rows.length, firstRow);
      counted[statement.group] = (counted[statement.group] ?? 0) + rows.length;
      options.onProgress?.(doneBytes, totalBytes, file.name);
    };
    const flush = async (group: string) => {
      const batch = batches.get(group);
      if (!batch || batch.rows.length === 0) return;
      batches.delete(group);
      await pool.submit(() => send(batch));
    };
    let rowNumber = -1;
    for await (const row of csvRows(file, (bytes) => {
      doneBytes += bytes;
    })) {
      rowNumber++;
      if (rowNumber === 0) continue;
      const statement = statementFor(row);
      const batch = batches.get(statement.group) ?? { statement, rows: [], firstRow: rowNumber };
      batches.set(statement.group, batch);
      batch.rows.push(row.map((field) => (field === '' ? null : field)));
      if (batch.rows.length >= batchSize) await flush(statement.group);
    }
    for (const group of [...batches.keys()]) await flush(group);
    options.onProgress?.(doneBytes, totalBytes, file.name);
  };

  // A label or type still empty (a first import, or --replace) is written with CREATE, which looks
  // nothing up; otherwise MERGE on the id (nodes) or on (start, type, end) keeps a rerun from adding.
  for (const spec of NEO4J_NODE_FILES) {
    const file = files.find((f) => f.name === spec.file)!;
    const columns = headers.get(spec.file) ?? [];
    const id = columns.find((c): c is IdColumn => c.role === 'id')!;
    const label = quoted(spec.label);
    const idProperty = `${quoted(id.property)}: row[${id.index}]`;
    const statement: Statement = {
      group: spec.label,
      empty: nodePattern(spec.label),
      create: `UNWIND $rows AS row CREATE (n:${label} {${idProperty}})${setClause('n', columns)} ${returnIds}`,
      merge: `UNWIND $rows AS row MERGE (n:${label} {${idProperty}})${setClause('n', columns)} ${returnIds}`,
      prepare: (rows) => rows,
    };
    const ids = new Map<string, string>();
    elementIds.set(id.idSpace, ids);
    summary.nodes[spec.label] ??= 0;
    await load(
      file,
      (row) => {
        if (!row[id.index])
          throw new ImportFolderError(`${file.path}: a row has an empty ${id.property} (its :ID column)`);
        return statement;
      },
      summary.nodes,
      undefined,
      (rows, written) => {
        for (let i = 0; i < rows.length; i++) ids.set(rows[i]![id.index]!, written[i]!);
      },
    );
  }

  // Relationships need every node's element id.
  await pool.drain();

  for (const spec of NEO4J_RELATIONSHIP_FILES) {
    const file = files.find((f) => f.name === spec.file)!;
    const columns = headers.get(spec.file) ?? [];
    const start = columns.find((c): c is EndColumn => c.role === 'start');
    const end = columns.find((c): c is EndColumn => c.role === 'end');
    const type = columns.find((c) => c.role === 'type');
    if (!start || !end) throw new ImportFolderError(`${file.path}: needs :START_ID and :END_ID columns`);
    const from = idSpaces.get(start.idSpace);
    const to = idSpaces.get(end.idSpace);
    if (!from) throw idSpaceError(file.path, start.idSpace);
    if (!to) throw idSpaceError(file.path, end.idSpace);
    const fromIds = elementIds.get(start.idSpace)!;
    const toIds = elementIds.get(end.idSpace)!;
    const prepare = (rows: (string | null)[][]) => {
      for (const row of rows) {
        row[start.index] = fromIds.get(row[start.index] ?? '') ?? null;
        row[end.index] = toIds.get(row[end.index] ?? '') ?? null;
      }
      return rows;
    };
    const statementOf = (relType: string): Statement => {
      const ends =
        `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row[${start.index}] ` +
        `MATCH (b) WHERE elementId(b) = row[${end.index}] `;
      const set = `${setClause('r', columns)} RETURN count(*) AS written`;
      return {
        group: relType,
        empty: relPattern(relType),
        create: `${ends}CREATE (a)-[r:${quoted(relType)}]->(b)${set}`,
        merge: `${ends}MERGE (a)-[r:${quoted(relType)}]->(b)${set}`,
        prepare,
      };
    };
    const statements = new Map<string, Statement>();
    summary.relationships[spec.type] ??= 0;
    await load(
      file,
      (row) => {
        const relType = (type ? row[type.index] : undefined) || spec.type;
        let statement = statements.get(relType);
        if (!statement) {
          statement = statementOf(relType);
          statements.set(relType, statement);
        }
        return statement;
      },
      summary.relationships,
      (written, rows, firstRow) => {
        if (written < rows)
          throw new ImportFolderError(
            `${file.path}: ${rows - written} of the rows ${firstRow}–${firstRow + rows - 1} name a start or end id ` +
              'that no node file has (export again from the same graph.json)',
          );
      },
    );
  }
  await pool.drain();
  return summary;
}

/**
 * Reads node properties written in the database (e.g. GDS `louvain`, `pagerank`) back onto the graph's
 * node attributes of the same name. Nodes are matched by their id property (`authorId`, `paperId`,
 * `referenceId`, present after `neo4j import`, neo4j-admin or `neo4j push`), else by `key` (push).
 * Returns how many values were set per property.
 */
export async function pullNodeProperties(
  store: Neo4jStore,
  graph: AnalysedGraph,
  properties: readonly string[] = DEFAULT_PULL_PROPERTIES,
): Promise<Record<string, number>> {
  const rows = await store.query(
    'MATCH (n) WHERE n:Author OR n:Paper OR n:Reference ' +
      'RETURN CASE WHEN n:Author THEN n.authorId END AS authorId, ' +
      'CASE WHEN n:Paper THEN n.paperId END AS paperId, ' +
      'CASE WHEN n:Reference THEN n.referenceId END AS referenceId, ' +
      'n.key AS key, [name IN $names | n[name]] AS values',
    { names: [...properties] },
  );
  const set: Record<string, number> = Object.fromEntries(properties.map((name) => [name, 0]));
  for (const row of rows) {
    const candidates = [
      typeof row.authorId === 'string' ? nodeKey.author(row.authorId) : undefined,
      typeof row.paperId === 'string' ? nodeKey.paper(row.paperId) : undefined,
      typeof row.referenceId === 'string' ? nodeKey.reference(row.referenceId) : undefined,
      typeof row.key === 'string' ? row.key : undefined,
    ];
    const key = candidates.find((candidate) => candidate !== undefined && graph.hasNode(candidate));
    if (!key || !Array.isArray(row.values)) continue;
    setPulledValues(graph, key, properties, row.values, set);
  }
  return set;
}
