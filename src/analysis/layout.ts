import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { bigFloat64, bigUint8, bigUint32 } from '../util/big-arrays.ts';
import { IntegerTable } from '../util/integer-table.ts';
import type { Random } from '../util/random.ts';
import type { CsrGraph } from './csr.ts';

import type { LayoutOptions } from './options.ts';

/** ForceAtlas2 passes on the community graph (thousands of nodes at most, not millions). */
const COARSE_ITERATIONS = 300;
/**
 * Graphs larger than this get the community-first layout: ForceAtlas2 on every node stops
 * finishing in seconds around here (Barnes-Hut, the iteration budget below).
 */
const COARSE_LAYOUT_ABOVE = 5000;

/**
 * Iterations that keep ForceAtlas2's time roughly flat in graph size: many passes for small
 * graphs where they are cheap, fewer for larger ones (each pass is O(n log n) with Barnes-Hut).
 */
function iterationBudget(order: number): number {
  if (order <= 1000) return 300;
  return 100;
}

interface CompactLayoutInput {
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
  /** 'forceatlas2': every node; 'coarse': communities first, members placed around them. */
  method: 'forceatlas2' | 'coarse';
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * The layout of the analysis: ForceAtlas2 on every node of the layers up to `coarseAbove` nodes
 * (with the size-dependent iteration budget), the community-first layout above.
 */
export function layoutNetwork(
  input: CompactLayoutInput,
  random: Random,
  options: LayoutOptions = {},
): CompactLayout {
  if (input.groupOf.length > (options.coarseAbove ?? COARSE_LAYOUT_ABOVE))
    return coarseLayout(input, random, options.iterations);
  return wholeGraphLayout(input, random, options.iterations);
}

/** The positive weight an arc pulls with (authorship arcs carry 1). */
const pull = (weight: number): number => (weight > 0 && Number.isFinite(weight) ? weight : 1);

/** ForceAtlas2 on every node, from seeded random start positions; groups centred on their members. */
function wholeGraphLayout(input: CompactLayoutInput, random: Random, iterations?: number): CompactLayout {
  const { groupOf, layers, layerOffsets } = input;
  const n = groupOf.length;
  const graph = new Graph<{ x: number; y: number }, { weight: number }>({ type: 'undirected' });
  const radius = Math.sqrt(n) * 10;
  for (let v = 0; v < n; v++) {
    const angle = random() * 2 * Math.PI;
    const distance = Math.sqrt(random()) * radius;
    graph.addNode(v, { x: Math.cos(angle) * distance, y: Math.sin(angle) * distance });
  }
  layers.forEach((layer, index) => {
    const offset = layerOffsets[index]!;
    for (let u = 0; u < layer.nodeCount; u++)
      for (let arc = layer.offsets[u]!, end = layer.offsets[u + 1]!; arc < end; arc++) {
        const a = u + offset;
        const b = layer.targets[arc]! + offset;
        if (a === b) continue;
        const weight = pull(layer.weights[arc]!);
        // Undirected layers store each edge from both ends: the weight is added once per edge.
        graph.updateUndirectedEdge(String(Math.min(a, b)), String(Math.max(a, b)), (current) => ({
          weight: Math.max(current.weight ?? 0, weight),
        }));
      }
  });
  const passes = graph.size === 0 ? 0 : (iterations ?? iterationBudget(n));
  if (passes > 0) {
    const positions = forceAtlas2(graph, {
      iterations: passes,
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: n > 2000 },
      getEdgeWeight: 'weight',
    });
    for (const [node, position] of Object.entries(positions)) graph.mergeNodeAttributes(node, position);
  }
  const x = bigFloat64(n);
  const y = bigFloat64(n);
  graph.forEachNode((node, attributes) => {
    x[Number(node)] = round(attributes.x);
    y[Number(node)] = round(attributes.y);
  });
  const centres = new Map<number, { x: number; y: number; size: number }>();
  for (let v = 0; v < n; v++) {
    const group = groupOf[v]!;
    if (group < 0) continue;
    const centre = centres.get(group) ?? { x: 0, y: 0, size: 0 };
    centre.x += x[v]!;
    centre.y += y[v]!;
    centre.size++;
    centres.set(group, centre);
  }
  const groups = [...centres]
    .map(([group, centre]) => ({
      group,
      x: round(centre.x / centre.size),
      y: round(centre.y / centre.size),
      size: centre.size,
    }))
    .sort((a, b) => a.group - b.group);
  return { x, y, groups, groupEdges: groupEdgesOf(input), iterations: passes, method: 'forceatlas2' };
}

