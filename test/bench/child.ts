/**
 * Runs one step once in this (fresh) process and prints its result with wall time and peak RSS:
 * `BENCH_RESULT {json}`. Started by run.ts; not meant to be run by hand.
 */
import { STEPS } from './steps/index.ts';
import type { StepContext, StepResult } from './types.ts';

export interface ChildOutput extends StepResult {
  wallSeconds: number;
  childPeakRssBytes: number;
}

const [stepName, contextJson] = process.argv.slice(2);
const step = STEPS.find((candidate) => candidate.name === stepName);
if (!step || !contextJson) {
  process.stderr.write(`bench child: unknown step '${stepName}'\n`);
  process.exit(2);
}
const context = JSON.parse(contextJson) as StepContext;
const started = performance.now();
const result = await step.run(context);
const wallSeconds = (performance.now() - started) / 1000;
const output: ChildOutput = {
  ...result,
  wallSeconds,
  // resourceUsage().maxRSS is in KiB.
  childPeakRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`BENCH_RESULT ${JSON.stringify(output)}\n`);
