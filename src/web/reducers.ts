import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-schema.ts';
import { type ColorScale, labelOf } from './appearance.ts';
import type { AnalysedGraph, GraphIndex } from './graph-index.ts';
import type { ViewState } from './state.ts';
import type { Visibility } from './visibility.ts';

const DIMMED_NODE = '#e4e4e4';
const DIMMED_EDGE = '#f0f0f0';
/** In the density view the density is the picture: nodes are faint, their labels stay. */
const DENSITY_NODE = 'rgba(30,30,30,0.1)';

/** Everything the reducers read: rebuilt pieces are swapped in by the app, never recomputed per node. */
export interface ReducerContext {
  graph: AnalysedGraph;
  index: GraphIndex;
  state: ViewState;
  visible: Visibility;
  colors: ColorScale;
  sizes: Map<string, number>;
  /** Largest weight of each edge kind, for edge thickness. */
  maxWeight: Map<string, number>;
  /** Hovered node and its visible neighbours (null when nothing is hovered). */
  focus: Set<string> | null;
}

export function nodeReducer(ctx: ReducerContext) {
  return (key: string, a: NodeAttributes): Partial<NodeDisplayData> => {
    if (!ctx.visible.nodes.has(key)) return { ...a, hidden: true };
    const density = ctx.state.display === 'density';
    const res: Partial<NodeDisplayData> = {
      x: a.x,
      y: a.y,
      label: labelOf(a, ctx.state.labelBy),
      size: ctx.sizes.get(key) ?? 4,
      color: density ? DENSITY_NODE : ctx.colors.colorOf(key),
    };
    if (density) res.zIndex = 0;
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
    if (!ctx.visible.edges.has(edge) || ctx.state.display === 'density') return { hidden: true };
    const max = ctx.maxWeight.get(a.kind) || 1;
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
