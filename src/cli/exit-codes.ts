/**
 * Exit codes scripts can rely on (documented in README.md).
 * 0 everything read; 1 a failure (I/O, database, bug); 2 usage error;
 * 3 finished, but some input was skipped or repaired (diagnostics of severity 'error' or 'warning').
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  partialInput: 3,
} as const;
