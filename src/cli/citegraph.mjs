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
// --version and `help` skip it.
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
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${wantedMb}`,
      // A larger young generation: a million-paper ingest keeps most of what it allocates, and
      // with the default 16 MB semi-space it spends a third of its time copying survivors (measured).
      '--max-semi-space-size=64',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, CITEGRAPH_RESTARTED: '1' } },
  );
  process.exit(result.status ?? (result.signal ? 1 : 0));
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
