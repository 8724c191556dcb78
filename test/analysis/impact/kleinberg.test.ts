import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mostCounted } from '../../../src/analysis/impact/bursts.ts';
import { detectBursts } from '../../../src/analysis/impact/kleinberg.ts';

const settings = { stateRatio: 2, gamma: 1, minDuration: 1 };
const tens = [10, 10, 10, 10, 10];

describe("Kleinberg's two-state burst detection", () => {
  it('finds no burst in a flat series', () => {
    // p0 = 10/50 = 0.2, p1 = 0.4; each batch saves 2 ln 2 + 8 ln(0.6/0.8) = -0.915 in the burst state.
    expect(detectBursts([2, 2, 2, 2, 2], tens, settings)).toEqual([]);
    expect(detectBursts([0, 0, 0, 0, 0], tens, settings)).toEqual([]);
  });

  it('finds one burst over a clear spike, with its start, end and strength', () => {
    // p0 = 10/50 = 0.2, p1 = 0.4. A batch with 5 of 10 saves 5 ln(0.4/0.2) + 5 ln(0.6/0.8) =
    // 5 ln 1.5 = 2.027; one with 0 of 10 loses 10 ln(0.8/0.6) = 2.877. Entering costs ln 5 = 1.609,
    // so the burst state holds batches 2 and 3 and saves 10 ln 1.5 = 4.055.
    const bursts = detectBursts([0, 0, 5, 5, 0], tens, settings);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]!.start).toBe(2);
    expect(bursts[0]!.end).toBe(3);
    expect(bursts[0]!.strength).toBeCloseTo(10 * Math.log(1.5), 10);
  });

  it('keeps bursts of at least the minimum duration', () => {
    // p0 = 6/50 = 0.12, p1 = 0.24: batch 2 saves 6 ln 2 + 4 ln(0.76/0.88) = 3.573 > ln 5.
    const spike = [0, 0, 6, 0, 0];
    const [burst] = detectBursts(spike, tens, settings);
    expect(burst).toEqual({
      start: 2,
      end: 2,
      strength: expect.closeTo(6 * Math.log(2) + 4 * Math.log(0.76 / 0.88), 10),
    });
    expect(detectBursts(spike, tens, { ...settings, minDuration: 2 })).toEqual([]);
  });

  it('needs the saving to exceed the cost of entering the burst state', () => {
    // Entering at γ = 3 costs 3 ln 5 = 4.828, more than the 4.055 the spike saves.
    expect(detectBursts([0, 0, 5, 5, 0], tens, { ...settings, gamma: 3 })).toEqual([]);
  });

  it('finds two separate bursts, and none in an empty series', () => {
    const bursts = detectBursts([6, 0, 0, 0, 0, 0, 6], [10, 10, 10, 10, 10, 10, 10], settings);
    expect(bursts.map(({ start, end }) => [start, end])).toEqual([
      [0, 0],
      [6, 6],
    ]);
    expect(detectBursts([], [], settings)).toEqual([]);
  });
});

describe('bursts across years without documents', () => {
  it('begin and end on years with occurrences', () => {
    // p0 = 2/3, p1 ≈ 1 (0.9999): batches 2 and 4 (1 of 1) save ln(0.9999 / (2/3)) = 0.405 each,
    // batch 0 (0 of 1) loses 8.1, the empty batches 1, 3 and 5 save 0. Entering costs 0.4 ln 6 =
    // 0.717 < 0.811: the burst state may span the empty batches 1..5, the burst is 2..4.
    const bursts = detectBursts([0, 0, 1, 0, 1, 0], [1, 0, 1, 0, 1, 0], { ...settings, gamma: 0.4 });
    expect(bursts).toEqual([
      { start: 2, end: 4, strength: expect.closeTo(2 * Math.log(0.9999 / (2 / 3)), 10) },
    ]);
  });
});

describe('the candidates examined for bursts', () => {
  const counts = [5, 1, 3, 3, 3, 2, 0];
  const countOf = (item: number): number => counts[item]!;

  it('are the most counted, ties at the cut taken lowest number first', () => {
    // 5 fits; the three 3s would make 4 > 3, so two of them (items 2 and 3) fill the room.
    expect(mostCounted(counts.length, countOf, 3, 2)).toEqual([0, 2, 3]);
  });

  it('stop at the least count', () => {
    expect(mostCounted(counts.length, countOf, 10, 2)).toEqual([0, 2, 3, 4, 5]);
    expect(mostCounted(counts.length, countOf, 10, 0)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(mostCounted(counts.length, countOf, 0, 2)).toEqual([]);
  });
});

describe('the burst states against every state sequence', () => {
  /** −ln of the binomial likelihood without the coefficient, as the module defines the cost. */
  const cost = (rate: number, r: number, d: number): number =>
    -((r > 0 ? r * Math.log(rate) : 0) + (d - r > 0 ? (d - r) * Math.log(1 - rate) : 0));

  it('are the cheapest of all 2^n sequences, and the strength is the saving over each burst', () => {
    const series = fc
      .array(
        fc.integer({ min: 0, max: 6 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))),
        { minLength: 1, maxLength: 8 },
      )
      .filter((batches) => {
        const r = batches.reduce((sum, [relevant]) => sum + relevant, 0);
        const d = batches.reduce((sum, [, total]) => sum + total, 0);
        return r > 0 && r < d;
      });
    fc.assert(
      fc.property(series, fc.constantFrom(0.3, 0.5, 1), (batches, gamma) => {
        const relevant = batches.map(([r]) => r);
        const totals = batches.map(([, d]) => d);
        const n = batches.length;
        const p0 = relevant.reduce((a, b) => a + b, 0) / totals.reduce((a, b) => a + b, 0);
        const p1 = Math.min(2 * p0, 0.9999);
        const enter = gamma * Math.log(n);
        const sequenceCost = (states: number[]): number =>
          states.reduce(
            (sum, state, t) =>
              sum +
              cost(state ? p1 : p0, relevant[t]!, totals[t]!) +
              (state === 1 && (t === 0 ? 0 : states[t - 1]!) === 0 ? enter : 0),
            0,
          );
        let cheapest = Number.POSITIVE_INFINITY;
        for (let mask = 0; mask < 1 << n; mask++)
          cheapest = Math.min(cheapest, sequenceCost(Array.from({ length: n }, (_, t) => (mask >> t) & 1)));
        const bursts = detectBursts(relevant, totals, { stateRatio: 2, gamma, minDuration: 1 });
        const states = new Array<number>(n).fill(0);
        for (const burst of bursts) {
          let saving = 0;
          for (let t = burst.start; t <= burst.end; t++) {
            states[t] = 1;
            saving += cost(p0, relevant[t]!, totals[t]!) - cost(p1, relevant[t]!, totals[t]!);
          }
          expect(burst.strength).toBeCloseTo(saving, 9);
          expect(relevant[burst.start]).toBeGreaterThan(0);
          expect(relevant[burst.end]).toBeGreaterThan(0);
        }
        expect(sequenceCost(states)).toBeCloseTo(cheapest, 9);
      }),
      { numRuns: 300 },
    );
  });
});
