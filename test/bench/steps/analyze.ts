/**
 * `citegraph analyze`, the real CLI in its own process tree, on generated corpora, beside the
 * peers measured in the same run on the same co-authorship edge list (`generate --edges`):
 * python-igraph and NetworKit loading it and finding communities. The speed goals are printed
 * beside the ratios as information.
 *
 * Then the same analysis in this process, once per size, with each phase it reports through
 * `onProgress` as its own row: where the CLI's time goes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parallelKnn } from '../../../src/analysis/knn-parallel-node.ts';
import { layerJobOnWorker } from '../../../src/analysis/layer-worker-node.ts';
import { analyzeOptions, type PartialAnalyzeOptions } from '../../../src/analysis/options.ts';
import { communityOverview } from '../../../src/analysis/overview.ts';
import {
  analysisGraphAttributes,
  analysisView,
  analyzeCorpusOverlapped,
  themesSettings,
} from '../../../src/analysis/pipeline.ts';
import type { AnalysisReport } from '../../../src/analysis/report.ts';
import { parallelTextModel } from '../../../src/analysis/text-model-parallel-node.ts';
import { EarlyThemes, THEMES_WORKER_FROM } from '../../../src/analysis/themes-worker-node.ts';
import { GRAPH_JSON_LIMIT } from '../../../src/cli/commands/analyze.ts';
import { writeFileStreamAtomic } from '../../../src/export/files-node.ts';
import { writeGraphJson } from '../../../src/export/graph-json-parallel-node.ts';
import { formatCount } from '../../../src/generate/count.ts';
import { loadCorpus } from '../../../src/ingest/read-node.ts';
import { since } from '../graphs.ts';
import { runMeasured } from '../measure.ts';
import { defineSteps } from '../registry.ts';
import type { Artifact, BenchStep, StepContext, StepPhase, StepResult, StepTarget } from '../types.ts';
import { peerLoadAndLouvainStep } from './peers.ts';

/** The listing rows stop below this size; the OpenAlex rows start at it (`--sizes 1m`). */
const OPENALEX_FROM = 1_000_000;
const GB = 1e9;
const IGRAPH = 'analyze: igraph load + louvain';
const NETWORKIT = 'analyze: networkit load + louvain';

/** Speed goals of analyze: its time as a multiple of igraph's load + Louvain, and its peak memory. */
const TARGETS: Record<number, StepTarget> = {
  10000: { ratio: 30 },
  100000: { ratio: 8, peakBytes: 2.5 * GB },
  1000000: { ratio: 2, peakBytes: 8 * GB },
};

/** What every run of the CLI must write, whatever the size. */
const ALWAYS_WRITTEN = ['report.json', 'report.md', 'overview.json'];

/** Paths in the report whose value says a section was skipped ('skipped', or a `skipped` key). */
function skippedPaths(value: unknown, path = ''): string[] {
  if (value === 'skipped') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'skipped' ? [`${path}.${key}`] : skippedPaths(child, `${path}.${key}`),
  );
}

/** What the CLI wrote, and any report section that is missing, off or skipped, in a few words. */
function outputCheck(dir: string, report: AnalysisReport & { outputs?: Record<string, string> }): string {
  const problems: string[] = [];
  const missing = ALWAYS_WRITTEN.filter((name) => !existsSync(join(dir, name)));
  if (missing.length) problems.push(`missing ${missing.join(', ')}`);
  const graphWritten = existsSync(join(dir, 'graph.json')) && existsSync(join(dir, 'corpus.json'));
  const sections: Record<string, unknown> = {
    sweep: report.collaboration.sweep,
    stability: report.collaboration.stability,
    timeline: report.timeline,
  };
  for (const [name, section] of Object.entries(sections))
    if (section === undefined || typeof section === 'string') problems.push(`${name} ${section ?? 'absent'}`);
  const skipped = skippedPaths(report);
  if (skipped.length) problems.push(`skipped: ${skipped.slice(0, 4).join(', ')}`);
  const graph = graphWritten
    ? 'graph.json + corpus.json written'
    : `graph.json ${report.outputs?.graphJson ?? 'absent'}`;
  return `${graph}; ${problems.length ? problems.join('; ') : 'sweep, stability, timeline present, nothing skipped'}`;
}

