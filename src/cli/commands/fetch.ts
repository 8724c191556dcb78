import { type Command, InvalidArgumentError } from 'commander';
import {
  type FetchProgress,
  fetchOpenAlexToFile,
  OPENALEX_DEFAULTS,
  type OpenAlexFetchSummary,
  type ResolvedAuthor,
} from '../../ingest/openalex-fetch-node.ts';
import { EXIT } from '../exit-codes.ts';
import { checkOutput } from '../output-guard.ts';
import { progressBar } from '../progress.ts';

/** Works fetched for an author or search when --max is not given: enough for a map, not a crawl. */
const DEFAULT_FETCH_MAX = 1000;

interface FetchOpenAlexOptions {
  author?: string;
  search?: string;
  cites?: boolean;
  output: string;
  mailto?: string;
  max: number;
  maxCiting?: number;
  baseUrl: string;
  rate: number;
  retries: number;
  connectTimeout: number;
  headerTimeout: number;
  bodyTimeout: number;
  maxBodyMb: number;
  quiet?: boolean;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
}

function nonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number > 0');
  return number;
}

function describeAuthor(author: ResolvedAuthor): string {
  if (!author.displayName) return `author filter ${author.filter}`;
  const works = author.worksCount === undefined ? '' : `, ${author.worksCount} works`;
  const others =
    author.candidates > 1 ? ` (best of ${author.candidates} matches; pass an A… id to choose another)` : '';
  return `author ${author.displayName} (${author.id}${works})${others}`;
}

function describeSummary(summary: OpenAlexFetchSummary, max: number): string {
  const limited =
    summary.available !== undefined && summary.available > summary.works && summary.works >= max
      ? ` (stopped at --max ${max} of ${summary.available})`
      : '';
  const citing = summary.citing > 0 ? ` + ${summary.citing} citing works` : '';
  const retries = summary.retries > 0 ? `, ${summary.retries} retried` : '';
  return `${summary.works} works${limited}${citing} → ${summary.output} (${summary.requests} requests${retries})`;
}

async function runFetchOpenAlex(options: FetchOpenAlexOptions, command: Command): Promise<void> {
  if ((options.author === undefined) === (options.search === undefined)) {
    command.error('citegraph fetch openalex: give exactly one of --author and --search', {
      exitCode: EXIT.usage,
    });
  }
  checkOutput({ output: options.output, inputs: [] });
  const showProgress = !options.quiet && process.stderr.isTTY === true;
  const bars = { works: progressBar('works ', showProgress), citing: progressBar('citing', showProgress) };
  const say = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    const summary = await fetchOpenAlexToFile(
      {
        author: options.author,
        search: options.search,
        cites: options.cites,
        max: options.max,
        maxCiting: options.maxCiting,
      },
      options.output,
      {
        baseUrl: options.baseUrl,
        mailto: options.mailto,
        requestsPerSecond: options.rate,
        maxRetries: options.retries,
        limits: {
          connectTimeoutMs: options.connectTimeout * 1000,
          headerTimeoutMs: options.headerTimeout * 1000,
          bodyTimeoutMs: options.bodyTimeout * 1000,
          maxBodyBytes: options.maxBodyMb * 1024 * 1024,
        },
        onAuthorResolved: (author) => say(`OpenAlex ${describeAuthor(author)}`),
        onRetry: (event) =>
          say(`retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s: ${event.reason}`),
        onProgress: (progress: FetchProgress) => {
          if (progress.phase === 'citing') bars.works.stop();
          bars[progress.phase].update(progress.fetched, progress.total ?? progress.fetched);
        },
      },
    );
    bars.works.stop();
    bars.citing.stop();
    if (!options.quiet) process.stdout.write(`${describeSummary(summary, options.max)}\n`);
  } finally {
    bars.works.stop();
    bars.citing.stop();
  }
}

export function registerFetchCommand(program: Command): void {
  const fetch = program
    .command('fetch')
    .description('download records from a scholarly API into a file `ingest` reads');
  fetch
    .command('openalex')
    .description(
      'fetch OpenAlex works of an author or a search (optionally with the works citing them) as JSON Lines',
    )
    .option('--author <name-or-id>', 'author name (best match), OpenAlex author id (A…) or ORCID')
    .option('--search <query>', 'full-text search over works')
    .option('--cites', 'also fetch the works that cite the works found')
    .requiredOption('-o, --output <file>', 'JSON Lines file to write (replaced atomically)')
    .option('--mailto <address>', 'contact address for the OpenAlex polite pool', process.env.OPENALEX_MAILTO)
    .option('--max <n>', 'most works to fetch for the author or search', positiveInteger, DEFAULT_FETCH_MAX)
    .option(
      '--max-citing <n>',
      'most citing works to fetch with --cites (default: --max)',
      nonNegativeInteger,
    )
    .option('--base-url <url>', 'OpenAlex API root', OPENALEX_DEFAULTS.baseUrl)
    .option('--rate <n>', 'requests per second at most', positiveNumber, OPENALEX_DEFAULTS.requestsPerSecond)
    .option(
      '--retries <n>',
      'retries per request on 429, 5xx and network errors',
      nonNegativeInteger,
      OPENALEX_DEFAULTS.maxRetries,
    )
    .option(
      '--connect-timeout <s>',
      'seconds to wait for a connection',
      positiveNumber,
      OPENALEX_DEFAULTS.connectTimeoutMs / 1000,
    )
    .option(
      '--header-timeout <s>',
      'seconds to wait for an answer once connected',
      positiveNumber,
      OPENALEX_DEFAULTS.headerTimeoutMs / 1000,
    )
    .option(
      '--body-timeout <s>',
      'seconds an answer may take to arrive whole',
      positiveNumber,
      OPENALEX_DEFAULTS.bodyTimeoutMs / 1000,
    )
    .option(
      '--max-body-mb <n>',
      'largest answer read, in MB',
      positiveNumber,
      OPENALEX_DEFAULTS.maxBodyBytes / 1024 / 1024,
    )
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      '\nExamples:\n  citegraph fetch openalex --author "Heather Piwowar" -o data/piwowar.jsonl --mailto you@example.org\n' +
        '  citegraph fetch openalex --search "co-authorship networks" --cites --max 200 -o data/coauthor.jsonl\n' +
        '\nExit codes: 0 written, 1 OpenAlex unreachable or refused (nothing written), 2 usage.',
    )
    .action(async (options: FetchOpenAlexOptions, command: Command) => {
      await runFetchOpenAlex(options, command);
    });
}
