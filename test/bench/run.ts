/**
 * The benchmark harness: `npm run bench [-- --sizes 10k,100k,1m] [--runs 3] [--json out.json]
 * [--seed 1] [--steps louvain,floor] [--no-peers] [--doc | --no-doc]`, or
 * `npm run bench -- --render .bench/results-<date>.json` to write a saved run's section of
 * docs/benchmarks.md again (after a change to how it is laid out) without measuring.
 *
 * Steps marked `neo4j` share one in-process Neo4j (test/neo4j/run.sh), started on first use and
 * stopped at the end.
 *
 * For each size and step: `runs` fresh Node processes (child.ts), median time, the largest peak
 * RSS, throughput, modularity where it applies, the ratio to the step's baseline and its target.
 * Prints one table, writes it as JSON (default .bench/results-<date>.json) and, for a run of every
 * step (or with --doc), as this run's section of docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { formatCount, parseCount } from '../../src/generate/count.ts';
import { preparation, prepareArtifacts } from './artifacts.ts';
import type { ChildOutput } from './child.ts';
import { BENCH_DOC, type DocSection, type RunFacts, writeBenchDoc } from './doc.ts';
import { type BenchNeo4j, startNeo4j } from './neo4j.ts';
import { ensurePeers, type PeerEnvironment } from './peers-install.ts';
import { STEPS } from './steps/index.ts';
import type { Artifact, BenchStep, Neo4jServer, StepContext, StepTarget } from './types.ts';

const ROOT = resolve('.bench');

export interface BenchRow {
  size: number;
  step: string;
  group: string;
  unit: string;
  status: 'ok' | 'missing' | 'skipped' | 'failed';
  runs: number;
  medianSeconds?: number;
  allSeconds?: number[];
  peakRssBytes?: number;
  items?: number;
  bytes?: number;
  itemsPerSecond?: number;
  modularity?: number;
  communities?: number;
  baseline?: string;
  ratioToBaseline?: number;
  /** The step's target and whether this row meets it, as printed. */
  target?: string;
  note?: string;
}

interface Arguments {
  sizes: number[];
  runs: number;
  json?: string;
  seed: number;
  steps?: string[];
  peers: boolean;
  /** Write docs/benchmarks.md: by default only when every step ran. */
  doc?: boolean;
}

