/**
 * graphology's own Louvain and PageRank, a JavaScript peer, on the same weighted co-authorship
 * edge list as the others. Timed: the algorithm only; loading is reported in the note, as the
 * peers do.
 */
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { mulberry32 } from '../../../src/generate/prng.ts';
import { loadEdgeList } from '../lines.ts';
import { defineSteps } from '../registry.ts';

async function loadGraph(path: string): Promise<{ graph: UndirectedGraph; loadSeconds: number }> {
  const started = performance.now();
  const edges = await loadEdgeList(path);
  const graph = new UndirectedGraph();
  for (let node = 0; node < edges.nodes; node++) graph.addNode(node);
  for (let e = 0; e < edges.edges; e++) {
    graph.addUndirectedEdge(edges.source[e]!, edges.target[e]!, { weight: edges.weight[e]! });
  }
  return { graph, loadSeconds: (performance.now() - started) / 1000 };
}

defineSteps(
  {
    name: 'louvain: graphology',
    group: 'louvain',
    unit: 'edges',
    needs: ['edges'],
    baseline: 'louvain: igraph',
    async run({ files, seed }) {
      const { graph, loadSeconds } = await loadGraph(files.edges!);
      const started = performance.now();
      const result = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: mulberry32(seed) });
      const seconds = (performance.now() - started) / 1000;
      return {
        items: graph.size,
        seconds,
        modularity: result.modularity,
        communities: result.count,
        note: `graphology-communities-louvain; load ${loadSeconds.toFixed(2)} s`,
      };
    },
  },
  {
    name: 'pagerank: graphology',
    group: 'pagerank',
    unit: 'edges',
    needs: ['edges'],
    baseline: 'pagerank: igraph',
    async run({ files }) {
      const { graph, loadSeconds } = await loadGraph(files.edges!);
      const started = performance.now();
      pagerank(graph, { getEdgeWeight: 'weight' });
      return {
        items: graph.size,
        seconds: (performance.now() - started) / 1000,
        note: `graphology-metrics pagerank; load ${loadSeconds.toFixed(2)} s`,
      };
    },
  },
);
