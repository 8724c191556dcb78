import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertMayCommit, trackTemporary } from '../util/temp-paths-node.ts';

/**
 * Writes a file atomically: to a temporary name in the same folder, then renamed, so nothing is
 * half-written; the temporary file is removed on every way out.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const forget = trackTemporary(temporary);
  try {
    await writeFile(temporary, content);
    assertMayCommit();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    forget();
  }
}

/**
 * The graph file a path stands for: a file is itself; a folder is its graph.json, or its
 * overview.json when only that exists (an analysis over --graph-limit writes no graph.json).
 */
export function graphFileIn(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  return (
    [join(path, 'graph.json'), join(path, 'overview.json')].find((file) => existsSync(file)) ??
    join(path, 'graph.json')
  );
}
