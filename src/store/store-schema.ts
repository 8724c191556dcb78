/**
 * The database layout of an analysed graph, the same on Neo4j and Kùzu, so one query text serves both.
 *
 * Node tables (every node has `key`, the graphology node key, unique):
 *   Author, Paper, Reference, Community (one per collaboration group and per theme, key `layer:id`)
 * Relationship tables (every relationship has `key`, the graphology edge key, unique per table):
 *   (Author)-[:AUTHORED]->(Paper), (Author)-[:COAUTHOR]->(Author) (undirected in the graph: match it
 *   with `-[:COAUTHOR]-`), (Paper)-[:CITES]->(Paper), (Paper)-[:MENTIONS]->(Reference),
 *   (Paper)-[:SIMILAR]->(Paper) (undirected too), (Author|Paper)-[:IN_COMMUNITY]->(Community),
 *   and the bibliometric maps' links, undirected (match them with `-[:COCITED]-`):
 *   (Reference|Paper)-[:COCITED]-(Reference|Paper) (co-citation: `count` papers cite both),
 *   (Paper)-[:COUPLED]-(Paper) (bibliographic coupling: `count` references shared),
 *   (Keyword)-[:CO_OCCURS]-(Keyword), (Country)-[:COUNTRY_COAUTHOR]-(Country) and
 *   (Institution)-[:INSTITUTION_COAUTHOR]-(Institution) (`count` papers with both),
 *   (CitedAuthor)-[:AUTHOR_COCITED]-(CitedAuthor) and (CitedSource)-[:SOURCE_COCITED]-(CitedSource)
 *   (`count` papers citing both), each with
 *   `weight`, `count`, `fractional` and `strength`. Keyword, Country and Institution nodes are the
 *   items of their maps (`label`, `occurrences`, `community`: the cluster in the map).
 *
 * Property names are the attribute names of src/model/graph-schema.ts, except the author's name key,
 * stored as `nameKey` because `key` is the node key. Empty lists are stored as null (Kùzu cannot tell
 * them apart), so both engines answer alike.
 */
import type { AnalysedGraph, ReadableGraph } from '../graph/readable.ts';
import type {
  AuthorNodeAttributes,
  CommunitySummary,
  EdgeAttributes,
  EdgeKind,
  MapItemNodeAttributes,
  NodeAttributes,
  PaperNodeAttributes,
  ReferenceNodeAttributes,
} from '../model/graph-schema.ts';

export type PropertyType = 'string' | 'int' | 'float' | 'string[]';
export type PropertyValue = string | number | string[] | null;
export type NodeTable =
  | 'Author'
  | 'Paper'
  | 'Reference'
  | 'Community'
  | 'Keyword'
  | 'Country'
  | 'Institution'
  | 'CitedAuthor'
  | 'CitedSource';
export type RelTable =
  | 'AUTHORED'
  | 'COAUTHOR'
  | 'CITES'
  | 'MENTIONS'
  | 'SIMILAR'
  | 'IN_COMMUNITY'
  | 'COCITED'
  | 'COUPLED'
  | 'CO_OCCURS'
  | 'COUNTRY_COAUTHOR'
  | 'INSTITUTION_COAUTHOR'
  | 'AUTHOR_COCITED'
  | 'SOURCE_COCITED';

interface TableSpec {
  /** Property name → type; `key` (string) is implicit and first. */
  properties: Record<string, PropertyType>;
}

interface RelTableSpec extends TableSpec {
  /** Allowed (from, to) table pairs. */
  ends: [NodeTable, NodeTable][];
}

const centrality: Record<string, PropertyType> = {
  label: 'string',
  color: 'string',
  degree: 'int',
  weightedDegree: 'float',
  betweenness: 'float',
  bridging: 'int',
};

/** The properties of a map's own items (graph-schema.ts, MapItemNodeAttributes). */
const mapItemProperties: Record<string, PropertyType> = {
  label: 'string',
  color: 'string',
  occurrences: 'int',
  community: 'int',
  avgYear: 'float',
  avgNormCitations: 'float',
};

