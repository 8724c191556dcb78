/**
 * The compact (typed-array) analysis against the graphology analysis on the same corpora: the
 * same co-authorship pairs and weights, citations, components and PageRank; the same node and
 * edge keys through the streamed graph view.
 */
import fc from 'fast-check';
import Graph from 'graphology';
import { connectedComponents as graphologyComponents } from 'graphology-components';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { describe, expect, it } from 'vitest';
import { buildCitations } from '../../src/analysis/compact/citations.ts';
import { buildCoauthorship } from '../../src/analysis/compact/coauthor.ts';
import { connectedComponents } from '../../src/analysis/compact/components.ts';
import { indexCorpus } from '../../src/analysis/compact/corpus-index.ts';
import { undirectedFromEdges } from '../../src/analysis/compact/csr.ts';
import { CompactGraphView } from '../../src/analysis/compact/graph-view.ts';
import { communityOverview } from '../../src/analysis/compact/overview.ts';
import { pagerankCsr } from '../../src/analysis/compact/pagerank.ts';
import { analyzeCompact } from '../../src/analysis/compact/pipeline.ts';
import { analyze, DEFAULT_ANALYZE_OPTIONS } from '../../src/analysis/pipeline.ts';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { writeCorpus } from '../../src/generate/write.ts';
import { buildGraph } from '../../src/graph/build.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';

const { corpus: dataCorpus } = await ingestFiles(['data/pages']);

function coauthorPairs(corpus: typeof dataCorpus): Map<string, { count: number; fractional: number }> {
  const { graph } = buildGraph(corpus);
  const pairs = new Map<string, { count: number; fractional: number }>();
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (attributes.kind !== 'coauthor') return;
    const [a, b] = source < target ? [source, target] : [target, source];
    pairs.set(`${a}|${b}`, { count: attributes.count!, fractional: attributes.fractional! });
  });
  return pairs;
}

describe('compact co-authorship', () => {
  it('has exactly the pairs, joint-paper counts and fractional weights of the graphology build', () => {
    const expected = coauthorPairs(dataCorpus);
    const index = indexCorpus(dataCorpus);
    const compact = buildCoauthorship(index, { maxAuthorsPerPaper: 25, weight: 'count' });
    const got = new Map<string, { count: number; fractional: number }>();
    for (let a = 0; a < compact.graph.nodeCount; a++)
      for (let arc = compact.graph.offsets[a]!; arc < compact.graph.offsets[a + 1]!; arc++) {
        const b = compact.graph.targets[arc]!;
        const [x, y] = [`author:${dataCorpus.authors[a]!.id}`, `author:${dataCorpus.authors[b]!.id}`].sort();
        got.set(`${x}|${y}`, { count: compact.counts[arc]!, fractional: compact.fractional[arc]! });
      }
    expect(got.size).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(100);
    for (const [pair, weights] of expected) {
      expect(got.get(pair)?.count, pair).toBe(weights.count);
      expect(got.get(pair)?.fractional).toBeCloseTo(weights.fractional, 12);
    }
    // The 88-name paper is the one capped on data/ (see data-facts.test.ts).
    expect(compact.capped.map((p) => dataCorpus.papers[p]!.authors.length)).toEqual([88]);
  });

  it("indexes authorships from the ingest's grouping exactly as by author id", () => {
    const fromIngest = indexCorpus(dataCorpus);
    // A copy is not the object the ingest built: its index comes from the author ids.
    const byIds = indexCorpus({ ...dataCorpus });
    expect(fromIngest.paperAuthors).toEqual(byIds.paperAuthors);
    expect(fromIngest.paperOffsets).toEqual(byIds.paperOffsets);
    expect(fromIngest.authorPapers).toEqual(byIds.authorPapers);
    expect(fromIngest.paperAuthors.length).toBeGreaterThan(100);
  });

  it('stores every pair in both rows, with one arc per pair', () => {
    const index = indexCorpus(dataCorpus);
    const { graph } = buildCoauthorship(index, { maxAuthorsPerPaper: 25, weight: 'fractional' });
    const arcs = new Set<string>();
    for (let a = 0; a < graph.nodeCount; a++)
      for (let arc = graph.offsets[a]!; arc < graph.offsets[a + 1]!; arc++) {
        const key = `${a}>${graph.targets[arc]}`;
        expect(arcs.has(key)).toBe(false);
        arcs.add(key);
      }
    for (const key of arcs) {
      const [a, b] = key.split('>');
      expect(arcs.has(`${b}>${a}`)).toBe(true);
    }
  });
});

