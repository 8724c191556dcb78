/**
 * A layer's sweep and stability (partition-diagnostics.ts) as a job of plain data, so that it can
 * run on another thread (Node: diagnostics-worker-node.ts) while the analysis goes on.
 */
import type { CsrGraph } from './csr.ts';
import { type LeidenSettings, leidenCommunities } from './maps/vos.ts';
import {
  type DiagnosticsSettings,
  type LayerDiagnostics,
  layerDiagnostics,
} from './partition-diagnostics.ts';

export interface LayerDiagnosticsJob {
  graph: CsrGraph;
  membership: Int32Array;
  resolution: number;
  settings: DiagnosticsSettings;
  /** The layer is clustered by Leiden with these settings, one random start per run; absent, by Louvain. */
  leiden?: LeidenSettings;
}

/** Runs a job: the same diagnostics on whichever thread. */
export function runLayerDiagnostics({
  graph,
  membership,
  resolution,
  settings,
  leiden,
}: LayerDiagnosticsJob): LayerDiagnostics {
  return layerDiagnostics(
    graph,
    membership,
    resolution,
    settings,
    leiden
      ? (layer, runResolution, seed) =>
          leidenCommunities(layer, runResolution, { ...leiden, randomStarts: 1 }, seed)
      : undefined,
  );
}

/** Where a job runs: here (runLayerDiagnostics), or on another thread, answering later. */
export type LayerDiagnosticsRunner = (
  job: LayerDiagnosticsJob,
) => LayerDiagnostics | Promise<LayerDiagnostics>;
