import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { MAX_COAUTHORED_AUTHORS } from '../../analysis/coauthor.ts';
import { parallelKnn } from '../../analysis/knn-parallel-node.ts';
import { layerJobOnWorker } from '../../analysis/layer-worker-node.ts';
import {
  analyzeOptions as completeAnalyzeOptions,
  DEFAULT_ANALYZE_OPTIONS,
  type PartialAnalyzeOptions,
} from '../../analysis/options.ts';
import { communityOverview } from '../../analysis/overview.ts';
import {
  type Analysis,
  analysisGraphAttributes,
  analysisView,
  analyzeCorpusOverlapped,
  themesSettings,
} from '../../analysis/pipeline.ts';
import type { AnalysisReport } from '../../analysis/report.ts';
import { type RunProvenance, renderMarkdownReport } from '../../analysis/report-markdown.ts';
import { parallelTextModel } from '../../analysis/text-model-parallel-node.ts';
import { EarlyThemes, THEMES_WORKER_FROM } from '../../analysis/themes-worker-node.ts';
import { pipeChunks } from '../../export/attributes.ts';
import { writeFileStreamAtomic } from '../../export/files-node.ts';
import { writeGraphJson } from '../../export/graph-json-parallel-node.ts';
import type { ReadableGraph } from '../../graph/readable.ts';
import { loadCorpus, readThesaurus } from '../../ingest/read-node.ts';
import type { CommunitySummary } from '../../model/graph-schema.ts';
import type { Corpus } from '../../model/types.ts';
import { KuzuStore } from '../../store/kuzu-store.ts';
import { EXIT } from '../exit-codes.ts';
import { writeFileAtomic } from '../io.ts';
import { refuseForeignFolder, replaceFolder } from '../output-folder.ts';
import { checkOutput } from '../output-guard.ts';
import { progressBar } from '../progress.ts';
import { libraryVersions } from '../versions.ts';
import { addMapOptions, type MapCommandOptions, mapOptionsFrom } from './analyze-maps.ts';
import { STREAMING_FORMATS, writeStreamingExport } from './export.ts';
import { exitCodeFor, reportDiagnostics } from './ingest.ts';

/**
 * graph.json and corpus.json are written up to this many nodes + edges: above it the view could
 * not open them anyway, and they take minutes and gigabytes to write; overview.json, the report
 * and the --export formats are written at every size.
 */
export const GRAPH_JSON_LIMIT = 5_000_000;

interface AnalyzeCommandOptions extends MapCommandOptions {
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
  themes: boolean;
  graphLimit: number;
  export?: AnalyzeExport[];
}

