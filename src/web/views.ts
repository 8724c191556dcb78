/**
 * The views of the analysed graph, read from the edge kinds it holds: each view is one layer (edges of
 * some kinds and the nodes they join). Known kinds get a name, a default colouring and a sentence
 * saying what an edge means; any other kind still becomes a view named after it.
 */
import type { AnalysedGraph } from './graph-index.ts';

export interface ViewDefinition {
  /** The state's `view` value (stable, used in links). */
  id: string;
  label: string;
  nodeKinds: ReadonlySet<string>;
  edgeKinds: ReadonlySet<string>;
  /** The colouring this view starts with. */
  colorBy: string;
  /** What one edge of this view means, for the panel. */
  edgeMeaning: string;
  /** Why a graph may hold no edge of this view, said when the layer is empty. */
  emptyReason: string;
  /** A bibliometric map's own layout: the node attributes holding its positions (graph-schema.ts). */
  positions?: { x: string; y: string };
}

interface KnownView extends Omit<ViewDefinition, 'nodeKinds'> {
  nodeKinds: readonly string[];
}

/**
 * A bibliometric map's view (graph-schema.ts): its items of one kind, coloured by `<map>Cluster` and
 * drawn at `<map>X`/`<map>Y`.
 */
function mapView(
  id: string,
  label: string,
  nodeKind: string,
  edgeKind: string,
  edgeMeaning: string,
  emptyReason: string,
): KnownView {
  return {
    id,
    label,
    nodeKinds: [nodeKind],
    edgeKinds: new Set([edgeKind]),
    colorBy: `${id}Cluster`,
    edgeMeaning,
    emptyReason,
    positions: { x: `${id}X`, y: `${id}Y` },
  };
}

/** The views citegraph's analysis writes, in menu order. */
const KNOWN_VIEWS: readonly KnownView[] = [
  {
    id: 'coauthor',
    label: 'Co-authorship',
    nodeKinds: ['author'],
    edgeKinds: new Set(['coauthor']),
    colorBy: 'collaboration',
    edgeMeaning: 'Two authors are linked by the papers they wrote together.',
    emptyReason: 'No paper in this graph has two or more authors.',
  },
  {
    id: 'citations',
    label: 'Citations',
    nodeKinds: ['paper', 'reference'],
    edgeKinds: new Set(['cites', 'mentions']),
    colorBy: 'theme',
    edgeMeaning: 'A paper points to a paper or reference it cites.',
    emptyReason:
      'No paper in this graph lists references or cites another paper of the corpus (listing pages carry no reference lists).',
  },
  mapView(
    'cocitation',
    'Co-citation',
    'reference',
    'cocitation',
    'Two cited works are linked by the corpus documents that cite both.',
    'No two cited works are cited together often enough by the corpus documents.',
  ),
  mapView(
    'coupling',
    'Bibliographic coupling',
    'paper',
    'coupling',
    'Two documents are linked by the references they share.',
    'No two documents of this graph share enough references.',
  ),
  mapView(
    'cooccurrence',
    'Keyword co-occurrence',
    'keyword',
    'cooccurrence',
    'Two keywords are linked by the documents in which both occur.',
    'No two keywords occur together often enough in the documents.',
  ),
  mapView(
    'countries',
    'Country co-authorship',
    'country',
    'countryCoauthor',
    'Two countries are linked by the papers with authors in both.',
    'No paper has authors in two countries (affiliations with countries are needed).',
  ),
  mapView(
    'institutions',
    'Institution co-authorship',
    'institution',
    'institutionCoauthor',
    'Two institutions are linked by the papers with authors in both.',
    'No paper has authors in two institutions (affiliations are needed).',
  ),
  {
    id: 'themes',
    label: 'Themes',
    nodeKinds: ['paper'],
    edgeKinds: new Set(['similar']),
    colorBy: 'theme',
    edgeMeaning: 'Two papers are linked by how similar their titles and abstracts are (cosine of TF-IDF).',
    emptyReason: 'No two papers have similar enough texts.',
  },
  {
    id: 'authorship',
    label: 'Author–paper',
    nodeKinds: ['author', 'paper'],
    edgeKinds: new Set(['authored']),
    colorBy: 'collaboration',
    edgeMeaning: 'An author points to a paper they wrote.',
    emptyReason: 'This graph holds no authorship links.',
  },
];

const KNOWN_EDGE_KINDS = new Set(KNOWN_VIEWS.flatMap((v) => [...v.edgeKinds]));

/** The node kinds at either end of each edge kind of the graph. */
function edgeKindEnds(graph: AnalysedGraph): Map<string, Set<string>> {
  const ends = new Map<string, Set<string>>();
  graph.forEachEdge((_e, a, _s, _t, sa, ta) => {
    const kind = a.kind as string;
    let set = ends.get(kind);
    if (!set) {
      set = new Set();
      ends.set(kind, set);
    }
    set.add(sa.kind);
    set.add(ta.kind);
  });
  return ends;
}

/**
 * The views of a graph: the three original layers always (so an empty one can say why), every other
 * known layer when the graph holds its edges, and one view per unknown edge kind.
 */
export function viewsOf(graph: AnalysedGraph): Map<string, ViewDefinition> {
  const ends = edgeKindEnds(graph);
  const always = new Set(['coauthor', 'citations', 'themes', 'authorship']);
  const views = new Map<string, ViewDefinition>();
  for (const known of KNOWN_VIEWS) {
    const present = [...known.edgeKinds].some((k) => ends.has(k));
    if (!present && !always.has(known.id)) continue;
    const kinds = new Set(known.nodeKinds);
    for (const k of known.edgeKinds) for (const n of ends.get(k) ?? []) kinds.add(n);
    views.set(known.id, { ...known, nodeKinds: kinds });
  }
  for (const [kind, nodeKinds] of ends) {
    if (KNOWN_EDGE_KINDS.has(kind)) continue;
    views.set(kind, {
      id: kind,
      label: kind.charAt(0).toUpperCase() + kind.slice(1),
      nodeKinds,
      edgeKinds: new Set([kind]),
      colorBy: 'cluster',
      edgeMeaning: `Two nodes are linked by a ${kind} edge.`,
      emptyReason: `This graph holds no ${kind} edge.`,
    });
  }
  return views;
}

/** The view to show a node of this kind in: the current one if it holds the kind, else the first that does. */
export function viewForKind(views: Map<string, ViewDefinition>, current: string, kind: string): string {
  if (views.get(current)?.nodeKinds.has(kind)) return current;
  const preferred = kind === 'author' ? 'coauthor' : kind === 'paper' ? 'citations' : null;
  if (preferred && views.has(preferred)) return preferred;
  for (const v of views.values()) if (v.nodeKinds.has(kind)) return v.id;
  return current;
}
