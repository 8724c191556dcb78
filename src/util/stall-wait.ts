/**
 * Waiting on worker threads from a thread that must stay synchronous (Atomics.wait). Such a
 * thread never hears of a worker that died outright (out of memory, killed): no message or event
 * reaches it while it is blocked. So it wakes every few milliseconds to look for progress, and a
 * run of no progress long enough counts as the workers being gone.
 */

/**
 * How long without progress means the workers are gone: a chunk of work takes well under a
 * second, so this is far beyond a slow machine and still ends a hang.
 */
export const STALL_MS = 60_000;
/** How often a blocked thread wakes to look for progress. */
const POLL_MS = 10;

/**
 * Blocks while `busy()` holds, waking on `control[word]` (or every POLL_MS). Returns true when
 * `busy()` ends, false when `progress()` has not changed for `stallMs`.
 */
export function waitWhileProgressing(
  control: Int32Array,
  word: number,
  busy: () => boolean,
  progress: () => number,
  stallMs: number,
): boolean {
  let seen = progress();
  let since = Date.now();
  while (busy()) {
    Atomics.wait(control, word, Atomics.load(control, word), POLL_MS);
    const now = progress();
    if (now !== seen) {
      seen = now;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return false;
  }
  return true;
}
