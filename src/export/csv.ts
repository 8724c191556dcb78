/**
 * CSV export: nodes.csv (id + one column per attribute) and edges.csv (id, source, target,
 * directed + one column per attribute), RFC 4180: CRLF line ends, a field quoted when it holds a
 * comma, quote, CR or LF (or edge spaces), quotes doubled. Arrays/objects are JSON text.
 */
import {
  AttributeModel,
  type ChunkSink,
  collectChunks,
  EDGE_ATTRIBUTE_TYPES,
  type LayerOptions,
  NODE_ATTRIBUTE_TYPES,
  pipeChunks,
  type ScalarValue,
  scalarAttributes,
} from './attributes.ts';
import { type LayerGraph, layerEdges, layerNodes, type ReadableGraph } from './layers.ts';

export type CsvOptions = LayerOptions;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One RFC 4180 field. */
export function csvField(value: ScalarValue | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (ScalarValue | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function* csvNodePieces(graph: ReadableGraph, options: CsvOptions = {}): Generator<string> {
  const layer = options.layer ?? 'all';
  const model = new AttributeModel(NODE_ATTRIBUTE_TYPES);
  for (const node of layerNodes(graph, layer)) model.add(scalarAttributes(node.attributes));
  const columns = [...model.types.keys()].filter((name) => name !== 'id');
  yield csvRow(['id', ...columns]);
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const scalars = scalarAttributes(attributes);
    yield csvRow([key, ...columns.map((name) => scalars[name])]);
  }
}

const EDGE_FIXED = ['id', 'source', 'target', 'directed'];

export function* csvEdgePieces(graph: ReadableGraph, options: CsvOptions = {}): Generator<string> {
  const layer = options.layer ?? 'all';
  const model = new AttributeModel(EDGE_ATTRIBUTE_TYPES);
  for (const edge of layerEdges(graph, layer)) model.add(scalarAttributes(edge.attributes));
  const columns = [...model.types.keys()].filter((name) => !EDGE_FIXED.includes(name));
  yield csvRow([...EDGE_FIXED, ...columns]);
  for (const { key, source, target, undirected, attributes } of layerEdges(graph, layer)) {
    const scalars = scalarAttributes(attributes);
    yield csvRow([key, source, target, !undirected, ...columns.map((name) => scalars[name])]);
  }
}

/** nodes.csv and edges.csv as strings. */
export function writeCsv(graph: LayerGraph, options: CsvOptions = {}): { nodes: string; edges: string } {
  return {
    nodes: collectChunks(csvNodePieces(graph, options)),
    edges: collectChunks(csvEdgePieces(graph, options)),
  };
}

/** nodes.csv and edges.csv row by row to two sinks. */
export async function writeCsvStream(
  graph: ReadableGraph,
  sinks: { nodes: ChunkSink; edges: ChunkSink },
  options: CsvOptions = {},
): Promise<void> {
  await pipeChunks(csvNodePieces(graph, options), sinks.nodes);
  await pipeChunks(csvEdgePieces(graph, options), sinks.edges);
}