function cliStep(input: Artifact, range: Pick<BenchStep, 'minPapers' | 'maxPapers'>): BenchStep {
  return {
    name: `analyze: citegraph analyze ${input}`,
    group: 'analyze',
    unit: 'papers',
    needs: [input],
    ...range,
    baseline: IGRAPH,
    compareWith: [NETWORKIT],
    target: (papers) => TARGETS[papers],
    // A million papers take minutes a run.
    maxRuns: (papers) => (papers >= OPENALEX_FROM ? 1 : 3),
    async run({ files, scratchDir }): Promise<StepResult> {
      const output = join(scratchDir, 'out');
      const { CITEGRAPH_RESTARTED: _restarted, ...env } = process.env;
      const run = await runMeasured(
        process.execPath,
        ['src/cli/citegraph.mjs', 'analyze', files[input]!, '-o', output, '--quiet'],
        { scratchDir, env, timeoutMs: 60 * 60_000 },
      );
      // Exit code 3: some input could not be read, the analysis is still written.
      if (run.status !== 0 && run.status !== 3) {
        const lines = run.stderr.trim().split('\n');
        const reason = lines.find((line) => /Error\b/.test(line)) ?? lines.at(-1);
        return { items: 0, status: 'failed', note: `exit ${run.status}: ${reason?.trim().slice(0, 300)}` };
      }
      const report = JSON.parse(readFileSync(join(output, 'report.json'), 'utf8')) as AnalysisReport;
      // citegraph.mjs says so when dist/cli is stale and it transpiles the sources instead.
      const fromSources = /running from the TypeScript sources/.test(run.stderr)
        ? '; ran from the TypeScript sources (dist/cli out of date)'
        : '';
      return {
        items: report.summary.papers,
        seconds: run.seconds,
        peakRssBytes: run.peakRssBytes,
        modularity: report.collaboration.modularity,
        communities: report.collaboration.communities.length,
        note: `wall time of the CLI (start-up included)${run.cpuSeconds === undefined ? '' : `, CPU ${run.cpuSeconds.toFixed(1)} s`}; peak RSS of its ${run.processes} processes (${run.method}); ${report.summary.authors} authors, ${report.summary.edges.coauthor} coauthor edges; ${outputCheck(output, report)}${fromSources}`,
      };
    },
  };
}

/** Readable names of the steps the analysis reports through onProgress (others keep their own). */
const PHASE_NAMES: Record<string, string> = {
  indexing: 'index corpus',
  'co-authorship':
    'co-authorship + Louvain (+ betweenness, sweep and stability: on a worker from 50k authors)',
  citations: 'citations + PageRank + impact',
  maps: 'maps',
  timeline: 'timeline',
  themes: 'themes',
  homonyms: 'homonyms',
  layout: 'layout',
  report: 'report tables',
};

