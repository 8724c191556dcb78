#!/usr/bin/env node
// Entry point for `npx citegraph`: runs the TypeScript CLI through tsx so the checkout works
// right after `npm install`, with no build step.
//
// Large corpora need more heap than Node's default (about 4 GB): the CLI restarts itself once
// with a limit of three quarters of the machine's memory, so users never type
// --max-old-space-size. CITEGRAPH_HEAP_MB overrides the size; CITEGRAPH_HEAP_MB=0 turns it off.
import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const MB = 1024 * 1024;
const wantedMb = Number(process.env.CITEGRAPH_HEAP_MB ?? Math.floor((totalmem() * 0.75) / MB));
const currentMb = getHeapStatistics().heap_size_limit / MB;
const heavy = !process.argv
  .slice(2)
  .some((arg) => arg === '--help' || arg === '-h' || arg === '--version' || arg === '-V');

if (heavy && !process.env.CITEGRAPH_RESTARTED && wantedMb > currentMb * 1.25) {
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${wantedMb}`,
      // A larger young generation: a million-paper ingest keeps most of what it allocates, and
      // with the default 16 MB semi-space it spends a third of its time copying survivors (measured).
      '--max-semi-space-size=64',
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, CITEGRAPH_RESTARTED: '1' } },
  );
  process.exit(result.status ?? (result.signal ? 1 : 0));
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
