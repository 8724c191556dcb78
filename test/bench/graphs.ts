/** Loading the cached graph artifacts in a step, timed apart from what the step measures. */
import type { AnalysedGraph } from '../../src/graph/readable.ts';
import { readGraphJson } from '../../src/store/graph-file.ts';

export async function timedGraph(path: string): Promise<{ graph: AnalysedGraph; loadSeconds: number }> {
  const started = performance.now();
  const { graph } = await readGraphJson(path);
  return { graph, loadSeconds: (performance.now() - started) / 1000 };
}

/** Seconds since `started` (a performance.now() value). */
export function since(started: number): number {
  return (performance.now() - started) / 1000;
}