export const NODE_TABLES: Record<NodeTable, TableSpec> = {
  Author: {
    properties: {
      ...centrality,
      authorId: 'string',
      name: 'string',
      nameKey: 'string',
      authorKind: 'string',
      paperCount: 'int',
      firstYear: 'int',
      lastYear: 'int',
      community: 'int',
      communityLabel: 'string',
      globalCitations: 'int',
      localCitations: 'int',
      hIndex: 'int',
      gIndex: 'int',
      avgYear: 'float',
      avgNormCitations: 'float',
    },
  },
  Paper: {
    properties: {
      ...centrality,
      paperId: 'string',
      title: 'string',
      year: 'int',
      date: 'string',
      partialDate: 'string',
      abstract: 'string',
      authorCount: 'int',
      upvotes: 'int',
      venue: 'string',
      doi: 'string',
      sources: 'string[]',
      theme: 'int',
      themeLabel: 'string',
      pagerank: 'float',
      citedBy: 'int',
      globalCitations: 'int',
      localCitations: 'int',
      normCitations: 'float',
      cocitationCluster: 'int',
      couplingCluster: 'int',
    },
  },
  Reference: {
    properties: {
      ...centrality,
      referenceId: 'string',
      text: 'string',
      year: 'int',
      firstAuthorFamily: 'string',
      mentionCount: 'int',
      localCitations: 'int',
      pagerank: 'float',
      doi: 'string',
      cocitationCluster: 'int',
    },
  },
  Keyword: { properties: mapItemProperties },
  Country: { properties: mapItemProperties },
  Institution: { properties: mapItemProperties },
  CitedAuthor: { properties: mapItemProperties },
  CitedSource: { properties: mapItemProperties },
  Community: {
    properties: {
      layer: 'string',
      communityId: 'int',
      label: 'string',
      size: 'int',
      color: 'string',
      terms: 'string[]',
    },
  },
};

/** The link properties of every map (graph-schema.ts, EdgeAttributes). */
const mapLinkProperties: Record<string, PropertyType> = {
  weight: 'float',
  count: 'int',
  fractional: 'float',
  strength: 'float',
};

export const REL_TABLES: Record<RelTable, RelTableSpec> = {
  AUTHORED: { ends: [['Author', 'Paper']], properties: { position: 'int' } },
  COAUTHOR: {
    ends: [['Author', 'Author']],
    properties: { weight: 'float', count: 'int', fractional: 'float', papers: 'string[]' },
  },
  CITES: { ends: [['Paper', 'Paper']], properties: { weight: 'float', origin: 'string', context: 'string' } },
  MENTIONS: {
    ends: [['Paper', 'Reference']],
    properties: { weight: 'float', origin: 'string', context: 'string' },
  },
  SIMILAR: { ends: [['Paper', 'Paper']], properties: { weight: 'float' } },
  COCITED: {
    ends: [
      ['Reference', 'Reference'],
      ['Paper', 'Reference'],
      ['Paper', 'Paper'],
    ],
    properties: mapLinkProperties,
  },
  COUPLED: { ends: [['Paper', 'Paper']], properties: mapLinkProperties },
  CO_OCCURS: { ends: [['Keyword', 'Keyword']], properties: mapLinkProperties },
  COUNTRY_COAUTHOR: { ends: [['Country', 'Country']], properties: mapLinkProperties },
  INSTITUTION_COAUTHOR: { ends: [['Institution', 'Institution']], properties: mapLinkProperties },
  AUTHOR_COCITED: { ends: [['CitedAuthor', 'CitedAuthor']], properties: mapLinkProperties },
  SOURCE_COCITED: { ends: [['CitedSource', 'CitedSource']], properties: mapLinkProperties },
  IN_COMMUNITY: {
    ends: [
      ['Author', 'Community'],
      ['Paper', 'Community'],
    ],
    properties: {},
  },
};

