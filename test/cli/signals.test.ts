/**
 * The CLI restarts itself in a child process with a larger heap (src/cli/citegraph.mjs). Killing
 * the visible process stops the child too, and leaves an earlier output folder as it was; a child
 * that dies is reported in one line.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.ts';

const CLI = join(repoRoot, 'src/cli/citegraph.mjs');
let dir: string;
let corpus: string;
let output: string;

/** Environment that makes the CLI restart itself (a heap well above Node's default). */
function restartEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CITEGRAPH_NO_BUNDLE: '1', CITEGRAPH_HEAP_MB: '16000' };
  delete env.CITEGRAPH_RESTARTED;
  return env;
}

function start(...args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env: restartEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null; err: string }> {
  let err = '';
  child.stderr?.on('data', (chunk) => {
    err += String(chunk);
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, err })));
}

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** Every file of a folder (recursively) with its bytes. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(folder.length)] = readFileSync(path).toString('base64');
  }
  return files;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citegraph-signals-'));
  corpus = join(dir, 'corpus.txt');
  output = join(dir, 'out');
  const generate = start('generate', '--papers', '3000', '-o', corpus);
  expect((await exited(generate)).code).toBe(0);
  const first = start('analyze', corpus, '-o', output, '-q', '--no-themes');
  expect((await exited(first)).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('killing citegraph', () => {
  it('kill -9 of the visible process mid-analysis: the child ends, the old folder stays byte for byte', async () => {
    const before = snapshot(output);
    // Kill points drawn at random (seeded): right after the child starts, or later into the analysis.
    const delays = fc.sample(fc.integer({ min: 0, max: 2500 }), { numRuns: 2, seed: 20 });
    for (const delay of delays) {
      const run = start('analyze', corpus, '-o', output, '-q', '--seed', '7');
      const done = exited(run);
      await until(() => childrenOf(run.pid!).length > 0, 'the restarted child');
      const [child] = childrenOf(run.pid!);
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.kill('SIGKILL');
      await done;
      await until(() => !alive(child!), `child ${child} to end after its parent was killed`);
      expect(snapshot(output)).toEqual(before);
      expect(readdirSync(dir).filter((name) => name.includes('citegraph-'))).toEqual([]);
    }
  }, 120_000);

  it('SIGTERM of the visible process ends the child, leaves the folder, exits 143', async () => {
    const before = snapshot(output);
    const run = start('analyze', corpus, '-o', output, '-q', '--seed', '8');
    const done = exited(run);
    await until(() => childrenOf(run.pid!).length > 0, 'the restarted child');
    const [child] = childrenOf(run.pid!);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(143);
    expect(alive(child!)).toBe(false);
    expect(snapshot(output)).toEqual(before);
    expect(readdirSync(dir).filter((name) => name.includes('citegraph-'))).toEqual([]);
  }, 60_000);

  it('a child that dies is reported in one line with its signal and what to try', async () => {
    const run = start('analyze', corpus, '-o', join(dir, 'other'), '-q');
    const done = exited(run);
    await until(() => childrenOf(run.pid!).length > 0, 'the restarted child');
    process.kill(childrenOf(run.pid!)[0]!, 'SIGKILL');
    const result = await done;
    expect(result.code).toBe(137);
    expect(result.err).toMatch(
      /^citegraph: the process doing the work ended on SIGKILL \(out of memory\?\), nothing more written; try CITEGRAPH_HEAP_MB=<MB> \(now 16000\) or node --max-old-space-size=<MB>, or a smaller corpus\n$/,
    );
  }, 60_000);
});

describe('a reader that stops reading', () => {
  it('ends the CLI quietly with 141, as SIGPIPE ends other tools', async () => {
    const run = spawn(process.execPath, [CLI, 'analyze', '--help'], {
      env: { ...process.env, CITEGRAPH_NO_BUNDLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    run.stdout?.destroy();
    const result = await exited(run);
    expect(result.err).toBe('');
    expect(result.code).toBe(141);
  }, 30_000);
});
