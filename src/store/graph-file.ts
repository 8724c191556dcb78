/**
 * Reading graph.json (graphology's graph.export()) for the stores, with its checksum (the key of the
 * embedded database cache), and the cached Kùzu database built from it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { AnalysedGraph } from '../graph/readable.ts';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';
import type { LoadProgress } from './graph-store.ts';
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

export interface GraphFile {
  graph: AnalysedGraph;
  /** SHA-256 of the file's bytes, hex. */
  checksum: string;
}

export async function readGraphJson(path: string): Promise<GraphFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
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

/**
 * The embedded database for a graph file, built on first use and kept next to it as
 * `.citegraph-kuzu/<name>-<checksum>.kuzu` (older builds of the same file are removed).
 */
export async function openCachedKuzu(graphPath: string, onProgress?: LoadProgress): Promise<KuzuStore> {
  const { graph, checksum } = await readGraphJson(graphPath);
  const cacheDir = join(dirname(graphPath), '.citegraph-kuzu');
  const name = basename(graphPath).replace(/\.json$/, '');
  const cached = join(cacheDir, `${name}-${checksum.slice(0, 16)}.kuzu`);
  if (await exists(cached)) return new KuzuStore(cached);

  await mkdir(cacheDir, { recursive: true });
  for (const file of await readdir(cacheDir)) {
    if (file.startsWith(`${name}-`) && file !== basename(cached))
      await rm(join(cacheDir, file), { force: true });
  }
  const temporary = `${cached}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  const building = new KuzuStore(temporary);
  try {
    await building.load(graph, onProgress);
  } finally {
    await building.close();
  }
  await rename(temporary, cached);
  return new KuzuStore(cached);
}
