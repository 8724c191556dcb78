/**
 * Temporary files and folders that must not outlive the process: every path registered here is
 * removed when the process exits, normally or on SIGINT, SIGTERM or SIGHUP (which then end it with
 * 128 + the signal's number, as a shell reports a killed command).
 *
 * Also the commit rule of the restarted CLI (src/cli/citegraph.mjs): a child whose parent has gone
 * (killed with SIGKILL, which no handler sees) writes nothing more; `mayCommit` tells a writer
 * whether it may still rename its work into place.
 *
 * Node-only.
 */
import { rmSync } from 'node:fs';
import { constants } from 'node:os';

const temporaries = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeAll(): void {
  for (const path of temporaries) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Exiting anyway: a path that cannot be removed now stays for the next run's sweep.
    }
  }
  temporaries.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  process.exit(128 + (constants.signals[signal] ?? 0));
}

function install(): void {
  process.on('exit', removeAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', removeAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Registers a temporary path; the function returned forgets it (after a rename or a removal). */
export function trackTemporary(path: string): () => void {
  if (temporaries.size === 0) install();
  temporaries.add(path);
  return () => {
    if (temporaries.delete(path) && temporaries.size === 0) uninstall();
  };
}

/** The parent process of the restarted CLI, as it was when this process started. */
const startParent = process.env.CITEGRAPH_RESTARTED ? process.ppid : undefined;

/**
 * False in the restarted CLI once its parent has gone (the child is re-parented, or the IPC
 * channel to the parent is closed): nothing more may be renamed into place.
 */
function mayCommit(): boolean {
  if (startParent === undefined) return true;
  return process.ppid === startParent && process.connected !== false;
}

/** The error a writer throws instead of renaming its work into place once the parent has gone. */
class ParentGoneError extends Error {
  constructor() {
    super('the citegraph command that started this process has ended: nothing written');
    this.name = 'ParentGoneError';
  }
}

/** Throws ParentGoneError when `mayCommit` is false. */
export function assertMayCommit(): void {
  if (!mayCommit()) throw new ParentGoneError();
}
