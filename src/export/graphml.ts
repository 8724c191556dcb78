/**
 * GraphML export (yEd, Cytoscape, Gephi, NetworkX, igraph): one <key> declaration per attribute
 * with its type, a mixed graph as edgedefault="undirected" plus directed="true" on directed edges.
 * Written as a sequence of pieces, so big graphs stream to a sink (writeGraphmlStream).
 */

import type { LayerGraph } from '../graph/readable.ts';
import {
  AttributeModel,
  type AttributeType,
  type ChunkSink,
  collectChunks,
  EDGE_ATTRIBUTE_TYPES,
  escapeXml,
  type LayerOptions,
  NODE_ATTRIBUTE_TYPES,
  pipeChunks,
  scalarAttributes,
} from './attributes.ts';
import { LAYER_SPECS, layerEdges, layerNodes } from './layers.ts';

type GraphmlOptions = LayerOptions;

const GRAPHML_TYPES: Record<AttributeType, string> = {
  boolean: 'boolean',
  integer: 'int',
  long: 'long',
  double: 'double',
  string: 'string',
};

function keyDeclarations(model: AttributeModel, domain: 'node' | 'edge', prefix: string): string {
  let out = '';
  for (const [name, type] of model.types) {
    out += `  <key id="${prefix}${escapeXml(name)}" for="${domain}" attr.name="${escapeXml(name)}" attr.type="${GRAPHML_TYPES[type]}"/>\n`;
  }
  return out;
}

function dataElements(attributes: object, prefix: string, indent: string): string {
  let out = '';
  for (const [name, value] of Object.entries(scalarAttributes(attributes))) {
    out += `${indent}<data key="${prefix}${escapeXml(name)}">${escapeXml(String(value))}</data>\n`;
  }
  return out;
}

/** The pieces of a GraphML document for one layer; two passes (declarations first). */
function* graphmlPieces(graph: LayerGraph, options: GraphmlOptions = {}): Generator<string> {
  const layer = options.layer ?? 'all';
  const nodeModel = new AttributeModel(NODE_ATTRIBUTE_TYPES);
  const edgeModel = new AttributeModel(EDGE_ATTRIBUTE_TYPES);
  for (const node of layerNodes(graph, layer)) nodeModel.add(scalarAttributes(node.attributes));
  for (const edge of layerEdges(graph, layer)) edgeModel.add(scalarAttributes(edge.attributes));

  const edgeDefault = LAYER_SPECS[layer].type === 'directed' ? 'directed' : 'undirected';
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  // Key ids are prefixed by domain: node and edge attributes share names (kind) with other types.
  yield keyDeclarations(nodeModel, 'node', 'n_');
  yield keyDeclarations(edgeModel, 'edge', 'e_');
  yield `  <graph id="${escapeXml(layer)}" edgedefault="${edgeDefault}">\n`;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    yield `    <node id="${escapeXml(key)}">\n${dataElements(attributes, 'n_', '      ')}    </node>\n`;
  }
  for (const { key, source, target, undirected, attributes } of layerEdges(graph, layer)) {
    const directed = undirected
      ? edgeDefault === 'directed'
        ? ' directed="false"'
        : ''
      : edgeDefault === 'directed'
        ? ''
        : ' directed="true"';
    yield `    <edge id="${escapeXml(key)}" source="${escapeXml(source)}" target="${escapeXml(target)}"${directed}>\n`;
    yield `${dataElements(attributes, 'e_', '      ')}    </edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}

export function writeGraphml(graph: LayerGraph, options: GraphmlOptions = {}): string {
  return collectChunks(graphmlPieces(graph, options));
}

export function writeGraphmlStream(
  graph: LayerGraph,
  sink: ChunkSink,
  options: GraphmlOptions = {},
): Promise<void> {
  return pipeChunks(graphmlPieces(graph, options), sink);
}
