/**
 * Time to the first frame of the network view in headless Chromium (test/e2e/first-frame.ts):
 * for the analysis of data/ (once, at the smallest size) and for a generated analysed graph with
 * as many nodes as the size has papers (test/e2e/generate-graph.ts). 'missing' without Chromium.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measureFirstFrame } from '../../e2e/first-frame.ts';
import { chromiumMissingReason } from '../../e2e/harness.ts';
import { measureInteractions } from '../../e2e/interactions.ts';
import { defineSteps } from '../registry.ts';
import { onceAbove10k } from '../runs.ts';
import type { Artifact, BenchStep, StepPhase, StepResult } from '../types.ts';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Rebuilds the page (vite build) only when src/ is newer than dist/web: a build is not a frame. */
function reuseBuildWhenFresh(): void {
  const index = 'dist/web/index.html';
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource('src'))
    process.env.CITEGRAPH_E2E_REBUILD = '0';
}

function firstFrameStep(
  name: string,
  artifact: Artifact,
  maxPapers: number | undefined,
  maxRuns: BenchStep['maxRuns'],
): BenchStep {
  return {
    name,
    maxRuns,
    group: 'web',
    unit: 'nodes',
    needs: [artifact],
    maxPapers,
    async run({ files }): Promise<StepResult> {
      const missing = chromiumMissingReason();
      if (missing) return { items: 0, status: 'missing', note: missing };
      reuseBuildWhenFresh();
      const result = await measureFirstFrame(files[artifact]!);
      return {
        items: result.nodes,
        seconds: result.firstFrameMs / 1000,
        note: `${result.nodes} nodes, ${result.edges} edges; navigation → first sigma render`,
      };
    },
  };
}

/**
 * The interactions of the network view on the generated graph, each from the action to the frame
 * after it (test/e2e/interactions.ts): search and select, three legend clicks, a year filter, the
 * density view; above the overview threshold, expanding the largest community first. The goals are a
 * frame or two: search/select under 200 ms, legend and filter changes under 300 ms.
 */
function interactionsStep(name: string): BenchStep {
  return {
    name,
    maxRuns: 1,
    group: 'web',
    unit: 'nodes',
    needs: ['web-graph'],
    maxPapers: 100_000,
    async run({ files }): Promise<StepResult> {
      const missing = chromiumMissingReason();
      if (missing) return { items: 0, status: 'missing', note: missing };
      reuseBuildWhenFresh();
      const t = await measureInteractions(files['web-graph']!);
      const row = (step: string, ms: number, note: string): StepPhase => ({
        step: `web: ${step}`,
        seconds: ms / 1000,
        items: t.nodes,
        unit: 'nodes',
        note,
      });
      const phases: StepPhase[] = [];
      if (t.expandMs !== undefined)
        phases.push(
          row(
            'overview → expand a community',
            t.expandMs,
            'click on the largest community to its nodes drawn',
          ),
        );
      phases.push(
        row('search → selection', t.searchSelectMs, 'Enter in the search box to the next frame; goal 200 ms'),
        ...t.legendMs.map((ms, i) =>
          row(`legend click ${i + 1}`, ms, 'hide a category to the next frame; goal 300 ms'),
        ),
        row('year filter', t.yearFilterMs, 'upper year bound to the next frame; goal 300 ms'),
        row('density view', t.densityMs, 'Density button to the next frame'),
      );
      return {
        items: t.nodes,
        seconds: t.firstFrameMs / 1000,
        note: `${t.nodes} nodes, ${t.edges} edges; first frame (start in ms: ${Object.entries(t.bootParts)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ', ',
          )}), then each interaction below (one run)${t.overview ? '; opened on the overview' : ''}`,
        phases,
      };
    },
  };
}

defineSteps(
  // The same graph at every size: measured once.
  firstFrameStep('web: first frame (data/ graph)', 'data-graph', 10_000, 1),
  // Up to 100k: at a million papers `analyze` writes no graph.json (--graph-limit), only overview.json.
  firstFrameStep('web: first frame (generated graph)', 'web-graph', 100_000, onceAbove10k),
  interactionsStep('web: interactions (generated graph)'),
);
