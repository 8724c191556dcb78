/**
 * Exit codes scripts can rely on (documented in README.md).
 * 0 everything read; 1 a failure (I/O, database, bug); 2 usage error;
 * 3 finished, but some input was skipped or repaired (diagnostics of severity 'error' or 'warning');
 * `analyze` with no paper read at all also exits 3, having written nothing.
 * 128 + n: ended by signal n (src/util/temp-paths-node.ts, src/cli/citegraph.mjs).
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  partialInput: 3,
} as const;
