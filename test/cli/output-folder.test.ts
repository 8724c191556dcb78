/**
 * replaceFolder: the new folder takes the old one's place only when complete, and what a killed
 * run left beside the target (its process gone) is cleaned up by the next run.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceFolder } from '../../src/cli/output-folder.ts';

/** A process id no process has (above Linux's pid_max). */
const GONE = 4_194_399;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'citegraph-output-folder-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replaceFolder', () => {
  it('keeps the old folder whole when the build fails, and leaves nothing beside it', async () => {
    const target = join(dir, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'report.json'), 'old');
    await expect(
      replaceFolder(target, async (folder) => {
        writeFileSync(join(folder, 'report.json'), 'new, half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(join(target, 'report.json'), 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out']);
    await replaceFolder(target, async (folder) => writeFileSync(join(folder, 'graph.json'), 'new'));
    expect(readdirSync(target)).toEqual(['graph.json']);
  });

  it('removes a killed run’s half-built folder and puts back a folder it had moved aside', async () => {
    const target = join(dir, 'moved');
    mkdirSync(join(dir, `.moved.citegraph-${GONE}-0.old`));
    writeFileSync(join(dir, `.moved.citegraph-${GONE}-0.old`, 'report.json'), 'before the kill');
    mkdirSync(join(dir, `.moved.citegraph-${GONE}-1.tmp`));
    // A run still alive (this process) is left alone.
    mkdirSync(join(dir, `.moved.citegraph-${process.pid}-9.tmp`));
    let seen: string[] = [];
    await replaceFolder(target, async () => {
      seen = readdirSync(dir).sort();
    });
    expect(seen).toContain('moved');
    expect(seen).not.toContain(`.moved.citegraph-${GONE}-1.tmp`);
    expect(seen).toContain(`.moved.citegraph-${process.pid}-9.tmp`);
    expect(existsSync(join(dir, `.moved.citegraph-${GONE}-0.old`))).toBe(false);
  });
});
