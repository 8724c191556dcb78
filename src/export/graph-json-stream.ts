/**
 * graph.json (graphology's serialisation, what Graph.from() and the view read) written piece by
 * piece from any ReadableGraph, so the analysis never holds the whole document, nor a graphology
 * object per node and edge, to write it.
 */
import type { ReadableGraph } from '../graph/readable.ts';
import type { GraphAttributes } from '../model/graph-schema.ts';

/** The pieces of graph.json in order; join them or stream them (streamPieces in attributes.ts). */
export function* graphJsonPieces(graph: ReadableGraph, attributes: GraphAttributes): Generator<string> {
  yield `{"options":{"type":"mixed","multi":true,"allowSelfLoops":false},"attributes":${JSON.stringify(attributes)},"nodes":[`;
  let first = true;
  for (const { node, attributes: nodeAttributes } of graph.nodeEntries()) {
    yield `${first ? '' : ','}{"key":${JSON.stringify(node)},"attributes":${JSON.stringify(nodeAttributes)}}`;
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for (const entry of graph.edgeEntries()) {
    const ends = `"source":${JSON.stringify(entry.source)},"target":${JSON.stringify(entry.target)}`;
    yield `${first ? '' : ','}{"key":${JSON.stringify(entry.edge)},${ends},"attributes":${JSON.stringify(entry.attributes)}${entry.undirected ? ',"undirected":true' : ''}}`;
    first = false;
  }
  yield ']}\n';
}
