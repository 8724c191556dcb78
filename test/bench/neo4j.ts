/**
 * The in-process Neo4j 5.26 + GDS for the store steps, started by the tests' launcher
 * (`launchNeo4j` in test/setup/neo4j.ts): test/neo4j/run.sh --watch-stdin in its own process group,
 * ready when it prints its bolt:// URI. Without java or mvn the steps report 'missing'. Always stopped by
 * run.ts (and it stops by itself if the harness dies, as it watches its stdin).
 */
import { launchNeo4j, missingLauncherTool } from '../setup/neo4j.ts';
import type { Neo4jServer } from './types.ts';

const PASSWORD = 'citegraph-bench';
/** The first start builds the launcher with Maven and may download Neo4j into ~/.m2. */
const START_TIMEOUT_MS = 10 * 60_000;

export interface BenchNeo4j {
  server: Neo4jServer;
  stop(): Promise<void>;
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
  const tool = missingLauncherTool();
  if (tool) return { server: { missing: `${tool} is not installed` }, stop: async () => undefined };
  log('starting Neo4j (test/neo4j/run.sh)');
  const started = performance.now();
  let settle: (uri: string | undefined) => void = () => undefined;
  const ready = new Promise<string | undefined>((done) => {
    settle = done;
  });
  const timer = setTimeout(() => settle(undefined), START_TIMEOUT_MS);
  const launch = launchNeo4j(PASSWORD, { ready: settle, exitedEarly: () => settle(undefined) });
  const uri = await ready;
  clearTimeout(timer);
  const stop = async (): Promise<void> => {
    if (await launch.stop()) log('stopped Neo4j');
  };
  if (!uri) {
    await stop();
    const tail = launch.stderrTail(3);
    return {
      server: { missing: `Neo4j did not start: ${tail || 'no output'}` },
      stop: async () => undefined,
    };
  }
  log(`Neo4j ready at ${uri} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { server: { uri, user: 'neo4j', password: PASSWORD }, stop };
}
