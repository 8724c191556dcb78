import { type Command, Option } from 'commander';
import { formatDiagnostic } from '../../ingest/diagnostics.ts';
import { ingestFiles, readThesaurus } from '../../ingest/read-node.ts';
import { PARSERS } from '../../ingest/registry.ts';
import type { Corpus, SourceFormat } from '../../model/types.ts';
import { EXIT } from '../exit-codes.ts';
import { writeFileAtomic } from '../io.ts';
import { checkOutput } from '../output-guard.ts';
import { progressBar } from '../progress.ts';

interface IngestSummary {
  files: Corpus['files'];
  papers: number;
  authors: number;
  merged: number;
  diagnostics: { errors: number; warnings: number };
  output?: string;
}

function summarizeCorpus(corpus: Corpus, output?: string): IngestSummary {
  const summary: IngestSummary = {
    files: corpus.files,
    papers: corpus.papers.length,
    authors: corpus.authors.length,
    merged: corpus.merges.length,
    diagnostics: {
      errors: corpus.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: corpus.diagnostics.filter((d) => d.severity === 'warning').length,
    },
  };
  if (output) summary.output = output;
  return summary;
}

function printSummary(summary: IngestSummary): void {
  const width = Math.max(4, ...summary.files.map((file) => file.file.length));
  const lines = summary.files.map(
    (file) =>
      `${file.file.padEnd(width)}  ${file.format.padEnd(16)} ${String(file.records).padStart(7)} records  ${String(file.skipped ?? 0).padStart(4)} skipped  ${String(file.diagnostics).padStart(4)} diagnostics`,
  );
  lines.push(
    `${summary.papers} papers (${summary.merged} merged from several sources), ${summary.authors} authors` +
      (summary.output ? ` → ${summary.output}` : ''),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints diagnostics to stderr, one line each, errors and warnings (info only when verbose). */
export function reportDiagnostics(corpus: Corpus, verbose: boolean): void {
  for (const d of corpus.diagnostics) {
    if (d.severity === 'info' && !verbose) continue;
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}

/** 3 when any input was skipped or repaired (an error or a warning), else 0. */
export function exitCodeFor(corpus: Corpus): number {
  const incomplete =
    corpus.diagnostics.some((d) => d.severity !== 'info') ||
    corpus.files.some((file) => (file.skipped ?? 0) > 0);
  return incomplete ? EXIT.partialInput : EXIT.ok;
}

interface IngestOptions {
  output?: string;
  thesaurus?: string;
  json?: boolean;
  format?: SourceFormat;
  quiet?: boolean;
  verbose?: boolean;
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'read listing pages and bibliographic exports (format detected by content) into one deduplicated corpus',
    )
    .argument('<inputs...>', 'files or folders')
    .option('-o, --output <file>', 'write the corpus JSON here')
    .addOption(
      new Option('--format <format>', 'skip detection and read every file as this format').choices(
        PARSERS.map((parser) => parser.format),
      ),
    )
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'print nothing but diagnostics')
    .option('-v, --verbose', 'also print informational diagnostics')
    .option('--thesaurus <file>', "name rules, VOSviewer layout: 'name<TAB>replacement[<TAB>title contains]'")
    .addHelpText(
      'after',
      '\nExit codes: 0 all input read as it is, 3 some input skipped or repaired (see stderr), 1 failure, 2 usage.',
    )
    .action(async (inputs: string[], options: IngestOptions) => {
      if (options.output)
        checkOutput({
          output: options.output,
          inputs: [...inputs, ...(options.thesaurus ? [options.thesaurus] : [])],
        });
      const bar = progressBar('ingest', !options.json && process.stderr.isTTY === true);
      const thesaurus = options.thesaurus ? await readThesaurus(options.thesaurus) : undefined;
      const { corpus } = await ingestFiles(inputs, {
        ...(options.format ? { format: options.format } : {}),
        ...(thesaurus ? { thesaurus: thesaurus.rules } : {}),
        onProgress: (done, total, file) => bar.update(done, total, file),
      });
      bar.stop();
      if (thesaurus) corpus.diagnostics.unshift(...thesaurus.diagnostics);
      if (options.output) await writeFileAtomic(options.output, `${JSON.stringify(corpus, null, 1)}\n`);
      reportDiagnostics(corpus, options.verbose === true);
      const summary = summarizeCorpus(corpus, options.output);
      if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else if (!options.quiet) printSummary(summary);
      process.exitCode = exitCodeFor(corpus);
    });
}
