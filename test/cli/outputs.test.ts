/**
 * Outputs never replace inputs, output folders are replaced as a whole, and the small usage
 * mistakes get one-line messages with the documented exit codes.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { repoRoot } from '../helpers/paths.ts';

let dir: string;
const PAGE = join(repoRoot, 'data/pages/author-lei-wu.txt');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'citegraph-outputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an output onto an input is refused before any work', () => {
  it('by any path that leads to the input: as given, through .., a symlink, a hard link, absolute', async () => {
    const input = join(dir, 'listing.txt');
    cpSync(PAGE, input);
    const original = readFileSync(input);
    mkdirSync(join(dir, 'sub'), { recursive: true });
    symlinkSync(input, join(dir, 'link.txt'));
    linkSync(input, join(dir, 'hard.txt'));
    const aliases = [
      input,
      relative(process.cwd(), input),
      join(dir, 'sub', '..', 'listing.txt'),
      join(dir, 'link.txt'),
      join(dir, 'hard.txt'),
      `${dir}/./listing.txt`,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...aliases),
        fc.constantFrom(...aliases),
        fc.constantFrom('ingest', 'analyze'),
        async (given, output, command) => {
          const run = await runCli([command, given, '-o', output, '-q']);
          expect(run.code).toBe(2);
          expect(run.err).toMatch(/^citegraph: -o .* (is the input|holds the input) .*\n$/);
          expect(readFileSync(input)).toEqual(original);
        },
      ),
      { numRuns: 12, seed: 20 },
    );
  });

  it('export onto its graph.json, and analyze into the folder that holds its input', async () => {
    const folder = join(dir, 'analysed');
    expect((await runCli(['analyze', PAGE, '-o', folder, '-q', '--no-themes'])).code).toBe(0);
    const graph = join(folder, 'graph.json');
    const bytes = readFileSync(graph);
    const run = await runCli(['export', graph, '-f', 'json', '--layer', 'coauthorship', '-o', graph]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `citegraph: -o ${graph} is the input ${graph}: citegraph does not overwrite its inputs, write the output elsewhere\n`,
    );
    expect(readFileSync(graph)).toEqual(bytes);
    const pulled = await runCli(['neo4j', 'pull', folder, '-o', graph]);
    expect(pulled.code).toBe(2);
    expect(pulled.err).toMatch(/^citegraph: -o .*graph\.json is the input .*graph\.json: /);
    const edges = join(dir, 'generated.txt');
    const generated = await runCli(['generate', '--papers', '100', '-o', edges, '--edges', edges]);
    expect(generated.code).toBe(2);
    expect(generated.err).toMatch(/^citegraph: --edges .*generated\.txt is the input /);
    expect(existsSync(edges)).toBe(false);
    const corpus = join(folder, 'corpus.json');
    const into = await runCli(['analyze', corpus, '-o', folder, '-q']);
    expect(into.code).toBe(2);
    expect(into.err).toMatch(/holds the input .*corpus\.json, and the output folder is replaced as a whole/);
    expect(readFileSync(graph)).toEqual(bytes);
  });
});

describe('an output folder is replaced as a whole', () => {
  it('leaves no graph.json of an older run, and refuses a folder holding files it does not write', async () => {
    const folder = join(dir, 'replaced');
    expect((await runCli(['analyze', PAGE, '-o', folder, '-q', '--no-themes'])).code).toBe(0);
    expect(existsSync(join(folder, 'graph.json'))).toBe(true);
    const small = await runCli(['analyze', PAGE, '-o', folder, '-q', '--no-themes', '--graph-limit', '0']);
    expect(small.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['overview.json', 'report.json', 'report.md']);
    expect(readdirSync(dir).filter((name) => name.includes('.citegraph-'))).toEqual([]);

    // A limit that the papers, authors and authorships fit but the whole graph does not: corpus.json,
    // begun while the analysis runs, is not left behind either.
    const full = await runCli(['analyze', PAGE, '-o', folder, '-q']);
    expect(full.code).toBe(0);
    const { summary } = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')) as {
      summary: { papers: number; authors: number; edges: Record<string, number> };
    };
    const known = summary.papers + summary.authors + (summary.edges.authored ?? 0);
    expect(summary.edges.coauthor).toBeGreaterThan(0);
    const between = await runCli(['analyze', PAGE, '-o', folder, '-q', '--graph-limit', String(known)]);
    expect(between.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['overview.json', 'report.json', 'report.md']);

    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'my notes');
    const refused = await runCli(['analyze', PAGE, '-o', mine, '-q']);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      `citegraph: -o ${mine} holds files citegraph does not write there (notes.txt), and the output folder is replaced as a whole: choose a new or empty folder\n`,
    );
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('my notes');
  });

  it('export csv replaces its folder: an old extra file of ours is gone, the new files are complete', async () => {
    const graph = join(dir, 'analysed', 'graph.json');
    const csv = join(dir, 'csv');
    mkdirSync(csv, { recursive: true });
    writeFileSync(join(csv, 'edges.csv'), 'stale');
    writeFileSync(join(csv, 'nodes.csv'), 'stale');
    const run = await runCli(['export', graph, '-f', 'csv', '-o', csv, '-q']);
    expect(run.code).toBe(0);
    expect(readdirSync(csv).sort()).toEqual(['edges.csv', 'nodes.csv']);
    expect(readFileSync(join(csv, 'nodes.csv'), 'utf8')).toMatch(/^id,/);
  });
});

describe('one-line messages for small mistakes', () => {
  it('--weight fraction: exit 2 naming the valid choices', async () => {
    const run = await runCli(['analyze', PAGE, '-o', join(dir, 'w'), '--weight', 'fraction']);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe(
      "error: option '--weight <kind>' argument 'fraction' is invalid. Allowed choices are count, fractional.",
    );
    expect(existsSync(join(dir, 'w'))).toBe(false);
  });

  it('a folder with nothing readable: exit 3, says so, writes nothing', async () => {
    const empty = join(dir, 'nothing');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'just some words, not a listing\n');
    const run = await runCli(['analyze', empty, '-o', join(dir, 'nothing-out')]);
    expect(run.code).toBe(3);
    expect(run.err.trim().split('\n').at(-1)).toBe(
      `citegraph: no paper could be read from ${empty}: nothing analysed, nothing written`,
    );
    expect(existsSync(join(dir, 'nothing-out'))).toBe(false);
  });

  it('--max-authors 30000 with a 20,000-author paper: capped with a note, the paper left out, exit 0', async () => {
    // CSL-JSON: one paper of 20,000 authors (200 million co-author pairs) and one of two.
    const items = [
      {
        id: 'huge',
        type: 'article-journal',
        title: 'A huge collaboration',
        author: Array.from({ length: 20_000 }, (_, i) => ({ family: `Author${i}`, given: `Given${i}` })),
        issued: { 'date-parts': [[2020]] },
      },
      {
        id: 'small',
        type: 'article-journal',
        title: 'A small paper',
        author: [
          { family: 'Doe', given: 'Jane' },
          { family: 'Roe', given: 'Rick' },
        ],
        issued: { 'date-parts': [[2021]] },
      },
    ];
    const input = join(dir, 'huge.json');
    writeFileSync(input, JSON.stringify(items));
    const run = await runCli([
      'analyze',
      input,
      '-o',
      join(dir, 'cap'),
      '--max-authors',
      '30000',
      '--no-themes',
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      'citegraph: --max-authors 30000 is taken as 5793: a paper with more authors would add over 2^24 co-author links on its own\n',
    );
    const report = JSON.parse(readFileSync(join(dir, 'cap', 'report.json'), 'utf8'));
    expect(report.coauthorship.maxAuthorsPerPaper).toBe(5793);
    expect(report.coauthorship.cappedPapers).toEqual([
      expect.objectContaining({ title: 'A huge collaboration', authors: 20_000 }),
    ]);
  }, 60_000);

  it('ingest --help lists the --format names', async () => {
    const run = await runCli(['ingest', '--help']);
    expect(run.out.replace(/\s+/g, ' ')).toContain('(choices: "author-page", "hf-listing",');
    const wrong = await runCli(['ingest', PAGE, '--format', 'bibtx']);
    expect(wrong.code).toBe(2);
    expect(wrong.err.split('\n')[0]).toMatch(
      /argument 'bibtx' is invalid\. Allowed choices are author-page, /,
    );
  });

  it('a read-only output folder: exit 1 with a permission message, before any work', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    chmodSync(dir, 0o755);
    // Root writes anywhere: run the command as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'src/cli/citegraph.mjs'), 'ingest', PAGE, '-o', join(locked, 'corpus.json')],
      {
        encoding: 'utf8',
        env: { ...process.env, CITEGRAPH_NO_BUNDLE: '1', CITEGRAPH_HEAP_MB: '0' },
        ...asUser,
      },
    );
    expect(run.stderr).toBe(
      `citegraph: -o ${join(locked, 'corpus.json')}: permission denied, ${locked} is read-only for this user (choose another -o or change its permissions)\n`,
    );
    expect(run.status).toBe(1);
  });
});
