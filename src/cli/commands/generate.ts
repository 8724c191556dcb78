import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { generateCorpus, seedFromText } from '../../generate/corpus.ts';
import { parseCount } from '../../generate/count.ts';
import { coauthorshipEdges } from '../../generate/edges.ts';
import { GENERATE_FORMATS, type GenerateFormat } from '../../generate/write.ts';
import { writeCorpusFile, writeEdgeListFile } from '../../generate/write-file-node.ts';
import { checkOutput } from '../output-guard.ts';

interface GenerateCommandOptions {
  papers: number;
  seed: string;
  format: GenerateFormat;
  output: string;
  edges?: string;
  json?: boolean;
}

function countArgument(text: string): number {
  const count = parseCount(text);
  if (count === undefined || count < 1) {
    throw new InvalidArgumentError(`expected a paper count like 2000, 10k, 100k or 1m, found '${text}'`);
  }
  return count;
}

/** `citegraph generate`: a deterministic synthetic corpus for benchmarks and scale tests. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic corpus (same --seed, same bytes) for benchmarks and scale tests')
    .requiredOption('--papers <count>', 'number of papers: 2000, 10k, 100k, 1m', countArgument)
    .option('--seed <seed>', 'seed of every random choice (a number or any text)', '1')
    .addOption(new Option('--format <format>', 'output format').choices(GENERATE_FORMATS).default('listing'))
    .requiredOption('-o, --output <file>', 'file to write')
    .option('--edges <file>', 'also write the weighted co-authorship edge list (u v weight lines)')
    .option('--json', 'print a JSON summary on stdout')
    .addHelpText('after', '\nExit codes: 0 written, 1 failure (I/O), 2 usage.')
    .action(async (options: GenerateCommandOptions) => {
      checkOutput({ output: options.output, inputs: [] });
      if (options.edges) checkOutput({ output: options.edges, inputs: [options.output], option: '--edges' });
      const started = performance.now();
      const corpus = generateCorpus({ papers: options.papers, seed: seedFromText(options.seed) });
      const bar =
        process.stderr.isTTY && !options.json
          ? new SingleBar(
              { stream: process.stderr, format: 'generate |{bar}| {percentage}% {value}/{total} papers' },
              Presets.shades_classic,
            )
          : undefined;
      bar?.start(corpus.shape.papers, 0);
      const written = await writeCorpusFile(corpus, options.format, options.output, {
        onProgress: (progress) => bar?.update(progress.papers),
      });
      bar?.stop();
      let edges: { file: string; nodes: number; edges: number } | undefined;
      if (options.edges) {
        const list = coauthorshipEdges(corpus);
        await writeEdgeListFile(list, options.edges);
        edges = { file: options.edges, nodes: list.nodes, edges: list.source.length };
      }
      const summary = {
        format: options.format,
        file: written.path,
        bytes: written.bytes,
        seed: corpus.options.seed,
        ...corpus.shape,
        ...(edges ? { edgeList: edges } : {}),
        seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        process.stdout.write(
          `Wrote ${summary.papers} papers (${summary.authors} authors, ${summary.authorships} authorships) ` +
            `as ${summary.format} to ${summary.file}: ${(summary.bytes / 1e6).toFixed(1)} MB in ${summary.seconds} s\n`,
        );
        if (edges)
          process.stdout.write(
            `Wrote ${edges.edges} co-authorship edges (${edges.nodes} authors) to ${edges.file}\n`,
          );
      }
    });
}
