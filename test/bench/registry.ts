import type { BenchStep } from './types.ts';

/** Every registered step, in registration order (the table keeps that order within a size). */
export const STEPS: BenchStep[] = [];

export function defineSteps(...steps: BenchStep[]): void {
  for (const step of steps) {
    if (STEPS.some((known) => known.name === step.name))
      throw new Error(`duplicate bench step '${step.name}'`);
    STEPS.push(step);
  }
}
