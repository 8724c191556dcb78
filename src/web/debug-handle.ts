import type { App } from './app.ts';
import { byId } from './dom.ts';
import type { AnalysedGraph } from './graph-index.ts';
import type { ViewState } from './state.ts';

/** What tests and the bench read from the page (stable, small). */
export interface CitegraphDebug {
  graph: AnalysedGraph;
  state: ViewState;
  visibleNodes(): string[];
  visibleEdges(): string[];
  position(key: string): { x: number; y: number } | null;
  layoutRunning(): boolean;
  /** Page coordinates of a displayed node (also overview nodes), for tests that click or hover. */
  screenPosition(key: string): { x: number; y: number } | null;
  firstFrameAt: number | null;
}
declare global {
  interface Window {
    citegraph?: CitegraphDebug;
  }
}

/** Puts `window.citegraph` on the page, reading the app live. */
export function exposeDebugHandle(current: App): void {
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
      const box = byId('graph').getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    get firstFrameAt() {
      return current.firstFrameAt;
    },
  };
}