/** The CLI's analysis in this process, one row per phase (see the module comment). */
async function analysisPhases(context: StepContext, input: Artifact): Promise<StepResult> {
  const marks: [string, number][] = [];
  const options: PartialAnalyzeOptions = { onProgress: (step) => marks.push([step, performance.now()]) };
  // As the CLI does: the themes start on a worker from the parsed records at scale.
  const themes = new EarlyThemes(
    themesSettings(analyzeOptions(options)),
    (count) => count >= THEMES_WORKER_FROM,
  );
  const started = performance.now();
  let analysis: Awaited<ReturnType<typeof analyzeCorpusOverlapped>>;
  let ingestSeconds: number;
  let themesFrom: string;
  try {
    const corpus = await loadCorpus([context.files[input]!], {
      onRecordsParsed: themes.onRecordsParsed,
      onPapersMerged: themes.onPapersMerged,
    });
    ingestSeconds = since(started);
    themesFrom = themes.startedFrom ? `on a worker from the ${themes.startedFrom}` : 'on this thread';
    analysis = await analyzeCorpusOverlapped(corpus, options, themes.result, {
      parallelKnn: parallelKnn(),
      parallelTextModel: parallelTextModel(),
      layerJob: layerJobOnWorker(),
    });
  } finally {
    themes.stop();
  }
  const analysedSeconds = since(started);
  const { report, corpus } = analysis;
  const phases: StepPhase[] = [
    {
      step: 'analyze phase: ingest',
      seconds: ingestSeconds,
      items: corpus.papers.length,
      unit: 'papers',
      baseline: input === 'listing' ? 'floor: read+split listing' : 'floor: read+split openalex',
    },
  ];
  for (let at = 0; at + 1 < marks.length; at++) {
    const [step, time] = marks[at]!;
    const name = PHASE_NAMES[step] ?? step;
    phases.push({
      step: `analyze phase: ${name}`,
      seconds: (marks[at + 1]![1] - time) / 1000,
      items: corpus.papers.length,
      unit: 'papers',
      ...(step === 'themes'
        ? {
            modularity: report.themes.modularity,
            communities: report.themes.communities.length,
            note: `${report.themes.similarityEdges} similarity edges, with their sweep and stability; computed ${themesFrom}, overlapping the ingest and the phases above when on a worker: this row is the wait for them`,
          }
        : {}),
      ...(step === 'co-authorship'
        ? {
            modularity: report.collaboration.modularity,
            communities: report.collaboration.communities.length,
            note: `betweenness ${report.coauthorship.betweenness.method} (${report.coauthorship.betweenness.pivots} pivots)`,
          }
        : {}),
    });
  }
  // The outputs as the CLI writes them: overview.json always, graph.json up to its limit.
  const written = performance.now();
  const view = analysisView(analysis);
  const { summary } = report;
  const elements =
    summary.papers +
    summary.authors +
    summary.references +
    Object.values(summary.edges).reduce((a, b) => a + b, 0);
  const overview = JSON.stringify(communityOverview(analysis).export());
  let outputs = `overview.json ${(overview.length / 1e6).toFixed(1)} MB`;
  if (elements <= GRAPH_JSON_LIMIT) {
    let bytes = 0;
    const layerEdges = summary.edges.authored + summary.edges.coauthor;
    await writeFileStreamAtomic(join(context.scratchDir, 'graph.json'), (sink) =>
      writeGraphJson(
        view,
        analysisGraphAttributes(analysis),
        (chunk) => {
          bytes += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
          return sink(chunk);
        },
        layerEdges,
      ),
    );
    outputs += `, graph.json ${(bytes / 1e6).toFixed(0)} MB`;
  } else outputs += `; no graph.json (${elements} elements > ${GRAPH_JSON_LIMIT})`;
  phases.push({
    step: 'analyze phase: write overview.json + graph.json',
    seconds: since(written),
    items: elements,
    unit: 'elements',
    note: `${outputs}; corpus.json not included`,
  });
  return {
    items: corpus.papers.length,
    seconds: analysedSeconds,
    modularity: report.collaboration.modularity,
    communities: report.collaboration.communities.length,
    note: `ingest + analysis in one process, ${formatCount(corpus.papers.length)} papers; phases below, the outputs after it`,
    phases,
  };
}

function phasesStep(input: Artifact, range: Pick<BenchStep, 'minPapers' | 'maxPapers'>): BenchStep {
  return {
    name: `analyze: phases in-process (${input})`,
    group: 'analyze',
    unit: 'papers',
    needs: [input],
    ...range,
    maxRuns: 1,
    run: (context) => analysisPhases(context, input),
  };
}

defineSteps(
  cliStep('listing', { maxPapers: OPENALEX_FROM - 1 }),
  cliStep('openalex-jsonl', { minPapers: OPENALEX_FROM }),
  peerLoadAndLouvainStep('igraph', 'python-igraph community_multilevel'),
  peerLoadAndLouvainStep('networkit', 'NetworKit PLM'),
  phasesStep('listing', { maxPapers: OPENALEX_FROM - 1 }),
  phasesStep('openalex-jsonl', { minPapers: OPENALEX_FROM }),
);
