import { bigInt32, bigUint32 } from '../util/big-arrays.ts';
import type { CsrGraph } from './csr.ts';

export interface CompactComponents {
  /** Component id per node, 0.. by decreasing size; -1 for nodes with no arc. */
  component: Int32Array;
  /** Sizes by id (largest first). */
  sizes: number[];
}

/** Connected components of an undirected CSR graph, by breadth-first search over typed arrays. */
export function connectedComponents(graph: CsrGraph): CompactComponents {
  const n = graph.nodeCount;
  const raw = bigInt32(n).fill(-1);
  const queue = bigUint32(n);
  const rawSizes: number[] = [];
  for (let start = 0; start < n; start++) {
    if (raw[start] !== -1 || graph.offsets[start] === graph.offsets[start + 1]) continue;
    const id = rawSizes.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    raw[start] = id;
    while (head < tail) {
      const v = queue[head++]!;
      for (let arc = graph.offsets[v]!, end = graph.offsets[v + 1]!; arc < end; arc++) {
        const w = graph.targets[arc]!;
        if (raw[w] === -1) {
          raw[w] = id;
          queue[tail++] = w;
        }
      }
    }
    rawSizes.push(tail);
  }
  const order = rawSizes.map((_, id) => id).sort((a, b) => rawSizes[b]! - rawSizes[a]! || a - b);
  const renumber = bigInt32(rawSizes.length);
  order.forEach((id, rank) => {
    renumber[id] = rank;
  });
  const component = bigInt32(n);
  for (let v = 0; v < n; v++) component[v] = raw[v]! < 0 ? -1 : renumber[raw[v]!]!;
  return { component, sizes: order.map((id) => rawSizes[id]!) };
}
