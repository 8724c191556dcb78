import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu-store.ts';
import { resolveParams } from '../../src/store/params.ts';
import { findQuery, listQueries, runNamedQuery } from '../../src/store/queries.ts';
import { countRows, storeRows } from '../../src/store/store-schema.ts';
import { runCli } from '../helpers/cli.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import {
  EXTENDED_SAMPLE_CASES,
  extendedSampleGraph,
  NASTY_NAME,
  nastyNameGraph,
  normalizeRows,
} from './fixtures.ts';

async function run(store: KuzuStore, name: string, params: Record<string, unknown>) {
  const query = await findQuery(name);
  if (!query) throw new Error(`no query ${name}`);
  return runNamedQuery(store, query, params as never);
}

describe('named queries on the embedded database (Kùzu)', () => {
  let store: KuzuStore;
  beforeAll(async () => {
    store = new KuzuStore();
    await store.load(extendedSampleGraph());
  });
  afterAll(() => store.close());

  it('has at least ten named queries, each described, each runnable on kuzu except GDS', async () => {
    const queries = await listQueries();
    const portable = queries.filter((q) => !q.name.startsWith('gds/'));
    expect(portable.length).toBeGreaterThanOrEqual(10);
    for (const query of queries) expect(query.description, query.name).not.toBe('');
    for (const query of portable)
      expect(Object.keys(query.files).sort(), query.name).toEqual(['kuzu', 'neo4j']);
    for (const query of queries.filter((q) => q.name.startsWith('gds/')))
      expect(Object.keys(query.files)).toEqual(['neo4j']);
    const covered = new Set(EXTENDED_SAMPLE_CASES.map((c) => c.query));
    for (const query of portable)
      expect(covered.has(query.name), `${query.name} has a hand-checked case`).toBe(true);
  });

  for (const testCase of EXTENDED_SAMPLE_CASES) {
    it(`${testCase.query} ${JSON.stringify(testCase.params)} gives the hand-checked answer`, async () => {
      const rows = await run(store, testCase.query, testCase.params);
      expect(normalizeRows(rows)).toEqual(normalizeRows(testCase.expected));
    });
  }

  it('loading the same graph again changes no counts', async () => {
    const again = new KuzuStore();
    const graph = extendedSampleGraph();
    await again.load(graph);
    const count = async () => [
      ...(await again.query('MATCH (n) RETURN count(*) AS n')),
      ...(await again.query('MATCH ()-[r]->() RETURN count(*) AS n')),
    ];
    const first = await count();
    await again.load(graph);
    expect(await count()).toEqual(first);
    const expected = countRows(storeRows(graph));
    const nodes = Object.values(expected.nodes).reduce((a, b) => a + b, 0);
    const rels = Object.values(expected.rels).reduce((a, b) => a + b, 0);
    expect(first).toEqual([{ n: nodes }, { n: rels }]);
    await again.close();
  });

  it('matches a name made of quotes and Cypher keywords literally', async () => {
    const nasty = new KuzuStore();
    await nasty.load(nastyNameGraph());
    expect(await run(nasty, 'top-collaborators', { name: NASTY_NAME, limit: 10 })).toEqual([
      { collaborator: 'Ada Lovelace', papers: 1, weight: 1 },
    ]);
    const ada = await run(nasty, 'top-collaborators', { name: 'Ada Lovelace', limit: 10 });
    expect(ada.map((r) => r.collaborator)).toContain(NASTY_NAME);
    expect(await run(nasty, 'top-collaborators', { name: `x' OR 1=1 //`, limit: 10 })).toEqual([]);
    await nasty.close();
  });

  it('bulk-loads lists that CSV cannot carry (commas, brackets, quotes, outer spaces) exactly', async () => {
    const graph = nastyNameGraph();
    const sources = [
      'folder, with comma/a.txt:1 (bibtex)',
      '[bracketed].ris:2 (ris)',
      'say "hi".txt:3 (wos)',
      ' padded ',
    ];
    graph.mergeNodeAttributes('paper:p1', { sources });
    const store = new KuzuStore();
    await store.load(graph);
    expect(await store.query("MATCH (p:Paper {key: 'paper:p1'}) RETURN p.sources AS sources")).toEqual([
      { sources },
    ]);
    expect(await store.query("MATCH (p:Paper {key: 'paper:p2'}) RETURN p.sources AS sources")).toEqual([
      { sources: ['sample.txt:1 (author-page)'] },
    ]);
    await store.close();
  });

  it('reports parameter errors by name', async () => {
    const query = (await findQuery('top-collaborators'))!;
    expect(() => resolveParams(query.params, { nmae: 'x' }, query.name)).toThrow(/unknown parameter "nmae"/);
    expect(() => resolveParams(query.params, {}, query.name)).toThrow(/missing parameter "name"/);
    expect(() => resolveParams(query.params, { name: 'x', limit: 'ten' }, query.name)).toThrow(
      /must be an integer/,
    );
    expect(resolveParams(query.params, { name: 'x' }, query.name)).toEqual({ name: 'x', limit: 10 });
  });

  it('turns a Cypher syntax error into a one-line StoreError', async () => {
    await expect(store.query('MATCH (n RETURN n')).rejects.toMatchObject({ kind: 'syntax' });
  });
});

describe('citegraph query (embedded)', () => {
  let dir: string;
  let graphPath: string;
  let out: string;
  let err: string;

  async function cli(...args: string[]): Promise<number> {
    const run = await runCli(args);
    out = run.out;
    err = run.err;
    return run.code;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citegraph-query-'));
    graphPath = join(dir, 'graph.json');
    await writeFile(graphPath, JSON.stringify(sampleAnalysedGraph().export()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints rows as JSON and caches the embedded database next to the graph', async () => {
    expect(
      await cli('query', 'top-collaborators', '--graph', graphPath, '--param', 'name=Ada Lovelace', '--json'),
    ).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { collaborator: 'Charles Babbage', papers: 2, weight: 2 },
      { collaborator: "Grace O'Hopper", papers: 1, weight: 1 },
    ]);
    const cache = await readdir(join(dir, '.citegraph-kuzu'));
    expect(cache.filter((f) => f.endsWith('.kuzu'))).toHaveLength(1);
    expect(await cli('query', 'coauthor-triangles', '--graph', graphPath)).toBe(0);
    expect(out).toContain("Ada Lovelace  Charles Babbage  Grace O'Hopper");
  });

  it('fails with one line and a non-zero exit code', async () => {
    expect(await cli('query', 'top-collaborators', '--graph', graphPath, '--param', 'who=x')).toBe(2);
    expect(err).toMatch(
      /^citegraph: unknown parameter "who" for top-collaborators \(parameters: name, limit\)\n$/,
    );
    expect(await cli('query', 'no-such-query', '--graph', graphPath)).toBe(2);
    expect(await cli('query', 'communities', '--graph', join(dir, 'missing.json'))).toBe(1);
    expect(err).toMatch(/missing\.json: no such file/);
    await writeFile(join(dir, 'corrupt.json'), '{"nodes": [');
    expect(await cli('query', 'communities', '--graph', join(dir, 'corrupt.json'))).toBe(1);
    expect(err).toMatch(/corrupt\.json: not valid JSON/);
    await writeFile(join(dir, 'broken.cypher'), '// broken\nMATCH (n RETURN n\n');
    expect(await cli('query', join(dir, 'broken.cypher'), '--graph', graphPath)).toBe(1);
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(err).toMatch(/^citegraph: kuzu: Parser exception/);
  });
});
