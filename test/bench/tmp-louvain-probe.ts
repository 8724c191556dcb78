import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { undirectedFromEdges } from '../../src/analysis/compact/csr.ts';
import { louvainCsr } from '../../src/analysis/compact/louvain.ts';
import { seededRandom } from '../../src/util/random.ts';
import { loadEdgeList } from './lines.ts';

const [path, what = 'ours', seedArg = '1', ...rest] = process.argv.slice(2);
const opts: Record<string, number> = {};
for (const r of rest) {
  const [k, v] = r.split('=');
  opts[k!] = Number(v);
}
const edges = await loadEdgeList(path!);
let t = performance.now();
const csr = undirectedFromEdges(edges.nodes, edges.source, edges.target, edges.weight, edges.edges);
console.error(
  `csr ${(performance.now() - t) / 1000}s nodes ${csr.nodeCount} arcs ${csr.offsets[csr.nodeCount]}`,
);
if (what === 'ours') {
  for (let run = 0; run < (opts.runs ?? 2); run++) {
    t = performance.now();
    const p = louvainCsr(csr, { random: seededRandom(Number(seedArg) + run), ...opts });
    console.log(
      JSON.stringify({
        tool: 'ours',
        seconds: (performance.now() - t) / 1000,
        modularity: p.modularity,
        count: p.count,
        levels: p.levels,
      }),
    );
  }
} else {
  const g = new Graph({ type: 'undirected' });
  for (let v = 0; v < edges.nodes; v++) g.addNode(v);
  for (let e = 0; e < edges.edges; e++) {
    const a = edges.source[e]!,
      b = edges.target[e]!;
    if (a === b) continue;
    g.updateUndirectedEdge(a, b, (x) => ({
      weight: ((x as { weight?: number }).weight ?? 0) + edges.weight[e]!,
    }));
  }
  t = performance.now();
  const r = louvain.detailed(g, { getEdgeWeight: 'weight', rng: seededRandom(Number(seedArg)) });
  console.log(
    JSON.stringify({
      tool: 'graphology',
      seconds: (performance.now() - t) / 1000,
      modularity: r.modularity,
      count: r.count,
      levels: r.dendrogram.length,
    }),
  );
}
