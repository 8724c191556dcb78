/**
 * An output folder written as a whole: the new one is built beside it under a temporary name and
 * takes its place only when complete, so the old one stays intact until then, an interrupted run
 * leaves it as it was, and no file of an older run is left among the new ones.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { assertMayCommit, trackTemporary } from '../util/temp-paths-node.ts';
import { EXIT } from './exit-codes.ts';
import { OutputRefusedError } from './output-guard.ts';

/** The temporary names of a folder being built (`.NAME.citegraph-PID-N.tmp`) or replaced (`….old`). */
function temporaryPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.citegraph-(\\d+)-\\d+\\.(?:tmp|old)$`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for names a command writes into its folder, and the temporary names of its writers. */
function isOwnName(name: string, known: readonly string[]): boolean {
  return known.includes(name) || /\.\d+\.\d+\.tmp$/.test(name) || /\.\d+(?:\.write)?\.tmp$/.test(name);
}

/**
 * Refuses, before any work, to replace a folder that holds anything the command does not write
 * itself: replacing the folder would delete it.
 */
export function refuseForeignFolder(folder: string, known: readonly string[], option = '-o'): void {
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return;
  const foreign = readdirSync(folder).filter((name) => !isOwnName(name, known));
  if (foreign.length > 0)
    throw new OutputRefusedError(
      `${option} ${folder} holds files citegraph does not write there (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}), and the output folder is replaced as a whole: choose a new or empty folder`,
      EXIT.usage,
    );
}

/**
 * Cleans up after interrupted runs into `target` (their process has ended): folders they were
 * building are removed; a folder they had moved aside and not yet replaced is put back.
 */
async function sweepLeftovers(target: string): Promise<void> {
  const pattern = temporaryPattern(basename(target));
  for (const name of await readdir(dirname(target)).catch(() => [] as string[])) {
    const match = pattern.exec(name);
    if (!match || alive(Number(match[1]))) continue;
    const path = join(dirname(target), name);
    if (name.endsWith('.old') && !existsSync(target)) await rename(path, target);
    else await rm(path, { recursive: true, force: true });
  }
}

let sequence = 0;

/**
 * Runs `build` on a fresh folder beside `target`, then puts that folder in place of `target`.
 * On failure, or when the process is interrupted, the fresh folder is removed and `target` is
 * left as it was.
 */
export async function replaceFolder<T>(target: string, build: (folder: string) => Promise<T>): Promise<T> {
  const absolute = resolve(target);
  const parent = dirname(absolute);
  await mkdir(parent, { recursive: true });
  await sweepLeftovers(absolute);
  const stem = join(parent, `.${basename(absolute)}.citegraph-${process.pid}-${sequence++}`);
  const fresh = `${stem}.tmp`;
  const old = `${stem}.old`;
  const forgetFresh = trackTemporary(fresh);
  let result: T;
  try {
    await mkdir(fresh);
    result = await build(fresh);
    assertMayCommit();
    // Synchronous, so that no signal handler runs between the two renames.
    const existed = existsSync(absolute);
    if (existed) renameSync(absolute, old);
    renameSync(fresh, absolute);
    forgetFresh();
    if (existed) {
      const forgetOld = trackTemporary(old);
      await rm(old, { recursive: true, force: true });
      forgetOld();
    }
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    forgetFresh();
    throw error;
  }
  return result;
}
