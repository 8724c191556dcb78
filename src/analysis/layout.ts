import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { AnalysedGraph } from '../graph/build.ts';
import type { NodeAttributes } from '../model/graph-schema.ts';
import type { Random } from '../util/random.ts';

export interface LayoutOptions {
  /** Overrides the size-dependent iteration budget. */
  iterations?: number;
  /** Above this many nodes, lay out communities first and place members around them (see coarseLayout). */
  coarseAbove?: number;
}

/** Graphs larger than this get the community-first layout by default. */
export const COARSE_LAYOUT_ABOVE = 50_000;
/** ForceAtlas2 passes on the community graph of a coarse layout (it has hundreds of nodes, not millions). */
const COARSE_ITERATIONS = 300;

/**
 * Iterations that keep layout time roughly flat in graph size: many passes for small graphs where
 * they are cheap, a few for large ones (each pass is O(n log n) with Barnes-Hut).
 */
export function iterationBudget(order: number): number {
  if (order <= 1000) return 300;
  if (order <= 10_000) return 100;
  if (order <= 100_000) return 30;
  return 10;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

function edgeWeight(_edge: string, attributes: { weight?: number }): number {
  // Authorship edges hold papers to their authors; similarity and collaboration pull by weight.
  const weight = attributes.weight ?? 1;
  return Number.isFinite(weight) && weight > 0 ? weight : 1;
}

/** ForceAtlas2 once, positions stored as x/y on the nodes; start positions come from the seeded generator. */
export function layoutGraph(graph: AnalysedGraph, random: Random, options: LayoutOptions = {}): number {
  if (graph.order > (options.coarseAbove ?? COARSE_LAYOUT_ABOVE)) return coarseLayout(graph, random);
  const radius = Math.sqrt(graph.order) * 10;
  graph.forEachNode((node) => {
    const angle = random() * 2 * Math.PI;
    const distance = Math.sqrt(random()) * radius;
    graph.mergeNodeAttributes(node, { x: Math.cos(angle) * distance, y: Math.sin(angle) * distance });
  });
  if (graph.size === 0) return 0;
  const iterations = options.iterations ?? iterationBudget(graph.order);
  const settings = forceAtlas2.inferSettings(graph);
  const positions = forceAtlas2(graph, {
    iterations,
    settings: { ...settings, barnesHutOptimize: graph.order > 2000 },
    getEdgeWeight: edgeWeight,
  });
  graph.forEachNode((node) => {
    const position = positions[node]!;
    graph.mergeNodeAttributes(node, { x: round(position.x), y: round(position.y) });
  });
  return iterations;
}

/** The group a node is laid out with: its collaborator group (authors) or theme (papers). */
function groupOf(attributes: NodeAttributes): string | undefined {
  if (attributes.kind === 'author' && (attributes.community ?? -1) >= 0) return `c${attributes.community}`;
  if (attributes.kind === 'paper' && (attributes.theme ?? -1) >= 0) return `t${attributes.theme}`;
  return undefined;
}

/**
 * A layout that ends in seconds on a million nodes: ForceAtlas2 on the graph of communities
 * (collaborator groups and themes, linked by the edges between their members), then every member
 * placed in a disc around its community, sized by membership, and every node without a community
 * at the mean of its placed neighbours. Returns the iterations run on the community graph.
 */
export function coarseLayout(graph: AnalysedGraph, random: Random): number {
  const groupOfNode = new Map<string, string>();
  const coarse = new Graph<{ size: number; x: number; y: number }, { weight: number }>({
    type: 'undirected',
  });
  graph.forEachNode((node, attributes) => {
    const group = groupOf(attributes);
    if (group === undefined) return;
    groupOfNode.set(node, group);
    if (coarse.hasNode(group)) coarse.updateNodeAttribute(group, 'size', (size = 0) => size + 1);
    else coarse.addNode(group, { size: 1, x: (random() - 0.5) * 100, y: (random() - 0.5) * 100 });
  });
  graph.forEachEdge((_edge, attributes, source, target) => {
    const a = groupOfNode.get(source);
    const b = groupOfNode.get(target);
    if (a === undefined || b === undefined || a === b) return;
    coarse.updateUndirectedEdge(a, b, (current) => ({
      weight: (current.weight ?? 0) + edgeWeight('', attributes),
    }));
  });
  let iterations = 0;
  if (coarse.size > 0) {
    iterations = COARSE_ITERATIONS;
    const positions = forceAtlas2(coarse, {
      iterations,
      settings: { ...forceAtlas2.inferSettings(coarse), adjustSizes: false, scalingRatio: 50 },
      getEdgeWeight: 'weight',
    });
    for (const [group, position] of Object.entries(positions)) coarse.mergeNodeAttributes(group, position);
  }
  const placed = new Set<string>();
  graph.forEachNode((node) => {
    const group = groupOfNode.get(node);
    if (group === undefined) return;
    const centre = coarse.getNodeAttributes(group);
    const angle = random() * 2 * Math.PI;
    const distance = Math.sqrt(random()) * Math.sqrt(centre.size) * 2;
    graph.mergeNodeAttributes(node, {
      x: round(centre.x + Math.cos(angle) * distance),
      y: round(centre.y + Math.sin(angle) * distance),
    });
    placed.add(node);
  });
  // Nodes outside every community (references, isolated authors) sit among their neighbours.
  graph.forEachNode((node) => {
    if (placed.has(node)) return;
    let x = 0;
    let y = 0;
    let count = 0;
    graph.forEachNeighbor(node, (neighbour, attributes) => {
      if (!placed.has(neighbour)) return;
      x += attributes.x!;
      y += attributes.y!;
      count++;
    });
    const spread = count > 0 ? 1 : 200;
    graph.mergeNodeAttributes(node, {
      x: round((count > 0 ? x / count : 0) + (random() - 0.5) * spread),
      y: round((count > 0 ? y / count : 0) + (random() - 0.5) * spread),
    });
  });
  return iterations;
}
