/**
 * GEXF 1.3 written element by element to a sink, for graphs too big for one string
 * (a million papers): the same data as writeGexf (gexf.ts), never the whole document in memory.
 *
 * Two passes over the graph: the first only collects the attribute declarations and counts
 * (GEXF declares attributes before the nodes), the second writes. No layer copy is made.
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
  // Declaration order, as graphology-gexf writes them.
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

/** Writes the graph of one layer as GEXF 1.3 to `sink`, chunk by chunk; resolves when all is written. */
export async function writeGexfStream(
  graph: ReadableGraph,
  sink: ChunkSink,
  options: GexfStreamOptions = {},
): Promise<{ nodes: number; edges: number }> {
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
  const out = new ChunkBuffer(sink, options.chunkSize);
  await out.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  await out.write('<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz">\n');
  await out.write(
    `  <meta>\n    <creator>${escapeXml(creator)}</creator>\n    <description>${escapeXml(description)}</description>\n  </meta>\n`,
  );
  await out.write(
    `  <graph${dynamic ? ' mode="dynamic" timeformat="double"' : ''}${defaultType ? ` defaultedgetype="${defaultType}"` : ''}>\n`,
  );
  await out.write(declarations(formatter.nodeModel, 'node'));
  await out.write(declarations(formatter.edgeModel, 'edge'));

  // Pass 2: the elements. Iterators (not forEach) so a slow async sink applies back-pressure.
  await out.write(`    <nodes count="${nodeCount}">\n`);
  for (const { key, attributes } of layerNodes(graph, layer)) {
    await out.write(nodeXml(formatter.node(key, attributes), formatter.nodeModel, dynamic));
  }
  await out.write('    </nodes>\n');
  await out.write(`    <edges count="${edgeCount}">\n`);
  for (const { key, attributes, source, target, undirected } of layerEdges(graph, layer)) {
    const record = formatter.edge(key, attributes, source, target, undirected);
    await out.write(edgeXml(record, formatter.edgeModel, defaultType, dynamic));
  }
  await out.write('    </edges>\n  </graph>\n</gexf>\n');
  await out.flush();
  return { nodes: nodeCount, edges: edgeCount };
}
