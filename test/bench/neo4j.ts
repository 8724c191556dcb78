/**
 * The in-process Neo4j 5.26 + GDS for the store steps, started the way the tests start it
 * (test/setup/neo4j.ts): test/neo4j/run.sh --watch-stdin in its own process group, ready when it
 * prints its bolt:// URI. Without java or mvn the steps report 'missing'. Always stopped by
 * run.ts (and it stops by itself if the harness dies, as it watches its stdin).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Neo4jServer } from './types.ts';

const LAUNCHER = resolve('test/neo4j/run.sh');
const PASSWORD = 'citegraph-bench';
/** The first start builds the launcher with Maven and may download Neo4j into ~/.m2. */
const START_TIMEOUT_MS = 10 * 60_000;

export interface BenchNeo4j {
  server: Neo4jServer;
  stop(): Promise<void>;
}

function missingTool(): string | undefined {
  for (const tool of ['java', 'mvn']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error) return `${tool} is not installed`;
  }
  return undefined;
}

export async function startNeo4j(log: (message: string) => void): Promise<BenchNeo4j> {
  if (process.env.NEO4J_URI) {
    // A server of the user's: used as it is, never stopped, never cleared beyond the bench's labels.
    return {
      server: {
        uri: process.env.NEO4J_URI,
        user: process.env.NEO4J_USER || 'neo4j',
        password: process.env.NEO4J_PASSWORD ?? '',
      },
      stop: async () => undefined,
    };
  }
  const missing = missingTool();
  if (missing) return { server: { missing }, stop: async () => undefined };
  log('starting Neo4j (test/neo4j/run.sh)');
  const started = performance.now();
  const child: ChildProcess = spawn('bash', [LAUNCHER, '--watch-stdin'], {
    env: { ...process.env, NEO4J_PASSWORD: PASSWORD },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const uri = await new Promise<string | undefined>((done) => {
    let stdout = '';
    const timer = setTimeout(() => done(undefined), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /^(bolt:\/\/\S+)$/m.exec(stdout)?.[1];
      if (found) {
        clearTimeout(timer);
        done(found);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      done(undefined);
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    // The whole process group: run.sh may still be building with mvn.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 30_000);
    await exited;
    clearTimeout(timer);
    log('stopped Neo4j');
  };
  if (!uri) {
    await stop();
    const tail = stderr.trim().split('\n').slice(-3).join(' | ');
    return { server: { missing: `Neo4j did not start: ${tail || 'no output'}` }, stop: async () => undefined };
  }
  log(`Neo4j ready at ${uri} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { server: { uri, user: 'neo4j', password: PASSWORD }, stop };
}
