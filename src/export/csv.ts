/**
 * CSV export: nodes.csv (id + one column per attribute) and edges.csv (id, source, target,
 * directed + one column per attribute), RFC 4180: CRLF line ends, a field quoted when it holds a
 * comma, quote, CR or LF (or edge spaces), quotes doubled. Arrays/objects are JSON text.
 *
 * These files are opened in spreadsheets, which run a cell that starts with '=', '+', '-' or '@'
 * as a formula (CSV injection): titles and names come from the input files, so a cell starting
 * with one of those, a tab or a carriage return gets a leading single quote, as OWASP recommends;
 * a cell that is a plain number ("-3") stays a number. Fields with ';' are quoted too, for
 * spreadsheets that split on ';'. The neo4j-admin files (neo4j-import.ts) use csvRow as it is.
 */

import type { LayerGraph, ReadableGraph } from '../graph/readable.ts';
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
import { layerEdges, layerNodes } from './layers.ts';

interface CsvOptions extends LayerOptions {
  /** Neutralise cells a spreadsheet would run as formulas (see above). Default true. */
  neutraliseFormulas?: boolean;
}

const CSV_DEFAULTS = { neutraliseFormulas: true } as const satisfies CsvOptions;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const SPREADSHEET_NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;
/** First characters that make a spreadsheet evaluate a cell (OWASP, CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** One RFC 4180 field. */
export function csvField(value: ScalarValue | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (ScalarValue | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A cell's text with a leading single quote when a spreadsheet would run it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field for a file meant for spreadsheets: formulas neutralised, ';' quoted. */
export function spreadsheetField(value: ScalarValue | undefined): string {
  if (value === undefined) return '';
  const text = neutraliseFormula(String(value));
  return SPREADSHEET_NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowWriter(options: CsvOptions): (values: readonly (ScalarValue | undefined)[]) => string {
  if (!(options.neutraliseFormulas ?? CSV_DEFAULTS.neutraliseFormulas)) return csvRow;
  return (values) => `${values.map(spreadsheetField).join(',')}\r\n`;
}

function* csvNodePieces(graph: ReadableGraph, options: CsvOptions = {}): Generator<string> {
  const layer = options.layer ?? 'all';
  const model = new AttributeModel(NODE_ATTRIBUTE_TYPES);
  for (const node of layerNodes(graph, layer)) model.add(scalarAttributes(node.attributes));
  const columns = [...model.types.keys()].filter((name) => name !== 'id');
  const row = rowWriter(options);
  yield row(['id', ...columns]);
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const scalars = scalarAttributes(attributes);
    yield row([key, ...columns.map((name) => scalars[name])]);
  }
}

const EDGE_FIXED = ['id', 'source', 'target', 'directed'];

function* csvEdgePieces(graph: ReadableGraph, options: CsvOptions = {}): Generator<string> {
  const layer = options.layer ?? 'all';
  const model = new AttributeModel(EDGE_ATTRIBUTE_TYPES);
  for (const edge of layerEdges(graph, layer)) model.add(scalarAttributes(edge.attributes));
  const columns = [...model.types.keys()].filter((name) => !EDGE_FIXED.includes(name));
  const row = rowWriter(options);
  yield row([...EDGE_FIXED, ...columns]);
  for (const { key, source, target, undirected, attributes } of layerEdges(graph, layer)) {
    const scalars = scalarAttributes(attributes);
    yield row([key, source, target, !undirected, ...columns.map((name) => scalars[name])]);
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
