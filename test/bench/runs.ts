/** Run caps shared by steps (BenchStep.maxRuns). */

/** Above 10k papers a run takes tens of seconds (loading included): one run keeps the default bench < 10 min. */
export const onceAbove10k = (papers: number): number => (papers > 10_000 ? 1 : 3);
