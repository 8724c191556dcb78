/**
 * Which files an export writes so that the programs it is for hold every node and edge, and what
 * to tell the user when a program cannot hold the graph as it is.
 *
 * networkx and igraph keep one edge direction per graph. A GraphML or Pajek file with both
 * directions is refused by networkx (GraphML), read with every edge undirected by igraph (it goes
 * by edgedefault, or by the last Pajek section) or with invented arcs by networkx (Pajek). So a
 * layer with edges of both directions is written as one file per single-direction layer
 * (coauthorship, citations, themes, authorship, and the bibliometric maps the graph has: every
 * node and edge is in one of them), and a note says so. GEXF (Gephi reads mixed graphs), CSV, JSON and the neo4j-admin files keep every edge's
 * direction in one file or folder. VOSviewer's own notes (links without direction, clusters beyond
 * its limit) come from vosviewer.ts.
 */
import { EXPORT_LAYERS, type ExportLayer, LAYER_SPECS, layerEdges, layerNodes } from './layers.ts';

type PlannedFormat =
  | 'gexf'
  | 'graphml'
  | 'csv'
  | 'json'
  | 'pajek'
  | 'vosviewer'
  | 'vosviewer-map'
  | 'neo4j-import';
type EdgeDirections = 'directed' | 'undirected' | 'mixed' | 'none';

/** The graph type the layer filters read (graphology's, or the analysis view). */
type ReadableGraph = Parameters<typeof layerEdges>[0];

interface PlannedFile {
  /** Where to write: the output path, or it with the layer before the extension. */
  path: string;
  /** The layer to pass to the format's writer. */
  layer: ExportLayer;
  edges: number;
  directions: EdgeDirections;
}

interface ExportPlan {
  files: PlannedFile[];
  /** One line each, for the user: what a program cannot hold and what was written instead. */
  notes: string[];
}

/** Formats whose readers (networkx, igraph) hold one edge direction per graph. */
const ONE_DIRECTION_FORMATS: ReadonlySet<PlannedFormat> = new Set(['graphml', 'pajek']);

/** The layers whose edges all have one direction; together they hold every node and edge. */
const SINGLE_DIRECTION_LAYERS: readonly ExportLayer[] = EXPORT_LAYERS.filter(
  (layer) => LAYER_SPECS[layer].type !== 'mixed',
);

/** 'out/graph.graphml' → 'out/graph.coauthorship.graphml'; a name without extension gets '.layer'. */
function layerFileName(output: string, layer: ExportLayer): string {
  const slash = Math.max(output.lastIndexOf('/'), output.lastIndexOf('\\'));
  const dot = output.lastIndexOf('.');
  if (dot <= slash + 1) return `${output}.${layer}`;
  return `${output.slice(0, dot)}.${layer}${output.slice(dot)}`;
}

interface DirectionCount {
  directed: number;
  undirected: number;
  byKind: Map<string, { directed: number; undirected: number }>;
}

function countDirections(graph: ReadableGraph, layer: ExportLayer): DirectionCount {
  const count: DirectionCount = { directed: 0, undirected: 0, byKind: new Map() };
  for (const { undirected, attributes } of layerEdges(graph, layer)) {
    const kind = count.byKind.get(attributes.kind) ?? { directed: 0, undirected: 0 };
    count.byKind.set(attributes.kind, kind);
    if (undirected) {
      count.undirected++;
      kind.undirected++;
    } else {
      count.directed++;
      kind.directed++;
    }
  }
  return count;
}

function directionsOf(count: { directed: number; undirected: number }): EdgeDirections {
  if (count.directed > 0 && count.undirected > 0) return 'mixed';
  if (count.directed > 0) return 'directed';
  return count.undirected > 0 ? 'undirected' : 'none';
}

function edgesOfLayer(count: DirectionCount, layer: ExportLayer): { directed: number; undirected: number } {
  const spec = LAYER_SPECS[layer];
  let directed = 0;
  let undirected = 0;
  for (const kind of spec.edges) {
    const found = count.byKind.get(kind);
    if (!found) continue;
    // A single-direction layer keeps only the edges of its direction (layers.ts).
    if (spec.type !== 'undirected') directed += found.directed;
    if (spec.type !== 'directed') undirected += found.undirected;
  }
  return { directed, undirected };
}

/** The files of one export and the notes to show; `output` is the path the user gave. */
export function planExport(
  graph: ReadableGraph,
  format: PlannedFormat,
  layer: ExportLayer,
  output: string,
): ExportPlan {
  const count = countDirections(graph, layer);
  const total = count.directed + count.undirected;
  const directions = directionsOf(count);
  if (ONE_DIRECTION_FORMATS.has(format) && directions === 'mixed') {
    const kinds = new Set<string>(LAYER_SPECS[layer].edges);
    const files = SINGLE_DIRECTION_LAYERS.filter(
      (part) =>
        LAYER_SPECS[part].edges.every((kind) => kinds.has(kind)) &&
        // A bibliometric map's layer is written when the graph has that map.
        (LAYER_SPECS[part].map === undefined || !layerNodes(graph, part).next().done),
    ).map((part): PlannedFile => {
      const edges = edgesOfLayer(count, part);
      return {
        path: layerFileName(output, part),
        layer: part,
        edges: edges.directed + edges.undirected,
        directions: directionsOf(edges),
      };
    });
    const list = files.map((file) => `${file.layer} (${file.edges} ${file.directions})`).join(', ');
    return {
      files,
      notes: [
        `${format}: networkx and igraph hold one edge direction per graph, so the ${total} edges of layer ${layer} (directed and undirected) were written one layer per file: ${list}`,
      ],
    };
  }
  return { files: [{ path: output, layer, edges: total, directions }], notes: [] };
}
