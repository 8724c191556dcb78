import { describe, expect, it } from 'vitest';
import { waitWhileProgressing } from '../../src/util/stall-wait.ts';

describe('waitWhileProgressing', () => {
  const control = new Int32Array(new SharedArrayBuffer(4));

  it('returns true as soon as the work is no longer busy', () => {
    let polls = 0;
    expect(
      waitWhileProgressing(
        control,
        0,
        () => ++polls < 3,
        () => 0,
        10_000,
      ),
    ).toBe(true);
    expect(polls).toBe(3);
  });

  it('gives up, returning false, when progress stands still for the stall time', () => {
    const started = Date.now();
    expect(
      waitWhileProgressing(
        control,
        0,
        () => true,
        () => 7,
        100,
      ),
    ).toBe(false);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(5_000);
  });

  it('keeps waiting while progress moves, however long that takes in all', () => {
    let progress = 0;
    const started = Date.now();
    // Progress every poll for 300 ms, four times the stall time, then done.
    const finished = waitWhileProgressing(
      control,
      0,
      () => Date.now() - started < 300,
      () => progress++,
      75,
    );
    expect(finished).toBe(true);
    expect(progress).toBeGreaterThan(3);
  });
});
