/**
 * A layer's sweep and stability on a worker thread, for Node: at a million papers the
 * collaboration layer's take about ten seconds, which the analysis thread spends on the rest of
 * the analysis meanwhile. The layer's arrays are on SharedArrayBuffers (util/big-arrays.ts), so
 * posting them copies nothing large. A worker that fails leaves the job to this thread: the
 * result is the same either way.
 */
import { type MessagePort, Worker } from 'node:worker_threads';
import {
  type LayerDiagnosticsJob,
  type LayerDiagnosticsRunner,
  runLayerDiagnostics,
} from './layer-diagnostics-job.ts';
import type { LayerDiagnostics } from './partition-diagnostics.ts';

/** Below this many nodes the diagnostics take less than starting a worker. */
export const DIAGNOSTICS_WORKER_FROM = 50_000;

/** A worker's part (diagnostics-worker-node.mjs). */
export function runDiagnosticsWorker(port: MessagePort, job: LayerDiagnosticsJob): void {
  port.postMessage(runLayerDiagnostics(job));
}

export interface DiagnosticsWorkerOptions {
  /** Layers from this many nodes go to a worker (default DIAGNOSTICS_WORKER_FROM). */
  from?: number;
  /** Another worker script (for tests: one that fails). */
  workerUrl?: URL;
}

/** Runs layers from `from` nodes on a worker thread each, smaller ones at once on this thread. */
export function diagnosticsOnWorker({
  from = DIAGNOSTICS_WORKER_FROM,
  workerUrl = new URL('./diagnostics-worker-node.mjs', import.meta.url),
}: DiagnosticsWorkerOptions = {}): LayerDiagnosticsRunner {
  return (job) => {
    if (job.graph.nodeCount < from) return runLayerDiagnostics(job);
    const worker = new Worker(workerUrl, { workerData: job });
    const answer = new Promise<LayerDiagnostics>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the diagnostics worker exited (code ${code})`)));
    });
    return answer.then(
      (diagnostics) => {
        void worker.terminate();
        return diagnostics;
      },
      () => runLayerDiagnostics(job),
    );
  };
}
