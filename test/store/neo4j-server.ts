/**
 * For Neo4j tests: waits for the server started by test/setup/neo4j.ts and returns its connection,
 * or the reason to skip.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { Neo4jConnection } from '../../src/store/neo4j-store.ts';
import type { Neo4jTestState } from '../setup/neo4j.ts';

const START_TIMEOUT_MS = 5 * 60_000;

export async function neo4jForTests(): Promise<{ connection?: Neo4jConnection; skip?: string }> {
  const file = inject('neo4jStateFile');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    let state: Neo4jTestState | undefined;
    try {
      state = JSON.parse(readFileSync(file, 'utf8')) as Neo4jTestState;
    } catch {
      state = undefined;
    }
    if (state?.error) throw new Error(state.error);
    if (state?.skip) return { skip: state.skip };
    if (state?.uri)
      return { connection: { uri: state.uri, user: state.user ?? 'neo4j', password: state.password ?? '' } };
    await sleep(500);
  }
  throw new Error(`Neo4j did not start within ${START_TIMEOUT_MS / 1000}s`);
}
