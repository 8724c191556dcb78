/**
 * Inputs that are not regular files (a device that never ends, a FIFO nobody writes) are refused
 * at once with one line each; standard input is read when asked for by name (`-`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/paths.ts';

let dir: string;
let fifo: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'citegraph-special-'));
  fifo = join(dir, 'pipe.bib');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REFUSED = 'not a regular file: not read, as it may never end (pass - to read standard input)';

describe('inputs that are not regular files', () => {
  // A read of either would never end: the test's own time limit is what fails if one is tried.
  it('/dev/zero: one line, exit 3, nothing read', async () => {
    const run = await runCli(['ingest', '/dev/zero', '-q']);
    expect(run.code).toBe(3);
    expect(run.err).toBe(`/dev/zero:0: error: a character device, ${REFUSED}\n`);
  }, 10_000);

  it('a FIFO: one line, and analyze writes nothing', async () => {
    const output = join(dir, 'out');
    const run = await runCli(['analyze', fifo, '-o', output]);
    expect(run.code).toBe(3);
    expect(run.err.split('\n')[0]).toBe(`${fifo}:0: error: a FIFO (named pipe), ${REFUSED}`);
    expect(existsSync(output)).toBe(false);
  }, 10_000);

  it('a FIFO as graph for export and query, and as thesaurus', async () => {
    const exported = await runCli(['export', fifo, '-f', 'json', '-o', join(dir, 'x.json')]);
    expect(exported.code).toBe(2);
    expect(exported.err).toBe(`citegraph export: ${fifo}: a FIFO (named pipe), ${REFUSED}\n`);
    const cypher = join(dir, 'pipe.cypher');
    execFileSync('mkfifo', [cypher]);
    expect((await runCli(['query', cypher, '--graph', fifo])).code).toBe(2);
    const viewed = join(dir, 'graph.json');
    execFileSync('mkfifo', [viewed]);
    const { resolveGraph } = await import('../../src/cli/commands/view.ts');
    await expect(resolveGraph([viewed])).resolves.toMatchObject({ from: viewed });
    const queried = await runCli(['query', 'communities', '--graph', fifo]);
    expect(queried.code).toBe(1);
    expect(queried.err).toBe(`citegraph: ${fifo}: a FIFO (named pipe), ${REFUSED}\n`);
    const thesaurus = await runCli([
      'ingest',
      join(repoRoot, 'data/pages/author-lei-wu.txt'),
      '--thesaurus',
      fifo,
      '-q',
    ]);
    expect(thesaurus.code).toBe(3);
    expect(thesaurus.err).toBe(`${fifo}:0: error: a FIFO (named pipe), ${REFUSED}\n`);
  }, 10_000);

  it('- reads standard input', () => {
    const bib = '@article{a, title={Graphs of co-authors}, author={Doe, Jane and Roe, Rick}, year={2020}}\n';
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'src/cli/citegraph.mjs'), 'ingest', '-', '--json'],
      {
        input: bib,
        encoding: 'utf8',
        env: { ...process.env, CITEGRAPH_NO_BUNDLE: '1', CITEGRAPH_HEAP_MB: '0' },
      },
    );
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.files[0].file).toBe('-');
    expect(summary.files[0].format).toBe('bibtex');
    expect(summary.papers).toBe(1);
    expect(summary.authors).toBe(2);
  });
});
