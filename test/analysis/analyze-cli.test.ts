/**
 * `citegraph analyze --export …` as a user runs it: graph.json, corpus.json, the report and the
 * community overview, streamed GEXF (schema-valid), CSV and neo4j-import files with the rows of
 * graph.json, the embedded database; and with --graph-limit, the same without graph.json.
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
  dir = mkdtempSync(path.join(tmpdir(), 'citegraph-analyze-'));
  const args = ['data/pages', '--export', 'gexf,csv,neo4j-import,kuzu', '--json'];
  const fullRun = await runCli(['analyze', ...args, '-o', path.join(dir, 'full')]);
  expect(fullRun.code).toBe(0);
  stdout = fullRun.out;
  // A graph.json of an earlier, larger run must not outlive a run that does not write one.
  mkdirSync(path.join(dir, 'limited'));
  writeFileSync(path.join(dir, 'limited', 'graph.json'), '{"nodes":[],"edges":[]}');
  const limitedRun = await runCli([
    'analyze',
    'data/pages',
    '--graph-limit',
    '100',
    '-q',
    '-o',
    path.join(dir, 'limited'),
  ]);
  expect(limitedRun.code).toBe(0);
}, 120_000);

afterAll(() => {
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const full = (...parts: string[]) => path.join(dir, 'full', ...parts);
const limited = (...parts: string[]) => path.join(dir, 'limited', ...parts);
const graphJson = () =>
  new Graph({ multi: true, type: 'mixed' }).import(JSON.parse(readFileSync(full('graph.json'), 'utf8')));

/** Paths in a report whose value says a section was left out. */
function skippedPaths(value: unknown, at = 'report'): string[] {
  if (value === 'skipped') return [at];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'skipped' ? [`${at}.${key}`] : skippedPaths(child, `${at}.${key}`),
  );
}