function parseArguments(argv: string[]): Arguments {
  const args: Arguments = { sizes: [10_000, 100_000], runs: 3, seed: 1, peers: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--sizes') {
      args.sizes = value()
        .split(',')
        .map((text) => {
          const count = parseCount(text);
          if (!count) throw new Error(`--sizes: '${text}' is not a count like 10k`);
          return count;
        });
    } else if (flag === '--runs') args.runs = Math.max(1, Number(value()));
    else if (flag === '--json') args.json = value();
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--steps') args.steps = value().split(',');
    else if (flag === '--no-peers') args.peers = false;
    else if (flag === '--doc') args.doc = true;
    else if (flag === '--no-doc') args.doc = false;
    else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function runOnce(step: BenchStep, context: StepContext): ChildOutput {
  const child = spawnSync(
    process.execPath,
    [
      // The heap and young generation the CLI gives itself (src/cli/citegraph.mjs).
      `--max-old-space-size=${Math.floor((totalmem() * 0.75) / 1048576)}`,
      '--max-semi-space-size=64',
      // Steps that time work on data loaded untimed settle the heap first (global.gc).
      '--expose-gc',
      'src/cli/run-ts.mjs',
      'test/bench/child.ts',
      step.name,
      JSON.stringify(context),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60 * 60_000 },
  );
  const line = child.stdout?.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
  if (child.status !== 0 || !line) {
    const lines = (child.stderr || child.error?.message || `exit ${child.status}`).trim().split('\n');
    // The error's own line says more than the stack and Node's version banner that end stderr.
    const errorLine = lines.find((line) => /^\w*(Error|Exception)\b|^\s*\w+Error:/.test(line));
    const reason = errorLine?.trim().slice(0, 300) ?? lines.slice(-3).join(' | ');
    return { items: 0, status: 'failed', note: reason, wallSeconds: 0, childPeakRssBytes: 0 };
  }
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildOutput;
}

async function benchSize(
  size: number,
  steps: BenchStep[],
  args: Arguments,
  peers: PeerEnvironment,
  neo4j: () => Promise<Neo4jServer>,
): Promise<BenchRow[]> {
  const applicable = steps.filter(
    (step) =>
      (step.maxPapers === undefined || size <= step.maxPapers) &&
      (step.minPapers === undefined || size >= step.minPapers),
  );
  const needed = new Set<Artifact>(applicable.flatMap((step) => step.needs ?? []));
  const files = await prepareArtifacts(ROOT, size, args.seed, needed, log);
  const rows: BenchRow[] = [];
  for (const step of steps) {
    const row: BenchRow = {
      size,
      step: step.name,
      group: step.group,
      unit: step.unit,
      status: 'ok',
      runs: 0,
    };
    rows.push(row);
    if (!applicable.includes(step)) {
      row.status = 'skipped';
      row.note =
        step.minPapers !== undefined && size < step.minPapers
          ? `only from ${formatCount(step.minPapers)} papers (--sizes 1m)`
          : `only up to ${formatCount(step.maxPapers!)} papers`;
      continue;
    }
    const lacking = (step.needs ?? []).filter((artifact) => !files[artifact]);
    if (lacking.length) {
      row.status = 'failed';
      row.note = `could not prepare ${lacking.join(', ')} (see the log above)`;
      continue;
    }
    const scratchDir = join(ROOT, 'scratch-run');
    const context: StepContext = {
      papers: size,
      seed: args.seed,
      files: Object.fromEntries((step.needs ?? []).map((artifact) => [artifact, files[artifact]!])),
      scratchDir,
      python: peers.python,
      peers: peers.available,
    };
    const results: ChildOutput[] = [];
    const maxRuns = typeof step.maxRuns === 'function' ? step.maxRuns(size) : (step.maxRuns ?? args.runs);
    if (step.neo4j) context.neo4j = await neo4j();
    for (let run = 0; run < Math.min(args.runs, maxRuns); run++) {
      rmSync(scratchDir, { recursive: true, force: true });
      mkdirSync(scratchDir, { recursive: true });
      const result = runOnce(step, context);
      results.push(result);
      if (result.status && result.status !== 'ok') break;
    }
    rmSync(scratchDir, { recursive: true, force: true });
    const failed = results.find((result) => result.status && result.status !== 'ok');
    if (failed) {
      row.status = failed.status!;
      row.note = failed.note;
      log(`${formatCount(size)} ${step.name}: ${row.status}${row.note ? ` (${row.note})` : ''}`);
      continue;
    }
    const seconds = results.map((result) => result.seconds ?? result.wallSeconds);
    const last = results.at(-1)!;
    row.runs = results.length;
    row.allSeconds = seconds;
    row.medianSeconds = median(seconds);
    row.peakRssBytes = Math.max(...results.map((result) => result.peakRssBytes ?? result.childPeakRssBytes));
    row.items = last.items;
    row.bytes = last.bytes;
    row.itemsPerSecond = row.medianSeconds > 0 ? last.items / row.medianSeconds : undefined;
    const modularities = results.flatMap((result) =>
      result.modularity === undefined ? [] : [result.modularity],
    );
    if (modularities.length) row.modularity = median(modularities);
    row.communities = last.communities;
    row.note = last.note;
    row.baseline = step.baseline;
    log(`${formatCount(size)} ${step.name}: median ${row.medianSeconds.toFixed(3)} s over ${row.runs} runs`);
    for (const phase of last.phases ?? []) {
      const times = results.map(
        (result) => result.phases?.find((other) => other.step === phase.step)?.seconds ?? phase.seconds,
      );
      const phaseSeconds = median(times);
      rows.push({
        size,
        step: phase.step,
        group: step.group,
        unit: phase.unit,
        status: 'ok',
        runs: results.length,
        medianSeconds: phaseSeconds,
        allSeconds: times,
        peakRssBytes: row.peakRssBytes,
        items: phase.items,
        itemsPerSecond: phaseSeconds > 0 ? phase.items / phaseSeconds : undefined,
        ...(phase.modularity !== undefined ? { modularity: phase.modularity } : {}),
        ...(phase.communities !== undefined ? { communities: phase.communities } : {}),
        ...(phase.baseline ? { baseline: phase.baseline } : {}),
        note: `${phase.note ? `${phase.note}; ` : ''}phase of '${step.name}' (its peak RSS)`,
      });
    }
  }
  const medianOf = (name: string) =>
    rows.find((other) => other.step === name && other.status === 'ok')?.medianSeconds;
  for (const row of rows) {
    if (row.status !== 'ok' || row.medianSeconds === undefined) continue;
    const base = row.baseline ? medianOf(row.baseline) : undefined;
    if (base) row.ratioToBaseline = row.medianSeconds / base;
    const step = steps.find((candidate) => candidate.name === row.step);
    const comparisons = (step?.compareWith ?? []).flatMap((name) => {
      const other = medianOf(name);
      return other ? [`${(row.medianSeconds! / other).toFixed(1)}x ${shortName(name)}`] : [];
    });
    if (comparisons.length) row.note = [...comparisons, row.note].filter(Boolean).join('; ');
    const target = step?.target?.(size);
    if (target) row.target = targetText(target, row);
  }
  return rows;
}

/** A step name without its group: 'analyze: igraph load + louvain' → 'igraph load + louvain'. */
function shortName(name: string): string {
  return name.replace(/^[^:]+: /, '');
}

function targetText(target: StepTarget, row: BenchRow): string {
  const parts: string[] = [];
  if (target.ratio !== undefined)
    parts.push(
      `≤${target.ratio}x ${row.ratioToBaseline === undefined ? 'no baseline' : row.ratioToBaseline <= target.ratio ? 'met' : 'not met'}`,
    );
  if (target.peakBytes !== undefined)
    parts.push(
      `<${target.peakBytes / 1e9} GB ${row.peakRssBytes === undefined ? 'not measured' : row.peakRssBytes < target.peakBytes ? 'met' : 'not met'}`,
    );
  return parts.join(', ');
}

function human(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(1)}G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(value >= 10 ? 0 : 1);
}

