/**
 * The sigma renderer: its settings, its events, and what it draws (the full graph through the
 * reducers, or the community overview as it is).
 */
import type Graph from 'graphology';
import Sigma from 'sigma';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';
import { byId } from './dom.ts';
import type { AnalysedGraph, AnalysedSigma } from './graph-index.ts';
import type { LabelLayer } from './labels.ts';
import type { OverviewNode } from './overview.ts';
import { edgeReducer, nodeReducer, type ReducerContext } from './reducers.ts';

/**
 * A renderer on #graph showing `initial`: through the reducers of `ctx`, or as it is when `ctx` is
 * null (the overview). Labels go through `labels`, which keeps them from colliding. Edge events and
 * edges during camera moves depend on the full graph's size.
 */
export function createSigma(
  initial: AnalysedGraph,
  full: AnalysedGraph,
  ctx: ReducerContext | null,
  labels: LabelLayer,
): AnalysedSigma {
  const container = byId('graph');
  const sigma = new Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>(initial, container, {
    nodeReducer: ctx ? nodeReducer(ctx) : null,
    edgeReducer: ctx ? edgeReducer(ctx) : null,
    // The grid proposes a few candidates per cell; labels.ts places them without overlap.
    labelDensity: 0.5,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: 3,
    defaultDrawNodeLabel: labels.draw,
    stagePadding: 40,
    zIndex: true,
    enableEdgeEvents: full.size < 50_000,
    hideEdgesOnMove: full.size > 20_000,
    defaultEdgeType: 'line',
  });
  sigma.on('beforeRender', () => labels.reset());
  sigma.on('afterRender', () => {
    const { width, height } = sigma.getDimensions();
    const context = sigma.getCanvases().labels?.getContext('2d');
    if (context) labels.flush(context, width, height);
  });
  // The canvas ends where the side panel begins: follow the container's size, not only the window's.
  new ResizeObserver(() => {
    sigma.resize();
    sigma.refresh({ skipIndexation: true });
  }).observe(container);
  return sigma;
}

/** Draws the community overview as it is (no reducers). */
export function showOverview(sigma: AnalysedSigma, overview: Graph<OverviewNode>): void {
  sigma.setSetting('nodeReducer', null);
  sigma.setSetting('edgeReducer', null);
  sigma.setGraph(overview as unknown as AnalysedGraph);
}

/** Draws a graph through the reducers of `ctx`. */
export function showGraph(sigma: AnalysedSigma, graph: AnalysedGraph, ctx: ReducerContext): void {
  sigma.setSetting('nodeReducer', nodeReducer(ctx));
  sigma.setSetting('edgeReducer', edgeReducer(ctx));
  sigma.setGraph(graph);
}

/** What the app does when the pointer meets the drawing. */
interface SigmaHandlers {
  /** The node under the pointer, null when it leaves. */
  hoverNode(node: string | null): void;
  clickNode(node: string): void;
  clickEdge(edge: string): void;
  clickStage(): void;
  /** The user moved the camera (wheel or drag). */
  userMove(): void;
}

export function bindSigmaEvents(sigma: AnalysedSigma, handlers: SigmaHandlers): void {
  sigma.on('enterNode', ({ node }) => handlers.hoverNode(node));
  sigma.on('leaveNode', () => handlers.hoverNode(null));
  sigma.on('clickNode', ({ node }) => handlers.clickNode(node));
  sigma.on('clickEdge', ({ edge }) => handlers.clickEdge(edge));
  sigma.on('clickStage', () => handlers.clickStage());
  sigma.getMouseCaptor().on('wheel', () => handlers.userMove());
  sigma.getMouseCaptor().on('mousedown', () => handlers.userMove());
}

/** Nodes without stored positions get a deterministic spiral so the first frame is immediate. */
export function ensurePositions(graph: AnalysedGraph): void {
  let i = 0;
  graph.forEachNode((key, a) => {
    if (typeof a.x === 'number' && typeof a.y === 'number') return;
    i += 1;
    const angle = i * 2.399963;
    const r = Math.sqrt(i) * 10;
    graph.mergeNodeAttributes(key, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
}
