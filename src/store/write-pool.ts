/**
 * Write transactions kept in flight a few at a time across all the tables of a load (`neo4j push`,
 * `neo4j import`): a new batch starts as soon as any slot frees, whatever table it belongs to, so a
 * small table never leaves a slot idle while the next table waits for it to finish.
 */
/**
 * Write transactions in flight at once, nodes and relationships alike. Node batches hold distinct
 * keys, so they never wait on each other's locks. The server locks a new relationship's ends only
 * while its transaction commits, so batches are matched and built while another commits; a batch
 * that loses a deadlock is run again (retryingLostDeadlocks in neo4j-store.ts). On the 2-core test
 * machine three in flight push a 10k-paper graph about a tenth faster than two: one is packed by
 * the client while the server works on the other two.
 */
export const WRITE_CONCURRENCY = 3;

export class WritePool {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly concurrency: number) {}

  /**
   * Waits for a free slot, then starts `task` without waiting for it. Once a task has failed it
   * starts nothing more: it waits for the tasks still running and throws the first failure.
   */
  async submit(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.concurrency && !this.failure) await Promise.race(this.running);
    if (this.failure) return this.drain();
    const run: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Waits for every task started so far; throws the first failure. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }
}

/**
 * The `[first, end)` row ranges of a table's batches: at most `batchSize` rows each, as even as can
 * be, and as many as a multiple of `concurrency` (fewer only when there are fewer rows), so the slots
 * of a pool get equal shares of a table rather than one full batch and one remainder.
 */
export function batchBounds(count: number, batchSize: number, concurrency: number): [number, number][] {
  const needed = Math.ceil(count / batchSize);
  const batches = Math.min(count, Math.ceil(needed / concurrency) * concurrency);
  return Array.from({ length: batches }, (_, i): [number, number] => [
    Math.floor((i * count) / batches),
    Math.floor(((i + 1) * count) / batches),
  ]);
}
