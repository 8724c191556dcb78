/**
 * Pajek .net export (Pajek, igraph, NetworkX, VOSviewer): *Vertices with 1-based numbers and
 * quoted labels (Pajek has no escape for '"', so it becomes "'"), optional coordinates scaled
 * into [0, 1], then *Arcs (directed) and *Edges (undirected) with weights. CRLF line ends.
 *
 * Only the sections that have edges are written: igraph and networkx make the whole graph
 * undirected when an *Edges section comes last, even an empty one. networkx keys nodes by label,
 * so labels that two nodes share get the node key added ("Wei Wang [author:wei-wang-2]"). A graph
 * with both directions is one Pajek file, which Pajek reads; for igraph and networkx the export
 * writes one file per layer (file-plan.ts).
 */

import type { LayerGraph } from '../graph/readable.ts';
import { type ChunkSink, collectChunks, type LayerOptions, pipeChunks } from './attributes.ts';
import { type ExportLayer, LAYER_SPECS, layerEdges, layerNodes } from './layers.ts';

type PajekOptions = LayerOptions;

/**
 * Label text Pajek can quote: it has no escape for '"', and a label is one line. networkx splits
 * vertex lines with shell quoting, where '\\' is one backslash and a backslash before the closing
 * quote escapes it ("No closing quotation"); so a backslash before another or at the end becomes
 * '/', and every reader sees the same label.
 */
function pajekText(text: string): string {
  return text
    .replace(/"/g, "'")
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\(?=\\|$)/g, '/');
}

/** Each node's label, with its key added where another node of the layer has the same label. */
function uniqueLabels(graph: LayerGraph, layer: ExportLayer): Map<string, string> {
  const labels = new Map<string, string>();
  const uses = new Map<string, number>();
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const label = pajekText(
      typeof attributes.label === 'string' && attributes.label ? attributes.label : key,
    );
    labels.set(key, label);
    uses.set(label, (uses.get(label) ?? 0) + 1);
  }
  for (const [key, label] of labels)
    if ((uses.get(label) ?? 0) > 1) labels.set(key, pajekText(`${label} [${key}]`));
  return labels;
}

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
}

function* pajekPieces(graph: LayerGraph, options: PajekOptions = {}): Generator<string> {
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
  const labels = uniqueLabels(graph, layer);
  let directed = 0;
  let undirected = 0;
  for (const edge of layerEdges(graph, layer)) {
    if (edge.undirected) undirected++;
    else directed++;
  }

  yield `*Vertices ${index.size}\r\n`;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const label = `"${labels.get(key) ?? pajekText(key)}"`;
    const { x, y } = attributes;
    const position =
      typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
        ? // Pajek's y axis points down.
          ` ${num(scale(x, minX, maxX))} ${num(1 - scale(y, minY, maxY))} 0.5`
        : '';
    yield `${index.get(key)} ${label}${position}\r\n`;
  }
  // An undirected layer without edges still says so, with an empty *Edges section.
  const undirectedLayer = LAYER_SPECS[layer].type === 'undirected' && directed === 0;
  for (const section of ['*Arcs', '*Edges'] as const) {
    const undirectedSection = section === '*Edges';
    if ((undirectedSection ? undirected : directed) === 0 && !(undirectedSection && undirectedLayer))
      continue;
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
