/**
 * `citegraph neo4j pull` for a compact (million-paper) analysis, which has no graph.json to copy
 * properties onto: the database aggregates the communities GDS wrote on Author nodes (`louvain`)
 * into the community level, and a new overview.json is made from it. Neo4j does the per-node
 * work; only a few thousand rows come back.
 */

import { overviewGraph } from '../analysis/compact/overview.ts';
import { layoutGraph } from '../analysis/layout.ts';
import { communityColor } from '../analysis/palette.ts';
import type { AnalysedGraph } from '../graph/build.ts';
import type { CommunitySummary, GraphAttributes } from '../model/graph-schema.ts';
import { seededRandom } from '../util/random.ts';
import { StoreError } from './graph-store.ts';
import type { Neo4jStore } from './neo4j-store.ts';

/** What the database says about the communities written in one Author property. */
export interface CommunityAggregates {
  /** One row per community: its id in the database, size and first members (most connected first). */
  groups: { community: number; size: number; names: string[]; authorIds: string[] }[];
  papers: { community: number; papers: number }[];
  /** Co-authorship weight between two communities, both orientations (a = b: twice the inside weight). */
  links: { a: number; b: number; weight: number }[];
  /** Authorships from a community to the papers of a theme. */
  themes: { community: number; theme: number; weight: number }[];
}

export interface PulledOverview {
  graph: AnalysedGraph;
  groups: number;
  authors: number;
  /** Modularity of the pulled communities on the weighted co-authorship graph in the database. */
  modularity: number;
}

const MEMBERS_LISTED = 100;

const numberOf = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Four aggregate queries; `property` is the Author property holding the community id. */
export async function queryCommunityAggregates(
  store: Neo4jStore,
  property: string,
): Promise<CommunityAggregates> {
  const params = { property, listed: MEMBERS_LISTED };
  const groups = await store.query(
    'MATCH (a:Author) WHERE a[$property] IS NOT NULL ' +
      'WITH a[$property] AS community, a ORDER BY a.weightedDegree DESC, a.paperCount DESC, a.name ' +
      'WITH community, count(a) AS size, collect(a.name)[..$listed] AS names, ' +
      'collect(a.authorId)[..$listed] AS authorIds ' +
      'RETURN community, size, names, authorIds',
    params,
  );
  const papers = await store.query(
    'MATCH (a:Author)-[:AUTHORED]->(p:Paper) WHERE a[$property] IS NOT NULL ' +
      'RETURN a[$property] AS community, count(DISTINCT p) AS papers',
    params,
  );
  const links = await store.query(
    'MATCH (a:Author)-[r:COAUTHOR]-(b:Author) WHERE a[$property] IS NOT NULL AND b[$property] IS NOT NULL ' +
      'RETURN a[$property] AS a, b[$property] AS b, sum(coalesce(r.weight, 1.0)) AS weight',
    params,
  );
  const themes = await store.query(
    'MATCH (a:Author)-[:AUTHORED]->(p:Paper) WHERE a[$property] IS NOT NULL AND p.theme IS NOT NULL ' +
      'RETURN a[$property] AS community, p.theme AS theme, count(*) AS weight',
    params,
  );
  return {
    groups: groups.map((row) => ({
      community: numberOf(row.community),
      size: numberOf(row.size),
      names: stringsOf(row.names),
      authorIds: stringsOf(row.authorIds),
    })),
    papers: papers.map((row) => ({ community: numberOf(row.community), papers: numberOf(row.papers) })),
    links: links.map((row) => ({ a: numberOf(row.a), b: numberOf(row.b), weight: numberOf(row.weight) })),
    themes: themes.map((row) => ({
      community: numberOf(row.community),
      theme: numberOf(row.theme),
      weight: numberOf(row.weight),
    })),
  };
}

