import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { bigFloat64, bigUint8, bigUint32 } from '../../util/big-arrays.ts';
import type { Random } from '../../util/random.ts';
import type { CsrGraph } from './csr.ts';

/** ForceAtlas2 passes on the community graph (thousands of nodes at most, not millions). */
const COARSE_ITERATIONS = 300;

export interface CompactLayoutInput {
  /** Group of each node (a community id offset per layer so groups never collide), -1 for none. */
  groupOf: Int32Array;
  /** Undirected arcs whose ends pull groups together (co-authorship, authorship, similarity). */
  layers: CsrGraph[];
  /** Node index offset of each layer's node 0 inside groupOf (authors and papers share one index). */
  layerOffsets: number[];
}

export interface CompactLayout {
  x: Float64Array;
  y: Float64Array;
  /** The community graph that was laid out: group id → centre and member count. */
  groups: { group: number; x: number; y: number; size: number }[];
  /** Summed arc weights between groups (a < b). */
  groupEdges: { a: number; b: number; weight: number }[];
  iterations: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * The community-first layout of the analysis (see coarseLayout in ../layout.ts) on typed arrays:
 * ForceAtlas2 on the graph of groups, members in a disc around their group's centre sized by
 * membership, nodes without a group at the mean of their placed neighbours.
 */
export function compactCoarseLayout(input: CompactLayoutInput, random: Random): CompactLayout {
  const { groupOf, layers, layerOffsets } = input;
  const n = groupOf.length;
  const coarse = new Graph<{ size: number; x: number; y: number }, { weight: number }>({
    type: 'undirected',
  });
  for (let v = 0; v < n; v++) {
    const group = groupOf[v]!;
    if (group < 0) continue;
    const key = String(group);
    if (coarse.hasNode(key)) coarse.updateNodeAttribute(key, 'size', (size = 0) => size + 1);
    else coarse.addNode(key, { size: 1, x: (random() - 0.5) * 100, y: (random() - 0.5) * 100 });
  }
  const between = new Map<number, number>();
  const groupCount = coarse.order;
  let maxGroup = 0;
  for (let v = 0; v < n; v++) maxGroup = Math.max(maxGroup, groupOf[v]!);
  layers.forEach((layer, index) => {
    const offset = layerOffsets[index]!;
    for (let u = 0; u < layer.nodeCount; u++) {
      const a = groupOf[u + offset]!;
      if (a < 0) continue;
      for (let arc = layer.offsets[u]!, end = layer.offsets[u + 1]!; arc < end; arc++) {
        const b = groupOf[layer.targets[arc]! + offset]!;
        if (b <= a) continue;
        const key = a * (maxGroup + 1) + b;
        between.set(key, (between.get(key) ?? 0) + (layer.weights[arc]! > 0 ? layer.weights[arc]! : 1));
      }
    }
  });
  const groupEdges: CompactLayout['groupEdges'] = [];
  for (const [key, weight] of between) {
    const a = Math.floor(key / (maxGroup + 1));
    const b = key % (maxGroup + 1);
    groupEdges.push({ a, b, weight });
    coarse.addUndirectedEdge(String(a), String(b), { weight });
  }
  let iterations = 0;
  if (coarse.size > 0 && groupCount > 1) {
    iterations = COARSE_ITERATIONS;
    const positions = forceAtlas2(coarse, {
      iterations,
      settings: {
        ...forceAtlas2.inferSettings(coarse),
        adjustSizes: false,
        scalingRatio: 50,
        barnesHutOptimize: groupCount > 2000,
      },
      getEdgeWeight: 'weight',
    });
    for (const [group, position] of Object.entries(positions)) coarse.mergeNodeAttributes(group, position);
  }
  const centreX = bigFloat64(maxGroup + 1);
  const centreY = bigFloat64(maxGroup + 1);
  const spread = bigFloat64(maxGroup + 1);
  const groups: CompactLayout['groups'] = [];
  coarse.forEachNode((key, attributes) => {
    const group = Number(key);
    centreX[group] = attributes.x;
    centreY[group] = attributes.y;
    spread[group] = Math.sqrt(attributes.size) * 2;
    groups.push({ group, x: round(attributes.x), y: round(attributes.y), size: attributes.size });
  });
  const x = bigFloat64(n);
  const y = bigFloat64(n);
  const placed = bigUint8(n);
  for (let v = 0; v < n; v++) {
    const group = groupOf[v]!;
    if (group < 0) continue;
    const angle = random() * 2 * Math.PI;
    const distance = Math.sqrt(random()) * spread[group]!;
    x[v] = round(centreX[group]! + Math.cos(angle) * distance);
    y[v] = round(centreY[group]! + Math.sin(angle) * distance);
    placed[v] = 1;
  }
  // Nodes outside every group sit among their placed neighbours (one pass per layer, both ends).
  const sumX = bigFloat64(n);
  const sumY = bigFloat64(n);
  const count = bigUint32(n);
  layers.forEach((layer, index) => {
    const offset = layerOffsets[index]!;
    for (let u = 0; u < layer.nodeCount; u++) {
      for (let arc = layer.offsets[u]!, end = layer.offsets[u + 1]!; arc < end; arc++) {
        const a = u + offset;
        const b = layer.targets[arc]! + offset;
        if (!placed[a] && placed[b]) {
          sumX[a]! += x[b]!;
          sumY[a]! += y[b]!;
          count[a]!++;
        }
      }
    }
  });
  for (let v = 0; v < n; v++) {
    if (placed[v]) continue;
    const jitter = count[v]! > 0 ? 1 : 200;
    x[v] = round((count[v]! > 0 ? sumX[v]! / count[v]! : 0) + (random() - 0.5) * jitter);
    y[v] = round((count[v]! > 0 ? sumY[v]! / count[v]! : 0) + (random() - 0.5) * jitter);
  }
  return { x, y, groups: groups.sort((a, b) => a.group - b.group), groupEdges, iterations };
}
