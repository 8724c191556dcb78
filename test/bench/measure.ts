/**
 * Runs a command (the real CLI, which restarts itself once with a larger heap) and measures its
 * wall time and the peak memory of its whole process tree.
 *
 * Peak RSS is the sum of each process's own peak (VmHWM, read from /proc every SAMPLE_MS while
 * it runs): the CLI's launcher waits, small, while its child does the work, so the sum is the
 * child's peak plus the launcher's. The largest process's peak is taken from getrusage through
 * /usr/bin/time when it exists, so growth after the last sample still counts; so is the CPU time
 * of the whole tree, which another job on a shared machine changes less than the wall time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE_MS = 100;
const TIME = '/usr/bin/time';

export interface MeasuredRun {
  status: number | null;
  seconds: number;
  peakRssBytes: number;
  /** How many processes the tree had, the measuring /usr/bin/time left out. */
  processes: number;
  /** User + system CPU seconds of the tree (from /usr/bin/time; undefined without it). */
  cpuSeconds?: number;
  /** 'getrusage + /proc' or '/proc samples' */
  method: string;
  stderr: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The pid and every descendant, through /proc/<pid>/task/<tid>/children. */
function processTree(root: number): number[] {
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    found.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      const children = readText(`/proc/${pid}/task/${task}/children`)?.trim();
      if (children) for (const child of children.split(/\s+/)) queue.push(Number(child));
    }
  }
  return found;
}

/** VmHWM of a process in bytes (0 once it is gone). */
function highWaterMark(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readText(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) * 1024 : 0;
}

export function runMeasured(
  command: string,
  args: string[],
  options: { scratchDir: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<MeasuredRun> {
  const withTime = existsSync(TIME);
  const rusageFile = join(options.scratchDir, 'time-maxrss.txt');
  const started = performance.now();
  const child = withTime
    ? spawn(TIME, ['-f', '%M %U %S', '-o', rusageFile, command, ...args], {
        env: options.env,
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(command, args, { env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
  const peaks = new Map<number, number>();
  const sample = () => {
    if (child.pid === undefined) return;
    for (const pid of processTree(child.pid)) {
      if (withTime && pid === child.pid) continue;
      const mark = highWaterMark(pid);
      if (mark > (peaks.get(pid) ?? 0)) peaks.set(pid, mark);
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    // The tail is enough to say why a run failed.
    stderr = (stderr + chunk).slice(-20_000);
  });
  const killer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      const sampled = [...peaks.values()].sort((a, b) => b - a);
      let largest = sampled[0] ?? 0;
      let method = '/proc samples';
      let cpuSeconds: number | undefined;
      if (withTime) {
        const text = readText(rusageFile) ?? '';
        // /usr/bin/time puts its own notes ('Command exited with non-zero status 3') above its line.
        const [kib, user, system] = (text.trim().split('\n').pop() ?? '').split(' ').map(Number);
        if (kib !== undefined && Number.isFinite(kib) && kib > 0) {
          largest = Math.max(largest, kib * 1024);
          method = 'getrusage + /proc';
        }
        if (user !== undefined && system !== undefined && Number.isFinite(user + system))
          cpuSeconds = user + system;
        rmSync(rusageFile, { force: true });
      }
      const others = sampled.slice(1).reduce((sum, bytes) => sum + bytes, 0);
      resolve({
        status,
        seconds,
        peakRssBytes: largest + others,
        processes: Math.max(peaks.size, 1),
        cpuSeconds,
        method,
        stderr,
      });
    });
  });
}

/**
 * 'cpu 0.21 s': the CPU time this process spent since `since` (process.cpuUsage()), for a step's
 * note. On a shared machine it changes less than the wall time.
 */
export function cpuNote(since: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(since);
  return `cpu ${((used.user + used.system) / 1e6).toFixed(2)} s`;
}
