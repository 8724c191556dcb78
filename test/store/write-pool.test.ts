import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchBounds, WritePool } from '../../src/store/write-pool.ts';

/** A task that finishes when its `finish` is called. */
function pending(): { promise: Promise<void>; finish: () => void; fail: (error: unknown) => void } {
  let finish = () => {};
  let fail: (error: unknown) => void = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

describe('WritePool', () => {
  it('runs at most `concurrency` tasks at once and starts the next as soon as any slot frees', async () => {
    const pool = new WritePool(2);
    const tasks = [pending(), pending(), pending()];
    const started: number[] = [];
    await pool.submit(async () => {
      started.push(0);
      await tasks[0]!.promise;
    });
    await pool.submit(async () => {
      started.push(1);
      await tasks[1]!.promise;
    });
    expect(started).toEqual([0, 1]);
    const third = pool.submit(async () => {
      started.push(2);
      await tasks[2]!.promise;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    tasks[1]!.finish();
    await third;
    expect(started).toEqual([0, 1, 2]);
    tasks[0]!.finish();
    tasks[2]!.finish();
    await pool.drain();
  });

  it('after a failure starts nothing more, waits for the running tasks and throws the first failure', async () => {
    const pool = new WritePool(2);
    const failing = pending();
    const slow = pending();
    let slowDone = false;
    await pool.submit(() => failing.promise);
    await pool.submit(async () => {
      await slow.promise;
      slowDone = true;
    });
    const refused = new Error('deadlock lost for good');
    failing.fail(refused);
    let ran = false;
    const next = pool.submit(async () => {
      ran = true;
    });
    slow.finish();
    await expect(next).rejects.toBe(refused);
    expect(slowDone).toBe(true);
    expect(ran).toBe(false);
    await expect(pool.drain()).rejects.toBe(refused);
  });

  it('drain waits for every task, including those started by others while it waits', async () => {
    const pool = new WritePool(3);
    const done: number[] = [];
    for (const delay of [5, 1, 3]) {
      await pool.submit(async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        done.push(delay);
      });
    }
    await pool.drain();
    expect(done.sort()).toEqual([1, 3, 5]);
  });
});

describe('batchBounds', () => {
  it('splits 16,145 rows into two batches of about 8,000 rather than 10,000 and 6,145', () => {
    expect(batchBounds(16_145, 10_000, 2)).toEqual([
      [0, 8072],
      [8072, 16_145],
    ]);
    expect(batchBounds(10_000, 10_000, 2)).toEqual([
      [0, 5000],
      [5000, 10_000],
    ]);
    expect(batchBounds(1, 10_000, 2)).toEqual([[0, 1]]);
    expect(batchBounds(0, 10_000, 2)).toEqual([]);
  });

  it('covers every row once, in order, in at most batchSize rows a batch, as many batches as slots allow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 10, max: 20_000 }),
        fc.integer({ min: 1, max: 4 }),
        (count, batchSize, concurrency) => {
          const bounds = batchBounds(count, batchSize, concurrency);
          const sizes = bounds.map(([first, end]) => end - first);
          const contiguous = bounds.every(([first], i) => first === (i === 0 ? 0 : bounds[i - 1]![1]));
          expect(contiguous).toBe(true);
          expect(bounds.at(-1)?.[1] ?? 0).toBe(count);
          expect(sizes.every((size) => size > 0 && size <= batchSize)).toBe(true);
          if (sizes.length > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          if (count >= concurrency) expect(bounds.length % concurrency).toBe(0);
          expect(bounds.length).toBeLessThan(Math.ceil(count / batchSize) + concurrency);
        },
      ),
    );
  });
});
