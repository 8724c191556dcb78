import type { ManagedTransaction, Session } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { retryingLostDeadlocks } from '../../src/store/neo4j-store.ts';

const deadlock = { code: 'Neo.TransientError.Transaction.DeadlockDetected', message: 'deadlock' };

/**
 * A session whose executeWrite runs the work once and gives back what it throws, as the driver does
 * with an error it does not retry; `calls` counts the transactions it ran.
 */
function session(): Pick<Session, 'executeWrite'> & { calls: number } {
  const fake = {
    calls: 0,
    executeWrite: async <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
      fake.calls++;
      return work({} as ManagedTransaction);
    },
  };
  return fake as Pick<Session, 'executeWrite'> & { calls: number };
}

describe('retryingLostDeadlocks', () => {
  it('runs a transaction that lost a deadlock again at once, and returns what the next run returns', async () => {
    const fake = session();
    let runs = 0;
    const result = await retryingLostDeadlocks(fake, async () => {
      runs++;
      if (runs <= 2) throw deadlock;
      return 'committed';
    });
    expect(result).toBe('committed');
    expect(runs).toBe(3);
    expect(fake.calls).toBe(3);
  });

  it('after three lost deadlocks hands the fourth to the driver as it came', async () => {
    const fake = session();
    let runs = 0;
    const error = await retryingLostDeadlocks(fake, async () => {
      runs++;
      throw deadlock;
    }).catch((e: unknown) => e);
    expect(error).toBe(deadlock);
    expect(runs).toBe(4);
  });

  it('gives any other error back at once', async () => {
    const fake = session();
    const syntax = { code: 'Neo.ClientError.Statement.SyntaxError', message: 'bad' };
    const error = await retryingLostDeadlocks(fake, async () => {
      throw syntax;
    }).catch((e: unknown) => e);
    expect(error).toBe(syntax);
    expect(fake.calls).toBe(1);
  });
});
