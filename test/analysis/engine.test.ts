/**
 * The analysis engine against independent counts and graphology's own algorithms: co-authorship
 * pairs and weights counted straight from the corpus, PageRank, components and Louvain against
 * graphology-metrics, graphology-components and graphology-communities-louvain, and the graph
 * the view, exports and stores read.
 */
import fc from 'fast-check';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { connectedComponents as graphologyComponents } from 'graphology-components';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { describe, expect, it } from 'vitest';
import { buildCoauthorship } from '../../src/analysis/coauthor.ts';
import { connectedComponents } from '../../src/analysis/components.ts';
import { indexCorpus } from '../../src/analysis/corpus-index.ts';
import { undirectedFromEdges } from '../../src/analysis/csr.ts';
import { communityOverview } from '../../src/analysis/overview.ts';
import { pagerankCsr } from '../../src/analysis/pagerank.ts';
import { analysisView, analyze } from '../../src/analysis/pipeline.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import { seededRandom } from '../../src/util/random.ts';

const { corpus: dataCorpus } = await ingestFiles(['data/pages']);

/** Co-authorship pairs counted straight from the bylines: papers of at most 25 distinct authors. */
function coauthorPairs(corpus: typeof dataCorpus): Map<string, { count: number; fractional: number }> {
  const pairs = new Map<string, { count: number; fractional: number }>();
  for (const paper of corpus.papers) {
    const ids = [...new Set(paper.authors.flatMap((author) => (author.id ? [`author:${author.id}`] : [])))];
    if (ids.length < 2 || ids.length > 25) continue;
    for (const a of ids)
      for (const b of ids) {
        if (a >= b) continue;
        const pair = pairs.get(`${a}|${b}`) ?? { count: 0, fractional: 0 };
        pair.count += 1;
        pair.fractional += 1 / (ids.length - 1);
        pairs.set(`${a}|${b}`, pair);
      }
  }
  return pairs;
}

describe('co-authorship layer', () => {
  it('has exactly the pairs, joint-paper counts and fractional weights counted from the bylines', () => {
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

describe('metrics agree with graphology', () => {
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

describe('the analysis of data/', () => {
  const options = { layout: {}, stabilitySeeds: 0 } as const;
  const { graph, report, analysis } = analyze(dataCorpus, options);

  it('reports the corpus, layers and leaders counted by hand', () => {
    expect(report.summary.papers).toBe(127);
    expect(report.summary.authors).toBe(142);
    expect(report.summary.edges.coauthor).toBe(coauthorPairs(dataCorpus).size);
    expect(report.summary.edges.authored).toBe(
      dataCorpus.papers.reduce((sum, paper) => sum + new Set(paper.authors.map((a) => a.id)).size, 0),
    );
    expect(report.tables.mostProductiveAuthors[0]).toEqual({
      author: 'author:lei-wu',
      name: 'Lei Wu',
      papers: 10,
    });
  });

  it('finds collaborator groups as good as graphology-communities-louvain on the same layer', () => {
    const layer = new Graph({ type: 'undirected' });
    graph.forEachEdge((_edge, attributes, source, target) => {
      if (attributes.kind === 'coauthor') layer.mergeEdge(source, target, { weight: attributes.weight });
    });
    const theirs = louvain.detailed(layer, { getEdgeWeight: 'weight', rng: seededRandom(42) });
    expect(report.collaboration.modularity).toBeGreaterThan(theirs.modularity - 0.005);
    expect(report.collaboration.communities[0]!.label.startsWith('Lei Wu')).toBe(true);
    expect(report.themes.communities.length).toBeGreaterThan(2);
  });

  it('builds a graph with every paper, author and reference, and the view streams the same', () => {
    const papersAndAuthors = graph.filterNodes(
      (_node, attributes) => attributes.kind === 'paper' || attributes.kind === 'author',
    );
    expect(papersAndAuthors.length).toBe(127 + 142);
    expect(graph.filterNodes((_node, attributes) => attributes.kind === 'reference').length).toBe(
      report.summary.references,
    );
    const view = analysisView(analysis);
    const nodes = new Set<string>();
    for (const { node } of view.nodeEntries()) nodes.add(node);
    expect(nodes).toEqual(new Set(graph.nodes()));
    let edges = 0;
    for (const _entry of view.edgeEntries()) edges++;
    expect(edges).toBe(graph.size);
    const leiWu = graph.getNodeAttributes('author:lei-wu');
    expect(leiWu.kind === 'author' && leiWu.degree).toBe(11);
  });

  it('lays out every node and draws a community overview the view can open', () => {
    graph.forEachNode((_node, attributes) => {
      expect(Number.isFinite(attributes.x) && Number.isFinite(attributes.y)).toBe(true);
    });
    const overview = communityOverview(analysis);
    expect(overview.order).toBe(report.collaboration.communities.length + report.themes.communities.length);
    expect(overview.size).toBeGreaterThan(0);
    // Lei Wu's group: the papers with at least one member, counted by hand from the corpus.
    const leiWuAttributes = graph.getNodeAttributes('author:lei-wu');
    const leiWuGroup = leiWuAttributes.kind === 'author' ? leiWuAttributes.community : undefined;
    const members = new Set(
      graph.filterNodes(
        (_node, attributes) => attributes.kind === 'author' && attributes.community === leiWuGroup,
      ),
    );
    const papers = dataCorpus.papers.filter((paper) =>
      paper.authors.some((a) => a.id && members.has(`author:${a.id}`)),
    );
    const node = overview.getNodeAttributes(`author:group-${leiWuGroup}`);
    expect(node.kind === 'author' && node.paperCount).toBe(papers.length);
    expect(node.label).toContain(`(${members.size} authors)`);
  });

  it('is deterministic for a seed', () => {
    const again = analyze(dataCorpus, options);
    expect(JSON.stringify(again.graph.export())).toBe(JSON.stringify(graph.export()));
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(report));
  });
});
