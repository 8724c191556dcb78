import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type Sigma from 'sigma';
import type {
  CommunityLayer,
  CommunitySummary,
  EdgeAttributes,
  GraphAttributes,
  NodeAttributes,
} from '../model/graph-schema.ts';

export type AnalysedGraph = Graph<NodeAttributes, EdgeAttributes, GraphAttributes>;
export type AnalysedSigma = Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** Builds the analysed graph from graphology's `graph.export()` JSON, tolerating missing graph attributes. */
export function graphFromJSON(
  data: SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>,
): AnalysedGraph {
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: true });
  graph.import(data);
  if (!Array.isArray(graph.getAttribute('communities'))) graph.setAttribute('communities', []);
  return graph;
}

/**
 * Read-only facts derived once from the graph so reducers stay cheap: the community of each node in each
 * layer (papers borrow their first author's group, authors their main theme), edge years, metric ranges.
 */
export interface GraphIndex {
  communityOf: Record<CommunityLayer, Map<string, number>>;
  communities: Record<CommunityLayer, Map<number, CommunitySummary>>;
  /** Earliest year an edge exists (coauthor: first joint paper; others: the paper's year). */
  edgeYear: Map<string, number>;
  years: { min: number; max: number } | null;
  maxWeight: Map<string, number>;
  /** Display labels for search, unique, mapped to node keys. */
  searchEntries: { text: string; key: string; kind: string }[];
}

function nodeYear(attrs: NodeAttributes): number | undefined {
  if (attrs.kind === 'paper') return attrs.year;
  if (attrs.kind === 'author') return attrs.firstYear;
  return undefined;
}

/** The years a node spans (an author's first to last paper), null without a year. */
export function nodeYears(attrs: NodeAttributes): { first: number; last: number } | null {
  if (attrs.kind === 'author') {
    if (typeof attrs.firstYear !== 'number') return null;
    return { first: attrs.firstYear, last: attrs.lastYear ?? attrs.firstYear };
  }
  const y = (attrs as { year?: unknown }).year;
  return typeof y === 'number' ? { first: y, last: y } : null;
}

export function buildIndex(graph: AnalysedGraph): GraphIndex {
  const communityOf: GraphIndex['communityOf'] = { collaboration: new Map(), theme: new Map() };
  const communities: GraphIndex['communities'] = { collaboration: new Map(), theme: new Map() };
  for (const c of graph.getAttribute('communities') ?? []) communities[c.layer]?.set(c.id, c);

  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  const searchEntries: GraphIndex['searchEntries'] = [];
  const seen = new Set<string>();
  graph.forEachNode((key, a) => {
    if (a.kind === 'author') {
      if (typeof a.community === 'number' && a.community >= 0)
        communityOf.collaboration.set(key, a.community);
      let best: [string, number] | null = null;
      for (const [theme, share] of Object.entries(a.themeMix ?? {}))
        if (!best || share > best[1]) best = [theme, share];
      if (best) communityOf.theme.set(key, Number(best[0]));
    } else if (a.kind === 'paper') {
      if (typeof a.theme === 'number' && a.theme >= 0) communityOf.theme.set(key, a.theme);
    }
    const y = nodeYear(a);
    if (typeof y === 'number') {
      minYear = Math.min(minYear, y);
      maxYear = Math.max(maxYear, y);
    }
    const base =
      a.kind === 'author' ? a.name : a.kind === 'paper' ? a.title : a.kind === 'reference' ? a.text : a.label;
    let text = base || a.label || key;
    if (seen.has(text))
      text = `${text} (${a.kind}${(a.kind === 'paper' || a.kind === 'reference') && a.year ? ` ${a.year}` : ''})`;
    if (seen.has(text)) text = `${text} [${key}]`;
    seen.add(text);
    searchEntries.push({ text, key, kind: a.kind });
  });

  const edgeYear = new Map<string, number>();
  const maxWeight = new Map<string, number>();
  const paperYear = (id: string): number | undefined => {
    const k = `paper:${id}`;
    if (!graph.hasNode(k)) return undefined;
    const a = graph.getNodeAttributes(k);
    return a.kind === 'paper' ? a.year : undefined;
  };
  graph.forEachEdge((edge, a, source, target, sa, ta) => {
    maxWeight.set(a.kind, Math.max(maxWeight.get(a.kind) ?? 0, a.weight ?? 1));
    let y: number | undefined;
    if (a.kind === 'coauthor') {
      for (const p of a.papers ?? []) {
        const py = paperYear(p);
        if (py !== undefined && (y === undefined || py < y)) y = py;
      }
    } else if (a.kind === 'authored' || a.kind === 'similar') {
      const ys = [sa, ta]
        .map((n) => (n.kind === 'paper' ? n.year : undefined))
        .filter((v) => v !== undefined);
      if (ys.length) y = Math.max(...(ys as number[]));
    } else if (sa.kind === 'paper') {
      y = sa.year;
    }
    if (y !== undefined) edgeYear.set(edge, y);
    // Papers borrow the collaboration group of their first author.
    if (a.kind === 'authored' && a.position === 1 && communityOf.collaboration.has(source)) {
      communityOf.collaboration.set(target, communityOf.collaboration.get(source)!);
    }
  });
  return {
    communityOf,
    communities,
    edgeYear,
    years: Number.isFinite(minYear) ? { min: minYear, max: maxYear } : null,
    maxWeight,
    searchEntries,
  };
}
