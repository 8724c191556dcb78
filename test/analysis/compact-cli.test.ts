/**
 * `citegraph analyze --compact --export …` as a user runs it on a large corpus (here the bundled
 * data, forced compact): report, community overview the view opens, streamed GEXF (schema-valid),
 * CSV and neo4j-import files with the same rows as the graphology analysis writes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveGraph } from '../../src/cli/commands/view.ts';
import { main } from '../../src/cli/main.ts';
import { validateGexf, xmllintSkipReason } from '../export/xmllint.ts';

let dir: string;
let stdout = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'citegraph-compact-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const args = ['data/pages', '--compact', '--export', 'gexf,csv,neo4j-import,kuzu', '--json'];
  expect(await main(['node', 'citegraph', 'analyze', ...args, '-o', path.join(dir, 'compact')])).toBe(0);
  expect(
    await main([
      'node',
      'citegraph',
      'analyze',
      'data/pages',
      '--export',
      'csv,neo4j-import',
      '-q',
      '-o',
      path.join(dir, 'full'),
    ]),
  ).toBe(0);
  vi.restoreAllMocks();
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
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const code = await main([
      'node',
      'citegraph',
      'query',
      'most-connected-authors',
      '--kuzu',
      compact('graph.kuzu'),
      '--json',
    ]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.values(rows[0]!)).toContain('Lei Wu');
    expect(Object.values(rows[0]!)).toContain(11);
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