export interface NodeRow {
  key: string;
  props: Record<string, PropertyValue>;
}

export interface RelRow {
  key: string;
  from: string;
  to: string;
  fromTable: NodeTable;
  toTable: NodeTable;
  props: Record<string, PropertyValue>;
}

export interface StoreRows {
  nodes: Record<NodeTable, NodeRow[]>;
  rels: Record<RelTable, RelRow[]>;
}

const TABLE_OF_KIND: Record<NodeAttributes['kind'], NodeTable> = {
  author: 'Author',
  paper: 'Paper',
  reference: 'Reference',
  keyword: 'Keyword',
  country: 'Country',
  institution: 'Institution',
  citedAuthor: 'CitedAuthor',
  citedSource: 'CitedSource',
};

const REL_OF_KIND: Partial<Record<EdgeKind, RelTable>> = {
  authored: 'AUTHORED',
  coauthor: 'COAUTHOR',
  cites: 'CITES',
  mentions: 'MENTIONS',
  similar: 'SIMILAR',
  cocitation: 'COCITED',
  coupling: 'COUPLED',
  cooccurrence: 'CO_OCCURS',
  countryCoauthor: 'COUNTRY_COAUTHOR',
  institutionCoauthor: 'INSTITUTION_COAUTHOR',
  authorCocitation: 'AUTHOR_COCITED',
  sourceCocitation: 'SOURCE_COCITED',
};

/** Converts a value to the column type; anything that does not fit becomes null (never a wrong type). */
function toColumn(value: unknown, type: PropertyType): PropertyValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
    case 'int':
      return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'string[]': {
      if (!Array.isArray(value)) return null;
      const strings = value.filter((item): item is string => typeof item === 'string');
      return strings.length > 0 ? strings : null;
    }
  }
}

function columns(spec: TableSpec, source: Record<string, unknown>): Record<string, PropertyValue> {
  const props: Record<string, PropertyValue> = {};
  for (const [name, type] of Object.entries(spec.properties)) props[name] = toColumn(source[name], type);
  return props;
}

function nodeSource(attributes: NodeAttributes): Record<string, unknown> {
  if (attributes.kind === 'author') {
    const author: AuthorNodeAttributes = attributes;
    return { ...author, nameKey: author.key };
  }
  const other: PaperNodeAttributes | ReferenceNodeAttributes | MapItemNodeAttributes = attributes;
  return { ...other };
}

function communityKey(layer: CommunitySummary['layer'], id: number): string {
  return `${layer}:${id}`;
}

/** One row of one table: what a loader writes, one at a time. */
export type StoreRow = { table: NodeTable; node: NodeRow } | { table: RelTable; rel: RelRow };

/** The row of a graph node, or undefined for a node kind that has no table. */
function nodeRow(key: string, attributes: NodeAttributes): { table: NodeTable; node: NodeRow } | undefined {
  const table = TABLE_OF_KIND[attributes.kind];
  if (!table) return undefined;
  return { table, node: { key, props: columns(NODE_TABLES[table], nodeSource(attributes)) } };
}

/** Community rows, one per distinct `layer:id` (the first summary of a key wins). */
function communityRows(communities: readonly CommunitySummary[]): NodeRow[] {
  const rows = new Map<string, NodeRow>();
  for (const community of communities) {
    const key = communityKey(community.layer, community.id);
    if (rows.has(key)) continue;
    rows.set(key, {
      key,
      props: columns(NODE_TABLES.Community, { ...community, communityId: community.id }),
    });
  }
  return [...rows.values()];
}

/** The IN_COMMUNITY row of an author (collaboration group) or paper (theme) row, if its community exists. */
function membershipRow(
  table: NodeTable,
  row: NodeRow,
  communityKeys: ReadonlySet<string>,
): RelRow | undefined {
  const layer = table === 'Author' ? 'collaboration' : table === 'Paper' ? 'theme' : undefined;
  if (!layer) return undefined;
  const id = row.props[layer === 'collaboration' ? 'community' : 'theme'];
  if (typeof id !== 'number') return undefined;
  const target = communityKey(layer, id);
  if (!communityKeys.has(target)) return undefined;
  return {
    key: `in:${row.key}->${target}`,
    from: row.key,
    to: target,
    fromTable: table,
    toTable: 'Community',
    props: {},
  };
}

