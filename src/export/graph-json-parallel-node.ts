/**
 * graph.json on two threads, for Node (`citegraph analyze`): a worker writes the authorship and
 * co-authorship edges (layer-edges.ts, from the ids and typed arrays posted to it) while this
 * thread writes the nodes and the other edges; the worker's part closes the edge list, as
 * EDGE_ORDER has it. The bytes are those of graphJsonPieces on one thread.
 */
import { type MessagePort, Worker } from 'node:worker_threads';
import { type LayerEdgeData, type LayerEdgeKind, layerEdges } from '../analysis/layer-edges.ts';
import type { ReadableEdgeEntry, ReadableGraph } from '../graph/readable.ts';
import { EDGE_ORDER, type EdgeKind, type GraphAttributes, LAST_EDGE_KINDS } from '../model/graph-schema.ts';
import { pipeChunks } from './attributes.ts';
import type { FileSink } from './files-node.ts';
import {
  edgeJsonPieces,
  GRAPH_JSON_EDGES,
  GRAPH_JSON_END,
  graphJsonHead,
  graphJsonNodePieces,
  graphJsonPieces,
} from './graph-json-stream.ts';

/** The kinds this thread writes, before the worker's (LAST_EDGE_KINDS, most of a co-authorship graph). */
const OWN_KINDS: readonly EdgeKind[] = EDGE_ORDER.slice(0, -LAST_EDGE_KINDS.length);
/**
 * From this many authorship + co-authorship edges graph.json is written on two threads; below it,
 * starting the worker costs about what it saves.
 */
const TWO_THREADS_FROM_EDGES = 100_000;
/** Characters per chunk the worker encodes and hands over. */
const WORKER_CHUNK = 1 << 20;

/** What the graph.json writer reads: a view with its layers' arrays (the analysis view). */
interface LayeredGraph extends ReadableGraph {
  edgeEntriesOfKind(kind: EdgeKind): Iterable<ReadableEdgeEntry>;
  layerEdgeData(): LayerEdgeData;
}

interface GraphJsonWorkerData {
  data: LayerEdgeData;
  kinds: readonly LayerEdgeKind[];
}

type WorkerMessage = { chunk: Uint8Array } | { done: true };

/** The worker's part: its kinds' edges as UTF-8 chunks, the first without a leading comma. */
export async function runGraphJsonWorker(
  port: MessagePort,
  { data, kinds }: GraphJsonWorkerData,
): Promise<void> {
  const encoder = new TextEncoder();
  const entries = function* () {
    for (const kind of kinds) yield* layerEdges(data, kind);
  };
  await pipeChunks(
    edgeJsonPieces(entries()),
    (text) => {
      const chunk = encoder.encode(text);
      port.postMessage({ chunk } satisfies WorkerMessage, [chunk.buffer as ArrayBuffer]);
    },
    WORKER_CHUNK,
  );
  port.postMessage({ done: true } satisfies WorkerMessage);
  port.close();
}

/** The worker's chunks, once it has made them all. */
function startWorker(data: LayerEdgeData, workerUrl?: URL): Promise<Uint8Array[]> {
  const workerData: GraphJsonWorkerData = { data, kinds: LAST_EDGE_KINDS };
  const worker = new Worker(workerUrl ?? new URL('./graph-json-worker-node.mjs', import.meta.url), {
    workerData,
  });
  const chunks: Uint8Array[] = [];
  const result = new Promise<Uint8Array[]>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('chunk' in message) chunks.push(message.chunk);
      else resolve(chunks);
    });
    worker.once('error', (error) => reject(new Error(`the graph.json worker failed: ${error.message}`)));
    worker.once('exit', (code) =>
      reject(new Error(`the graph.json worker exited (code ${code}) before writing its edges`)),
    );
  });
  // Awaited after this thread's part: an earlier failure is not an unhandled rejection.
  result.catch(() => undefined);
  return result;
}

/** Counts what passes through. */
function* counted<T>(items: Iterable<T>, count: { n: number }): Generator<T> {
  for (const item of items) {
    count.n++;
    yield item;
  }
}

/**
 * graph.json into `sink`, on two threads from TWO_THREADS_FROM_EDGES authorship + co-authorship
 * edges (`layerEdges`), else on this one.
 */
export function writeGraphJson(
  graph: LayeredGraph,
  attributes: GraphAttributes,
  sink: FileSink,
  layerEdges: number,
): Promise<void> {
  return layerEdges >= TWO_THREADS_FROM_EDGES
    ? writeGraphJsonOnTwoThreads(graph, attributes, sink)
    : pipeChunks(graphJsonPieces(graph, attributes), sink);
}

/** Writes graph.json into `sink` on two threads (see the module comment). */
export async function writeGraphJsonOnTwoThreads(
  graph: LayeredGraph,
  attributes: GraphAttributes,
  sink: FileSink,
  options: { workerUrl?: URL } = {},
): Promise<void> {
  const fromWorker = startWorker(graph.layerEdgeData(), options.workerUrl);
  const ownEdges = { n: 0 };
  const own = function* () {
    yield graphJsonHead(attributes);
    yield* graphJsonNodePieces(graph);
    yield GRAPH_JSON_EDGES;
    const kinds = function* () {
      for (const kind of OWN_KINDS) yield* graph.edgeEntriesOfKind(kind);
    };
    yield* edgeJsonPieces(counted(kinds(), ownEdges));
  };
  await pipeChunks(own(), sink);
  const chunks = await fromWorker;
  if (ownEdges.n > 0 && chunks.length > 0) await sink(',');
  for (const chunk of chunks) await sink(chunk);
  await sink(GRAPH_JSON_END);
}
