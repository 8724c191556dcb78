import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { CompactGraphView } from '../../analysis/compact/graph-view.ts';
import { parallelKnn } from '../../analysis/compact/knn-parallel-node.ts';
import { communityOverview } from '../../analysis/compact/overview.ts';
import {
  analyzeCompactOverlapped,
  COMPACT_ANALYSIS_ABOVE,
  type CompactAnalysis,
  type CompactAnalyzeOptions,
  themesSettings,
} from '../../analysis/compact/pipeline.ts';
import { parallelTextModel } from '../../analysis/compact/text-model-parallel-node.ts';
import { EarlyThemes, THEMES_WORKER_FROM } from '../../analysis/compact/themes-worker-node.ts';
import {
  type AnalysisReport,
  type AnalyzeOptions,
  analyze,
  DEFAULT_ANALYZE_OPTIONS,
} from '../../analysis/pipeline.ts';
import { type RunProvenance, renderMarkdownReport } from '../../analysis/report-markdown.ts';
import type { ReadableGraph } from '../../export/layers.ts';
import { loadCorpus, readThesaurus } from '../../ingest/read-node.ts';
import type { CommunitySummary } from '../../model/graph-schema.ts';
import type { Corpus } from '../../model/types.ts';
import { KuzuStore } from '../../store/kuzu-store.ts';
import { graphCommunities } from '../../store/store-schema.ts';
import { writeFileAtomic } from '../io.ts';
import { progressBar } from '../progress.ts';
import { libraryVersions } from '../versions.ts';
import { STREAMING_FORMATS, writeStreamingExport } from './export.ts';
import { exitCodeFor, reportDiagnostics } from './ingest.ts';

interface AnalyzeCommandOptions {
  output: string;
  seed: number;
  resolution: number;
  themeResolution: number;
  maxAuthors: number;
  weight: 'count' | 'fractional';
  layout: boolean;
  iterations?: number;
  json?: boolean;
  quiet?: boolean;
  thesaurus?: string;
  compact?: boolean;
  themes: boolean;
  export?: AnalyzeExport[];
}

/** What `analyze --export` writes: the streaming formats, and the embedded database. */
const ANALYZE_EXPORTS = [...STREAMING_FORMATS, 'kuzu'] as const;
type AnalyzeExport = (typeof ANALYZE_EXPORTS)[number];

function formatList(value: string): AnalyzeExport[] {
  const formats = value.split(',').map((format) => format.trim());
  for (const format of formats)
    if (!(ANALYZE_EXPORTS as readonly string[]).includes(format))
      throw new InvalidArgumentError(`expected a comma-separated list of ${ANALYZE_EXPORTS.join(', ')}`);
  return formats as AnalyzeExport[];
}

/** Where each export of `analyze --export` goes inside the output folder. */
function exportPath(output: string, format: AnalyzeExport): string {
  if (format === 'gexf') return join(output, 'graph.gexf');
  if (format === 'kuzu') return join(output, 'graph.kuzu');
  return join(output, format);
}

