import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { type AnalysisReport, analyze } from '../../analysis/pipeline.ts';
import { type RunProvenance, renderMarkdownReport } from '../../analysis/report-markdown.ts';
import { loadCorpus, readThesaurus } from '../../ingest/read-node.ts';
import type { Corpus } from '../../model/types.ts';
import { writeFileAtomic } from '../io.ts';
import { progressBar } from '../progress.ts';
import { libraryVersions } from '../versions.ts';
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

async function checksum(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
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
    .option('--thesaurus <file>', "name rules, VOSviewer layout: 'name<TAB>replacement[<TAB>title contains]'")
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'print nothing but diagnostics')
    .addHelpText(
      'after',
      '\nWrites <output>/graph.json (graphology JSON with every attribute), report.json, report.md and corpus.json.\nExit codes: 0 ok, 3 some input could not be read, 1 failure, 2 usage.',
    )
    .action(async (inputs: string[], options: AnalyzeCommandOptions) => {
      if (options.weight !== 'count' && options.weight !== 'fractional') {
        throw new InvalidArgumentError(`--weight must be 'count' or 'fractional', not '${options.weight}'`);
      }
      const showProgress = !options.json && !options.quiet && process.stderr.isTTY === true;
      const ingestBar = progressBar('ingest ', showProgress);
      const thesaurus = options.thesaurus ? await readThesaurus(options.thesaurus) : undefined;
      const corpus = await loadCorpus(inputs, {
        ...(thesaurus ? { thesaurus: thesaurus.rules } : {}),
        onProgress: (done, total, file) => ingestBar.update(done, total, file),
      });
      if (thesaurus) corpus.diagnostics.unshift(...thesaurus.diagnostics);
      ingestBar.stop();
      const analysisBar = progressBar('analyze', showProgress);
      const { graph, report } = analyze(corpus, {
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
        onProgress: (step, done, total) => analysisBar.update(done, total, step),
      });
      analysisBar.stop();
      const provenance = await provenanceOf(corpus, `citegraph analyze ${inputs.join(' ')}`);
      const output = options.output;
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
      reportDiagnostics(corpus, false);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ output, summary: report.summary, collaboration: { communities: report.collaboration.communities.length, modularity: report.collaboration.modularity }, themes: { communities: report.themes.communities.length, modularity: report.themes.modularity }, cappedPapers: report.coauthorship.cappedPapers.length }, null, 2)}\n`,
        );
      } else if (!options.quiet) {
        process.stdout.write(`${oneLineSummary(report, output)}\n`);
      }
      process.exitCode = exitCodeFor(corpus);
    });
}
