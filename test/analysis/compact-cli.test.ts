/**
 * `citegraph analyze --compact --export …` as a user runs it on a large corpus (here the bundled
 * data, forced compact): report, community overview the view opens, streamed GEXF (schema-valid),
 * CSV and neo4j-import files with the same rows as the graphology analysis writes.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveGraph } from '../../src/cli/commands/view.ts';
import { validateGexf, xmllintSkipReason } from '../export/xmllint.ts';
import { runCli } from '../helpers/cli.ts';

let dir: string;
let stdout = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'citegraph-compact-'));
  const args = ['data/pages', '--compact', '--export', 'gexf,csv,neo4j-import,kuzu', '--json'];
  const compactRun = await runCli(['analyze', ...args, '-o', path.join(dir, 'compact')]);
  expect(compactRun.code).toBe(0);
  stdout = compactRun.out;
  const fullRun = await runCli([
    'analyze',
    'data/pages',
    '--export',
    'csv,neo4j-import',
    '-q',
    '-o',
    path.join(dir, 'full'),
  ]);
  expect(fullRun.code).toBe(0);
}, 120_000);

afterAll(() => {
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const compact = (...parts: string[]) => path.join(dir, 'compact', ...parts);
const full = (...parts: string[]) => path.join(dir, 'full', ...parts);

describe('citegraph analyze --compact', () => {
  it('prints the summary and writes the report, the overview and the requested exports', () => {
    const summary = JSON.parse(stdout) as { summary: { papers: number; authors: number } };
    expect(summary.summary).toMatchObject({ papers: 127, authors: 142 });
    expect(readdirSync(compact()).sort()).toEqual(
      ['csv', 'graph.gexf', 'graph.kuzu', 'neo4j-import', 'overview.json', 'report.json', 'report.md'].sort(),
    );
    const report = JSON.parse(readFileSync(compact('report.json'), 'utf8'));
    expect(report.scale.mode).toBe('compact');
    expect(report.scale.skipped.length).toBeGreaterThan(0);
    expect(readFileSync(compact('report.md'), 'utf8')).toContain('Lei Wu');
    expect(existsSync(compact('graph.json'))).toBe(false);
  });

  it.skipIf(xmllintSkipReason !== undefined)(
    `streams GEXF that validates against the GEXF 1.3 schema and reads back${xmllintSkipReason ? ` (skipped: ${xmllintSkipReason})` : ''}`,
    () => {
      const xml = readFileSync(compact('graph.gexf'), 'utf8');
      const validation = validateGexf(xml);
      expect(validation.ok, validation.output).toBe(true);
      const graph = parse(Graph, xml);
      // Papers + authors (no reference nodes on the compact path).
      expect(graph.order).toBe(127 + 142);
    },
  );

  it('writes the same CSV node ids and co-authorship rows as the graphology analysis', () => {
    const ids = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\r\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.slice(0, line.indexOf(',')));
    const fullNodes = ids(full('csv', 'nodes.csv')).filter((id) => !id.startsWith('ref:'));
    expect(new Set(ids(compact('csv', 'nodes.csv')))).toEqual(new Set(fullNodes));
    const coauthorRows = (file: string) =>
      new Set(
        readFileSync(file, 'utf8')
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((line) => line.split(',').slice(0, 2).join(',')),
      );
    const compactRows = coauthorRows(compact('neo4j-import', 'coauthor.csv'));
    expect(compactRows.size).toBeGreaterThan(100);
    expect(compactRows).toEqual(coauthorRows(full('neo4j-import', 'coauthor.csv')));
  });

  it('writes an embedded database that citegraph query --kuzu answers from', async () => {
    const { code, out } = await runCli([
      'query',
      'most-connected-authors',
      '--kuzu',
      compact('graph.kuzu'),
      '--json',
    ]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.values(rows[0]!)).toContain('Lei Wu');
    expect(Object.values(rows[0]!)).toContain(11);
  });

  it('reads around a broken input file: one line naming it, exit 3, the rest analysed', async () => {
    const inputs = path.join(dir, 'inputs');
    mkdirSync(inputs);
    copyFileSync('data/pages/topic-gradient-descent.txt', path.join(inputs, 'topic.txt'));
    writeFileSync(
      path.join(inputs, 'broken.bib'),
      '@article{x,\n  title = {Unclosed brace,\n  author = {Doe, Jane}\n',
    );
    writeFileSync(path.join(inputs, 'binary.dat'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8]));
    const run = await runCli(['analyze', inputs, '--compact', '-o', path.join(dir, 'broken-out')]);
    expect(run.code).toBe(3);
    const lines = run.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/binary\.dat:1: error: file looks binary/);
    expect(lines[1]).toMatch(/broken\.bib:1: error: BibTeX: Unterminated brace-value .*entry skipped$/);
    // Everything the good file holds is still there: the same papers and authors as analysing it alone.
    const alone = await runCli([
      'analyze',
      path.join(inputs, 'topic.txt'),
      '--compact',
      '--json',
      '-o',
      path.join(dir, 'alone'),
    ]);
    const report = JSON.parse(readFileSync(path.join(dir, 'broken-out', 'report.json'), 'utf8'));
    expect(report.summary).toEqual(JSON.parse(alone.out).summary);
    expect(report.summary.papers).toBe(10);
    expect(report.scale.mode).toBe('compact');
  });

  it('refuses an unknown export and a missing database with one line and a usage or failure code', async () => {
    const bogus = await runCli(['analyze', 'data/pages', '--export', 'gexf,pdf', '-o', path.join(dir, 'x')]);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toContain('expected a comma-separated list of gexf, csv, neo4j-import, kuzu');
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
    const missing = await runCli(['query', 'communities', '--kuzu', path.join(dir, 'nope.kuzu')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `citegraph: ${path.join(dir, 'nope.kuzu')}: no such database (write one with analyze --export kuzu)\n`,
    );
  });

  it('leaves an overview that citegraph view opens from the folder', async () => {
    const { json, from } = await resolveGraph([compact()]);
    expect(from).toBe(compact('overview.json'));
    const overview = new Graph({ multi: true, type: 'mixed' }).import(JSON.parse(json));
    const report = JSON.parse(readFileSync(compact('report.json'), 'utf8'));
    expect(overview.order).toBe(report.collaboration.communities.length + report.themes.communities.length);
    expect(overview.getNodeAttribute('author:group-0', 'label')).toMatch(/^Lei Wu/);
  });
});