/** Every name analyze writes in its output folder (and `query` its cache): all else there is refused. */
const ANALYZE_OUTPUT_NAMES = [
  'report.json',
  'report.md',
  'overview.json',
  'graph.json',
  'corpus.json',
  'graph.gexf',
  'csv',
  'neo4j-import',
  'graph.kuzu',
  'graph.kuzu.wal',
  '.citegraph-kuzu',
];

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
    inputs.push({
      file: file.file,
      sha256,
      bytes: file.bytes,
      format: file.format,
      records: file.records,
      skippedRecords: file.skipped ?? 0,
      diagnostics: file.diagnostics,
    });
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
  const command = program
    .command('analyze')
    .description(
      'ingest inputs (or read a corpus.json), build the networks, find communities and themes, write graph and report',
    )
    .argument(
      '<inputs...>',
      'listing pages, exports, folders, or one corpus.json written by `citegraph ingest`',
    )
    .option('-o, --output <dir>', 'output folder', 'out')
    .option('--seed <n>', 'seed for every random choice', positiveInteger, DEFAULT_ANALYZE_OPTIONS.seed)
    .option(
      '--resolution <r>',
      'Louvain resolution for collaborator groups',
      number,
      DEFAULT_ANALYZE_OPTIONS.collaborationResolution,
    )
    .option(
      '--theme-resolution <r>',
      'Louvain resolution for themes',
      number,
      DEFAULT_ANALYZE_OPTIONS.themes.resolution,
    )
    .option(
      '--max-authors <n>',
      'leave papers with more authors out of the co-authorship layer',
      positiveInteger,
      DEFAULT_ANALYZE_OPTIONS.build.maxAuthorsPerPaper,
    )
    .addOption(
      new Option('--weight <kind>', "co-authorship weight: 'count' (joint papers) or 'fractional' (Newman)")
        .choices(['count', 'fractional'])
        .default(DEFAULT_ANALYZE_OPTIONS.build.coauthorWeight),
    )
    .option('--no-layout', 'skip the layout')
    .option(
      '--iterations <n>',
      'ForceAtlas2 passes (default by graph size; on the community graph above 5,000 nodes, default 300)',
      positiveInteger,
    )
    .option('--no-themes', 'skip themes (text similarity), the slowest step at a million papers')
    .option(
      '--graph-limit <n>',
      'write graph.json and corpus.json only up to this many nodes + edges',
      positiveInteger,
      GRAPH_JSON_LIMIT,
    )
    .option(
      '--export <formats>',
      `also write ${ANALYZE_EXPORTS.join(', ')} into the output folder (graph.gexf, csv/, neo4j-import/, graph.kuzu)`,
      formatList,
    )
    .option('--thesaurus <file>', "name rules, VOSviewer layout: 'name<TAB>replacement[<TAB>title contains]'")
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'print nothing but diagnostics');
  addMapOptions(command)
    .addHelpText(
      'after',
      '\nWrites <output>/report.json, report.md, overview.json (the community level), and graph.json (graphology JSON\nwith every attribute) and corpus.json up to --graph-limit nodes + edges; the report says when they were not written.\nThe whole network always goes to the --export formats (graph.gexf, csv/, neo4j-import/, graph.kuzu).\nExit codes: 0 ok, 3 some input skipped or repaired, 1 failure, 2 usage.',
    )
    .action(async (inputs: string[], options: AnalyzeCommandOptions) => {
      checkOutput({
        output: options.output,
        inputs: [
          ...inputs,
          ...(options.thesaurus ? [options.thesaurus] : []),
          ...(options.keywordThesaurus ? [options.keywordThesaurus] : []),
        ],
        folder: true,
      });
      refuseForeignFolder(options.output, ANALYZE_OUTPUT_NAMES);
      if (options.maxAuthors > MAX_COAUTHORED_AUTHORS) {
        process.stderr.write(
          `citegraph: --max-authors ${options.maxAuthors} is taken as ${MAX_COAUTHORED_AUTHORS}: a paper with more authors would add over 2^24 co-author links on its own\n`,
        );
        options.maxAuthors = MAX_COAUTHORED_AUTHORS;
      }
      const showProgress = !options.json && !options.quiet && process.stderr.isTTY === true;
      const maps = await mapOptionsFrom(options);
      const analyzeOptions: PartialAnalyzeOptions = {
        maps: maps.maps,
        ...(options.clustering ? { collaborationClustering: options.clustering } : {}),
        seed: options.seed,
        collaborationResolution: options.resolution,
        build: { maxAuthorsPerPaper: options.maxAuthors, coauthorWeight: options.weight },
        themes: { resolution: options.themeResolution, enabled: options.themes },
        layout: options.layout
          ? options.iterations !== undefined
            ? { iterations: options.iterations }
            : {}
          : false,
      };
      // The themes need only the papers' texts: on a thread of their own, they overlap the rest of
      // the ingest (from before the merge) and of the analysis.
      const themes = new EarlyThemes(
        themesSettings(completeAnalyzeOptions(analyzeOptions)),
        (count) => options.themes && count >= THEMES_WORKER_FROM,
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
        corpus.diagnostics.unshift(...maps.diagnostics);
        ingestBar.stop();
        if (corpus.papers.length === 0) {
          reportDiagnostics(corpus, false);
          process.stderr.write(
            `citegraph: no paper could be read from ${inputs.join(' ')}: nothing analysed, nothing written\n`,
          );
          process.exitCode = EXIT.partialInput;
          return;
        }
        const analysisBar = progressBar('analyze', showProgress);
        const onProgress = (step: string, done: number, total: number) =>
          analysisBar.update(done, total, step);
        const provenance = await provenanceOf(corpus, `citegraph analyze ${inputs.join(' ')}`);
        const analysis = await replaceFolder(options.output, async (folder) => {
          // corpus.json needs only the corpus: written while the themes are computed on their
          // thread, it fills this thread's wait for them.
          const corpusWrite = mayHoldGraph(corpus, options.graphLimit)
            ? settled(writeCorpusJson(folder, corpus))
            : undefined;
          let analysis: Analysis;
          try {
            analysis = await analyzeCorpusOverlapped(
              corpus,
              { ...analyzeOptions, onProgress },
              themes.result,
              {
                parallelKnn: parallelKnn(),
                parallelTextModel: parallelTextModel(),
                layerJob: layerJobOnWorker(),
              },
            );
          } finally {
            await corpusWrite;
          }
          analysisBar.stop();
          await writeOutputs(analysis, { ...options, output: folder }, provenance, showProgress, corpusWrite);
          return analysis;
        });
        finish(analysis.report, corpus, options.output, options);
      } finally {
        themes.stop();
      }
    });
}