/** Writes the requested exports of either analysis, one after the other, with a progress bar. */
async function writeExports(
  graph: ReadableGraph,
  communities: readonly CommunitySummary[],
  formats: AnalyzeExport[],
  output: string,
  showProgress: boolean,
): Promise<void> {
  const bar = progressBar('export ', showProgress);
  for (const [done, format] of formats.entries()) {
    bar.update(done, formats.length, format);
    const path = exportPath(output, format);
    if (format !== 'kuzu') {
      await writeStreamingExport(graph, format, path, { layer: 'all' });
      continue;
    }
    // Built beside its final name and renamed, so an interrupted run leaves no half database.
    const temporary = `${path}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    const store = new KuzuStore(temporary);
    try {
      await store.loadGraph(graph, { communities });
    } finally {
      await store.close();
    }
    await rm(path, { recursive: true, force: true });
    await rename(temporary, path);
  }
  bar.stop();
}

function number(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new InvalidArgumentError('expected a number');
  return parsed;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number');
  return parsed;
}

/**
 * SHA-256 of a file, streamed (inputs can be larger than one Buffer, 2 GB) through one reused
 * buffer: a new Buffer per chunk counts as V8 external memory, and every ~64 MB of it started a
 * collection of the whole heap (at a million papers, 12 s of GC to checksum a 3 GB input).
 */
async function checksum(path: string): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafeSlow(1 << 20);
  const file = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

async function provenanceOf(corpus: Corpus, command: string): Promise<RunProvenance> {
  const inputs: RunProvenance['inputs'] = [];
  for (const file of corpus.files) {
    let sha256 = 'unreadable';
    try {
      sha256 = await checksum(file.file);
    } catch {
      // A file that vanished since ingest keeps its row; the checksum says it could not be read.
    }
    inputs.push({ file: file.file, sha256, bytes: file.bytes, format: file.format, records: file.records });
  }
  return { inputs, versions: libraryVersions(), command };
}

function oneLineSummary(report: AnalysisReport, output: string): string {
  return (
    `${report.summary.papers} papers, ${report.summary.authors} authors, ` +
    `${report.collaboration.communities.length} collaborator groups (modularity ${report.collaboration.modularity.toFixed(3)}), ` +
    `${report.themes.communities.length} themes (modularity ${report.themes.modularity.toFixed(3)}) → ${output}`
  );
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description(
      'ingest inputs (or read a corpus.json), build the networks, find communities and themes, write graph and report',
    )
    .argument(
      '<inputs...>',
      'listing pages, exports, folders, or one corpus.json written by `citegraph ingest`',
    )
    .option('-o, --output <dir>', 'output folder', 'out')
    .option('--seed <n>', 'seed for every random choice', positiveInteger, 42)
    .option('--resolution <r>', 'Louvain resolution for collaborator groups', number, 1)
    .option('--theme-resolution <r>', 'Louvain resolution for themes', number, 1)
    .option(
      '--max-authors <n>',
      'leave papers with more authors out of the co-authorship layer',
      positiveInteger,
      25,
    )
    .option(
      '--weight <kind>',
      "co-authorship weight: 'count' (joint papers) or 'fractional' (Newman)",
      'count',
    )
    .option('--no-layout', 'skip the ForceAtlas2 layout')
    .option('--iterations <n>', 'ForceAtlas2 iterations (default grows with graph size)', positiveInteger)
    .option(
      '--compact',
      `analyse on typed arrays (default above ${COMPACT_ANALYSIS_ABOVE.toLocaleString('en')} papers): writes overview.json instead of graph.json`,
    )
    .option(
      '--no-themes',
      'compact analysis: skip themes (text similarity), its slowest step at a million papers',
    )
    .option(
      '--export <formats>',
      `also write ${ANALYZE_EXPORTS.join(', ')} into the output folder (graph.gexf, csv/, neo4j-import/, graph.kuzu)`,
      formatList,
    )
    .option('--thesaurus <file>', "name rules, VOSviewer layout: 'name<TAB>replacement[<TAB>title contains]'")
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'print nothing but diagnostics')
    .addHelpText(
      'after',
      '\nWrites <output>/graph.json (graphology JSON with every attribute), report.json, report.md and corpus.json.\nCompact analysis (large corpora) writes report.json, report.md and overview.json (the community level, for `citegraph view`);\nthe whole network goes to the --export formats (graph.gexf, csv/, neo4j-import/).\nExit codes: 0 ok, 3 some input could not be read, 1 failure, 2 usage.',
    )
    .action(async (inputs: string[], options: AnalyzeCommandOptions) => {
      if (options.weight !== 'count' && options.weight !== 'fractional') {
        throw new InvalidArgumentError(`--weight must be 'count' or 'fractional', not '${options.weight}'`);
      }
      const showProgress = !options.json && !options.quiet && process.stderr.isTTY === true;
      const analyzeOptions: Partial<AnalyzeOptions> & Pick<AnalyzeOptions, 'themes'> = {
        seed: options.seed,
        collaborationResolution: options.resolution,
        build: {
          maxAuthorsPerPaper: options.maxAuthors,
          coauthorWeight: options.weight,
          mineAbstracts: true,
        },
        themes: { k: 5, minSimilarity: 0.08, resolution: options.themeResolution, labelTerms: 3 },
        layout: options.layout
          ? options.iterations !== undefined
            ? { iterations: options.iterations }
            : {}
          : false,
      };
      const compactOptions: CompactAnalyzeOptions = {
        ...DEFAULT_ANALYZE_OPTIONS,
        ...analyzeOptions,
        themes: { ...DEFAULT_ANALYZE_OPTIONS.themes, ...analyzeOptions.themes },
        themesEnabled: options.themes,
        parallelKnn: parallelKnn(),
        parallelTextModel: parallelTextModel(),
      };
      const compactFor = (paperCount: number): boolean =>
        options.compact ?? paperCount > COMPACT_ANALYSIS_ABOVE;
      // The themes need only the papers' texts: on a thread of their own, they overlap the rest of
      // the ingest (from before the merge) and of the analysis.
      const themes = new EarlyThemes(
        themesSettings(compactOptions),
        (count) => options.themes && compactFor(count) && count >= THEMES_WORKER_FROM,
      );
      const ingestBar = progressBar('ingest ', showProgress);
      const thesaurus = options.thesaurus ? await readThesaurus(options.thesaurus) : undefined;
      try {
        const corpus = await loadCorpus(inputs, {
          ...(thesaurus ? { thesaurus: thesaurus.rules } : {}),
          onProgress: (done, total, file) => ingestBar.update(done, total, file),
          onRecordsParsed: themes.onRecordsParsed,
          onPapersMerged: themes.onPapersMerged,
        });
        if (thesaurus) corpus.diagnostics.unshift(...thesaurus.diagnostics);
        ingestBar.stop();
        const analysisBar = progressBar('analyze', showProgress);
        const onProgress = (step: string, done: number, total: number) =>
          analysisBar.update(done, total, step);
        const output = options.output;
        const provenance = await provenanceOf(corpus, `citegraph analyze ${inputs.join(' ')}`);
        if (compactFor(corpus.papers.length)) {
          const analysis = await analyzeCompactOverlapped(
            corpus,
            { ...compactOptions, onProgress },
            themes.result,
          );
          analysisBar.stop();
          await writeCompactOutputs(analysis, output, provenance, options.export ?? [], showProgress);
          finish(analysis.report, corpus, output, options);
          return;
        }
        const { graph, report } = analyze(corpus, { ...analyzeOptions, onProgress });
        analysisBar.stop();
        await writeFileAtomic(join(output, 'graph.json'), JSON.stringify(graph.export()));
        await writeFileAtomic(
          join(output, 'report.json'),
          `${JSON.stringify({ ...report, provenance }, null, 1)}\n`,
        );
        await writeFileAtomic(
          join(output, 'report.md'),
          renderMarkdownReport(report, (node) => graph.getNodeAttribute(node, 'label'), provenance),
        );
        await writeFileAtomic(join(output, 'corpus.json'), `${JSON.stringify(corpus, null, 1)}\n`);
        await writeExports(graph, graphCommunities(graph), options.export ?? [], output, showProgress);
        finish(report, corpus, output, options);
      } finally {
        themes.stop();
      }
    });
}

async function writeCompactOutputs(
  analysis: CompactAnalysis,
  output: string,
  provenance: RunProvenance,
  formats: AnalyzeExport[],
  showProgress: boolean,
): Promise<void> {
  const { report } = analysis;
  const view = new CompactGraphView(analysis);
  await writeFileAtomic(
    join(output, 'report.json'),
    `${JSON.stringify({ ...report, provenance }, null, 1)}\n`,
  );
  await writeFileAtomic(
    join(output, 'report.md'),
    renderMarkdownReport(report, (node) => view.getNodeAttributes(node).label, provenance),
  );
  await writeFileAtomic(join(output, 'overview.json'), JSON.stringify(communityOverview(analysis).export()));
  const communities = [...report.collaboration.communities, ...report.themes.communities];
  await writeExports(view, communities, formats, output, showProgress);
}

function finish(
  report: AnalysisReport,
  corpus: Corpus,
  output: string,
  options: AnalyzeCommandOptions,
): void {
  reportDiagnostics(corpus, false);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ output, summary: report.summary, collaboration: { communities: report.collaboration.communities.length, modularity: report.collaboration.modularity }, themes: { communities: report.themes.communities.length, modularity: report.themes.modularity }, cappedPapers: report.coauthorship.cappedPapers.length }, null, 2)}\n`,
    );
  } else if (!options.quiet) {
    process.stdout.write(`${oneLineSummary(report, output)}\n`);
  }
  process.exitCode = exitCodeFor(corpus);
}
