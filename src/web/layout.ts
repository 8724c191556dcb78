import type Graph from 'graphology';
import { inferSettings } from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';

/**
 * Runs ForceAtlas2 live in a Web Worker on the graph sigma draws (the view's layer). The worker writes
 * x/y on the node attribute objects, which that graph shares with the analysed graph (positions are
 * data, not display); sigma re-renders on each update through its graph listeners.
 */
export class LiveLayout {
  private supervisor: FA2Layout | null = null;
  constructor(private graph: Graph) {}

  /** Moves the layout to another drawn graph, running again if it ran. */
  rebind(graph: Graph): void {
    if (graph === this.graph) return;
    const running = this.isRunning();
    this.kill();
    this.graph = graph;
    if (running) this.start();
  }

  isRunning(): boolean {
    return this.supervisor?.isRunning() ?? false;
  }

  start(): void {
    if (!this.supervisor) {
      this.supervisor = new FA2Layout(this.graph, {
        settings: { ...inferSettings(this.graph), barnesHutOptimize: this.graph.order > 2000 },
        getEdgeWeight: 'weight',
      });
    }
    this.supervisor.start();
  }

  stop(): void {
    this.supervisor?.stop();
  }

  kill(): void {
    this.supervisor?.kill();
    this.supervisor = null;
  }
}