/** Summed arc weights between different groups (a < b), over every layer. */
function groupEdgesOf(input: CompactLayoutInput): CompactLayout['groupEdges'] {
  const { groupOf, layers, layerOffsets } = input;
  let maxGroup = 0;
  for (let v = 0; v < groupOf.length; v++) maxGroup = Math.max(maxGroup, groupOf[v]!);
  // Pair key → its position in the lists below, which keep the pairs in first-seen order.
  const position = new IntegerTable(1024);
  const keys: number[] = [];
  const weights: number[] = [];
  layers.forEach((layer, index) => {
    const offset = layerOffsets[index]!;
    for (let u = 0; u < layer.nodeCount; u++) {
      const a = groupOf[u + offset]!;
      if (a < 0) continue;
      for (let arc = layer.offsets[u]!, end = layer.offsets[u + 1]!; arc < end; arc++) {
        const b = groupOf[layer.targets[arc]! + offset]!;
        if (b <= a) continue;
        const key = a * (maxGroup + 1) + b;
        const at = position.get(key);
        if (at >= 0) weights[at]! += pull(layer.weights[arc]!);
        else {
          position.set(key, keys.length);
          keys.push(key);
          weights.push(pull(layer.weights[arc]!));
        }
      }
    }
  });
  return keys.map((key, at) => ({
    a: Math.floor(key / (maxGroup + 1)),
    b: key % (maxGroup + 1),
    weight: weights[at]!,
  }));
}

/**
 * The community-first layout: ForceAtlas2 on the graph of groups, members in a disc around their group's centre sized by
 * membership, nodes without a group at the mean of their placed neighbours.
 */
function coarseLayout(
  input: CompactLayoutInput,
  random: Random,
  iterations = COARSE_ITERATIONS,
): CompactLayout {
  const { groupOf, layers, layerOffsets } = input;
  const n = groupOf.length;
  let maxGroup = 0;
  for (let v = 0; v < n; v++) maxGroup = Math.max(maxGroup, groupOf[v]!);
  // Groups in order of their first member, each placed at random when first met.
  const size = bigUint32(maxGroup + 1);
  const firstMet: { group: number; x: number; y: number }[] = [];
  for (let v = 0; v < n; v++) {
    const group = groupOf[v]!;
    if (group < 0) continue;
    if (size[group]!++ === 0) firstMet.push({ group, x: (random() - 0.5) * 100, y: (random() - 0.5) * 100 });
  }
  const coarse = new Graph<{ size: number; x: number; y: number }, { weight: number }>({
    type: 'undirected',
  });
  for (const { group, x, y } of firstMet) coarse.addNode(String(group), { size: size[group]!, x, y });
  const groupCount = coarse.order;
  const groupEdges = groupEdgesOf(input);
  for (const { a, b, weight } of groupEdges) coarse.addUndirectedEdge(String(a), String(b), { weight });
  let passes = 0;
  if (coarse.size > 0 && groupCount > 1) {
    passes = iterations;
    const positions = forceAtlas2(coarse, {
      iterations: passes,
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
  return {
    x,
    y,
    groups: groups.sort((a, b) => a.group - b.group),
    groupEdges,
    iterations: passes,
    method: 'coarse',
  };
}
