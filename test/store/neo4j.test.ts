/**
 * The Neo4j store against a real server (started by test/setup/neo4j.ts, or NEO4J_URI), compared
 * query by query with the embedded engine.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/pipeline.ts';
import { runExport } from '../../src/cli/commands/export.ts';
import { NEO4J_NODE_FILES, NEO4J_RELATIONSHIP_FILES } from '../../src/export/neo4j-import.ts';
import type { AnalysedGraph } from '../../src/graph/readable.ts';
import { ingestFiles, loadCorpus } from '../../src/ingest/read-node.ts';
import type { QueryParams, Row } from '../../src/store/graph-store.ts';
import { KuzuStore } from '../../src/store/kuzu-store.ts';
import { importNeo4jFolder, pullNodeProperties } from '../../src/store/neo4j-import-load.ts';
import { type Neo4jConnection, Neo4jStore } from '../../src/store/neo4j-store.ts';
import { findQuery, listQueries, runNamedQuery } from '../../src/store/queries.ts';
import { countRows, storeRows } from '../../src/store/store-schema.ts';
import { type CliRun, runCli } from '../helpers/cli.ts';
import { adminImportInvocation, LAUNCHER_CLASSPATH } from '../neo4j/admin-import.ts';
import {
  EXTENDED_SAMPLE_CASES,
  extendedSampleGraph,
  NASTY_NAME,
  nastyNameGraph,
  normalizeRows,
} from './fixtures.ts';
import { neo4jForTests } from './neo4j-server.ts';

const server = await neo4jForTests();
/** Written when the test launcher is built (test/neo4j/run.sh); its jars include neo4j-admin's import tool. */
const connection = server.connection as Neo4jConnection;

async function run(store: Neo4jStore | KuzuStore, name: string, params: QueryParams): Promise<Row[]> {
  const query = await findQuery(name);
  if (!query) throw new Error(`no query ${name}`);
  // The GDS queries write their results back onto the nodes.
  return runNamedQuery(store, query, params, name.startsWith('gds/') ? 'write' : 'read');
}

