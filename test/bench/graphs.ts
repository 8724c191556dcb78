/** Loading the cached graph and corpus artifacts in a step, timed apart from what the step measures. */
import { readFileSync } from 'node:fs';
import type { Corpus } from '../../src/model/types.ts';
import { readGraphJson } from '../../src/store/graph-file.ts';
import type { AnalysedGraph } from '../../src/store/graph-store.ts';

export async function timedGraph(path: string): Promise<{ graph: AnalysedGraph; loadSeconds: number }> {
  const started = performance.now();
  const { graph } = await readGraphJson(path);
  return { graph, loadSeconds: (performance.now() - started) / 1000 };
}

export function timedCorpus(path: string): { corpus: Corpus; loadSeconds: number } {
  const started = performance.now();
  const corpus = JSON.parse(readFileSync(path, 'utf8')) as Corpus;
  return { corpus, loadSeconds: (performance.now() - started) / 1000 };
}

/** Seconds since `started` (a performance.now() value). */
export function since(started: number): number {
  return (performance.now() - started) / 1000;
}
