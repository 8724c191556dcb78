/**
 * Node-only file writing for the exports: a file is written to a temporary name in its folder
 * and renamed when complete, so a crash or a full disk never leaves a half-written export.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { assertMayCommit, trackTemporary } from '../util/temp-paths-node.ts';

/** A file's destination: text (written as UTF-8) or bytes, in order. */
export type FileSink = (chunk: string | Uint8Array) => Promise<void>;

/** Runs `write` with a sink into a temporary file, then renames it to `path`. */
export async function writeFileStreamAtomic(
  path: string,
  write: (sink: FileSink) => Promise<unknown>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const forget = trackTemporary(temporary);
  // A few MB of buffer lets the next chunks be made while the disk write of the last runs.
  const stream = createWriteStream(temporary, { encoding: 'utf8', highWaterMark: 4 * 1024 * 1024 });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  try {
    await write(async (chunk) => {
      // Back-pressure: wait for the buffer to drain before producing more.
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    });
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
    assertMayCommit();
    await rename(temporary, path);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  } finally {
    forget();
  }
}
