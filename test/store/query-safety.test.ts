/**
 * `citegraph query` on the embedded database: a query that writes is refused without --write and
 * changes nothing; with --write it says what it changed, and graph.json's answers stay the same.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KuzuStore } from '../../src/store/kuzu-store.ts';
import { runCli } from '../helpers/cli.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';

describe('citegraph query is read-only unless --write', () => {
  let dir: string;
  let graphPath: string;
  let deleteAuthors: string;
  const authors = async () => {
    const run = await runCli(['query', 'most-connected-authors', '--graph', graphPath, '--json']);
    expect(run.code).toBe(0);
    return JSON.parse(run.out) as unknown[];
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'citegraph-query-safety-'));
    graphPath = join(dir, 'graph.json');
    await writeFile(graphPath, JSON.stringify(sampleAnalysedGraph().export()));
    deleteAuthors = join(dir, 'delete-authors.cypher');
    await writeFile(
      deleteAuthors,
      '// Deletes every author.\nMATCH (n:Author) RETURN count(n) AS before;\nMATCH (n:Author) DETACH DELETE n\n',
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a deleting query with one line and exit 2, and the data stays', async () => {
    const before = await authors();
    expect(before.length).toBeGreaterThan(0);
    const graphBytes = await readFile(graphPath);
    const run = await runCli(['query', deleteAuthors, '--graph', graphPath]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /^citegraph: delete-authors writes to the database and was stopped, nothing changed \(kuzu: .*read-only.*\); run it with --write to let it\n$/,
    );
    expect(await authors()).toEqual(before);
    expect(await readFile(graphPath)).toEqual(graphBytes);
  });

  it('with --write says what it changed, and later queries of graph.json answer as before', async () => {
    const before = await authors();
    const run = await runCli(['query', deleteAuthors, '--graph', graphPath, '--write']);
    expect(run.code).toBe(0);
    // Hand-counted from test/helpers/sample-graph.ts: 4 authors with 3 + 2 + 1 authorships, 3
    // co-author pairs (Ada, Charles, Grace), 7 community members of which 3 papers stay.
    expect(run.err).toMatch(
      /^citegraph: changed Author nodes: 4 → 0, AUTHORED relationships: 6 → 0, COAUTHOR relationships: 3 → 0, IN_COMMUNITY relationships: 7 → 3 \(/,
    );
    expect(run.err).toContain('throwaway copy');
    expect(await authors()).toEqual(before);
    const cache = await readdir(join(dir, '.citegraph-kuzu'));
    expect(cache.filter((file) => file.includes('.tmp'))).toEqual([]);
  });

  it('rebuilds a cached database that no longer holds what graph.json does', async () => {
    const before = await authors();
    const cacheDir = join(dir, '.citegraph-kuzu');
    const [cached] = (await readdir(cacheDir)).filter((file) => file.endsWith('.kuzu'));
    const store = new KuzuStore(join(cacheDir, cached!));
    await store.query('MATCH (n:Author) DETACH DELETE n');
    await store.close();
    expect(await authors()).toEqual(before);
  });

  it('on a database of its own (--kuzu), --write changes it and says so', async () => {
    const path = join(dir, 'own.kuzu');
    const store = new KuzuStore(path);
    await store.load(sampleAnalysedGraph());
    await store.close();
    const refused = await runCli(['query', deleteAuthors, '--kuzu', path]);
    expect(refused.code).toBe(2);
    const written = await runCli(['query', deleteAuthors, '--kuzu', path, '--write']);
    expect(written.code).toBe(0);
    expect(written.err).toMatch(/^citegraph: changed Author nodes: 4 → 0/);
    expect(written.err).not.toContain('throwaway');
    const again = await runCli(['query', 'most-connected-authors', '--kuzu', path, '--json']);
    expect(JSON.parse(again.out)).toEqual([]);
  });

  it('refuses an integer parameter past 2^53 with exit 2 and one line', async () => {
    const run = await runCli([
      'query',
      'most-connected-authors',
      '--graph',
      graphPath,
      '--param',
      'limit=99999999999999999999',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      'citegraph: parameter limit must be an integer between -9007199254740991 and 9007199254740991, got "99999999999999999999"\n',
    );
  });
});
