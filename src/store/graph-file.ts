/**
 * Reading graph.json (graphology's graph.export()) for the stores, with its checksum (the key of the
 * embedded database cache), and the cached Kùzu database built from it.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { AnalysedGraph } from '../graph/readable.ts';
import { notRegularFile } from '../ingest/input-file-node.ts';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';
import { trackTemporary } from '../util/temp-paths-node.ts';
import type { LoadProgress, StoreCounts } from './graph-store.ts';
import { KuzuStore } from './kuzu-store.ts';

/** A graph file that is missing or unreadable; `missing` tells the two apart. */
export class GraphFileError extends Error {
  constructor(
    message: string,
    readonly missing: boolean,
  ) {
    super(message);
    this.name = 'GraphFileError';
  }
}

interface GraphFile {
  graph: AnalysedGraph;
  /** SHA-256 of the file's bytes, hex. */
  checksum: string;
}

export async function readGraphJson(path: string): Promise<GraphFile> {
  let bytes: Buffer;
  try {
    const refused = notRegularFile(await stat(path));
    if (refused) throw new GraphFileError(`${path}: ${refused}`, false);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof GraphFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new GraphFileError(`${path}: no such file (run citegraph analyze first)`, true);
    throw new GraphFileError(`${path}: cannot read (${code ?? String(error)})`, false);
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new GraphFileError(`${path}: not valid JSON (${(error as Error).message})`, false);
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { nodes?: unknown }).nodes)) {
    throw new GraphFileError(`${path}: not a graph.json (graphology export with a "nodes" array)`, false);
  }
  const serialized = data as SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  try {
    graph.import(serialized);
  } catch (error) {
    throw new GraphFileError(`${path}: not a valid graph (${(error as Error).message})`, false);
  }
  return { graph, checksum: createHash('sha256').update(bytes).digest('hex') };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** What a cached database was built from and held then: a cache that no longer holds it is rebuilt. */
interface CacheStamp {
  sha256: string;
  counts: StoreCounts;
}

async function readStamp(path: string): Promise<CacheStamp | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CacheStamp;
  } catch {
    return undefined;
  }
}

/** True when the database at `path` opens and holds what its stamp says. */
async function matchesStamp(path: string, stamp: CacheStamp | undefined, checksum: string): Promise<boolean> {
  if (!stamp || stamp.sha256 !== checksum || !(await exists(path))) return false;
  let store: KuzuStore | undefined;
  try {
    store = new KuzuStore(path, { readOnly: true });
    return JSON.stringify(await store.counts()) === JSON.stringify(stamp.counts);
  } catch {
    return false;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/** A writable copy of a cached database, deleted when closed: what `query --write` changes. */
class ThrowawayKuzuStore extends KuzuStore {
  private readonly forget: () => void;

  constructor(private readonly path: string) {
    super(path);
    this.forget = trackTemporary(path);
  }

  override async close(): Promise<void> {
    await super.close();
    await removeDatabase(this.path);
    this.forget();
  }
}

/** Removes a Kùzu database: its file and the files beside it that share its name (.wal, .shadow). */
async function removeDatabase(path: string): Promise<void> {
  const folder = dirname(path);
  const name = basename(path);
  for (const file of await readdir(folder).catch(() => [] as string[]))
    if (file === name || file.startsWith(`${name}.`))
      await rm(join(folder, file), { recursive: true, force: true });
}

/**
 * The embedded database for a graph file, built on first use and kept next to it as
 * `.citegraph-kuzu/<name>-<checksum>.kuzu` (older builds of the same file are removed), with a
 * stamp of the checksum and the counts it held when built: a database that does not match its
 * graph.json (another file, or changed since) is rebuilt. It opens read-only; `write` gives a
 * throwaway copy instead, so what a query changes never outlives the query.
 */
export async function openCachedKuzu(
  graphPath: string,
  onProgress?: LoadProgress,
  options: { write?: boolean } = {},
): Promise<KuzuStore> {
  const { graph, checksum } = await readGraphJson(graphPath);
  const cacheDir = join(dirname(graphPath), '.citegraph-kuzu');
  const name = basename(graphPath).replace(/\.json$/, '');
  const cached = join(cacheDir, `${name}-${checksum.slice(0, 16)}.kuzu`);
  const stampPath = `${cached}.stamp.json`;
  if (!(await matchesStamp(cached, await readStamp(stampPath), checksum))) {
    await mkdir(cacheDir, { recursive: true });
    for (const file of await readdir(cacheDir)) {
      if (file.startsWith(`${name}-`)) await rm(join(cacheDir, file), { recursive: true, force: true });
    }
    const temporary = `${cached}.${process.pid}.tmp`;
    const forget = trackTemporary(temporary);
    const building = new KuzuStore(temporary);
    let counts: StoreCounts;
    try {
      await building.load(graph, onProgress);
      counts = await building.counts();
    } finally {
      await building.close();
    }
    await rename(temporary, cached);
    forget();
    await writeFile(stampPath, JSON.stringify({ sha256: checksum, counts } satisfies CacheStamp));
  }
  if (!options.write) return new KuzuStore(cached, { readOnly: true });
  const copy = `${cached}.${process.pid}.write.tmp`;
  await copyFile(cached, copy);
  return new ThrowawayKuzuStore(copy);
}
