import { describe, expect, it } from 'vitest';
import { undirectedFromEdges } from '../../src/analysis/csr.ts';
import { diagnosticsOnWorker } from '../../src/analysis/diagnostics-worker-node.ts';
import { type LayerDiagnosticsJob, runLayerDiagnostics } from '../../src/analysis/layer-diagnostics-job.ts';
import { louvainCsr } from '../../src/analysis/louvain.ts';
import { bigFloat64, bigUint32 } from '../../src/util/big-arrays.ts';
import { seededRandom } from '../../src/util/random.ts';

/** Rings of ten nodes, each ring tied to the next by one edge: clear groups to find. */
function job(leiden = false): LayerDiagnosticsJob {
  const rings = 12;
  const sources = bigUint32(rings * 11);
  const targets = bigUint32(rings * 11);
  const weights = bigFloat64(rings * 11).fill(1);
  let edge = 0;
  for (let ring = 0; ring < rings; ring++) {
    for (let i = 0; i < 10; i++) {
      sources[edge] = ring * 10 + i;
      targets[edge++] = ring * 10 + ((i + 1) % 10);
    }
    sources[edge] = ring * 10;
    targets[edge++] = ((ring + 1) % rings) * 10 + 5;
  }
  const graph = undirectedFromEdges(rings * 10, sources, targets, weights);
  const { membership } = louvainCsr(graph, { resolution: 1, random: seededRandom(7) });
  return {
    graph,
    membership,
    resolution: 1,
    settings: { resolutions: [0.5, 1, 2], seeds: 3, seed: 7, wholeGraphUpTo: 1000 },
    ...(leiden
      ? { leiden: { quality: 'cpm', resolution: 1, randomStarts: 10, iterations: 10, randomness: 0.01 } }
      : {}),
  };
}

describe('layer diagnostics on a worker', () => {
  it('gives what this thread gives, with Louvain and with Leiden', async () => {
    const onWorker = diagnosticsOnWorker({ from: 0 });
    for (const leiden of [false, true]) {
      const here = runLayerDiagnostics(job(leiden));
      expect(here.sweep).toHaveLength(3);
      expect(here.stability).not.toBe('off');
      const answer = onWorker(job(leiden));
      expect(answer).toBeInstanceOf(Promise);
      expect(await answer).toEqual(here);
    }
  }, 60_000);

  it('runs small layers at once on this thread', () => {
    const answer = diagnosticsOnWorker({ from: 1000 })(job());
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual(runLayerDiagnostics(job()));
  });

  it('does the job here when the worker throws or exits without an answer', async () => {
    const script = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);
    for (const source of ['throw new Error("boom")', 'process.exit(3)', '']) {
      const answer = await diagnosticsOnWorker({ from: 0, workerUrl: script(source) })(job());
      expect(answer).toEqual(runLayerDiagnostics(job()));
    }
  }, 30_000);
});
