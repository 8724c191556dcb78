/**
 * The streamed bulk load of Kùzu (`KuzuStore.loadGraph`): from the compact analysis' graph view
 * and from a graphology analysis, against the rows store-schema.ts makes and the `load` path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisView, analyze } from '../../src/analysis/pipeline.ts';
import type { AnalysedGraph, ReadableGraph } from '../../src/graph/readable.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { CommunitySummary } from '../../src/model/graph-schema.ts';
import type { Row } from '../../src/store/graph-store.ts';
import { KuzuStore } from '../../src/store/kuzu-store.ts';
import { findQuery, runNamedQuery } from '../../src/store/queries.ts';
import {
  graphCommunities,
  NODE_TABLES,
  type NodeTable,
  REL_TABLES,
  type RelTable,
  storeRows,
  streamRows,
} from '../../src/store/store-schema.ts';
import { nastyNameGraph, normalizeRows } from './fixtures.ts';

const { corpus } = await ingestFiles(['data/pages']);

type Counts = Record<string, number>;

/** Rows per table, by label, as the database holds them. */
async function tableCounts(store: KuzuStore): Promise<Counts> {
  const counts: Counts = {};
  for (const table of [...Object.keys(NODE_TABLES), ...Object.keys(REL_TABLES)]) {
    const pattern = table in NODE_TABLES ? `(x:${table})` : `()-[x:${table}]->()`;
    const [row] = await store.query(`MATCH ${pattern} RETURN count(x) AS n`);
    counts[table] = row!.n as number;
  }
  return counts;
}

/** Rows per table that the store-schema rows of a graph hold. */
function streamedCounts(graph: ReadableGraph, communities: readonly CommunitySummary[]): Counts {
  const counts: Counts = Object.fromEntries(
    [...Object.keys(NODE_TABLES), ...Object.keys(REL_TABLES)].map((table) => [table, 0]),
  );
  for (const row of streamRows(graph, communities)) counts[row.table]!++;
  return counts;
}

async function run(store: KuzuStore, name: string, params: Record<string, unknown>): Promise<Row[]> {
  const query = await findQuery(name);
  if (!query) throw new Error(`no query ${name}`);
  return normalizeRows(await runNamedQuery(store, query, params as never));
}

const byKey = (a: Row, b: Row) => String(a.key).localeCompare(String(b.key));

describe('streamed bulk load from the analysis view', () => {
  const { analysis, graph: analysedGraph } = analyze(corpus, { layout: false, stabilitySeeds: 0 });
  const view = analysisView(analysis);
  const communities = [...analysis.report.collaboration.communities, ...analysis.report.themes.communities];
  let streamed: KuzuStore;
  let loaded: KuzuStore;
  beforeAll(async () => {
    streamed = new KuzuStore();
    await streamed.loadGraph(view, { communities });
    loaded = new KuzuStore();
    await loaded.load(analysedGraph);
  });
  afterAll(async () => {
    await streamed.close();
    await loaded.close();
  });

  it('holds, table by table, the rows the view yields', async () => {
    const expected = streamedCounts(view, communities);
    expect(await tableCounts(streamed)).toEqual(expected);
    expect(expected.Paper).toBe(corpus.papers.length);
    expect(expected.Author).toBe(corpus.authors.length);
    expect(expected.COAUTHOR).toBeGreaterThan(100);
    expect(expected.SIMILAR).toBeGreaterThan(0);
    expect(expected.IN_COMMUNITY).toBeGreaterThan(0);
  });

  it('has every table of the graphology graph loaded with load()', async () => {
    const fromView = await tableCounts(streamed);
    const fromGraph = await tableCounts(loaded);
    expect(fromView).toEqual(fromGraph);
  });
});

