/**
 * Kleinberg's two-state burst detection over batches ("Bursty and hierarchical structure in
 * streams", 2003, the enumerating model), as CiteSpace applies it to citations and keywords: in
 * batch t, r[t] of d[t] documents are relevant (cite the reference, carry the keyword). The base
 * state emits relevant documents at the overall rate p0 = Σr / Σd, the burst state at s·p0.
 * Entering the burst state costs γ·ln(n) (n batches); leaving it is free. The cheapest state
 * sequence (Viterbi) gives the bursts; a burst's strength is what the burst state saves over the
 * base state across it, Σ (cost₀ − cost₁), the weight Kleinberg ranks bursts by. A burst begins
 * and ends on batches with relevant documents (empty batches cost the same in both states).
 */

export interface BurstSettings {
  /** Rate of the burst state as a multiple of the base rate (Kleinberg's s). */
  stateRatio: number;
  /** Cost of entering the burst state, in units of ln(batches) (Kleinberg's γ). */
  gamma: number;
  /** Bursts shorter than this many batches are not reported. */
  minDuration: number;
}

interface Burst {
  /** First and last batch (0-based) of the burst state. */
  start: number;
  end: number;
  strength: number;
}

/** A rate this close to 1 stands for a burst rate that s·p0 would put at or above 1. */
const HIGHEST_RATE = 0.9999;

/** −ln of the binomial likelihood without the coefficient (the same for both states). */
function cost(rate: number, relevant: number, total: number): number {
  const hits = relevant > 0 ? relevant * Math.log(rate) : 0;
  const misses = total - relevant > 0 ? (total - relevant) * Math.log(1 - rate) : 0;
  return -(hits + misses);
}

/** The bursts of one series, in time order. */
export function detectBursts(
  relevant: ArrayLike<number>,
  totals: ArrayLike<number>,
  settings: BurstSettings,
): Burst[] {
  const n = relevant.length;
  let sumRelevant = 0;
  let sumTotal = 0;
  for (let t = 0; t < n; t++) {
    sumRelevant += relevant[t]!;
    sumTotal += totals[t]!;
  }
  if (n === 0 || sumRelevant === 0 || sumTotal === 0 || sumRelevant >= sumTotal) return [];
  const base = sumRelevant / sumTotal;
  const burst = Math.min(settings.stateRatio * base, HIGHEST_RATE);
  if (burst <= base) return [];
  const enter = settings.gamma * Math.log(n);
  // Viterbi over two states; from[t] packs the best predecessor of each state at t (bit 0: of
  // state 0, bit 1: of state 1).
  const from = new Uint8Array(n);
  const saving = new Float64Array(n);
  let best0 = 0;
  let best1 = enter;
  for (let t = 0; t < n; t++) {
    const c0 = cost(base, relevant[t]!, totals[t]!);
    const c1 = cost(burst, relevant[t]!, totals[t]!);
    saving[t] = c0 - c1;
    // Into state 0: from 0 or from 1 (free). Into state 1: from 1, or from 0 paying `enter`.
    const into0From1 = best1 < best0;
    const into1From0 = best0 + enter < best1;
    const next0 = (into0From1 ? best1 : best0) + c0;
    const next1 = (into1From0 ? best0 + enter : best1) + c1;
    from[t] = (into0From1 ? 1 : 0) | (into1From0 ? 0 : 2);
    best0 = next0;
    best1 = next1;
  }
  const states = new Uint8Array(n);
  let state = best1 < best0 ? 1 : 0;
  for (let t = n - 1; t >= 0; t--) {
    states[t] = state;
    state = (from[t]! >> state) & 1;
  }
  const bursts: Burst[] = [];
  for (let t = 0; t < n; t++) {
    if (states[t] !== 1) continue;
    let start = t;
    let strength = 0;
    while (t < n && states[t] === 1) strength += saving[t++]!;
    let end = t - 1;
    // Batches without documents save nothing either way: a burst starts and ends on occurrences.
    while (start < end && relevant[start] === 0) start++;
    while (end > start && relevant[end] === 0) end--;
    if (end - start + 1 >= settings.minDuration) bursts.push({ start, end, strength });
  }
  return bursts;
}
