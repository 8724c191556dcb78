import Graph from 'graphology';
import { connectedComponents } from 'graphology-components';
import betweenness from 'graphology-metrics/centrality/betweenness';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { AnalysedGraph } from '../graph/build.ts';
import type {
  AuthorNodeAttributes,
  PaperNodeAttributes,
  ReferenceNodeAttributes,
} from '../model/graph-schema.ts';
import type { WeightedGraph } from './communities.ts';

export interface MetricsOptions {
  /** Betweenness is O(n·m); above this many nodes in a layer it is skipped and the report says so. */
  maxBetweennessNodes: number;
  /** PageRank damping. */
  pagerankAlpha: number;
  /** Rows in each top-N table. */
  topN: number;
}

export const DEFAULT_METRICS_OPTIONS: MetricsOptions = {
  maxBetweennessNodes: 5000,
  pagerankAlpha: 0.85,
  topN: 10,
};

export interface ComponentSummary {
  count: number;
  largest: number;
  /** Share of the layer's nodes in the largest component. */
  largestShare: number;
  /** Nodes of the kind with no edge in the layer (not in any component of size > 1). */
  isolated: number;
}

/** Sum of the weights of a node's edges in a layer, rounded as every stored metric is. */
export function weightedDegree(layer: WeightedGraph, node: string): number {
  let weighted = 0;
  layer.forEachEdge(node, (_edge, attributes) => {
    weighted += attributes.weight;
  });
  return Math.round(weighted * 1e6) / 1e6;
}

/** Degree, weighted degree and (when affordable) betweenness of the layer's nodes, written on the graph. */
export function assignLayerCentralities(
  graph: AnalysedGraph,
  layer: WeightedGraph,
  options: MetricsOptions,
): { betweennessComputed: boolean } {
  layer.forEachNode((node) => {
    graph.mergeNodeAttributes(node, {
      degree: layer.degree(node),
      weightedDegree: weightedDegree(layer, node),
    });
  });
  const betweennessComputed = layer.order > 0 && layer.order <= options.maxBetweennessNodes;
  if (betweennessComputed) {
    const scores = betweenness(layer, { getEdgeWeight: null, normalized: true });
    for (const [node, score] of Object.entries(scores)) {
      graph.mergeNodeAttributes(node, { betweenness: Math.round(score * 1e9) / 1e9 });
    }
  }
  return { betweennessComputed };
}

export function componentSummary(layer: WeightedGraph, totalNodesOfKind: number): ComponentSummary {
  const components = connectedComponents(layer);
  const largest = components.reduce((max, component) => Math.max(max, component.length), 0);
  return {
    count: components.length,
    largest,
    largestShare: totalNodesOfKind > 0 ? largest / totalNodesOfKind : 0,
    isolated: totalNodesOfKind - layer.order,
  };
}

/** PageRank on the citation layer (papers and references, cites and mentions edges), written as `pagerank`. */
export function assignCitationPagerank(graph: AnalysedGraph, options: MetricsOptions): number {
  const citations = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'author') citations.addNode(node);
  });
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (attributes.kind === 'cites' || attributes.kind === 'mentions') citations.mergeEdge(source, target);
  });
  if (citations.order === 0) return 0;
  const scores = pagerank(citations, { getEdgeWeight: null, alpha: options.pagerankAlpha });
  for (const [node, score] of Object.entries(scores)) {
    graph.mergeNodeAttributes(node, { pagerank: Math.round(score * 1e9) / 1e9 });
  }
  let degreeEdges = 0;
  citations.forEachNode((node) => {
    const degree = citations.degree(node);
    degreeEdges += degree;
    const kind = graph.getNodeAttribute(node, 'kind');
    if (kind === 'paper') graph.mergeNodeAttributes(node, { degree: degree });
  });
  return degreeEdges / 2;
}

/**
 * Bridging: how many communities other than its own a node's neighbours in the layer belong to.
 * Authors (collaboration groups) and papers (themes) that link communities score above zero.
 */
export function assignBridging(
  graph: AnalysedGraph,
  layer: WeightedGraph,
  membership: Map<string, number>,
): void {
  layer.forEachNode((node) => {
    const own = membership.get(node);
    const others = new Set<number>();
    layer.forEachNeighbor(node, (neighbour) => {
      const community = membership.get(neighbour);
      if (community !== undefined && community !== own) others.add(community);
    });
    graph.mergeNodeAttributes(node, { bridging: others.size });
  });
}

