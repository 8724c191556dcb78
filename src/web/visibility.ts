/**
 * What is visible for a state, computed once per state change over the nodes and edges of the view
 * only (an index built once per view), never per frame.
 */
import type { AnalysedGraph, GraphIndex } from './graph-index.ts';
import type { ViewState } from './state.ts';
import type { ViewDefinition } from './views.ts';

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
}

/** The nodes and edges of one view, and each node's degree in the whole layer. */
export interface LayerIndex {
  view: ViewDefinition;
  nodes: string[];
  edges: string[];
  /** Edge endpoints, parallel to `edges`. */
  sources: string[];
  targets: string[];
  weights: Float64Array;
  years: Float64Array;
  layerDegree: Map<string, number>;
  /** Nodes of the view without any edge of the layer. */
  isolated: number;
}

export function buildLayerIndex(graph: AnalysedGraph, index: GraphIndex, view: ViewDefinition): LayerIndex {
  const nodes: string[] = [];
  graph.forEachNode((key, a) => {
    if (view.nodeKinds.has(a.kind)) nodes.push(key);
  });
  const edges: string[] = [];
  const sources: string[] = [];
  const targets: string[] = [];
  const weights: number[] = [];
  const years: number[] = [];
  const layerDegree = new Map<string, number>();
  graph.forEachEdge((edge, a, s, t, sa, ta) => {
    if (!view.edgeKinds.has(a.kind) || !view.nodeKinds.has(sa.kind) || !view.nodeKinds.has(ta.kind)) return;
    edges.push(edge);
    sources.push(s);
    targets.push(t);
    weights.push(a.weight ?? 1);
    years.push(index.edgeYear.get(edge) ?? Number.NaN);
    layerDegree.set(s, (layerDegree.get(s) ?? 0) + 1);
    layerDegree.set(t, (layerDegree.get(t) ?? 0) + 1);
  });
  let isolated = 0;
  for (const key of nodes) if (!layerDegree.has(key)) isolated += 1;
  return {
    view,
    nodes,
    edges,
    sources,
    targets,
    weights: Float64Array.from(weights),
    years: Float64Array.from(years),
    layerDegree,
    isolated,
  };
}

/** What the visibility needs besides the state: node years, categories and the range attribute's values. */
interface VisibilityInputs {
  yearsOf(key: string): { first: number; last: number } | null;
  categoryOf(key: string): string | undefined;
  /** Values of `state.range.attribute`, or null without a range filter. */
  rangeValues: Map<string, number> | null;
}

/**
 * Filters in order: nodes without any edge in the layer (unless asked for, or the layer has no edge),
 * years (nodes without a year follow `noYear` once a bound is set), categories of the colouring, the
 * numeric range, edge weight and year, degree,
 * k-core, and the ego network of the selection.
 */