/** Newman modularity from community-to-community weights given in both orientations. */
export function modularityOfLinks(links: CommunityAggregates['links']): number {
  let twiceTotal = 0;
  const strength = new Map<number, number>();
  let inside = 0;
  for (const { a, b, weight } of links) {
    twiceTotal += weight;
    strength.set(a, (strength.get(a) ?? 0) + weight);
    if (a === b) inside += weight;
  }
  if (twiceTotal === 0) return 0;
  let expected = 0;
  for (const value of strength.values()) expected += (value / twiceTotal) ** 2;
  return inside / twiceTotal - expected;
}

/**
 * The overview of `previous` (an overview.json) with its collaborator groups replaced by the
 * database's: groups numbered by size (largest first, then database id), labelled by their most
 * connected members, laid out again with the themes (kept, with their links to one another).
 */
export function overviewFromAggregates(
  previous: AnalysedGraph,
  aggregates: CommunityAggregates,
  labelMembers = 3,
): PulledOverview {
  const attributes = previous.getAttributes() as Partial<GraphAttributes>;
  const themes = (attributes.communities ?? []).filter((community) => community.layer === 'theme');
  const ordered = [...aggregates.groups].sort((a, b) => b.size - a.size || a.community - b.community);
  const idOf = new Map(ordered.map((group, id) => [group.community, id]));
  const groups: CommunitySummary[] = ordered.map((group, id) => ({
    id,
    layer: 'collaboration',
    label: group.names.slice(0, labelMembers).join(', ') || `group ${id}`,
    size: group.size,
    members: group.authorIds.map((authorId) => `author:${authorId}`),
    color: communityColor(id),
  }));
  const papersOfGroup = new Array<number>(groups.length).fill(0);
  for (const row of aggregates.papers) {
    const id = idOf.get(row.community);
    if (id !== undefined) papersOfGroup[id] = row.papers;
  }
  const themeOffset = groups.length;
  const edges: { a: number; b: number; weight: number }[] = [];
  for (const { a, b, weight } of aggregates.links) {
    const [from, to] = [idOf.get(a), idOf.get(b)];
    // Each pair comes in both orientations: keep one.
    if (from !== undefined && to !== undefined && from < to) edges.push({ a: from, b: to, weight });
  }
  const themeIds = new Set(themes.map((theme) => theme.id));
  for (const { community, theme, weight } of aggregates.themes) {
    const from = idOf.get(community);
    if (from !== undefined && themeIds.has(theme)) edges.push({ a: from, b: themeOffset + theme, weight });
  }
  previous.forEachUndirectedEdge((_edge, edge, _source, _target, source, target) => {
    if (edge.kind !== 'similar' || source.kind !== 'paper' || target.kind !== 'paper') return;
    if (source.theme === undefined || target.theme === undefined) return;
    edges.push({ a: themeOffset + source.theme, b: themeOffset + target.theme, weight: edge.weight ?? 1 });
  });
  const modularity = modularityOfLinks(aggregates.links);
  const seed = typeof attributes.options?.seed === 'number' ? attributes.options.seed : 42;
  const graph = overviewGraph({
    groups,
    papersOfGroup,
    themes,
    edges,
    modularity: { collaboration: modularity, theme: attributes.modularity?.theme ?? 0 },
    seed,
  });
  graph.mergeAttributes({ name: 'citegraph community overview (communities from Neo4j)' });
  layoutGraph(graph, seededRandom(seed));
  return {
    graph,
    groups: groups.length,
    authors: ordered.reduce((sum, group) => sum + group.size, 0),
    modularity,
  };
}

/** True when a graph is the community level of a compact analysis (overview.json). */
export function isCommunityOverview(graph: AnalysedGraph): boolean {
  return (graph.getAttributes() as Partial<GraphAttributes>).options?.overview === true;
}

export async function pullCommunityOverview(
  store: Neo4jStore,
  previous: AnalysedGraph,
  property = 'louvain',
): Promise<PulledOverview> {
  const aggregates = await queryCommunityAggregates(store, property);
  // An empty overview would look like a result; the usual cause is GDS not having run yet.
  if (aggregates.groups.length === 0)
    throw new StoreError(
      'query',
      `no Author node has a '${property}' property: run citegraph query gds/louvain --neo4j first (or pass --property)`,
    );
  return overviewFromAggregates(previous, aggregates);
}
