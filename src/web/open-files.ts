import type { SerializedGraph } from 'graphology-types';
import { decodeText } from '../ingest/decode-text.ts';
import type { InputText } from '../ingest/ingest.ts';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';
import { type AnalysedGraph, graphFromJSON } from './graph-index.ts';
import type { IngestReply } from './ingest.worker.ts';

/** Parses and analyses dropped files in a Web Worker with the same core as the CLI. */
export function analyseFiles(files: File[], onProgress: (message: string) => void): Promise<AnalysedGraph> {
  // Decoded as the command line decodes a file: UTF-16 by its byte order mark, invalid UTF-8 reported.
  const read = async (f: File): Promise<InputText> => ({
    name: f.name,
    ...decodeText(new Uint8Array(await f.arrayBuffer()), f.name),
  });
  return Promise.all(files.map(read)).then(
    (texts) =>
      new Promise<AnalysedGraph>((resolve, reject) => {
        const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<IngestReply>) => {
          const reply = event.data;
          if (reply.type === 'progress') onProgress(reply.message);
          else {
            worker.terminate();
            if (reply.type === 'done') resolve(graphFromJSON(reply.graph));
            else reject(new Error(reply.message));
          }
        };
        worker.onerror = (e) => {
          worker.terminate();
          reject(new Error(e.message || 'import worker failed'));
        };
        worker.postMessage({ files: texts });
      }),
  );
}

/**
 * Adds an analysed graph to the current one: new nodes and edges are added, existing keys kept. Community
 * ids of the added graph are shifted past the current ones so both legends stay meaningful.
 */
export function mergeInto(target: AnalysedGraph, added: AnalysedGraph): { nodes: number; edges: number } {
  const communities = [...(target.getAttribute('communities') ?? [])];
  const shift = { collaboration: 0, theme: 0 };
  for (const c of communities) shift[c.layer] = Math.max(shift[c.layer], c.id + 1);
  for (const c of added.getAttribute('communities') ?? []) {
    communities.push({ ...c, id: c.id + shift[c.layer] });
  }
  target.setAttribute('communities', communities);
  let nodes = 0;
  let edges = 0;
  added.forEachNode((key, a) => {
    if (target.hasNode(key)) return;
    const copy: NodeAttributes = { ...a };
    if (copy.kind === 'author') {
      if (typeof copy.community === 'number' && copy.community >= 0) copy.community += shift.collaboration;
      if (copy.themeMix) {
        copy.themeMix = Object.fromEntries(
          Object.entries(copy.themeMix).map(([k, v]) => [String(Number(k) + shift.theme), v]),
        );
      }
    } else if (copy.kind === 'paper' && typeof copy.theme === 'number' && copy.theme >= 0) {
      copy.theme += shift.theme;
    }
    target.addNode(key, copy);
    nodes += 1;
  });
  added.forEachEdge((edge, a, s, t) => {
    if (target.hasEdge(edge)) return;
    if (added.isDirected(edge)) target.addDirectedEdgeWithKey(edge, s, t, { ...a });
    else target.addUndirectedEdgeWithKey(edge, s, t, { ...a });
    edges += 1;
  });
  return { nodes, edges };
}

export type SerializedAnalysedGraph = SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
