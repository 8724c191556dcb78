/**
 * The co-authorship layer's betweenness, resolution sweep and seed stability as one job of plain
 * data, so that it can run on another thread (Node: layer-worker-node.ts) while the analysis goes
 * on: at a million papers they take about fifteen seconds.
 */

import { seededRandom } from '../util/random.ts';
import { betweennessCsr } from './betweenness.ts';
import type { CsrGraph } from './csr.ts';
import { type LeidenSettings, leidenCommunities } from './maps/vos.ts';
import {
  type DiagnosticsSettings,
  type LayerDiagnostics,
  layerDiagnostics,
} from './partition-diagnostics.ts';

export interface LayerJob {
  graph: CsrGraph;
  /** The layer's communities, which the sweep and stability are compared with. */
  membership: Int32Array;
  resolution: number;
  settings: DiagnosticsSettings;
  /** The layer is clustered by Leiden with these settings, one random start per run; absent, by Louvain. */
  leiden?: LeidenSettings;
  /** Sampled betweenness pivots (betweennessPivots); absent, exact. */
  pivots?: number;
  /** Seed of the pivots. */
  seed: number;
}

export interface LayerJobResult {
  diagnostics: LayerDiagnostics;
  /** Normalised betweenness per node, rounded to 1e-9. */
  betweenness: Float64Array;
  betweennessMethod: { method: 'exact' | 'sampled'; pivots: number };
}

/** Runs a job: the same answer on whichever thread. */
export function runLayerJob(job: LayerJob): LayerJobResult {
  const { graph, membership, resolution, settings, leiden, pivots, seed } = job;
  const betweenness = betweennessCsr(graph, {
    ...(pivots === undefined ? {} : { pivots }),
    random: seededRandom(seed),
  });
  return {
    diagnostics: layerDiagnostics(
      graph,
      membership,
      resolution,
      settings,
      leiden
        ? (layer, runResolution, runSeed) =>
            leidenCommunities(layer, runResolution, { ...leiden, randomStarts: 1 }, runSeed)
        : undefined,
    ),
    betweenness: betweenness.scores.map((score) => Math.round(score * 1e9) / 1e9),
    betweennessMethod: { method: betweenness.method, pivots: betweenness.pivots },
  };
}

/** Where a job runs: here (runLayerJob), or on another thread, answering later. */
export type LayerJobRunner = (job: LayerJob) => LayerJobResult | Promise<LayerJobResult>;
