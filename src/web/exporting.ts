import Graph from 'graphology';
import { write } from 'graphology-gexf/browser';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';
import type { AnalysedGraph, AnalysedSigma } from './graph-index.ts';
import type { Visibility } from './reducers.ts';

type Flat = Record<string, string | number | boolean | string[]>;

/** GEXF attributes must be scalars or lists of strings: objects are written as JSON text. */
function flatten(attrs: object): Flat {
  const out: Flat = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) out[k] = v.map(String);
    else if (typeof v === 'object') out[k] = JSON.stringify(v);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** The visible part of the graph, attributes as in the schema, with the displayed colour and size. */
export function visibleSubgraph(graph: AnalysedGraph, sigma: AnalysedSigma, vis: Visibility): AnalysedGraph {
  const sub: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  sub.replaceAttributes({ ...graph.getAttributes() });
  for (const key of vis.nodes) {
    const display = sigma.getNodeDisplayData(key);
    const attrs: NodeAttributes = graph.getNodeAttributes(key);
    sub.addNode(key, { ...attrs, ...(display ? { color: display.color, size: display.size } : {}) });
  }
  for (const edge of vis.edges) {
    const a: EdgeAttributes = { ...graph.getEdgeAttributes(edge) };
    const [s, t] = graph.extremities(edge);
    if (graph.isDirected(edge)) sub.addDirectedEdgeWithKey(edge, s, t, a);
    else sub.addUndirectedEdgeWithKey(edge, s, t, a);
  }
  return sub;
}

interface GexfModule {
  writeGexf?: (graph: AnalysedGraph, options?: { layer?: string }) => string;
}
const gexfModules = import.meta.glob<GexfModule>('../export/gexf.ts');

/** Uses the project's GEXF writer (src/export/gexf.ts) when present, graphology-gexf otherwise. */
export async function toGexfText(sub: AnalysedGraph): Promise<string> {
  const load = gexfModules['../export/gexf.ts'];
  if (load) {
    try {
      const mod = await load();
      if (typeof mod.writeGexf === 'function') return mod.writeGexf(sub, { layer: 'all' });
    } catch (error) {
      console.warn('src/export/gexf.ts failed, falling back to graphology-gexf', error);
    }
  }
  const flat = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  const { communities: _communities, ...graphAttrs } = sub.getAttributes() as GraphAttributes;
  flat.replaceAttributes(flatten(graphAttrs));
  sub.forEachNode((key, a) => {
    flat.addNode(key, flatten(a));
  });
  sub.forEachEdge((edge, a, s, t) => {
    if (sub.isDirected(edge)) flat.addDirectedEdgeWithKey(edge, s, t, flatten(a));
    else flat.addUndirectedEdgeWithKey(edge, s, t, flatten(a));
  });
  return write(flat, { version: '1.3', pretty: true });
}

/** Draws sigma's layers onto one canvas, on white; must run right after a synchronous render. */
export function snapshotPng(sigma: AnalysedSigma): Promise<Blob> {
  sigma.refresh();
  const { width, height } = sigma.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = width * ratio;
  out.height = height * ratio;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d canvas'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const [id, canvas] of Object.entries(sigma.getCanvases())) {
    if (id === 'mouse') continue;
    ctx.drawImage(canvas, 0, 0, out.width, out.height);
  }
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

export function download(name: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