/** What storeRows says the database must hold, in the shape of Neo4jStore.counts(). */
function expectedCounts(graph: AnalysedGraph) {
  const counts = countRows(storeRows(graph));
  const nonZero = (record: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(record)
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return { nodes: nonZero(counts.nodes), relationships: nonZero(counts.rels) };
}

/** The parts of a serialized overview.json the pull test reads. */
interface SerializedOverview {
  attributes: {
    communities: { layer: string; size: number }[];
    modularity: { collaboration: number };
  };
  nodes: { key: string; attributes: { kind: string; x: number; y: number } }[];
  edges: { attributes: { kind: string; weight: number } }[];
}

async function freshStore(graph?: AnalysedGraph): Promise<Neo4jStore> {
  const store = await Neo4jStore.connect(connection);
  await store.clear();
  if (graph) await store.load(graph);
  return store;
}

/** Our collaborator groups as the analysis wrote them on the graph: count, modularity, co-authoring authors. */
function ourCollaboration(graph: AnalysedGraph): { count: number; modularity: number; members: string[] } {
  const attributes = graph.getAttributes();
  return {
    count: attributes.communities.filter((community) => community.layer === 'collaboration').length,
    modularity: attributes.modularity?.collaboration ?? 0,
    members: graph.filterNodes(
      (_node, node) => node.kind === 'author' && node.community !== undefined && node.community >= 0,
    ),
  };
}

describe.skipIf(server.skip !== undefined)(
  `Neo4j store ${server.skip ? `(skipped: ${server.skip})` : ''}`,
  () => {
    describe('the extended sample on both engines', () => {
      let neo4j: Neo4jStore;
      let kuzu: KuzuStore;
      beforeAll(async () => {
        neo4j = await freshStore(extendedSampleGraph());
        kuzu = new KuzuStore();
        await kuzu.load(extendedSampleGraph());
      });
      afterAll(async () => {
        await neo4j?.close();
        await kuzu?.close();
      });

      for (const testCase of EXTENDED_SAMPLE_CASES) {
        it(`${testCase.query} ${JSON.stringify(testCase.params)}: same hand-checked answer on Neo4j and Kùzu`, async () => {
          const onNeo4j = await run(neo4j, testCase.query, testCase.params);
          const onKuzu = await run(kuzu, testCase.query, testCase.params);
          expect(normalizeRows(onNeo4j)).toEqual(normalizeRows(testCase.expected));
          expect(normalizeRows(onNeo4j)).toEqual(normalizeRows(onKuzu));
        });
      }

      it('GDS Louvain, PageRank and node similarity run and write back; pull reads them onto the graph', async () => {
        const [louvain] = await run(neo4j, 'gds/louvain', {});
        // By hand (total weight 5; degrees Ada 3, Charles 3, Grace 3, Alan 1): {Ada, Charles} + {Grace, Alan}
        // has modularity 3/5 - 0.6² - 0.4² = 0.08, better than the triangle + Alan (0.8 - 0.81 - 0.01 < 0).
        expect(louvain).toMatchObject({ communityCount: 2, nodePropertiesWritten: 4 });
        expect(Number(louvain!.modularity)).toBeCloseTo(0.08, 6);
        const communities = await neo4j.query(
          'MATCH (a:Author) RETURN a.name AS name, a.louvain AS louvain ORDER BY name',
        );
        const byName = Object.fromEntries(communities.map((r) => [r.name, r.louvain]));
        expect(byName['Ada Lovelace']).toBe(byName['Charles Babbage']);
        expect(byName["Grace O'Hopper"]).toBe(byName['Alan Turing']);
        expect(byName['Ada Lovelace']).not.toBe(byName['Alan Turing']);

        const [pagerank] = await run(neo4j, 'gds/pagerank', { damping: 0.85 });
        expect(pagerank).toMatchObject({ nodePropertiesWritten: 4 });

        const similar = await run(neo4j, 'gds/node-similarity', { topK: 10 });
        const pairs = similar.map((r) => [r.author, r.similarAuthor, r.score]);
        expect(pairs).toContainEqual(['Ada Lovelace', 'Charles Babbage', 1]);
        // Grace {p1, p4} and Alan {p3, p4}: one shared paper of three.
        expect(pairs).toContainEqual(["Grace O'Hopper", 'Alan Turing', 1 / 3]);
        // Running it again replaces, not adds.
        const again = await run(neo4j, 'gds/node-similarity', { topK: 10 });
        expect(again.length).toBe(similar.length);

        const graph = extendedSampleGraph();
        const set = await neo4j.pull(graph);
        expect(set).toEqual({ louvain: 4, pagerank: 4 });
        const attributes = (key: string) => graph.getNodeAttributes(key) as unknown as Record<string, number>;
        expect(attributes('author:ada-lovelace').louvain).toBe(byName['Ada Lovelace']);
        // p1 and p2 are cited, p3 and p4 are not.
        expect(attributes('paper:p1').pagerank).toBeGreaterThan(attributes('paper:p3').pagerank!);
      });
    });

    describe('pushing', () => {
      it('twice changes no counts, and the counts are those of the graph', async () => {
        const graph = extendedSampleGraph();
        const store = await freshStore();
        await store.load(graph);
        const first = await store.counts();
        expect(first).toEqual(expectedCounts(graph));
        const progress: number[] = [];
        await store.load(graph, (done) => progress.push(done), { batchSize: 5 });
        expect(await store.counts()).toEqual(first);
        expect(progress.at(-1)).toBe(
          Object.values(first.nodes).reduce((a, b) => a + b, 0) +
            Object.values(first.relationships).reduce((a, b) => a + b, 0),
        );
        await store.close();
      });

      it('interrupted, then rerun, ends with the same counts', async () => {
        const graph = extendedSampleGraph();
        const store = await freshStore();
        const interrupt = new Error('interrupted');
        await expect(
          store.load(
            graph,
            (done) => {
              if (done >= 9) throw interrupt;
            },
            { batchSize: 3 },
          ),
        ).rejects.toBe(interrupt);
        const partial = await store.counts();
        expect(partial).not.toEqual(expectedCounts(graph));
        await store.load(graph);
        expect(await store.counts()).toEqual(expectedCounts(graph));
        await store.close();
      });

      it('matches a name made of quotes and Cypher keywords literally', async () => {
        const store = await freshStore(nastyNameGraph());
        expect(await run(store, 'top-collaborators', { name: NASTY_NAME, limit: 10 })).toEqual([
          { collaborator: 'Ada Lovelace', papers: 1, weight: 1 },
        ]);
        expect(await run(store, 'top-collaborators', { name: `x' OR 1=1 //`, limit: 10 })).toEqual([]);
        const stored = await store.query('MATCH (a:Author {key: $key}) RETURN a.name AS name', {
          key: 'author:obrien',
        });
        expect(stored).toEqual([{ name: NASTY_NAME }]);
        await store.close();
      });
    });

    describe('errors', () => {
      it('a wrong password gives a clear error that does not show the password', async () => {
        const error = await Neo4jStore.connect({ ...connection, password: 'not-the-password' }).catch(
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ kind: 'auth' });
        expect(String((error as Error).message)).toMatch(/authentication failed .*NEO4J_PASSWORD/);
        expect(String((error as Error).message)).not.toContain('not-the-password');
      });

      it('a server that is down gives a connection error', async () => {
        const error = await Neo4jStore.connect({ ...connection, uri: 'bolt://127.0.0.1:1' }).catch(
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ kind: 'connection' });
        expect((error as Error).message).toBe(
          'neo4j: cannot reach bolt://127.0.0.1:1 (is the server running?)',
        );
      });

      it('a Cypher syntax error is one line', async () => {
        const store = await Neo4jStore.connect(connection);
        const error = await store.query('MATCH (n RETURN n').catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'syntax' });
        expect((error as Error).message).not.toContain('\n');
        await store.close();
      });
    });

    describe('the analysis of data/ on both engines', () => {
      let graph: AnalysedGraph;
      let neo4j: Neo4jStore;
      let kuzu: KuzuStore;
      beforeAll(async () => {
        const corpus = await loadCorpus(['data/pages']);
        graph = analyze(corpus, {
          layout: false,
          timeline: false,
          stabilitySeeds: 0,
          sweepResolutions: [],
        }).graph;
        neo4j = await freshStore(graph);
        kuzu = new KuzuStore();
        await kuzu.load(graph);
      });
      afterAll(async () => {
        await neo4j?.close();
        await kuzu?.close();
      });

      it('holds every node and relationship of the graph', async () => {
        expect(await neo4j.counts()).toEqual(expectedCounts(graph));
      });

      it('every portable query gives the same answer on both engines', async () => {
        const [top] = await run(kuzu, 'most-connected-authors', { limit: 1 });
        const [farthest] = await kuzu.query(
          'MATCH (a:Author {name: $name})-[:COAUTHOR]-(:Author)-[:COAUTHOR]-(b:Author) WHERE b.key <> a.key RETURN b.name AS name ORDER BY name LIMIT 1',
          { name: top!.author! },
        );
        const params: Record<string, QueryParams> = {
          'top-collaborators': { name: top!.author!, limit: 10 },
          'ego-network': { name: top!.author! },
          'collaboration-path': { from: top!.author!, to: farthest?.name ?? top!.author! },
          'papers-linking-themes': { themeA: 0, themeB: 1 },
          'community-papers-by-year': { community: 0 },
        };
        const queries = (await listQueries()).filter((q) => !q.name.startsWith('gds/'));
        for (const query of queries) {
          const defaults = Object.fromEntries(
            query.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default!]),
          );
          const given = { ...defaults, ...params[query.name] };
          const onNeo4j = await runNamedQuery(neo4j, query, given);
          const onKuzu = await runNamedQuery(kuzu, query, given);
          if (query.name === 'collaboration-path') {
            // Several shortest paths may tie: compare their length only.
            expect(
              onNeo4j.map((r) => r.hops),
              query.name,
            ).toEqual(onKuzu.map((r) => r.hops));
            continue;
          }
          expect(normalizeRows(onNeo4j), query.name).toEqual(normalizeRows(onKuzu));
        }
      });

      it('GDS Louvain finds a modularity close to ours on the same weighted co-authorship graph', async () => {
        const ours = ourCollaboration(graph);
        const [gds] = await run(neo4j, 'gds/louvain', {});
        const theirs = Number(gds!.modularity);
        console.log(
          `modularity of the co-authorship graph: citegraph Louvain ${ours.modularity.toFixed(4)} ` +
            `(${ours.count} communities), GDS Louvain ${theirs.toFixed(4)} (${gds!.communityCount} communities, incl. isolated authors)`,
        );
        expect(Math.abs(ours.modularity - theirs)).toBeLessThan(0.05);
      });
    });

    describe('citegraph neo4j push / pull', () => {
      let dir: string;
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'citegraph-neo4j-cli-'));
        await writeFile(join(dir, 'graph.json'), JSON.stringify(extendedSampleGraph().export()));
      });
      afterAll(() => rm(dir, { recursive: true, force: true }));

      const cli = (env: Record<string, string>, ...args: string[]): Promise<CliRun> => runCli(args, env);
      const env = () => ({
        NEO4J_URI: connection.uri,
        NEO4J_USER: connection.user,
        NEO4J_PASSWORD: connection.password,
      });

      it('pushes twice with the same counts, queries, runs GDS and pulls louvain back', async () => {
        const graphPath = join(dir, 'graph.json');
        const first = await cli(env(), 'neo4j', 'push', graphPath, '--replace', '--json');
        expect(first.code).toBe(0);
        const second = await cli(env(), 'neo4j', 'push', graphPath, '--json');
        expect(JSON.parse(second.out).database).toEqual(JSON.parse(first.out).database);
        expect(first.out + first.err + second.out + second.err).not.toContain(connection.password);

        const top = await cli(
          env(),
          'query',
          'top-collaborators',
          '--neo4j',
          '-p',
          "name=Grace O'Hopper",
          '--json',
        );
        expect(top.code).toBe(0);
        expect(JSON.parse(top.out).map((r: Row) => r.collaborator)).toEqual([
          'Ada Lovelace',
          'Alan Turing',
          'Charles Babbage',
        ]);
        const readOnly = await cli(env(), 'query', 'gds/louvain', '--neo4j');
        expect(readOnly.code).toBe(2);
        expect(readOnly.err).toMatch(
          /^citegraph: gds\/louvain writes to the database .*--write to let it\n$/,
        );
        expect((await cli(env(), 'query', 'gds/louvain', '--neo4j', '--write')).code).toBe(0);

        const pulled = join(dir, 'pulled.json');
        const pull = await cli(env(), 'neo4j', 'pull', graphPath, '-o', pulled);
        expect(pull.code).toBe(0);
        expect(pull.out).toMatch(/louvain: 4 nodes/);
        const json = JSON.parse(await readFile(pulled, 'utf8')) as {
          nodes: { key: string; attributes: Record<string, unknown> }[];
        };
        const ada = json.nodes.find((n) => n.key === 'author:ada-lovelace');
        expect(typeof ada?.attributes.louvain).toBe('number');
      });

      it('refuses a deleting query without --write (nothing deleted) and says what it deleted with it', async () => {
        const graphPath = join(dir, 'graph.json');
        expect((await cli(env(), 'neo4j', 'push', graphPath, '--replace')).code).toBe(0);
        const store = await Neo4jStore.connect(connection);
        const before = await store.counts();
        const deleteAuthors = join(dir, 'delete-authors.cypher');
        await writeFile(deleteAuthors, 'MATCH (n:Author) DETACH DELETE n\n');
        const refused = await cli(env(), 'query', deleteAuthors, '--neo4j');
        expect(refused.code).toBe(2);
        expect(refused.err).toMatch(
          /^citegraph: delete-authors writes to the database and was stopped, nothing changed \(neo4j: .*\); run it with --write to let it\n$/,
        );
        expect(await store.counts()).toEqual(before);
        const written = await cli(env(), 'query', deleteAuthors, '--neo4j', '--write');
        expect(written.code).toBe(0);
        expect(written.err).toMatch(
          new RegExp(`^citegraph: changed Author nodes: ${before.nodes.Author} → 0, `),
        );
        expect((await store.counts()).nodes.Author).toBeUndefined();
        await store.close();
      });

      it('fails with one line: wrong password, server down, missing graph, Cypher error', async () => {
        const wrong = await cli(
          { ...env(), NEO4J_PASSWORD: 'nope-nope' },
          'neo4j',
          'push',
          join(dir, 'graph.json'),
        );
        expect(wrong.code).toBe(1);
        expect(wrong.err).toMatch(
          /^citegraph: neo4j: authentication failed at .* \(check NEO4J_USER and NEO4J_PASSWORD\)\n$/,
        );
        expect(wrong.err).not.toContain('nope-nope');
        const down = await cli(
          { ...env(), NEO4J_URI: 'bolt://127.0.0.1:1' },
          'query',
          'communities',
          '--neo4j',
        );
        expect(down.code).toBe(1);
        expect(down.err).toBe('citegraph: neo4j: cannot reach bolt://127.0.0.1:1 (is the server running?)\n');
        const missing = await cli(env(), 'neo4j', 'push', join(dir, 'nope.json'));
        expect(missing.code).toBe(1);
        expect(missing.err).toMatch(/nope\.json: no such file/);
        await writeFile(join(dir, 'broken.cypher'), 'MATCH (n RETURN n\n');
        const broken = await cli(env(), 'query', join(dir, 'broken.cypher'), '--neo4j');
        expect(broken.code).toBe(1);
        expect(broken.err).toMatch(/^citegraph: neo4j: Cypher syntax error: .*\n$/);
      });
    });

    describe('the neo4j-import CSVs of data/pages: citegraph neo4j import, GDS, pull', () => {
      let dir: string;
      let graph: AnalysedGraph;
      let store: Neo4jStore;
      beforeAll(async () => {
        const { corpus } = await ingestFiles(['data/pages']);
        graph = analyze(corpus, { layout: false, stabilitySeeds: 0 }).graph;
        dir = await mkdtemp(join(tmpdir(), 'citegraph-neo4j-import-'));
        await writeFile(join(dir, 'graph.json'), JSON.stringify(graph.export()));
        await runExport(join(dir, 'graph.json'), { format: 'neo4j-import', output: join(dir, 'csv') });
        store = await freshStore();
      });
      afterAll(async () => {
        await store?.close();
        await rm(dir, { recursive: true, force: true });
      });

      /**
       * Nodes per label and relationships per type that neo4j-admin makes from the export of `graph`:
       * the kinds the export has files for (the bibliometric maps' own nodes and links have none).
       */
      function importCounts(of: AnalysedGraph) {
        const nodes: Record<string, number> = {};
        const relationships: Record<string, number> = {};
        of.forEachNode((_key, attributes) => {
          const label = NEO4J_NODE_FILES.find((f) => f.kind === attributes.kind)?.label;
          if (label) nodes[label] = (nodes[label] ?? 0) + 1;
        });
        of.forEachEdge((_key, attributes) => {
          const type = NEO4J_RELATIONSHIP_FILES.find((f) => f.kind === attributes.kind)?.type;
          if (type) relationships[type] = (relationships[type] ?? 0) + 1;
        });
        const sorted = (record: Record<string, number>) =>
          Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
        return { nodes: sorted(nodes), relationships: sorted(relationships) };
      }

      it('interrupted, then rerun, ends with the counts of one whole import', async () => {
        const interrupt = new Error('interrupted');
        let relationshipBatches = 0;
        await expect(
          importNeo4jFolder(store, join(dir, 'csv'), {
            batchSize: 10,
            onProgress: (_done, _total, file) => {
              // Into the relationships: the rerun MERGEs the nodes and some relationships.
              if (NEO4J_RELATIONSHIP_FILES.some((spec) => spec.file === file) && ++relationshipBatches === 3)
                throw interrupt;
            },
          }),
        ).rejects.toBe(interrupt);
        const partial = await store.counts();
        expect(partial).not.toEqual(importCounts(graph));
        await importNeo4jFolder(store, join(dir, 'csv'));
        expect(await store.counts()).toEqual(importCounts(graph));
        await store.clear();
      });

      it('loads every node and relationship of the graph, with typed properties; twice gives the same counts', async () => {
        const expected = importCounts(graph);
        const progress: [number, number, string][] = [];
        const summary = await importNeo4jFolder(store, join(dir, 'csv'), {
          batchSize: 40,
          onProgress: (done, total, phase) => progress.push([done, total, phase]),
        });
        const counts = await store.counts();
        expect(counts).toEqual(expected);
        expect(Object.fromEntries(Object.entries(summary.relationships).filter(([, n]) => n > 0))).toEqual(
          expected.relationships,
        );
        const [done, total, phase] = progress.at(-1)!;
        expect(done).toBe(total);
        expect(phase).toBe('similar.csv');
        expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));

        await importNeo4jFolder(store, join(dir, 'csv'));
        expect(await store.counts()).toEqual(expected);

        // Types as neo4j-admin reads the header: long, double, string[]; empty fields are no property.
        const [author] = await store.query(
          'MATCH (a:Author)-[c:COAUTHOR]-() RETURN a.paperCount AS paperCount, c.weight AS weight, ' +
            'c.papers AS papers, valueType(a.paperCount) AS intType, valueType(c.weight) AS floatType, ' +
            'valueType(c.papers) AS listType LIMIT 1',
        );
        expect(author).toMatchObject({
          intType: 'INTEGER NOT NULL',
          floatType: 'FLOAT NOT NULL',
          listType: 'LIST<STRING NOT NULL> NOT NULL',
        });
      });

      it('GDS Louvain and PageRank run on it, pull reads them back, and the communities are close to ours', async () => {
        const [louvain] = await run(store, 'gds/louvain', {});
        const [pagerank] = await run(store, 'gds/pagerank', { damping: 0.85 });
        const pulled = graph.copy() as AnalysedGraph;
        const set = await pullNodeProperties(store, pulled);

        const ours = ourCollaboration(graph);
        const gdsCommunities = new Set<unknown>();
        ours.members.forEach((key) => {
          gdsCommunities.add((pulled.getNodeAttributes(key) as unknown as { louvain?: number }).louvain);
        });
        const theirs = Number(louvain!.modularity);
        console.log(
          `data/pages via neo4j-import CSVs, ${ours.members.length} co-authoring authors: ours ${ours.count} communities ` +
            `(modularity ${ours.modularity.toFixed(4)}), GDS Louvain ${gdsCommunities.size} ` +
            `(modularity ${theirs.toFixed(4)}; ${louvain!.communityCount} incl. isolated authors)`,
        );
        const expected = importCounts(graph).nodes;
        expect(pagerank).toMatchObject({ nodePropertiesWritten: expected.Paper });
        expect(set.louvain).toBe(expected.Author);
        expect(gdsCommunities.has(undefined)).toBe(false);
        expect(Math.abs(gdsCommunities.size - ours.count)).toBeLessThanOrEqual(
          Math.max(2, Math.round(0.2 * ours.count)),
        );
        expect(Math.abs(ours.modularity - theirs)).toBeLessThan(0.05);

        // PageRank: GDS's values (on Paper nodes) replace the analysis's; references keep the exported ones.
        const inDatabase = await store.query(
          'MATCH (p:Paper) RETURN p.paperId AS id, p.pagerank AS pagerank',
        );
        expect(inDatabase.length).toBe(expected.Paper);
        for (const row of inDatabase) {
          const attributes = pulled.getNodeAttributes(`paper:${row.id}`) as unknown as { pagerank: number };
          expect(attributes.pagerank).toBe(row.pagerank);
        }
        expect(set.pagerank).toBeGreaterThanOrEqual(expected.Paper!);
      });

      it('citegraph neo4j import and pull from the command line; one-line errors', async () => {
        const env = {
          NEO4J_URI: connection.uri,
          NEO4J_USER: connection.user,
          NEO4J_PASSWORD: connection.password,
        };
        const cli = (...args: string[]) => runCli(args, env);
        const imported = await cli('neo4j', 'import', join(dir, 'csv'), '--replace', '--json');
        expect(imported.err).toBe('');
        expect(imported.code).toBe(0);
        expect(JSON.parse(imported.out).database).toEqual(importCounts(graph));
        expect((await cli('query', 'gds/louvain', '--neo4j', '--write')).code).toBe(0);
        const pull = await cli('neo4j', 'pull', join(dir, 'graph.json'), '-o', join(dir, 'pulled.json'));
        expect(pull.code).toBe(0);
        expect(pull.out).toContain(`louvain: ${importCounts(graph).nodes.Author} nodes`);

        const missing = await cli('neo4j', 'import', join(dir, 'nope'));
        expect(missing).toMatchObject({ code: 1, err: `citegraph: ${join(dir, 'nope')}: no such folder\n` });
        const notExport = await cli('neo4j', 'import', dir);
        expect(notExport.code).toBe(1);
        expect(notExport.err).toMatch(
          /^citegraph: .*authors\.csv: no such file \(expected a folder written by citegraph export --format neo4j-import\)\n$/,
        );
      });

      it.skipIf(!existsSync(LAUNCHER_CLASSPATH))(
        'the same files pass the real `neo4j-admin database import full` (run from the launcher jars, offline store)',
        async () => {
          const invocation = adminImportInvocation(
            join(dir, 'csv'),
            join(dir, 'neo4j-home'),
            ['-Xmx256m', '-XX:+UseSerialGC'],
            ['--max-off-heap-memory=256m'],
          );
          const child = spawn(invocation.command, invocation.args, {
            cwd: invocation.cwd,
            env: invocation.env,
          });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString();
          });
          child.stderr.on('data', (chunk: Buffer) => {
            output += chunk.toString();
          });
          const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
          const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
          clearTimeout(timer);
          expect(code, output.slice(-2000)).toBe(0);
          const expected = importCounts(graph);
          const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
          expect(output).toMatch(
            new RegExp(
              `Imported:\\s+${sum(expected.nodes)} nodes\\s+${sum(expected.relationships)} relationships`,
            ),
          );
        },
        120_000,
      );
    });

    describe('an analysis of data/pages without graph.json: export, neo4j import, GDS Louvain, pull the community level', () => {
      let dir: string;
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'citegraph-neo4j-compact-'));
      });
      afterAll(() => rm(dir, { recursive: true, force: true }));

      it('rebuilds overview.json from the communities GDS wrote, with their modularity', async () => {
        const env = {
          NEO4J_URI: connection.uri,
          NEO4J_USER: connection.user,
          NEO4J_PASSWORD: connection.password,
        };
        const cli = (...args: string[]) => runCli(args, env);
        const out = join(dir, 'out');
        const analysed = await cli(
          'analyze',
          'data/pages',
          '--graph-limit',
          '100',
          '-o',
          out,
          '--export',
          'neo4j-import',
        );
        expect(analysed.code, analysed.err).toBe(0);
        expect(existsSync(join(out, 'graph.json'))).toBe(false);
        expect((await cli('neo4j', 'import', join(out, 'neo4j-import'), '--replace')).code).toBe(0);
        const store = await Neo4jStore.connect(connection);
        try {
          // Before GDS has written any community: one line, exit 1, nothing written.
          const early = await cli('neo4j', 'pull', out, '-o', join(dir, 'early.json'));
          expect(early).toMatchObject({
            code: 1,
            err: "citegraph: no Author node has a 'louvain' property: run citegraph query gds/louvain --neo4j --write first (or pass --property)\n",
          });
          expect(existsSync(join(dir, 'early.json'))).toBe(false);
          const [louvain] = await run(store, 'gds/louvain', {});
          const pulledPath = join(dir, 'pulled-overview.json');
          const pull = await cli('neo4j', 'pull', out, '-o', pulledPath, '--json');
          expect(pull.err).toBe('');
          expect(pull.code).toBe(0);
          const summary = JSON.parse(pull.out) as { groups: number; authors: number; modularity: number };
          const [distinct] = await store.query(
            'MATCH (a:Author) RETURN count(DISTINCT a.louvain) AS groups, count(a) AS authors',
          );
          expect(summary.groups).toBe(distinct!.groups);
          expect(summary.authors).toBe(distinct!.authors);
          // Computed from the database's aggregates, it is the modularity GDS reported for its partition.
          expect(summary.modularity).toBeCloseTo(Number(louvain!.modularity), 6);

          const before = JSON.parse(await readFile(join(out, 'overview.json'), 'utf8')) as SerializedOverview;
          const after = JSON.parse(await readFile(pulledPath, 'utf8')) as SerializedOverview;
          const groupNodes = after.nodes.filter((node) => node.attributes.kind === 'author');
          expect(groupNodes.length).toBe(summary.groups);
          const sizes = after.attributes.communities
            .filter((community) => community.layer === 'collaboration')
            .map((community) => community.size);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(summary.authors);
          expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
          expect(after.attributes.modularity.collaboration).toBe(summary.modularity);
          // Themes are the analysis's, kept; the groups' links to them are the database's authorships.
          const themesOf = (graph: SerializedOverview) =>
            graph.nodes.filter((node) => node.attributes.kind === 'paper').map((node) => node.key);
          expect(themesOf(after)).toEqual(themesOf(before));
          const [authorships] = await store.query(
            'MATCH (:Author)-[:AUTHORED]->(p:Paper) WHERE p.theme IS NOT NULL RETURN count(*) AS n',
          );
          const authoredWeight = after.edges
            .filter((edge) => edge.attributes.kind === 'authored')
            .reduce((sum, edge) => sum + edge.attributes.weight, 0);
          expect(authoredWeight).toBe(authorships!.n);
          const [pairs] = await store.query(
            'MATCH (a:Author)-[:COAUTHOR]-(b:Author) WHERE a.louvain < b.louvain ' +
              'RETURN count(DISTINCT [a.louvain, b.louvain]) AS n',
          );
          expect(after.edges.filter((edge) => edge.attributes.kind === 'coauthor').length).toBe(pairs!.n);
          expect(new Set(groupNodes.map((node) => `${node.attributes.x},${node.attributes.y}`)).size).toBe(
            groupNodes.length,
          );
        } finally {
          await store.close();
        }
      });
    });
  },
);
