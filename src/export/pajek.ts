/**
 * Pajek .net export (Pajek, igraph, NetworkX, VOSviewer): *Vertices with 1-based numbers and
 * quoted labels (Pajek has no escape for '"', so it becomes "'"), optional coordinates scaled
 * into [0, 1], then *Arcs (directed) and *Edges (undirected) with weights. CRLF line ends.
 */
import { type ChunkSink, collectChunks, type LayerOptions, pipeChunks } from './attributes.ts';
import { type LayerGraph, layerEdges, layerNodes } from './layers.ts';

export type PajekOptions = LayerOptions;

function pajekLabel(text: string): string {
  return `"${text.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')}"`;
}

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

export function* pajekPieces(graph: LayerGraph, options: PajekOptions = {}): Generator<string> {
  const layer = options.layer ?? 'all';
  const index = new Map<string, number>();
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    index.set(key, index.size + 1);
    const { x, y } = attributes;
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const scale = (v: number, min: number, max: number) => (max > min ? (v - min) / (max - min) : 0.5);

  yield `*Vertices ${index.size}\r\n`;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const label = pajekLabel(
      typeof attributes.label === 'string' && attributes.label ? attributes.label : key,
    );
    const { x, y } = attributes;
    const position =
      typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
        ? // Pajek's y axis points down.
          ` ${num(scale(x, minX, maxX))} ${num(1 - scale(y, minY, maxY))} 0.5`
        : '';
    yield `${index.get(key)} ${label}${position}\r\n`;
  }
  for (const section of ['*Arcs', '*Edges'] as const) {
    const undirectedSection = section === '*Edges';
    yield `${section}\r\n`;
    for (const { source, target, undirected, attributes } of layerEdges(graph, layer)) {
      if (undirected !== undirectedSection) continue;
      const weight = Number.isFinite(attributes.weight) ? attributes.weight : 1;
      yield `${index.get(source)} ${index.get(target)} ${num(weight)}\r\n`;
    }
  }
}

export function writePajek(graph: LayerGraph, options: PajekOptions = {}): string {
  return collectChunks(pajekPieces(graph, options));
}

export function writePajekStream(
  graph: LayerGraph,
  sink: ChunkSink,
  options: PajekOptions = {},
): Promise<void> {
  return pipeChunks(pajekPieces(graph, options), sink);
}
