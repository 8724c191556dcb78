import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import { validateGexf, xmllint, xmllintSkipReason } from './xmllint.ts';

let dir: string;
let graphFile: string;
let stdout: string;
let stderr: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'citegraph-export-'));
  graphFile = path.join(dir, 'graph.json');
  writeFileSync(graphFile, JSON.stringify(sampleAnalysedGraph().export()));
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => main(['node', 'citegraph', 'export', ...args]);

describe('citegraph export', () => {
  it.skipIf(xmllintSkipReason !== undefined)(
    `writes schema-valid GEXF, static and dynamic, whole graph and one layer${xmllintSkipReason ? ` (skipped: ${xmllintSkipReason})` : ''}`,
    async () => {
      for (const extra of [[], ['--dynamic', '--size-by', 'pagerank'], ['--layer', 'coauthorship']]) {
        const out = path.join(dir, 'out', 'graph.gexf');
        expect(await run(graphFile, '--format', 'gexf', '-o', out, '-q', ...extra)).toBe(0);
        const result = validateGexf(readFileSync(out, 'utf8'));
        expect(result.ok, `${extra.join(' ')}: ${result.output}`).toBe(true);
      }
      expect(readdirSync(path.join(dir, 'out'))).toEqual(['graph.gexf']); // no temporary file left
      // Both edge directions: one file per layer, each well-formed, and a note on stderr even with -q.
      const graphml = path.join(dir, 'graphml', 'graph.graphml');
      expect(await run(graphFile, '-f', 'graphml', '-o', graphml, '-q')).toBe(0);
      const written = readdirSync(path.join(dir, 'graphml')).sort();
      expect(written).toEqual([
        'graph.authorship.graphml',
        'graph.citations.graphml',
        'graph.coauthorship.graphml',
        'graph.themes.graphml',
      ]);
      for (const file of written)
        expect(xmllint(readFileSync(path.join(dir, 'graphml', file), 'utf8')).ok, file).toBe(true);
      expect(stderr).toMatch(
        /^citegraph export: graphml: networkx and igraph hold one edge direction per graph/m,
      );
    },
  );

  it('prints a JSON summary and writes what it says', async () => {
    const out = path.join(dir, 'co.gexf');
    expect(await run(graphFile, '-f', 'gexf', '--layer', 'coauthorship', '-o', out, '--json')).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      format: 'gexf',
      layer: 'coauthorship',
      nodes: 4,
      edges: 3,
      files: [out],
    });
    const back = parse(Graph, readFileSync(out, 'utf8'));
    expect([back.order, back.size]).toEqual([4, 3]);
  });

  it('writes folders for csv and neo4j-import', async () => {
    expect(await run(graphFile, '-f', 'csv', '-o', path.join(dir, 'csv'), '-q')).toBe(0);
    expect(readdirSync(path.join(dir, 'csv')).sort()).toEqual(['edges.csv', 'nodes.csv']);
    expect(await run(graphFile, '-f', 'neo4j-import', '-o', path.join(dir, 'neo4j'), '-q')).toBe(0);
    expect(readdirSync(path.join(dir, 'neo4j'))).toEqual(
      expect.arrayContaining(['authors.csv', 'papers.csv', 'coauthor.csv', 'import.sh', 'README.md']),
    );
    for (const format of ['json', 'pajek', 'vosviewer']) {
      expect(await run(graphFile, '-f', format, '-o', path.join(dir, `out.${format}`), '-q')).toBe(0);
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'out.vosviewer'), 'utf8')).network.items).toHaveLength(4);
  });

  it('fails with one line for a missing or corrupt graph file, and on bad usage', async () => {
    expect(await run(path.join(dir, 'missing.json'), '-f', 'gexf', '-o', path.join(dir, 'x.gexf'))).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/missing\.json: no such file/);

    stderr = '';
    const corrupt = path.join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{"nodes": [');
    expect(await run(corrupt, '-f', 'gexf', '-o', path.join(dir, 'x.gexf'))).toBe(1);
    expect(stderr).toMatch(/corrupt\.json: not valid JSON/);

    stderr = '';
    writeFileSync(corrupt, '{"nodes": [{"key": "a"}], "edges": [{"source": "a", "target": "nowhere"}]}');
    expect(await run(corrupt, '-f', 'gexf', '-o', path.join(dir, 'x.gexf'))).toBe(1);
    expect(stderr).toMatch(/corrupt\.json: not a readable graph/);
    expect(readdirSync(dir)).not.toContain('x.gexf');

    expect(await run(graphFile, '-f', 'gexf', '--layer', 'nope', '-o', path.join(dir, 'x.gexf'))).toBe(2);
    expect(await run(graphFile, '-f', 'docx', '-o', path.join(dir, 'x.gexf'))).toBe(2);
  });
});