/**
 * Where a graph edge goes: its table and whether it is stored turned around (an edge whose ends fit
 * the table only the other way, e.g. a reversed 'authored' edge); undefined when its kind or ends
 * have no table.
 */
function relPlacement(
  attributes: EdgeAttributes,
  sourceAttributes: NodeAttributes,
  targetAttributes: NodeAttributes,
): { table: RelTable; reversed: boolean } | undefined {
  const table = REL_OF_KIND[attributes.kind];
  const fromTable = TABLE_OF_KIND[sourceAttributes.kind];
  const toTable = TABLE_OF_KIND[targetAttributes.kind];
  if (!table || !fromTable || !toTable) return undefined;
  const ends = REL_TABLES[table].ends;
  if (ends.some(([f, t]) => f === fromTable && t === toTable)) return { table, reversed: false };
  if (ends.some(([f, t]) => f === toTable && t === fromTable)) return { table, reversed: true };
  return undefined;
}

/**
 * The row of a graph edge, or undefined when its kind or ends have no table. Edges whose ends do
 * not fit the table (e.g. a reversed 'authored' edge) are turned around or skipped.
 */
function relRow(
  key: string,
  attributes: EdgeAttributes,
  source: string,
  target: string,
  sourceAttributes: NodeAttributes,
  targetAttributes: NodeAttributes,
): { table: RelTable; rel: RelRow } | undefined {
  const placement = relPlacement(attributes, sourceAttributes, targetAttributes);
  if (!placement) return undefined;
  const { table, reversed } = placement;
  const props = columns(REL_TABLES[table], attributes as unknown as Record<string, unknown>);
  const fromTable = TABLE_OF_KIND[sourceAttributes.kind]!;
  const toTable = TABLE_OF_KIND[targetAttributes.kind]!;
  return {
    table,
    rel: reversed
      ? { key, from: target, to: source, fromTable: toTable, toTable: fromTable, props }
      : { key, from: source, to: target, fromTable, toTable, props },
  };
}

/** The communities stored with an analysed graph (its graph attribute), none when absent. */
export function graphCommunities(graph: AnalysedGraph): CommunitySummary[] {
  return graph.hasAttribute('communities') ? (graph.getAttribute('communities') ?? []) : [];
}

/**
 * The rows of a graph one at a time, in an order that can be merged row by row: community nodes,
 * then each node followed by its IN_COMMUNITY row, then the relationships. Nothing is kept per row.
 */
export function* streamRows(
  graph: ReadableGraph,
  communities: readonly CommunitySummary[],
): Generator<StoreRow> {
  const community = communityRows(communities);
  const communityKeys = new Set(community.map((row) => row.key));
  for (const node of community) yield { table: 'Community', node };
  for (const { node, attributes } of graph.nodeEntries()) {
    const row = nodeRow(node, attributes);
    if (!row) continue;
    yield row;
    const membership = membershipRow(row.table, row.node, communityKeys);
    if (membership) yield { table: 'IN_COMMUNITY', rel: membership };
  }
  for (const entry of graph.edgeEntries()) {
    const row = relRow(
      entry.edge,
      entry.attributes,
      entry.source,
      entry.target,
      entry.sourceAttributes,
      entry.targetAttributes,
    );
    if (row) yield row;
  }
}

/** The rows of one table: how many, and any stretch of them built on demand. */
export interface TableRows<R> {
  count: number;
  /** Rows `from` to `to` (exclusive), built anew at each call. */
  rows(from: number, to: number): R[];
}

interface StoreTables {
  nodes: Record<NodeTable, TableRows<NodeRow>>;
  rels: Record<RelTable, TableRows<RelRow>>;
}