describe('streamed bulk load from a graphology analysis', () => {
  const graph: AnalysedGraph = analyze(corpus, { layout: false, stabilitySeeds: 0 }).graph;
  let streamed: KuzuStore;
  let loaded: KuzuStore;
  const progress: [number, number, string][] = [];
  beforeAll(async () => {
    streamed = new KuzuStore();
    await streamed.loadGraph(graph, {
      communities: graphCommunities(graph),
      onProgress: (done, total, phase) => progress.push([done, total, phase]),
    });
    loaded = new KuzuStore();
    await loaded.load(graph);
  });
  afterAll(async () => {
    await streamed.close();
    await loaded.close();
  });

  it('holds exactly the rows of storeRows, every property of every table', async () => {
    const rows = storeRows(graph);
    for (const table of Object.keys(NODE_TABLES) as NodeTable[]) {
      const names = Object.keys(NODE_TABLES[table].properties);
      const got = await streamed.query(
        `MATCH (x:${table}) RETURN x.key AS key${names.map((n) => `, x.${n} AS ${n}`).join('')}`,
      );
      const expected = rows.nodes[table].map((row) => ({ key: row.key, ...row.props }));
      expect(got.sort(byKey), table).toEqual(expected.sort(byKey));
    }
    for (const table of Object.keys(REL_TABLES) as RelTable[]) {
      const names = Object.keys(REL_TABLES[table].properties);
      const got = await streamed.query(
        `MATCH (a)-[x:${table}]->(b) RETURN x.key AS key, a.key AS from, b.key AS to` +
          names.map((n) => `, x.${n} AS ${n}`).join(''),
      );
      const expected = rows.rels[table].map((row) => ({
        key: row.key,
        from: row.from,
        to: row.to,
        ...row.props,
      }));
      expect(got.sort(byKey), table).toEqual(expected.sort(byKey));
    }
  });

  it('answers named queries as load() does', async () => {
    const [busiest] = await streamed.query(
      'MATCH (a:Author)-[:COAUTHOR]-(:Author) RETURN a.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 1',
    );
    const name = busiest!.name as string;
    const cases: [string, Record<string, unknown>][] = [
      ['communities', { layer: 'collaboration', limit: 20 }],
      ['communities', { layer: 'theme', limit: 20 }],
      ['most-connected-authors', { limit: 15 }],
      ['most-bridging-authors', { limit: 15 }],
      ['top-collaborators', { name, limit: 20 }],
      ['coauthor-triangles', { limit: 50 }],
      ['ego-network', { name }],
    ];
    for (const [query, params] of cases) {
      const answer = await run(streamed, query, params);
      expect(answer, query).toEqual(await run(loaded, query, params));
      if (query !== 'coauthor-triangles') expect(answer.length, query).toBeGreaterThan(0);
    }
    expect(await tableCounts(streamed)).toEqual(await tableCounts(loaded));
  });

  it('reports progress that never goes back and ends at its total', () => {
    expect(progress.length).toBeGreaterThan(2);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
    const [done, total, phase] = progress[progress.length - 1]!;
    expect([done, phase]).toEqual([total, 'done']);
  });

  it('merges a second load row by row without changing counts', async () => {
    const before = await tableCounts(streamed);
    const summary = await streamed.loadGraph(graph, { communities: graphCommunities(graph) });
    expect(await tableCounts(streamed)).toEqual(before);
    const sum = (tables: string[]) => tables.reduce((n, table) => n + before[table]!, 0);
    expect(summary).toEqual({
      nodes: sum(Object.keys(NODE_TABLES)),
      relationships: sum(Object.keys(REL_TABLES)),
    });
  });
});

it('streams lists CSV cannot carry on nodes and relationships exactly', async () => {
  const graph = nastyNameGraph();
  const sources = ['folder, with comma/a.txt:1 (bibtex)', ' padded '];
  const papers = ['p,2', '[p3]', 'say "hi"'];
  graph.mergeNodeAttributes('paper:p1', { sources });
  graph.mergeEdgeAttributes('coauthor:ada-lovelace--obrien', { papers });
  const store = new KuzuStore();
  await store.loadGraph(graph, { communities: graphCommunities(graph) });
  expect(await store.query("MATCH (p:Paper {key: 'paper:p1'}) RETURN p.sources AS sources")).toEqual([
    { sources },
  ]);
  expect(
    await store.query(
      "MATCH ()-[r:COAUTHOR {key: 'coauthor:ada-lovelace--obrien'}]->() RETURN r.papers AS papers",
    ),
  ).toEqual([{ papers }]);
  await store.close();
});