/** Nodes + edges of the analysed graph, from the report's counts. */
function graphElements(report: AnalysisReport): number {
  const { summary } = report;
  const edges = Object.values(summary.edges).reduce((sum, count) => sum + count, 0);
  return summary.papers + summary.authors + summary.references + edges;
}

async function writeOutputs(
  analysis: Analysis,
  options: AnalyzeCommandOptions,
  provenance: RunProvenance,
  showProgress: boolean,
  corpusWrite: Promise<unknown> | undefined,
): Promise<void> {
  const { report, corpus } = analysis;
  const output = options.output;
  const view = analysisView(analysis);
  const elements = graphElements(report);
  const writeGraph = elements <= options.graphLimit;
  const outputs = {
    graphJson: writeGraph
      ? 'written'
      : `not written: ${elements} nodes + edges, over --graph-limit ${options.graphLimit}; overview.json and the --export formats hold the network`,
    corpusJson: writeGraph ? 'written' : 'not written, as graph.json (--graph-limit)',
  };
  await writeFileAtomic(
    join(output, 'report.json'),
    `${JSON.stringify({ ...report, outputs, provenance }, null, 1)}\n`,
  );
  await writeFileAtomic(
    join(output, 'report.md'),
    renderMarkdownReport(report, (node) => view.getNodeAttributes(node).label, provenance),
  );
  await writeFileAtomic(join(output, 'overview.json'), JSON.stringify(communityOverview(analysis).export()));
  if (writeGraph) {
    const layerEdges = report.summary.edges.authored + report.summary.edges.coauthor;
    await writeFileStreamAtomic(join(output, 'graph.json'), (sink) =>
      writeGraphJson(view, analysisGraphAttributes(analysis), sink, layerEdges),
    );
  }
  const corpusError = await corpusWrite;
  if (corpusError) throw corpusError;
  if (writeGraph && !corpusWrite) await writeCorpusJson(output, corpus);
  if (!writeGraph && corpusWrite) await rm(join(output, 'corpus.json'), { force: true });
  const communities = [...report.collaboration.communities, ...report.themes.communities];
  await writeExports(view, communities, options.export ?? [], output, showProgress);
}

/**
 * Whether graph.json may be written for this corpus: its papers, authors and authorships alone
 * (a part of graph.json's nodes + edges) are within the limit.
 */
function mayHoldGraph(corpus: Corpus, graphLimit: number): boolean {
  let elements = corpus.papers.length + corpus.authors.length;
  for (const paper of corpus.papers) elements += paper.authors.length;
  return elements <= graphLimit;
}

/** A promise that always fulfils: with the error the work failed with, or undefined. */
function settled(work: Promise<void>): Promise<unknown> {
  return work.then(
    () => undefined,
    (error: unknown) => error ?? new Error('corpus.json could not be written'),
  );
}

function writeCorpusJson(folder: string, corpus: Corpus): Promise<void> {
  return writeFileStreamAtomic(join(folder, 'corpus.json'), (sink) =>
    pipeChunks(corpusJsonPieces(corpus), sink),
  );
}

/** corpus.json in pieces: one paper or author at a time, so no single string holds it all. */
function* corpusJsonPieces(corpus: Corpus): Generator<string> {
  const { papers, authors, ...rest } = corpus;
  yield '{\n "papers": [';
  for (let i = 0; i < papers.length; i++) yield `${i ? ',' : ''}\n  ${JSON.stringify(papers[i])}`;
  yield '\n ],\n "authors": [';
  for (let i = 0; i < authors.length; i++) yield `${i ? ',' : ''}\n  ${JSON.stringify(authors[i])}`;
  yield '\n ]';
  for (const [key, value] of Object.entries(rest))
    yield `,\n ${JSON.stringify(key)}: ${JSON.stringify(value, null, 1)}`;
  yield '\n}\n';
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
