import type { App } from './app.ts';
import { byId } from './dom.ts';
import type { AnalysedGraph } from './graph-index.ts';
import type { LabelBox } from './labels.ts';
import type { ViewState } from './state.ts';

/** What tests and the bench read from the page (stable, small). */
interface CitegraphDebug {
  graph: AnalysedGraph;
  state: ViewState;
  visibleNodes(): string[];
  visibleEdges(): string[];
  position(key: string): { x: number; y: number } | null;
  layoutRunning(): boolean;
  /** Page coordinates of a displayed node (also overview nodes), for tests that click or hover. */
  screenPosition(key: string): { x: number; y: number } | null;
  /** The node keys sigma draws now (the overview's communities in the overview). */
  drawnNodes(): string[];
  /** The labels drawn by the last render, as boxes in page coordinates. */
  labelBoxes(): LabelBox[];
  /** The canvas area in page coordinates. */
  graphBox(): { x: number; y: number; width: number; height: number };
  /** Whether noverlap is still moving the nodes of a large view apart. */
  decluttering(): boolean;
  /** Whether the camera is moving. */
  cameraMoving(): boolean;
  /** Milliseconds the last state change took to apply, in total and by part. */
  lastCommitMs(): number;
  lastCommitParts(): Record<string, number>;
  /** The app itself, for benchmarks that time its parts. */
  app: App;
  firstFrameAt: number | null;
}
declare global {
  interface Window {
    citegraph?: CitegraphDebug;
  }
}

/** Puts `window.citegraph` on the page, reading the app live. */
export function exposeDebugHandle(current: App): void {
  const box = () => byId('graph').getBoundingClientRect();
  window.citegraph = {
    get graph() {
      return current.graph;
    },
    get state() {
      return current.state;
    },
    visibleNodes: () => [...current.vis.nodes],
    visibleEdges: () => [...current.vis.edges],
    position: (key) => {
      if (!current.graph.hasNode(key)) return null;
      const a = current.graph.getNodeAttributes(key);
      return { x: a.x ?? 0, y: a.y ?? 0 };
    },
    layoutRunning: () => current.layout.isRunning(),
    screenPosition: (key) => {
      const d = current.sigma.getNodeDisplayData(key);
      if (!d) return null;
      const p = current.sigma.framedGraphToViewport(d);
      const b = box();
      return { x: b.left + p.x, y: b.top + p.y };
    },
    drawnNodes: () =>
      current.sigma.getGraph().filterNodes((k) => current.sigma.getNodeDisplayData(k)?.hidden !== true),
    labelBoxes: () => {
      const b = box();
      return current.labels.drawn.map((l) => ({ ...l, x: l.x + b.left, y: l.y + b.top }));
    },
    graphBox: () => {
      const b = box();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    },
    decluttering: () => current.stopDeclutter !== null,
    cameraMoving: () => current.sigma.getCamera().isAnimated(),
    lastCommitMs: () => current.lastCommitMs,
    lastCommitParts: () => current.lastCommitParts,
    app: current,
    get firstFrameAt() {
      return current.firstFrameAt;
    },
  };
}