export function formatTable(rows: BenchRow[]): string {
  const header = [
    'size',
    'step',
    'median s',
    'runs',
    'peak RSS MB',
    'throughput',
    'modularity',
    'vs baseline',
    'target',
    'note',
  ];
  const body = rows.map((row) => {
    const ok = row.status === 'ok';
    const throughput =
      ok && row.itemsPerSecond !== undefined && row.unit !== 'runs'
        ? `${human(row.itemsPerSecond)} ${row.unit}/s${row.bytes && row.medianSeconds ? `, ${human(row.bytes / row.medianSeconds / 1e6)} MB/s` : ''}`
        : '';
    const ratio =
      row.ratioToBaseline !== undefined
        ? `${row.ratioToBaseline.toFixed(1)}x ${shortName(row.baseline!)}`
        : '';
    return [
      formatCount(row.size),
      row.step,
      ok ? row.medianSeconds!.toFixed(3) : row.status,
      ok ? String(row.runs) : '',
      ok ? (row.peakRssBytes! / 1048576).toFixed(0) : '',
      throughput,
      row.modularity !== undefined
        ? `${row.modularity.toFixed(4)}${row.communities ? ` (${row.communities})` : ''}`
        : '',
      ratio,
      row.target ?? '',
      // A '|' in a note would end the Markdown cell.
      (row.note ?? '').replaceAll('|', '/'),
    ];
  });
  return markdownTable(header, body);
}

