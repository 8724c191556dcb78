import { undirectedFromEdges } from '../../src/analysis/compact/csr.ts';
import { loadEdgeList } from './lines.ts';

const edges = await loadEdgeList(process.argv[2]!);
const g = undirectedFromEdges(edges.nodes, edges.source, edges.target, edges.weight, edges.edges);
const n = g.nodeCount;
const comm = new Int32Array(n);
for (let v = 0; v < n; v++) comm[v] = v;
const nw = new Float64Array(n);
const order = new Int32Array(n);
for (let v = 0; v < n; v++) order[v] = v;
for (let i = n - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  const s = order[i]!;
  order[i] = order[j]!;
  order[j] = s;
}
function sweep(ord: Int32Array, offsets: Float64Array, targets: Uint32Array, weights: Float64Array) {
  let x = 0;
  for (let i = 0; i < n; i++) {
    const v = ord[i]!;
    for (let a = offsets[v]!, e = offsets[v + 1]!; a < e; a++) {
      const c = comm[targets[a]!]!;
      nw[c]! += weights[a]!;
    }
    for (let a = offsets[v]!, e = offsets[v + 1]!; a < e; a++) {
      const c = comm[targets[a]!]!;
      x += nw[c]!;
      nw[c] = 0;
    }
  }
  return x;
}
const ident = new Int32Array(n);
for (let v = 0; v < n; v++) ident[v] = v;
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  sweep(ident, g.offsets, g.targets, g.weights);
  const a = performance.now() - t;
  t = performance.now();
  sweep(order, g.offsets, g.targets, g.weights);
  const b = performance.now() - t;
  console.log('in order', a.toFixed(0), 'shuffled', b.toFixed(0));
}
let maxDeg = 0;
let sumsq = 0;
for (let v = 0; v < n; v++) {
  const d = g.offsets[v + 1]! - g.offsets[v]!;
  if (d > maxDeg) maxDeg = d;
  sumsq += d * d;
}
console.log('maxDeg', maxDeg, 'mean', g.offsets[n]! / n, 'sumsq/arcs', sumsq / g.offsets[n]!);