export function computeVisibility(layer: LayerIndex, state: ViewState, inputs: VisibilityInputs): Visibility {
  const { yearMin, yearMax } = state;
  const yearBound = yearMin !== null || yearMax !== null;
  const range = state.range;
  // A layer without any edge shows its nodes (and the view says why there are no links).
  const hideIsolated = !state.showIsolated && layer.edges.length > 0;
  const nodes = new Set<string>();
  for (const key of layer.nodes) {
    if (hideIsolated && !layer.layerDegree.has(key)) continue;
    if (yearBound) {
      const y = inputs.yearsOf(key);
      if (y === null) {
        if (state.noYear === 'hide') continue;
      } else if ((yearMax !== null && y.first > yearMax) || (yearMin !== null && y.last < yearMin)) continue;
    }
    if (state.hiddenCommunities.size > 0 || state.community !== null) {
      const c = inputs.categoryOf(key);
      if (c !== undefined && state.hiddenCommunities.has(c)) continue;
      if (state.community !== null && c !== state.community) continue;
    }
    if (range && inputs.rangeValues) {
      const v = inputs.rangeValues.get(key);
      if (v === undefined || (range.min !== null && v < range.min) || (range.max !== null && v > range.max))
        continue;
    }
    nodes.add(key);
  }
  let edges: number[] = [];
  const degree = new Map<string, number>();
  for (let i = 0; i < layer.edges.length; i += 1) {
    const s = layer.sources[i]!;
    const t = layer.targets[i]!;
    if (!nodes.has(s) || !nodes.has(t)) continue;
    if (layer.weights[i]! < state.minWeight) continue;
    const y = layer.years[i]!;
    if (yearMax !== null && y > yearMax) continue;
    edges.push(i);
    degree.set(s, (degree.get(s) ?? 0) + 1);
    degree.set(t, (degree.get(t) ?? 0) + 1);
  }
  // References only make sense through the papers that cite them.
  let dropped = false;
  for (const key of nodes) {
    const d = degree.get(key) ?? 0;
    if (d < state.minDegree || (d === 0 && !state.showIsolated && key.startsWith('ref:'))) {
      nodes.delete(key);
      dropped = true;
    }
  }
  if (dropped) edges = edges.filter((i) => nodes.has(layer.sources[i]!) && nodes.has(layer.targets[i]!));
  if (state.kcore > 0) edges = kCore(layer, nodes, edges, state.kcore);
  if (state.egoDepth > 0 && state.selectedNode && nodes.has(state.selectedNode))
    edges = egoNetwork(layer, nodes, edges, state.selectedNode, state.egoDepth);
  return { nodes, edges: new Set(edges.map((i) => layer.edges[i]!)) };
}

/** Keeps the k-core: repeatedly drops nodes with fewer than k visible edges. Changes `nodes` in place. */
function kCore(layer: LayerIndex, nodes: Set<string>, edges: number[], k: number): number[] {
  const degree = new Map<string, number>();
  const incident = new Map<string, number[]>();
  for (const i of edges) {
    for (const n of [layer.sources[i]!, layer.targets[i]!]) {
      degree.set(n, (degree.get(n) ?? 0) + 1);
      let list = incident.get(n);
      if (!list) {
        list = [];
        incident.set(n, list);
      }
      list.push(i);
    }
  }
  const queue: string[] = [];
  for (const n of nodes) if ((degree.get(n) ?? 0) < k) queue.push(n);
  const removed = new Set<string>();
  while (queue.length > 0) {
    const n = queue.pop()!;
    if (removed.has(n)) continue;
    removed.add(n);
    for (const i of incident.get(n) ?? []) {
      const other = layer.sources[i] === n ? layer.targets[i]! : layer.sources[i]!;
      if (removed.has(other)) continue;
      const d = (degree.get(other) ?? 0) - 1;
      degree.set(other, d);
      if (d < k) queue.push(other);
    }
  }
  for (const n of removed) nodes.delete(n);
  return edges.filter((i) => nodes.has(layer.sources[i]!) && nodes.has(layer.targets[i]!));
}

/** Keeps the nodes within `depth` visible edges of `centre`. Changes `nodes` in place. */
function egoNetwork(
  layer: LayerIndex,
  nodes: Set<string>,
  edges: number[],
  centre: string,
  depth: number,
): number[] {
  const adjacent = new Map<string, string[]>();
  for (const i of edges) {
    const s = layer.sources[i]!;
    const t = layer.targets[i]!;
    (adjacent.get(s) ?? adjacent.set(s, []).get(s)!).push(t);
    (adjacent.get(t) ?? adjacent.set(t, []).get(t)!).push(s);
  }
  const reached = new Set([centre]);
  let frontier = [centre];
  for (let d = 0; d < depth && frontier.length > 0; d += 1) {
    const next: string[] = [];
    for (const n of frontier)
      for (const m of adjacent.get(n) ?? [])
        if (!reached.has(m)) {
          reached.add(m);
          next.push(m);
        }
    frontier = next;
  }
  for (const n of nodes) if (!reached.has(n)) nodes.delete(n);
  return edges.filter((i) => reached.has(layer.sources[i]!) && reached.has(layer.targets[i]!));
}
