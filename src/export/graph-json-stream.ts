/**
 * graph.json (graphology's serialisation, what Graph.from() and the view read) written piece by
 * piece from any ReadableGraph, so the analysis never holds the whole document, nor a graphology
 * object per node and edge, to write it. The CLI writes the same pieces on two threads
 * (graph-json-parallel-node.ts).
 */
import type { ReadableGraph } from '../graph/readable.ts';
import type { EdgeAttributes, GraphAttributes } from '../model/graph-schema.ts';

/** What an edge's text is made of. */
interface EdgeJsonEntry {
  edge: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
  undirected: boolean;
}

/** Everything before the first node. */
export function graphJsonHead(attributes: GraphAttributes): string {
  return `{"options":{"type":"mixed","multi":true,"allowSelfLoops":false},"attributes":${JSON.stringify(attributes)},"nodes":[`;
}

/** Between the last node and the first edge. */
export const GRAPH_JSON_EDGES = '],"edges":[';
/** After the last edge. */
export const GRAPH_JSON_END = ']}\n';

export function* graphJsonNodePieces(graph: ReadableGraph): Generator<string> {
  let first = true;
  for (const { node, attributes } of graph.nodeEntries()) {
    yield `${first ? '' : ','}{"key":${JSON.stringify(node)},"attributes":${JSON.stringify(attributes)}}`;
    first = false;
  }
}

/** One edge's object, graphology's serialised edge. */
function edgeJson(entry: EdgeJsonEntry): string {
  const ends = `"source":${JSON.stringify(entry.source)},"target":${JSON.stringify(entry.target)}`;
  return `{"key":${JSON.stringify(entry.edge)},${ends},"attributes":${JSON.stringify(entry.attributes)}${entry.undirected ? ',"undirected":true' : ''}}`;
}

/** The edges' objects, comma-separated; `first`: whether no edge precedes them in the document. */
export function* edgeJsonPieces(entries: Iterable<EdgeJsonEntry>, first = true): Generator<string> {
  for (const entry of entries) {
    yield first ? edgeJson(entry) : `,${edgeJson(entry)}`;
    first = false;
  }
}

/** The pieces of graph.json in order; join them or stream them (pipeChunks in attributes.ts). */
export function* graphJsonPieces(graph: ReadableGraph, attributes: GraphAttributes): Generator<string> {
  yield graphJsonHead(attributes);
  yield* graphJsonNodePieces(graph);
  yield GRAPH_JSON_EDGES;
  yield* edgeJsonPieces(graph.edgeEntries());
  yield GRAPH_JSON_END;
}