export interface Tables {
  papersPerYear: { year: number | 'unknown'; papers: number }[];
  teamSizes: { authors: number | 'unknown'; papers: number }[];
  mostProductiveAuthors: { author: string; name: string; papers: number }[];
  mostConnectedAuthors: { author: string; name: string; coauthors: number; weightedDegree: number }[];
  mostCentralAuthors: { author: string; name: string; betweenness: number }[];
  mostMentionedReferences: { reference: string; text: string; mentions: number }[];
  mostCitedPapers: { paper: string; title: string; citedBy: number; pagerank: number }[];
  bridgingAuthors: { author: string; name: string; communities: number }[];
  bridgingPapers: { paper: string; title: string; themes: number }[];
}

function countBy<T extends string | number>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function sortKeys<T extends string | number>(a: T, b: T): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

/** The report's tables, read from node attributes so every consumer sees the same numbers. */
export function buildTables(graph: AnalysedGraph, options: MetricsOptions): Tables {
  const papers: [string, PaperNodeAttributes][] = [];
  const authors: [string, AuthorNodeAttributes][] = [];
  const references: [string, ReferenceNodeAttributes][] = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'paper') papers.push([node, attributes]);
    else if (attributes.kind === 'author') authors.push([node, attributes]);
    else references.push([node, attributes]);
  });
  const byName = (a: { name: string }, b: { name: string }): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const top = <T>(rows: T[], score: (row: T) => number, tie: (a: T, b: T) => number): T[] =>
    rows
      .filter((row) => score(row) > 0)
      .sort((a, b) => score(b) - score(a) || tie(a, b))
      .slice(0, options.topN);

  const years = countBy(papers.map(([, paper]) => paper.year ?? ('unknown' as const)));
  const teams = countBy(papers.map(([, paper]) => paper.authorCount ?? ('unknown' as const)));
  const authorRows = authors.map(([node, author]) => ({
    author: node,
    name: author.name,
    papers: author.paperCount,
    coauthors: author.degree ?? 0,
    weightedDegree: author.weightedDegree ?? 0,
    betweenness: author.betweenness ?? 0,
    communities: author.bridging ?? 0,
  }));
  const paperRows = papers.map(([node, paper]) => ({
    paper: node,
    title: paper.title,
    citedBy: paper.citedBy ?? 0,
    pagerank: paper.pagerank ?? 0,
    themes: paper.bridging ?? 0,
  }));
  const byTitle = (a: { title: string }, b: { title: string }): number => (a.title < b.title ? -1 : 1);
  return {
    papersPerYear: [...years]
      .sort((a, b) => sortKeys(a[0], b[0]))
      .map(([year, count]) => ({ year, papers: count })),
    teamSizes: [...teams]
      .sort((a, b) => sortKeys(a[0], b[0]))
      .map(([size, count]) => ({ authors: size, papers: count })),
    mostProductiveAuthors: top(authorRows, (row) => row.papers, byName).map(
      ({ author, name, papers: count }) => ({
        author,
        name,
        papers: count,
      }),
    ),
    mostConnectedAuthors: top(authorRows, (row) => row.coauthors + row.weightedDegree / 1e6, byName).map(
      ({ author, name, coauthors, weightedDegree }) => ({ author, name, coauthors, weightedDegree }),
    ),
    mostCentralAuthors: top(authorRows, (row) => row.betweenness, byName).map(
      ({ author, name, betweenness: b }) => ({
        author,
        name,
        betweenness: b,
      }),
    ),
    mostMentionedReferences: top(
      references.map(([node, reference]) => ({
        reference: node,
        text: reference.text,
        mentions: reference.mentionCount,
      })),
      (row) => row.mentions,
      (a, b) => (a.text < b.text ? -1 : 1),
    ),
    mostCitedPapers: top(
      paperRows,
      (row) => row.citedBy,
      (a, b) => b.pagerank - a.pagerank || byTitle(a, b),
    ).map(({ paper, title, citedBy, pagerank: rank }) => ({ paper, title, citedBy, pagerank: rank })),
    bridgingAuthors: top(authorRows, (row) => row.communities, byName).map(
      ({ author, name, communities }) => ({
        author,
        name,
        communities,
      }),
    ),
    bridgingPapers: top(paperRows, (row) => row.themes, byTitle).map(({ paper, title, themes }) => ({
      paper,
      title,
      themes,
    })),
  };
}
