import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-schema.ts';
import { type AnalysedGraph, type GraphIndex, nodeYear } from './graph-index.ts';
import { VIEWS, type ViewState } from './state.ts';

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
}

const DIMMED_NODE = '#e4e4e4';
const DIMMED_EDGE = '#f0f0f0';
const REFERENCE_COLOR = '#9a9a9a';
const NO_COMMUNITY_COLOR = '#b0b0b0';

/**
 * Decides what is visible for a state. Computed once per state change (not per frame): view kinds,
 * year range, communities, collaboration weight, then minimum degree counted on the surviving edges.
 */
export function computeVisibility(graph: AnalysedGraph, index: GraphIndex, state: ViewState): Visibility {
  const view = VIEWS[state.view];
  const layer = index.communityOf[state.colorBy];
  const { yearMin, yearMax } = state;
  const nodes = new Set<string>();
  graph.forEachNode((key, a) => {
    if (!view.nodeKinds.has(a.kind)) return;
    if (a.kind === 'author') {
      const first = a.firstYear;
      const last = a.lastYear ?? first;
      if (yearMax !== null && first !== undefined && first > yearMax) return;
      if (yearMin !== null && last !== undefined && last < yearMin) return;
    } else {
      const y = nodeYear(a);
      if (y !== undefined && ((yearMax !== null && y > yearMax) || (yearMin !== null && y < yearMin))) return;
    }
    const c = layer.get(key);
    if (c !== undefined && state.hiddenCommunities.has(c)) return;
    if (state.community !== null && c !== state.community && a.kind !== 'reference') return;
    nodes.add(key);
  });
  const edges = new Set<string>();
  const degree = new Map<string, number>();
  graph.forEachEdge((edge, a, source, target) => {
    if (!view.edgeKinds.has(a.kind) || !nodes.has(source) || !nodes.has(target)) return;
    if (a.kind === 'coauthor' && (a.weight ?? 0) < state.minWeight) return;
    const y = index.edgeYear.get(edge);
    if (y !== undefined && yearMax !== null && y > yearMax) return;
    edges.add(edge);
    degree.set(source, (degree.get(source) ?? 0) + 1);
    degree.set(target, (degree.get(target) ?? 0) + 1);
  });
  // References only make sense through the papers that mention them.
  for (const key of nodes) {
    const d = degree.get(key) ?? 0;
    if (d < state.minDegree || (d === 0 && graph.getNodeAttribute(key, 'kind') === 'reference'))
      nodes.delete(key);
  }
  if (state.minDegree > 0 || view.nodeKinds.has('reference')) {
    for (const edge of edges) {
      if (!nodes.has(graph.source(edge)) || !nodes.has(graph.target(edge))) edges.delete(edge);
    }
  }
  return { nodes, edges };
}

export function metricValue(
  graph: AnalysedGraph,
  key: string,
  a: NodeAttributes,
  metric: ViewState['sizeBy'],
) {
  switch (metric) {
    case 'degree':
      return a.degree ?? graph.degree(key);
    case 'pagerank':
      return a.kind === 'paper' ? (a.pagerank ?? 0) : (a.weightedDegree ?? 0);
    case 'paperCount':
      return a.kind === 'author' ? a.paperCount : a.kind === 'paper' ? (a.citedBy ?? 0) : a.mentionCount;
    case 'betweenness':
      return a.betweenness ?? 0;
  }
}

/** Maps the chosen metric to a node size between 2 and 16, by square root so hubs don't swamp. */
export function sizeScale(graph: AnalysedGraph, vis: Visibility, metric: ViewState['sizeBy']) {
  let max = 0;
  for (const key of vis.nodes)
    max = Math.max(max, metricValue(graph, key, graph.getNodeAttributes(key), metric));
  return (key: string, a: NodeAttributes): number => {
    if (max <= 0) return a.size ?? 4;
    return 2 + 14 * Math.sqrt(Math.max(0, metricValue(graph, key, a, metric)) / max);
  };
}

export interface ReducerContext {
  graph: AnalysedGraph;
  index: GraphIndex;
  state: ViewState;
  visible: Visibility;
  size: (key: string, a: NodeAttributes) => number;
  /** Hovered node and its visible neighbours (null when nothing is hovered). */
  focus: Set<string> | null;
}

export function nodeColor(ctx: ReducerContext, key: string, a: NodeAttributes): string {
  if (a.kind === 'reference') return REFERENCE_COLOR;
  const c = ctx.index.communityOf[ctx.state.colorBy].get(key);
  if (c === undefined) return NO_COMMUNITY_COLOR;
  return ctx.index.communities[ctx.state.colorBy].get(c)?.color ?? a.color ?? NO_COMMUNITY_COLOR;
}

export function nodeReducer(ctx: ReducerContext) {
  return (key: string, a: NodeAttributes): Partial<NodeDisplayData> => {
    if (!ctx.visible.nodes.has(key)) return { ...a, hidden: true };
    const res: Partial<NodeDisplayData> = {
      x: a.x,
      y: a.y,
      label: a.label,
      size: ctx.size(key, a),
      color: nodeColor(ctx, key, a),
    };
    if (ctx.focus && !ctx.focus.has(key)) {
      res.color = DIMMED_NODE;
      res.label = null;
      res.zIndex = 0;
    } else if (ctx.focus) {
      res.zIndex = 1;
    }
    if (key === ctx.state.selectedNode || key === ctx.state.hoveredNode) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 2;
    }
    return res;
  };
}

export function edgeReducer(ctx: ReducerContext) {
  return (edge: string, a: EdgeAttributes): Partial<EdgeDisplayData> => {
    if (!ctx.visible.edges.has(edge)) return { hidden: true };
    const max = ctx.index.maxWeight.get(a.kind) || 1;
    const res: Partial<EdgeDisplayData> = {
      size: 0.5 + 3.5 * ((a.weight ?? 1) / max),
      color: a.kind === 'mentions' ? '#d5d5d5' : '#c4c4c4',
      type: a.kind === 'cites' || a.kind === 'mentions' || a.kind === 'authored' ? 'arrow' : 'line',
    };
    if (ctx.focus) {
      const g = ctx.graph;
      if (ctx.state.hoveredNode !== g.source(edge) && ctx.state.hoveredNode !== g.target(edge)) {
        res.color = DIMMED_EDGE;
        res.hidden = ctx.visible.edges.size > 2000;
      } else {
        res.color = '#555';
        res.zIndex = 1;
      }
    }
    if (edge === ctx.state.selectedEdge) {
      res.color = '#d62728';
      res.zIndex = 2;
    }
    return res;
  };
}
