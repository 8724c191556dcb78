import { describe, expect, it } from 'vitest';
import { undirectedFromEdges } from '../../src/analysis/csr.ts';
import { type LayerJob, runLayerJob } from '../../src/analysis/layer-job.ts';
import { layerJobOnWorker } from '../../src/analysis/layer-worker-node.ts';
import { louvainCsr } from '../../src/analysis/louvain.ts';
import { bigFloat64, bigUint32 } from '../../src/util/big-arrays.ts';
import { seededRandom } from '../../src/util/random.ts';

/** Rings of ten nodes, each ring tied to the next by one edge: clear groups to find. */
function job(leiden = false, pivots?: number): LayerJob {
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
    ...(pivots === undefined ? {} : { pivots }),
    seed: 7,
  };
}

describe('the co-authorship layer job on a worker', () => {
  it('gives what this thread gives, with Louvain and with Leiden, exact and sampled', async () => {
    const onWorker = layerJobOnWorker({ from: 0 });
    for (const [leiden, pivots] of [
      [false, undefined],
      [true, undefined],
      [false, 30],
    ] as const) {
      const here = runLayerJob(job(leiden, pivots));
      expect(here.diagnostics.sweep).toHaveLength(3);
      expect(here.diagnostics.stability).not.toBe('off');
      expect(here.betweennessMethod).toEqual(
        pivots === undefined ? { method: 'exact', pivots: 120 } : { method: 'sampled', pivots },
      );
      // The ring nodes tied to the next ring carry the paths between rings.
      expect(here.betweenness[0]).toBeGreaterThan(here.betweenness[3]!);
      const answer = onWorker(job(leiden, pivots));
      expect(answer).toBeInstanceOf(Promise);
      expect(await answer).toEqual(here);
    }
  }, 60_000);

  it('runs small layers at once on this thread', () => {
    const answer = layerJobOnWorker({ from: 1000 })(job());
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual(runLayerJob(job()));
  });

  it('does the job here when the worker throws or exits without an answer', async () => {
    const script = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);
    for (const source of ['throw new Error("boom")', 'process.exit(3)', '']) {
      const answer = await layerJobOnWorker({ from: 0, workerUrl: script(source) })(job());
      expect(answer).toEqual(runLayerJob(job()));
    }
  }, 30_000);
});