describe('compact metrics agree with graphology', () => {
  const randomEdges = fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 120 });

  it('PageRank equals graphology-metrics pagerank on random directed graphs', () => {
    fc.assert(
      fc.property(randomEdges, (pairs) => {
        const edges = [...new Set(pairs.filter(([a, b]) => a !== b).map(([a, b]) => `${a},${b}`))].map(
          (key) => key.split(',').map(Number),
        );
        const graph = new Graph({ type: 'directed' });
        for (let v = 0; v < 40; v++) graph.addNode(String(v));
        for (const [a, b] of edges) graph.addEdge(String(a), String(b));
        const offsets = new Float64Array(41);
        const sorted = edges.sort((x, y) => x[0]! - y[0]!);
        for (const [a] of sorted) offsets[a! + 1]!++;
        for (let v = 0; v < 40; v++) offsets[v + 1]! += offsets[v]!;
        const csr = {
          nodeCount: 40,
          offsets,
          targets: Uint32Array.from(sorted.map(([, b]) => b!)),
          weights: new Float64Array(sorted.length).fill(1),
        };
        const expected = pagerank(graph, { getEdgeWeight: null });
        const { scores } = pagerankCsr(csr);
        for (let v = 0; v < 40; v++) expect(scores[v]).toBeCloseTo(expected[String(v)]!, 9);
      }),
      { numRuns: 60 },
    );
  });

  it('weighted PageRank on an undirected graph equals graphology-metrics with edge weights', () => {
    const weightedEdges = fc.array(fc.tuple(fc.nat(29), fc.nat(29), fc.integer({ min: 1, max: 9 })), {
      maxLength: 90,
    });
    fc.assert(
      fc.property(weightedEdges, (triples) => {
        const graph = new Graph({ type: 'undirected' });
        for (let v = 0; v < 30; v++) graph.addNode(String(v));
        const kept = triples.filter(([a, b]) => a !== b);
        for (const [a, b, w] of kept)
          graph.updateEdge(String(a), String(b), (attributes) => ({
            weight: ((attributes.weight as number | undefined) ?? 0) + w,
          }));
        const csr = undirectedFromEdges(
          30,
          kept.map(([a]) => a),
          kept.map(([, b]) => b),
          kept.map(([, , w]) => w),
        );
        const expected = pagerank(graph, { getEdgeWeight: 'weight' });
        const { scores } = pagerankCsr(csr, {
          alpha: 0.85,
          maxIterations: 100,
          tolerance: 1e-6,
          weighted: true,
        });
        for (let v = 0; v < 30; v++) expect(scores[v]).toBeCloseTo(expected[String(v)]!, 9);
      }),
      { numRuns: 60 },
    );
  });

  it('finds the connected components graphology-components finds', () => {
    fc.assert(
      fc.property(randomEdges, (pairs) => {
        const graph = new Graph({ type: 'undirected' });
        const kept = pairs.filter(([a, b]) => a !== b);
        for (const [a, b] of kept) graph.mergeEdge(String(a), String(b));
        const csr = undirectedFromEdges(
          40,
          kept.map(([a]) => a),
          kept.map(([, b]) => b),
          kept.map(() => 1),
        );
        const ours = connectedComponents(csr);
        const theirs = graphologyComponents(graph)
          .map((component) => component.length)
          .sort((a, b) => b - a);
        expect(ours.sizes).toEqual(theirs);
        for (const [a, b] of kept) expect(ours.component[a]).toBe(ours.component[b]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('compact citations', () => {
  it('resolves reference lists to the same corpus papers as the graphology build', () => {
    const generated = generateCorpus({ papers: 3000, seed: 5 });
    let text = '';
    writeCorpus(generated, 'openalex-jsonl', (chunk) => {
      text += chunk;
    });
    const corpus = ingestTexts([{ name: 'g.jsonl', text }]);
    const { graph, report } = buildGraph(corpus, { ...DEFAULT_ANALYZE_OPTIONS.build, mineAbstracts: false });
    const expected = new Set<string>();
    graph.forEachEdge((edge, attributes) => {
      if (attributes.kind === 'cites') expected.add(edge);
    });
    const citations = buildCitations(corpus);
    const got = new Set<string>();
    for (let p = 0; p < citations.graph.nodeCount; p++)
      for (let arc = citations.graph.offsets[p]!; arc < citations.graph.offsets[p + 1]!; arc++)
        got.add(`cites:${corpus.papers[p]!.id}->${corpus.papers[citations.graph.targets[arc]!]!.id}`);
    expect(expected.size).toBeGreaterThan(1000);
    expect(got).toEqual(expected);
    expect(citations.resolvedInCorpus).toBe(report.citations.resolvedInCorpus);
  });
});

describe('compact analysis of data/', () => {
  const options = { ...DEFAULT_ANALYZE_OPTIONS, layout: {}, stabilitySeeds: 0, themesEnabled: true };
  const compact = analyzeCompact(dataCorpus, options);
  const { graph, report } = analyze(dataCorpus, { layout: false, stabilitySeeds: 0 });

  it('reports the same corpus, layers and leaders as the graphology analysis', () => {
    expect(compact.report.summary.papers).toBe(127);
    expect(compact.report.summary.authors).toBe(142);
    expect(compact.report.summary.edges.coauthor).toBe(report.summary.edges.coauthor);
    expect(compact.report.summary.edges.authored).toBe(report.summary.edges.authored);
    expect(compact.report.coauthorship.components).toEqual(report.coauthorship.components);
    expect(compact.report.tables.mostProductiveAuthors).toEqual(report.tables.mostProductiveAuthors);
    expect(compact.report.tables.mostConnectedAuthors).toEqual(report.tables.mostConnectedAuthors);
    expect(compact.report.scale?.mode).toBe('compact');
  });

  it('finds collaborator groups as good as graphology Louvain', () => {
    expect(compact.report.collaboration.modularity).toBeGreaterThan(report.collaboration.modularity - 0.005);
    expect(compact.report.collaboration.communities[0]!.label.startsWith('Lei Wu')).toBe(true);
    expect(compact.report.themes.communities.length).toBeGreaterThan(2);
  });

  it('streams the nodes and authorship/co-authorship edges of the graphology graph, same keys', () => {
    const view = new CompactGraphView(compact);
    const nodes = new Set<string>();
    for (const { node } of view.nodeEntries()) nodes.add(node);
    const expectedNodes = graph.filterNodes((_node, attributes) => attributes.kind !== 'reference');
    expect(nodes).toEqual(new Set(expectedNodes));
    const edges = new Map<string, number>();
    for (const { edge, attributes } of view.edgeEntries())
      if (attributes.kind === 'coauthor' || attributes.kind === 'authored')
        edges.set(edge, attributes.papers?.length ?? 0);
    const expectedEdges = new Map<string, number>();
    graph.forEachEdge((edge, attributes) => {
      if (attributes.kind === 'coauthor' || attributes.kind === 'authored')
        expectedEdges.set(edge, attributes.papers?.length ?? 0);
    });
    expect(edges).toEqual(expectedEdges);
    const leiWu = view.getNodeAttributes('author:lei-wu');
    expect(leiWu.kind === 'author' && leiWu.degree).toBe(11);
  });

  it('lays out every node and draws a community overview the view can open', () => {
    const layout = compact.layout!;
    expect(layout.x.every(Number.isFinite) && layout.y.every(Number.isFinite)).toBe(true);
    const overview = communityOverview(compact);
    expect(overview.order).toBe(
      compact.report.collaboration.communities.length + compact.report.themes.communities.length,
    );
    expect(overview.size).toBeGreaterThan(0);
    // Lei Wu's group: the papers with at least one member, counted by hand from the corpus.
    const leiWuGroup =
      compact.collaboration.membership[dataCorpus.authors.findIndex((a) => a.id === 'lei-wu')]!;
    const members = new Set(
      dataCorpus.authors
        .filter((_a, index) => compact.collaboration.membership[index] === leiWuGroup)
        .map((a) => a.id),
    );
    const papers = dataCorpus.papers.filter((paper) => paper.authors.some((a) => a.id && members.has(a.id)));
    const node = overview.getNodeAttributes(`author:group-${leiWuGroup}`);
    expect(node.kind === 'author' && node.paperCount).toBe(papers.length);
    expect(node.label).toContain(`(${members.size} authors)`);
  });

  it('is deterministic for a seed', () => {
    const again = analyzeCompact(dataCorpus, options);
    expect(again.collaboration.membership).toEqual(compact.collaboration.membership);
    expect(again.layout!.x).toEqual(compact.layout!.x);
  });
});
