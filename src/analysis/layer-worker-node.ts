/**
 * The co-authorship layer's betweenness, sweep and stability (layer-job.ts) on a worker thread,
 * for Node: at a million papers they take about fifteen seconds, which the analysis thread spends
 * on citations, impact, maps and the timeline meanwhile. The layer's arrays are on
 * SharedArrayBuffers (util/big-arrays.ts), so posting them copies nothing large. A worker that
 * fails leaves the job to this thread: the result is the same either way.
 */
import { type MessagePort, Worker } from 'node:worker_threads';
import { type LayerJob, type LayerJobResult, type LayerJobRunner, runLayerJob } from './layer-job.ts';

/** Below this many nodes the job takes less than starting a worker. */
export const LAYER_WORKER_FROM = 50_000;

/** A worker's part (layer-worker-node.mjs). */
export function runLayerWorker(port: MessagePort, job: LayerJob): void {
  port.postMessage(runLayerJob(job));
}

export interface LayerWorkerOptions {
  /** Layers from this many nodes go to a worker (default LAYER_WORKER_FROM). */
  from?: number;
  /** Another worker script (for tests: one that fails). */
  workerUrl?: URL;
}

/** Runs layers from `from` nodes on a worker thread each, smaller ones at once on this thread. */
export function layerJobOnWorker({
  from = LAYER_WORKER_FROM,
  workerUrl = new URL('./layer-worker-node.mjs', import.meta.url),
}: LayerWorkerOptions = {}): LayerJobRunner {
  return (job) => {
    if (job.graph.nodeCount < from) return runLayerJob(job);
    const worker = new Worker(workerUrl, { workerData: job });
    const answer = new Promise<LayerJobResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the layer worker exited (code ${code})`)));
    });
    return answer.then(
      (result) => {
        void worker.terminate();
        return result;
      },
      () => runLayerJob(job),
    );
  };
}
