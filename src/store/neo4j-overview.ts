/**
 * What `citegraph neo4j pull` asks Neo4j about communities that GDS wrote on Author nodes: the
 * database aggregates them into the community level (a few thousand rows, not one per node);
 * analysis/overview.ts turns the aggregates into a new overview.json.
 */
import type { CommunityAggregates } from '../model/community-aggregates.ts';
import { StoreError } from './graph-store.ts';
import type { Neo4jStore } from './neo4j-store.ts';

const MEMBERS_LISTED = 100;

const numberOf = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Four aggregate queries; `property` is the Author property holding the community id. */
async function queryCommunityAggregates(store: Neo4jStore, property: string): Promise<CommunityAggregates> {
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

/** The aggregates of the communities in `property`; an error when no Author has one. */
export async function pullCommunityAggregates(
  store: Neo4jStore,
  property = 'louvain',
): Promise<CommunityAggregates> {
  const aggregates = await queryCommunityAggregates(store, property);
  // An empty overview would look like a result; the usual cause is GDS not having run yet.
  if (aggregates.groups.length === 0)
    throw new StoreError(
      'query',
      `no Author node has a '${property}' property: run citegraph query gds/louvain --neo4j --write first (or pass --property)`,
    );
  return aggregates;
}
