/**
 * graphology's own serialization (graph.export()), the format the analysis writes as graph.json
 * and Graph.from() reads back. With a layer, only that layer's nodes and edges.
 */
import type { SerializedGraph } from 'graphology-types';
import type { LayerGraph } from '../graph/readable.ts';
import type { LayerOptions } from './attributes.ts';
import { projectLayer } from './layers.ts';

type JsonOptions = LayerOptions;

export function exportGraphJson(graph: LayerGraph, options: JsonOptions = {}): SerializedGraph {
  const layer = options.layer ?? 'all';
  if (layer === 'all') return graph.export();
  const projected = projectLayer(graph, layer);
  projected.replaceAttributes(graph.getAttributes());
  return projected.export();
}

export function writeGraphJson(graph: LayerGraph, options: JsonOptions = {}): string {
  return `${JSON.stringify(exportGraphJson(graph, options))}\n`;
}