function tableRows<R>(keys: string[], build: (key: string) => R): TableRows<R> {
  return { count: keys.length, rows: (from, to) => keys.slice(from, to).map(build) };
}

function byTable<T extends string>(tables: Record<T, unknown>): Record<T, string[]> {
  return Object.fromEntries(Object.keys(tables).map((table) => [table, []])) as unknown as Record<
    T,
    string[]
  >;
}

/**
 * The rows of an analysed graph table by table, in a stable order (graph order; IN_COMMUNITY rows
 * of authors, then of papers), counted at once and built a stretch at a time. Only the keys of
 * each table's nodes and edges are kept, so a big graph's rows never all live at once.
 */
export function storeTables(graph: AnalysedGraph): StoreTables {
  const nodeKeys = byTable(NODE_TABLES);
  const edgeKeys = byTable(REL_TABLES);
  const community = communityRows(graphCommunities(graph));
  const communityKeys = new Set(community.map((row) => row.key));
  const members: Record<'Author' | 'Paper', string[]> = { Author: [], Paper: [] };
  graph.forEachNode((key, attributes) => {
    const table = TABLE_OF_KIND[attributes.kind];
    if (!table) return;
    nodeKeys[table].push(key);
    if (table !== 'Author' && table !== 'Paper') return;
    const row = nodeRow(key, attributes);
    if (row && membershipRow(table, row.node, communityKeys)) members[table].push(key);
  });
  graph.forEachEdge((key, attributes, _source, _target, sourceAttributes, targetAttributes) => {
    const placement = relPlacement(attributes, sourceAttributes, targetAttributes);
    if (placement) edgeKeys[placement.table].push(key);
  });
  const node = (key: string) => nodeRow(key, graph.getNodeAttributes(key))!.node;
  const rel = (key: string) => {
    const [source, target] = graph.extremities(key);
    return relRow(
      key,
      graph.getEdgeAttributes(key),
      source,
      target,
      graph.getNodeAttributes(source),
      graph.getNodeAttributes(target),
    )!.rel;
  };
  const nodes = Object.fromEntries(
    Object.entries(nodeKeys).map(([table, keys]) => [table, tableRows(keys as string[], node)]),
  ) as Record<NodeTable, TableRows<NodeRow>>;
  nodes.Community = { count: community.length, rows: (from, to) => community.slice(from, to) };
  const rels = Object.fromEntries(
    Object.entries(edgeKeys).map(([table, keys]) => [table, tableRows(keys as string[], rel)]),
  ) as Record<RelTable, TableRows<RelRow>>;
  const memberKeys = [...members.Author, ...members.Paper];
  rels.IN_COMMUNITY = tableRows(memberKeys, (key) => {
    const row = nodeRow(key, graph.getNodeAttributes(key))!;
    return membershipRow(row.table, row.node, communityKeys)!;
  });
  return { nodes, rels };
}

/** The rows to write for an analysed graph, table by table, in a stable order. */
export function storeRows(graph: AnalysedGraph): StoreRows {
  const tables = storeTables(graph);
  const all = <T extends string, R>(record: Record<T, TableRows<R>>): Record<T, R[]> =>
    Object.fromEntries(
      Object.entries<TableRows<R>>(record).map(([table, rows]) => [table, rows.rows(0, rows.count)]),
    ) as Record<T, R[]>;
  return { nodes: all(tables.nodes), rels: all(tables.rels) };
}

/** Number of node and relationship rows, e.g. to compare with the counts in a database. */
export function countRows(rows: StoreRows): {
  nodes: Record<NodeTable, number>;
  rels: Record<RelTable, number>;
} {
  const count = <K extends string>(tables: Record<K, unknown[]>): Record<K, number> =>
    Object.fromEntries(Object.entries<unknown[]>(tables).map(([k, v]) => [k, v.length])) as Record<K, number>;
  return { nodes: count(rows.nodes), rels: count(rows.rels) };
}
