/**
 * Named queries: the .cypher files under queries/ (and queries/gds/ for Neo4j Graph Data Science).
 *
 * A file starts with `//` header lines: free text saying what it answers, then
 *   // @param name type [= default] description      (type: string, int or float)
 *   // @engine neo4j                                  (only when the query cannot run on Kùzu)
 * `name.cypher` is the portable text; `name.neo4j.cypher` / `name.kuzu.cypher` replace it on one engine
 * where the dialects differ. A file may hold several statements separated by `;` at the end of a line:
 * they run in order and the rows of the last one are the answer.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  GraphStore,
  QueryAccess,
  QueryParams,
  Row,
  StoreCounts,
  StoreEngine,
  StoreValue,
} from './graph-store.ts';
import type { ParamSpec, ParamType } from './params.ts';

const QUERIES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../queries');
const ENGINES: StoreEngine[] = ['neo4j', 'kuzu'];

interface QueryFile {
  description: string;
  params: ParamSpec[];
  /** Engines the text can run on. */
  engines: StoreEngine[];
  text: string;
}

export interface NamedQuery {
  /** Path below queries/ without extension, e.g. "top-collaborators" or "gds/louvain". */
  name: string;
  description: string;
  params: ParamSpec[];
  /** File per engine that can run it. */
  files: Partial<Record<StoreEngine, string>>;
}

const PARAM_LINE = /^@param\s+([A-Za-z_]\w*)\s+(string|int|float)(?:\s*=\s*("(?:[^"\\]|\\.)*"|\S+))?\s*(.*)$/;

function parseQueryFile(text: string): QueryFile {
  const description: string[] = [];
  const params: ParamSpec[] = [];
  let engines: StoreEngine[] = [...ENGINES];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const content = line.replace(/^\/\/\s?/, '').trim();
    const param = PARAM_LINE.exec(content);
    if (param) {
      const [, name, type, rawDefault, rest] = param;
      const spec: ParamSpec = { name: name!, type: type as ParamType, description: (rest ?? '').trim() };
      if (rawDefault !== undefined) spec.default = parseDefault(rawDefault, spec.type);
      params.push(spec);
    } else if (content.startsWith('@engine')) {
      engines = content
        .slice('@engine'.length)
        .split(/[\s,]+/)
        .filter((e): e is StoreEngine => (ENGINES as string[]).includes(e));
    } else if (content !== '') {
      description.push(content);
    }
  }
  return { description: description.join(' '), params, engines, text };
}

function parseDefault(raw: string, type: ParamType): StoreValue {
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  return type === 'string' ? raw : Number(raw);
}

/** The statements of a query text, comments dropped, split at `;` ending a line. */
function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;[ \t]*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.name.endsWith('.cypher')) files.push(path);
  }
  return files.sort();
}

/** All named queries under `dir`, sorted by name. */
export async function listQueries(dir = QUERIES_DIR): Promise<NamedQuery[]> {
  const byName = new Map<string, NamedQuery>();
  for (const path of await walk(dir)) {
    const rel = relative(dir, path)
      .replaceAll('\\', '/')
      .replace(/\.cypher$/, '');
    const engineSuffix = ENGINES.find((engine) => rel.endsWith(`.${engine}`));
    const name = engineSuffix ? rel.slice(0, -engineSuffix.length - 1) : rel;
    const parsed = parseQueryFile(await readFile(path, 'utf8'));
    let query = byName.get(name);
    if (!query) {
      query = { name, description: parsed.description, params: parsed.params, files: {} };
      byName.set(name, query);
    }
    if (engineSuffix) {
      query.files[engineSuffix] = path;
    } else {
      // The portable file describes the query; engine variants only fill the engines it leaves open.
      query.description = parsed.description;
      query.params = parsed.params;
      for (const engine of parsed.engines) query.files[engine] ??= path;
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A named query, or a .cypher file given by path (then it is its own name). Undefined when neither exists. */
export async function findQuery(nameOrFile: string, dir = QUERIES_DIR): Promise<NamedQuery | undefined> {
  if (nameOrFile.endsWith('.cypher')) {
    let text: string;
    try {
      // Only a regular file: a FIFO or a device would never finish reading.
      if (!(await stat(nameOrFile)).isFile()) return undefined;
      text = await readFile(nameOrFile, 'utf8');
    } catch {
      return undefined;
    }
    const parsed = parseQueryFile(text);
    const files: NamedQuery['files'] = {};
    for (const engine of parsed.engines) files[engine] = nameOrFile;
    return {
      name: basename(nameOrFile, '.cypher'),
      description: parsed.description,
      params: parsed.params,
      files,
    };
  }
  const name = nameOrFile.replace(/\.cypher$/, '');
  return (await listQueries(dir)).find((query) => query.name === name);
}

/**
 * Runs a named query's statements for the store's engine; returns the last statement's rows.
 * `access` 'read' (the default) runs them where they cannot write (see GraphStore.query).
 */
export async function runNamedQuery(
  store: GraphStore,
  query: NamedQuery,
  params: QueryParams,
  access: QueryAccess = 'read',
): Promise<Row[]> {
  const file = query.files[store.engine];
  if (!file) {
    const engines = Object.keys(query.files).join(', ') || 'none';
    throw new Error(`query ${query.name} does not run on ${store.engine} (engines: ${engines})`);
  }
  let rows: Row[] = [];
  for (const statement of splitStatements(await readFile(file, 'utf8')))
    rows = await store.query(statement, params, access);
  return rows;
}

/** What changed between two counts of a database, one `name: before → after` per count that moved. */
export function describeChanges(before: StoreCounts, after: StoreCounts): string[] {
  const lines: string[] = [];
  for (const [kind, what] of [
    ['nodes', 'nodes'],
    ['relationships', 'relationships'],
  ] as const) {
    const names = [...new Set([...Object.keys(before[kind]), ...Object.keys(after[kind])])].sort();
    for (const name of names) {
      const was = before[kind][name] ?? 0;
      const is = after[kind][name] ?? 0;
      if (was !== is) lines.push(`${name} ${what}: ${was} → ${is}`);
    }
  }
  return lines;
}
