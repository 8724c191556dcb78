/**
 * graph.json written on two threads (the CLI's way for large graphs) is, byte for byte, the
 * document one thread writes; the worker's part closes the edge list whatever precedes it.
 */
import Graph from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Analysis,
  analysisGraphAttributes,
  analysisView,
  analyzeCorpus,
} from '../../src/analysis/pipeline.ts';
import { collectChunks } from '../../src/export/attributes.ts';
import { writeGraphJsonOnTwoThreads } from '../../src/export/graph-json-parallel-node.ts';
import { graphJsonPieces } from '../../src/export/graph-json-stream.ts';
import { loadCorpus } from '../../src/ingest/read-node.ts';
import { EDGE_ORDER } from '../../src/model/graph-schema.ts';
import { dataPages } from '../helpers/paths.ts';

async function twoThreads(analysis: Analysis, workerUrl?: URL): Promise<string> {
  const parts: string[] = [];
  const decoder = new TextDecoder();
  await writeGraphJsonOnTwoThreads(
    analysisView(analysis),
    analysisGraphAttributes(analysis),
    async (chunk) => {
      parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
    },
    workerUrl ? { workerUrl } : {},
  );
  return parts.join('');
}

const oneThread = (analysis: Analysis): string =>
  collectChunks(graphJsonPieces(analysisView(analysis), analysisGraphAttributes(analysis)));

let full: Analysis;
let bare: Analysis;
beforeAll(async () => {
  const corpus = await loadCorpus([dataPages]);
  full = analyzeCorpus(corpus, { seed: 3 });
  // No themes and no citations mined from abstracts (the listing has no references, so no maps):
  // the worker writes every edge.
  bare = analyzeCorpus(corpus, {
    seed: 3,
    themes: { enabled: false },
    build: { maxAuthorsPerPaper: 25, coauthorWeight: 'count', mineAbstracts: false },
  });
}, 60_000);

describe('graph.json on two threads', () => {
  it('is the one-thread document, and graphology reads every node and edge of it', async () => {
    const expected = oneThread(full);
    const written = await twoThreads(full);
    expect(written).toBe(expected);
    const graph = Graph.from(JSON.parse(written));
    const kinds = new Set<string>();
    graph.forEachEdge((_edge, attributes) => kinds.add(attributes.kind as string));
    expect(kinds.has('coauthor') && kinds.has('authored') && kinds.has('similar')).toBe(true);
    expect(graph.size).toBe(JSON.parse(expected).edges.length);
  }, 60_000);

  it('keeps the edge order of every export: authorship and co-authorship last', async () => {
    const edges = (JSON.parse(await twoThreads(full)) as { edges: { attributes: { kind: string } }[] }).edges;
    const ranks = edges.map((edge) =>
      EDGE_ORDER.indexOf(edge.attributes.kind as (typeof EDGE_ORDER)[number]),
    );
    expect(ranks.every((rank, at) => rank >= 0 && (at === 0 || rank >= ranks[at - 1]!))).toBe(true);
    expect(edges.at(-1)!.attributes.kind).toBe('coauthor');
  }, 60_000);

  it('writes valid JSON when this thread has no edge of its own', async () => {
    const written = await twoThreads(bare);
    expect(written).toBe(oneThread(bare));
    const parsed = JSON.parse(written) as { edges: { attributes: { kind: string } }[] };
    expect(parsed.edges.length).toBeGreaterThan(0);
    expect(parsed.edges[0]!.attributes.kind).toBe('authored');
  }, 60_000);

  it('fails with one line when the worker fails, and writes no end', async () => {
    const script = new URL(`data:text/javascript,${encodeURIComponent('throw new Error("boom")')}`);
    await expect(twoThreads(full, script)).rejects.toThrow(/^the graph.json worker failed: boom$/);
  }, 60_000);
});
