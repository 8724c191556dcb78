#!/usr/bin/env node
// Entry point for `npx citegraph`. Runs dist/cli/main.mjs, the bundle that src/cli/build-cli.mjs
// builds at install time (`prepare`: npm install, npm ci; by hand: npm run build), when it is current:
// every file listed in its manifest still has the mtime recorded at build time (a stat each, a few
// ms). Otherwise it says so on stderr and runs the TypeScript sources through tsx (about a second
// more), as does CITEGRAPH_NO_BUNDLE=1 (without the note: for stack traces into the sources).
//
// Large corpora need more heap than Node's default (about 4 GB): the CLI restarts itself once
// with a limit of three quarters of the machine's memory, so users never type
// --max-old-space-size. CITEGRAPH_HEAP_MB overrides the size; CITEGRAPH_HEAP_MB=0 turns it off.
// The restart comes before anything else is loaded, so it costs one bare Node start; --help,
// --version and `help` skip it. The two processes end together: signals are passed on to the
// child, the child ends when the parent does (an IPC channel that closes), and a child that dies
// is reported in one line.
import { readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const MB = 1024 * 1024;
const args = process.argv.slice(2);
const wantedMb = Number(process.env.CITEGRAPH_HEAP_MB ?? Math.floor((totalmem() * 0.75) / MB));
const currentMb = getHeapStatistics().heap_size_limit / MB;
const light =
  args.length === 0 ||
  args[0] === 'help' ||
  args.some((arg) => arg === '--help' || arg === '-h' || arg === '--version' || arg === '-V');

if (!light && !process.env.CITEGRAPH_RESTARTED && wantedMb > currentMb * 1.25) {
  const { spawn } = await import('node:child_process');
  const { constants } = await import('node:os');
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${wantedMb}`,
      // A larger young generation: a million-paper ingest keeps most of what it allocates, and
      // with the default 16 MB semi-space it spends a third of its time copying survivors (measured).
      '--max-semi-space-size=64',
      // Lets the themes worker collect the texts and the token stream once it is done with them
      // (TextModelOptions.collect): at a million papers, about a gigabyte and a half off the peak.
      '--expose-gc',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...args,
    ],
    // The IPC channel is the child's lifeline: it closes when this process ends, however it ends.
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, CITEGRAPH_RESTARTED: '1' } },
  );
  // Signals sent to this process (kill <pid>, Ctrl+C) go on to the child, which cleans up and ends.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  const [code, signal] = await new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`citegraph: could not start Node with a larger heap (${error.message})\n`);
      resolve([1, null]);
    });
    child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  const interrupted = ['SIGINT', 'SIGTERM', 'SIGHUP'].includes(signal);
  if (signal && !interrupted)
    process.stderr.write(
      `citegraph: the process doing the work ended on ${signal}${signal === 'SIGKILL' || signal === 'SIGABRT' ? ' (out of memory?)' : ''}, nothing more written; try CITEGRAPH_HEAP_MB=<MB> (now ${wantedMb}) or node --max-old-space-size=<MB>, or a smaller corpus\n`,
    );
  else if (code !== null && code > 3 && code < 128)
    process.stderr.write(
      `citegraph: the process doing the work ended with exit code ${code}; try CITEGRAPH_HEAP_MB=<MB> (now ${wantedMb}) or node --max-old-space-size=<MB>, or a smaller corpus\n`,
    );
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
}

if (process.env.CITEGRAPH_RESTARTED && process.channel) {
  // The parent has ended (even by SIGKILL, which it cannot pass on): stop without writing more.
  // Exit handlers remove the temporary files; writers check the same before renaming (mayCommit).
  process.channel.unref();
  process.once('disconnect', () => process.exit(129));
}

const ROOT = new URL('../../', import.meta.url);
const BUNDLE = new URL('dist/cli/', ROOT);

/** Why dist/cli cannot be used, or undefined when it can. */
function bundleProblem() {
  let files;
  try {
    ({ files } = JSON.parse(readFileSync(new URL('manifest.json', BUNDLE), 'utf8')));
    if (!Array.isArray(files)) throw new Error('no file list');
  } catch {
    return 'dist/cli is not built';
  }
  const root = fileURLToPath(ROOT);
  for (const [file, mtimeMs] of files) {
    const now = statSync(root + file, { throwIfNoEntry: false })?.mtimeMs ?? null;
    if (now !== mtimeMs) return `dist/cli is out of date: ${file} changed since it was built`;
  }
  return undefined;
}

const problem = process.env.CITEGRAPH_NO_BUNDLE ? 'off' : bundleProblem();
let main;
if (problem === undefined) {
  ({ main } = await import(new URL('main.mjs', BUNDLE).href));
} else {
  if (problem !== 'off')
    process.stderr.write(
      `citegraph: ${problem}; running from the TypeScript sources (slower start). \`npm run build\` rebuilds it.\n`,
    );
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv);
