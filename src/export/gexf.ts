/**
 * GEXF 1.3 export (Gephi), written element by element: `writeGexf` joins the pieces into one
 * string (the web view's download, tests), `writeGexfStream` hands them to a sink chunk by chunk,
 * so a million-paper graph is never one string in memory.
 *
 * Two passes over the graph: the first only collects the attribute declarations and counts
 * (GEXF declares attributes before the nodes), the second writes. No layer copy is made.
 * A graph with both directed and undirected edges gets no defaultedgetype and a type on every
 * edge, the form in which Gephi keeps both (gexf-format.ts).
 */

import type { ReadableGraph } from '../graph/readable.ts';
import type { AttributeModel, ChunkSink } from './attributes.ts';
import { ChunkBuffer, escapeXml } from './attributes.ts';
import {
  type GexfDefaultEdgeType,
  type GexfEdgeRecord,
  GexfFormatter,
  type GexfNodeRecord,
  type GexfOptions,
  gexfDefaultEdgeType,
} from './gexf-format.ts';
import { LAYER_SPECS, layerEdges, layerNodes } from './layers.ts';

export interface GexfStreamOptions extends GexfOptions {
  /** Characters gathered before each sink call. Default 64 KiB. */
  chunkSize?: number;
}

function attr(name: string, value: string | number): string {
  return ` ${name}="${escapeXml(String(value))}"`;
}

function declarations(model: AttributeModel, modelClass: 'node' | 'edge'): string {
  if (model.types.size === 0) return '';
  let out = `    <attributes class="${modelClass}">\n`;
  for (const [name, type] of model.types) {
    out += `      <attribute${attr('id', name)}${attr('title', name)}${attr('type', type)}/>\n`;
  }
  return `${out}    </attributes>\n`;
}

function attvalues(
  model: AttributeModel,
  record: { attributes: Record<string, string | number | boolean> },
): string {
  let out = '';
  for (const name of model.types.keys()) {
    const value = record.attributes[name];
    if (value === undefined || value === '') continue;
    out += `          <attvalue${attr('for', name)}${attr('value', String(value))}/>\n`;
  }
  return out ? `        <attvalues>\n${out}        </attvalues>\n` : '';
}

function span(record: { start?: number; end?: number }): string {
  return `${record.start !== undefined ? attr('start', record.start) : ''}${record.end !== undefined ? attr('end', record.end) : ''}`;
}

function nodeXml(record: GexfNodeRecord, model: AttributeModel, dynamic: boolean): string {
  let out = `      <node${attr('id', record.key)}${record.label ? attr('label', record.label) : ''}${dynamic ? span(record) : ''}>\n`;
  out += attvalues(model, record);
  if (record.color) {
    const { r, g, b } = record.color;
    out += `        <viz:color${attr('r', r)}${attr('g', g)}${attr('b', b)}/>\n`;
  }
  if (record.size !== undefined) out += `        <viz:size${attr('value', record.size)}/>\n`;
  if (record.position)
    out += `        <viz:position${attr('x', record.position.x)}${attr('y', record.position.y)}/>\n`;
  return `${out}      </node>\n`;
}

function edgeXml(
  record: GexfEdgeRecord,
  model: AttributeModel,
  defaultType: GexfDefaultEdgeType | undefined,
  dynamic: boolean,
): string {
  const type = record.undirected ? 'undirected' : 'directed';
  let out = `      <edge${attr('id', record.key)}${type !== defaultType ? attr('type', type) : ''}`;
  out += `${attr('source', record.source)}${attr('target', record.target)}`;
  out += `${record.weight !== undefined ? attr('weight', record.weight) : ''}${record.kind ? attr('kind', record.kind) : ''}`;
  out += `${dynamic ? span(record) : ''}>\n`;
  return `${out}${attvalues(model, record)}      </edge>\n`;
}

/** The pieces of the GEXF 1.3 document of one layer, in order. */
function* gexfPieces(
  graph: ReadableGraph,
  options: GexfOptions = {},
): Generator<string, { nodes: number; edges: number }> {
  const formatter = new GexfFormatter(graph, options);
  const { layer, dynamic, creator, description } = formatter.options;

  // Pass 1: declarations and counts (the formatter records every attribute type it sees). The end
  // nodes' attributes come with each edge (layerEdges): no lookup by key.
  let nodeCount = 0;
  let undirectedCount = 0;
  let directedCount = 0;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    formatter.node(key, attributes);
    nodeCount++;
  }
  for (const { key, attributes, source, target, undirected } of layerEdges(graph, layer)) {
    formatter.edge(key, attributes, source, target, undirected);
    if (undirected) undirectedCount++;
    else directedCount++;
  }
  const edgeCount = directedCount + undirectedCount;
  const defaultType = gexfDefaultEdgeType(LAYER_SPECS[layer].type, directedCount, undirectedCount);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz">\n';
  yield `  <meta>\n    <creator>${escapeXml(creator)}</creator>\n    <description>${escapeXml(description)}</description>\n  </meta>\n`;
  yield `  <graph${dynamic ? ' mode="dynamic" timeformat="double"' : ''}${defaultType ? ` defaultedgetype="${defaultType}"` : ''}>\n`;
  yield declarations(formatter.nodeModel, 'node');
  yield declarations(formatter.edgeModel, 'edge');

  // Pass 2: the elements.
  yield `    <nodes count="${nodeCount}">\n`;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    yield nodeXml(formatter.node(key, attributes), formatter.nodeModel, dynamic);
  }
  yield '    </nodes>\n';
  yield `    <edges count="${edgeCount}">\n`;
  for (const { key, attributes, source, target, undirected } of layerEdges(graph, layer)) {
    const record = formatter.edge(key, attributes, source, target, undirected);
    yield edgeXml(record, formatter.edgeModel, defaultType, dynamic);
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
  return { nodes: nodeCount, edges: edgeCount };
}

/** The graph of one layer as a GEXF 1.3 document (valid against the official RELAX NG schema). */
export function writeGexf(graph: ReadableGraph, options: GexfOptions = {}): string {
  let xml = '';
  for (const piece of gexfPieces(graph, options)) xml += piece;
  return xml;
}

/** Writes the graph of one layer as GEXF 1.3 to `sink`, chunk by chunk; resolves when all is written. */
export async function writeGexfStream(
  graph: ReadableGraph,
  sink: ChunkSink,
  options: GexfStreamOptions = {},
): Promise<{ nodes: number; edges: number }> {
  const out = new ChunkBuffer(sink, options.chunkSize);
  const pieces = gexfPieces(graph, options);
  // Each write awaited before the next piece is made, so a slow async sink applies back-pressure.
  for (let step = pieces.next(); ; step = pieces.next()) {
    if (step.done) {
      await out.flush();
      return step.value;
    }
    if (step.value) await out.write(step.value);
  }
}
