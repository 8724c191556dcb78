/** A seeded generator: every random choice in citegraph takes one of these, passed from the top. */
export type Random = () => number;

/** mulberry32: small, fast, good enough for layouts and Louvain tie-breaking; same seed, same stream. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first `count` entries of `values` in a uniformly random order (Fisher–Yates). */
export function shuffle(values: Int32Array, count: number, random: Random): void {
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = values[i]!;
    values[i] = values[j]!;
    values[j] = swap;
  }
}