function markdownTable(header: string[], body: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => cells[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** The rows with a target (citegraph analyze) beside their baseline and the steps they compare with. */
export function headlineTable(rows: BenchRow[], steps: BenchStep[]): string {
  const seconds = (row: BenchRow | undefined) =>
    row?.status === 'ok'
      ? `${row.medianSeconds!.toFixed(row.medianSeconds! < 10 ? 2 : 1)} s (${row.runs})`
      : (row?.status ?? 'not run');
  const peak = (row: BenchRow | undefined) =>
    row?.status === 'ok' ? `${(row.peakRssBytes! / 1e9).toFixed(2)} GB` : '';
  const ratio = (row: BenchRow, other: BenchRow | undefined) =>
    row.status === 'ok' && other?.status === 'ok'
      ? `${(row.medianSeconds! / other.medianSeconds!).toFixed(1)}x`
      : '';
  const body: string[][] = [];
  for (const row of rows) {
    const step = steps.find((candidate) => candidate.name === row.step);
    if (!step?.target || row.status === 'skipped') continue;
    const find = (name: string | undefined) =>
      rows.find((other) => other.size === row.size && other.step === name);
    const base = find(step.baseline);
    const other = find(step.compareWith?.[0]);
    body.push([
      formatCount(row.size),
      shortName(row.step),
      seconds(row),
      peak(row),
      seconds(base),
      ratio(row, base),
      seconds(other),
      ratio(row, other),
      row.target ?? '',
    ]);
  }
  if (!body.length) return 'No `citegraph analyze` row in this run.';
  const base = steps.find((step) => step.target)?.baseline ?? 'baseline';
  const other = steps.find((step) => step.target)?.compareWith?.[0] ?? 'other';
  return markdownTable(
    [
      'papers',
      'run',
      'median (runs)',
      'peak RSS',
      shortName(base),
      'ratio',
      shortName(other),
      'ratio',
      'target (ratio to igraph, peak)',
    ],
    body,
  );
}

/** The CLI's bundle (dist/cli), rebuilt so the CLI rows run what `npm install` gives a user. */
const CLI_BUILD = 'src/cli/build-cli.mjs';

function buildCli(): void {
  if (!existsSync(CLI_BUILD)) return;
  const started = performance.now();
  const build = spawnSync(process.execPath, [CLI_BUILD], { encoding: 'utf8' });
  if (build.status === 0) log(`built dist/cli in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  else log(`${CLI_BUILD} failed, the CLI runs from the sources: ${build.stderr.trim().split('\n').pop()}`);
}

/** The commit measured, and how many files under src/ differ from it. */
function codeVersion(): string {
  const git = (...args: string[]) =>
    spawnSync('git', ['--no-optional-locks', ...args], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  if (!commit) return 'unknown (no git)';
  const changed = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
  return changed ? `${commit} with ${changed} changed files under src/` : commit;
}

const USAGE = `npm run bench [-- options]: every step at each size, beside its peers and floors
  --sizes 10k,100k,1m   corpus sizes (default 10k,100k)
  --runs n              fresh processes per row (default 3)
  --steps a,b           only the steps whose name contains one of these
  --seed n              seed of the generated corpora (default 1)
  --no-peers            leave out igraph, NetworKit and networkx
  --json file           where the results go (default .bench/results-<date>.json)
  --doc | --no-doc      write this run's section of docs/benchmarks.md (default: when every step ran)
  --render file         write a saved run's section of docs/benchmarks.md again, measuring nothing
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const args = parseArguments(process.argv.slice(2));
  mkdirSync(ROOT, { recursive: true });
  const steps = args.steps
    ? STEPS.filter((step) => args.steps!.some((filter) => step.name.includes(filter)))
    : STEPS;
  const usesPeers =
    args.peers && steps.some((step) => step.name.includes('igraph') || step.name.includes('networ'));
  const peers: PeerEnvironment = usesPeers
    ? ensurePeers(ROOT, log)
    : { available: [], versions: {}, problems: [] };
  for (const problem of peers.problems) log(problem);
  const started = performance.now();
  buildCli();
  const code = codeVersion();
  const loadAtStart = loadavg()[0]!;
  const rows: BenchRow[] = [];
  // Started on first use, once for the whole bench, and always stopped.
  let server: Promise<BenchNeo4j> | undefined;
  const neo4j = async (): Promise<Neo4jServer> => {
    server ??= startNeo4j(log);
    return (await server).server;
  };
  try {
    for (const size of args.sizes) rows.push(...(await benchSize(size, steps, args, peers, neo4j)));
  } finally {
    if (server) await (await server).stop();
  }
  const table = formatTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  const date = new Date().toISOString();
  const out = args.json ?? join(ROOT, `results-${date.replace(/:/g, '-').slice(0, 16)}.json`);
  const cpu = cpus();
  const argv = process.argv.slice(2);
  const totalSeconds = (performance.now() - started) / 1000;
  const run: RunFacts = {
    sizes: [...args.sizes].sort((a, b) => a - b),
    command: `npm run bench${argv.length ? ` -- ${argv.map((arg) => (/\s/.test(arg) ? `'${arg}'` : arg)).join(' ')}` : ''}`,
    date: `${date.slice(0, 16).replace('T', ' ')} UTC`,
    code,
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${release()} ${arch()}, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine)`,
    peers: Object.keys(peers.versions).length
      ? Object.entries(peers.versions)
          .map(([name, version]) => `${name} ${version}`)
          .join(', ')
      : 'none installed',
    totalSeconds,
    preparationSeconds: preparation.seconds,
  };
  const report: SavedResults = {
    date,
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model,
      memoryBytes: totalmem(),
      node: process.version,
      platform: process.platform,
    },
    options: { sizes: args.sizes, runs: args.runs, seed: args.seed },
    peers: { available: peers.available, versions: peers.versions, problems: peers.problems },
    run,
    rows,
    table,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(
    `wrote ${out} (${totalSeconds.toFixed(0)} s in all, ${preparation.seconds.toFixed(0)} s of it making input files that later runs reuse)`,
  );
  if (args.doc ?? !args.steps) {
    writeBenchDoc(BENCH_DOC, docSection(run, rows, steps));
    log(`wrote ${BENCH_DOC}`);
  }
}

/** What the results file of a run holds (.bench/results-<date>.json). */
interface SavedResults {
  date: string;
  machine: Record<string, unknown>;
  options: Record<string, unknown>;
  peers: Record<string, unknown>;
  run: RunFacts;
  rows: BenchRow[];
  table: string;
}

function docSection(run: RunFacts, rows: BenchRow[], steps: BenchStep[]): DocSection {
  return { ...run, headline: headlineTable(rows, steps), table: formatTable(rows) };
}

/** `--render <results.json>`: that run's section of docs/benchmarks.md again, without measuring. */
function render(path: string): void {
  const saved = JSON.parse(readFileSync(path, 'utf8')) as SavedResults;
  writeBenchDoc(BENCH_DOC, docSection(saved.run, saved.rows, STEPS));
  log(`wrote ${BENCH_DOC} from ${path}`);
}

const renderAt = process.argv.indexOf('--render');
if (renderAt >= 0) render(process.argv[renderAt + 1] ?? '');
else await main();
