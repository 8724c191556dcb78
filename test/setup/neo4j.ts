/**
 * vitest globalSetup: a real Neo4j (with GDS) for the Neo4j store tests, started once per run.
 *
 * - NEO4J_URI set: that server is used (NEO4J_USER / NEO4J_PASSWORD), nothing is started.
 * - Otherwise the launcher (test/neo4j/run.sh, neo4j-harness in a JVM) is started only when the run
 *   includes a test file matching test/store/*neo4j*.test.ts, and in the background: setup returns at
 *   once, other test files run meanwhile, and the Neo4j tests wait for it (test/store/neo4j-server.ts).
 *   It is stopped at teardown (and stops by itself if this process dies: it watches its stdin).
 * - java or mvn missing: the Neo4j tests are skipped with that reason, except with CI=true, where the
 *   run fails.
 *
 * The state (URI and credentials, a skip reason or a start error) is written as JSON to a file whose
 * path is provided to tests as `neo4jStateFile`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export interface Neo4jTestState {
  uri?: string;
  user?: string;
  password?: string;
  /** Why the Neo4j tests are skipped. */
  skip?: string;
  /** Why the server could not be started (the tests fail with it). */
  error?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jStateFile: string;
  }
}

const LAUNCHER = resolve(import.meta.dirname, '../neo4j/run.sh');
const TEST_PASSWORD = 'citegraph-test';
const NEO4J_TEST_FILE = /test\/store\/[^/]*neo4j[^/]*\.test\.ts$/;

/** The first of java and mvn (needed by the launcher) that is not installed, if any. */
export function missingLauncherTool(): string | undefined {
  for (const tool of ['java', 'mvn']) {
    const probe = spawnSync(tool, ['-version'], { stdio: 'ignore' });
    if (probe.error) return tool;
  }
  return undefined;
}

export interface Neo4jLaunch {
  /** The last `count` lines the launcher wrote to stderr, joined by ' | '. */
  stderrTail(count: number): string;
  /**
   * Stops the launcher's whole process group (run.sh may still be building with mvn): SIGTERM, then
   * SIGKILL after 30 s; resolves once it has exited. False when it was not running.
   */
  stop(): Promise<boolean>;
}

/**
 * Starts test/neo4j/run.sh --watch-stdin in its own process group with `password`. `ready` gets the
 * bolt:// URI once the server prints it; `exitedEarly` gets the exit code or signal if the launcher
 * exits before that.
 */
export function launchNeo4j(
  password: string,
  on: { ready(uri: string): void; exitedEarly(reason: string): void },
): Neo4jLaunch {
  const child: ChildProcess = spawn('bash', [LAUNCHER, '--watch-stdin'], {
    env: { ...process.env, NEO4J_PASSWORD: password },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let ready = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const uri = /^(bolt:\/\/\S+)$/m.exec(stdout)?.[1];
    if (uri && !ready) {
      ready = true;
      on.ready(uri);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolveExit) => {
    child.on('exit', (code, signal) => {
      if (!ready) on.exitedEarly(signal ?? `code ${code}`);
      resolveExit();
    });
  });
  return {
    stderrTail: (count) => stderr.trim().split('\n').slice(-count).join(' | '),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return false;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
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
      return true;
    },
  };
}

async function neo4jTestsSelected(project: TestProject): Promise<boolean> {
  // vitest keeps the command-line file filters here (not part of its typed API).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? [];
  const specifications = await project.vitest.globTestSpecifications(filters);
  return specifications.some((spec) => NEO4J_TEST_FILE.test(spec.moduleId.replaceAll('\\', '/')));
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'citegraph-neo4j-test-'));
  const stateFile = join(dir, 'state.json');
  const write = (state: Neo4jTestState) => writeFileSync(stateFile, JSON.stringify(state));
  project.provide('neo4jStateFile', stateFile);
  const cleanup = async () => rmSync(dir, { recursive: true, force: true });

  if (process.env.NEO4J_URI) {
    write({
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER || 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
    });
    return cleanup;
  }
  if (!(await neo4jTestsSelected(project))) {
    write({ skip: 'no Neo4j test selected' });
    return cleanup;
  }
  const tool = missingLauncherTool();
  const missing = tool && `${tool} is not installed (needed to start Neo4j for the store tests)`;
  if (missing) {
    if (process.env.CI === 'true')
      throw new Error(`${missing}; CI=true, so the Neo4j tests cannot be skipped`);
    write({ skip: missing });
    return cleanup;
  }

  const launch = launchNeo4j(TEST_PASSWORD, {
    ready: (uri) => write({ uri, user: 'neo4j', password: TEST_PASSWORD }),
    exitedEarly: (reason) =>
      write({ error: `Neo4j launcher exited (${reason}) before it was ready: ${launch.stderrTail(5)}` }),
  });

  return async () => {
    await launch.stop();
    await cleanup();
  };
}
