import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { AnalysedGraph } from '../graph/build.ts';
import type { Random } from '../util/random.ts';

export interface LayoutOptions {
  /** Overrides the size-dependent iteration budget. */
  iterations?: number;
}

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

/** ForceAtlas2 once, positions stored as x/y on the nodes; start positions come from the seeded generator. */
export function layoutGraph(graph: AnalysedGraph, random: Random, options: LayoutOptions = {}): number {
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
    getEdgeWeight: (_edge, attributes) => {
      // Authorship edges hold papers to their authors; similarity and collaboration pull by weight.
      const weight = (attributes as { weight?: number }).weight ?? 1;
      return Number.isFinite(weight) && weight > 0 ? weight : 1;
    },
  });
  graph.forEachNode((node) => {
    const position = positions[node]!;
    graph.mergeNodeAttributes(node, {
      x: Math.round(position.x * 1000) / 1000,
      y: Math.round(position.y * 1000) / 1000,
    });
  });
  return iterations;
}