describe('citegraph analyze', () => {
  it('prints the summary and writes graph, corpus, report, overview and the requested exports', () => {
    const summary = JSON.parse(stdout) as { summary: { papers: number; authors: number } };
    expect(summary.summary).toMatchObject({ papers: 127, authors: 142 });
    expect(readdirSync(full()).sort()).toEqual(
      [
        'corpus.json',
        'csv',
        'graph.gexf',
        'graph.json',
        'graph.kuzu',
        'neo4j-import',
        'overview.json',
        'report.json',
        'report.md',
      ].sort(),
    );
    const report = JSON.parse(readFileSync(full('report.json'), 'utf8'));
    expect(skippedPaths(report)).toEqual([]);
    expect(report.outputs.graphJson).toBe('written');
    expect(report.collaboration.sweep.length).toBe(6);
    expect(report.collaboration.stability.seeds).toBe(10);
    expect(report.collaboration.diagnostics.graph).toBe('whole');
    expect(report.coauthorship.betweenness.method).toBe('exact');
    expect(report.timeline.length).toBeGreaterThan(0);
    expect(report.tables.mostCentralAuthors.length).toBeGreaterThan(0);
    expect(readFileSync(full('report.md'), 'utf8')).toContain('Lei Wu');
    const corpus = JSON.parse(readFileSync(full('corpus.json'), 'utf8'));
    expect(corpus.papers).toHaveLength(127);
    expect(corpus.authors).toHaveLength(142);
    // Keywords, countries and institutions are nodes of their maps only.
    const mapItems = ['cooccurrence', 'countries', 'institutions', 'authorCocitation', 'sourceCocitation']
      .map((name) => report.maps[name])
      .reduce((sum: number, map: { items: number } | 'off') => sum + (map === 'off' ? 0 : map.items), 0);
    expect(graphJson().order).toBe(127 + 142 + report.summary.references + mapItems);
  });

  it('leaves graph.json and corpus.json out above --graph-limit, says why, and keeps the rest', () => {
    expect(readdirSync(limited()).sort()).toEqual(['overview.json', 'report.json', 'report.md']);
    const report = JSON.parse(readFileSync(limited('report.json'), 'utf8'));
    expect(report.outputs.graphJson).toMatch(/^not written: \d+ nodes \+ edges, over --graph-limit 100/);
    const fullReport = JSON.parse(readFileSync(full('report.json'), 'utf8'));
    expect(report.collaboration).toEqual(fullReport.collaboration);
    expect(report.tables).toEqual(fullReport.tables);
  });

  it.skipIf(xmllintSkipReason !== undefined)(
    `streams GEXF that validates against the GEXF 1.3 schema and reads back${xmllintSkipReason ? ` (skipped: ${xmllintSkipReason})` : ''}`,
    () => {
      const xml = readFileSync(full('graph.gexf'), 'utf8');
      const validation = validateGexf(xml);
      expect(validation.ok, validation.output).toBe(true);
      const graph = parse(Graph, xml);
      expect(graph.order).toBe(graphJson().order);
      expect(graph.size).toBe(graphJson().size);
    },
  );

  it('writes CSV node ids and neo4j-import co-authorship rows for every node and edge of graph.json', () => {
    const ids = readFileSync(full('csv', 'nodes.csv'), 'utf8')
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.slice(0, line.indexOf(',')));
    const graph = graphJson();
    expect(new Set(ids)).toEqual(new Set(graph.nodes()));
    const coauthorRows = readFileSync(full('neo4j-import', 'coauthor.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean);
    expect(coauthorRows.length).toBeGreaterThan(100);
    expect(coauthorRows.length).toBe(
      graph.filterEdges((_edge, attributes) => attributes.kind === 'coauthor').length,
    );
  });

  it('writes an embedded database that citegraph query --kuzu answers from', async () => {
    const { code, out } = await runCli([
      'query',
      'most-connected-authors',
      '--kuzu',
      full('graph.kuzu'),
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
    const run = await runCli(['analyze', inputs, '-o', path.join(dir, 'broken-out')]);
    expect(run.code).toBe(3);
    const lines = run.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/binary\.dat:1: error: file looks binary/);
    expect(lines[1]).toMatch(
      /broken\.bib:1: error: BibTeX: @article\{x\}: .*the end of the file; entry skipped$/,
    );
    // Everything the good file holds is still there: the same papers and authors as analysing it alone.
    const alone = await runCli([
      'analyze',
      path.join(inputs, 'topic.txt'),
      '--json',
      '-o',
      path.join(dir, 'alone'),
    ]);
    const report = JSON.parse(readFileSync(path.join(dir, 'broken-out', 'report.json'), 'utf8'));
    expect(report.summary).toEqual(JSON.parse(alone.out).summary);
    expect(report.summary.papers).toBe(10);
    // The input table: records read, records skipped and diagnostics per file.
    const rows = report.provenance.inputs.map((input: Record<string, unknown>) => [
      path.basename(String(input.file)),
      input.records,
      input.skippedRecords,
      input.diagnostics,
    ]);
    expect(rows).toEqual([
      ['binary.dat', 0, 0, 1],
      ['broken.bib', 0, 1, 1],
      ['topic.txt', 10, 0, 0],
    ]);
    const markdown = readFileSync(path.join(dir, 'broken-out', 'report.md'), 'utf8');
    expect(markdown).toContain('| input | format | records | skipped | diagnostics | bytes | sha256 |');
    expect(markdown).toMatch(/\| [^|]*broken\.bib \| bibtex \| 0 \| 1 \| 1 \|/);
  });

  it('refuses an unknown export and a missing database with one line and a usage or failure code', async () => {
    const bogus = await runCli(['analyze', 'data/pages', '--export', 'gexf,pdf', '-o', path.join(dir, 'x')]);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toContain('expected a comma-separated list of gexf, csv, neo4j-import, kuzu');
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
    const limit = await runCli(['analyze', 'data/pages', '--graph-limit', 'abc', '-o', path.join(dir, 'y')]);
    expect(limit.code).toBe(2);
    expect(limit.err).toContain(
      "option '--graph-limit <n>' argument 'abc' is invalid. expected a whole number",
    );
    expect(existsSync(path.join(dir, 'y'))).toBe(false);
    const missing = await runCli(['query', 'communities', '--kuzu', path.join(dir, 'nope.kuzu')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `citegraph: ${path.join(dir, 'nope.kuzu')}: no such database (write one with analyze --export kuzu)\n`,
    );
  });

  it('opens graph.json from the folder, and the overview where there is no graph.json', async () => {
    expect((await resolveGraph([full()])).from).toBe(full('graph.json'));
    const { json, from } = await resolveGraph([limited()]);
    expect(from).toBe(limited('overview.json'));
    const overview = new Graph({ multi: true, type: 'mixed' }).import(JSON.parse(json));
    const report = JSON.parse(readFileSync(limited('report.json'), 'utf8'));
    expect(overview.order).toBe(report.collaboration.communities.length + report.themes.communities.length);
    expect(overview.getNodeAttribute('author:group-0', 'label')).toMatch(/^Lei Wu/);
  });
});
