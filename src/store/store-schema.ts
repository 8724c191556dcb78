/**
 * The database layout of an analysed graph, the same on Neo4j and Kùzu, so one query text serves both.
 *
 * Node tables (every node has `key`, the graphology node key, unique):
 *   Author, Paper, Reference, Community (one per collaboration group and per theme, key `layer:id`)
 * Relationship tables (every relationship has `key`, the graphology edge key, unique per table):
 *   (Author)-[:AUTHORED]->(Paper), (Author)-[:COAUTHOR]->(Author) (undirected in the graph: match it
 *   with `-[:COAUTHOR]-`), (Paper)-[:CITES]->(Paper), (Paper)-[:MENTIONS]->(Reference),
 *   (Paper)-[:SIMILAR]->(Paper) (undirected too), (Author|Paper)-[:IN_COMMUNITY]->(Community).
 *
 * Property names are the attribute names of src/model/graph-schema.ts, except the author's name key,
 * stored as `nameKey` because `key` is the node key. Empty lists are stored as null (Kùzu cannot tell
 * them apart), so both engines answer alike.
 */
import type {
  AuthorNodeAttributes,
  CommunitySummary,
  EdgeKind,
  NodeAttributes,
  PaperNodeAttributes,
  ReferenceNodeAttributes,
} from '../model/graph-schema.ts';
import type { AnalysedGraph } from './graph-store.ts';

export type PropertyType = 'string' | 'int' | 'float' | 'string[]';
export type PropertyValue = string | number | string[] | null;
export type NodeTable = 'Author' | 'Paper' | 'Reference' | 'Community';
export type RelTable = 'AUTHORED' | 'COAUTHOR' | 'CITES' | 'MENTIONS' | 'SIMILAR' | 'IN_COMMUNITY';

export interface TableSpec {
  /** Property name → type; `key` (string) is implicit and first. */
  properties: Record<string, PropertyType>;
}

export interface RelTableSpec extends TableSpec {
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
    },
  },
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
};

const REL_OF_KIND: Record<EdgeKind, RelTable> = {
  authored: 'AUTHORED',
  coauthor: 'COAUTHOR',
  cites: 'CITES',
  mentions: 'MENTIONS',
  similar: 'SIMILAR',
};

/** Converts a value to the column type; anything that does not fit becomes null (never a wrong type). */
export function toColumn(value: unknown, type: PropertyType): PropertyValue {
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
  const other: PaperNodeAttributes | ReferenceNodeAttributes = attributes;
  return { ...other };
}

export function communityKey(layer: CommunitySummary['layer'], id: number): string {
  return `${layer}:${id}`;
}

/** The rows to write for an analysed graph, table by table, in a stable order. */
export function storeRows(graph: AnalysedGraph): StoreRows {
  const nodes: StoreRows['nodes'] = { Author: [], Paper: [], Reference: [], Community: [] };
  const rels: StoreRows['rels'] = {
    AUTHORED: [],
    COAUTHOR: [],
    CITES: [],
    MENTIONS: [],
    SIMILAR: [],
    IN_COMMUNITY: [],
  };
  const tableOf = new Map<string, NodeTable>();
  graph.forEachNode((key, attributes) => {
    const table = TABLE_OF_KIND[attributes.kind];
    if (!table) return;
    tableOf.set(key, table);
    nodes[table].push({ key, props: columns(NODE_TABLES[table], nodeSource(attributes)) });
  });

  const communities = graph.hasAttribute('communities') ? (graph.getAttribute('communities') ?? []) : [];
  const communityKeys = new Set<string>();
  for (const community of communities) {
    const key = communityKey(community.layer, community.id);
    if (communityKeys.has(key)) continue;
    communityKeys.add(key);
    nodes.Community.push({
      key,
      props: columns(NODE_TABLES.Community, { ...community, communityId: community.id }),
    });
  }

  graph.forEachEdge((key, attributes, source, target) => {
    const table = REL_OF_KIND[attributes.kind];
    const fromTable = tableOf.get(source);
    const toTable = tableOf.get(target);
    if (!table || !fromTable || !toTable) return;
    // Edges whose ends do not fit the table (e.g. a reversed 'authored' edge) are turned around or skipped.
    const spec = REL_TABLES[table];
    const fits = (a: NodeTable, b: NodeTable) => spec.ends.some(([f, t]) => f === a && t === b);
    const props = columns(spec, attributes as unknown as Record<string, unknown>);
    if (fits(fromTable, toTable))
      rels[table].push({ key, from: source, to: target, fromTable, toTable, props });
    else if (fits(toTable, fromTable))
      rels[table].push({ key, from: target, to: source, fromTable: toTable, toTable: fromTable, props });
  });

  for (const row of nodes.Author) {
    const community = row.props.community;
    const target = typeof community === 'number' ? communityKey('collaboration', community) : undefined;
    if (target && communityKeys.has(target))
      rels.IN_COMMUNITY.push({
        key: `in:${row.key}->${target}`,
        from: row.key,
        to: target,
        fromTable: 'Author',
        toTable: 'Community',
        props: {},
      });
  }
  for (const row of nodes.Paper) {
    const theme = row.props.theme;
    const target = typeof theme === 'number' ? communityKey('theme', theme) : undefined;
    if (target && communityKeys.has(target))
      rels.IN_COMMUNITY.push({
        key: `in:${row.key}->${target}`,
        from: row.key,
        to: target,
        fromTable: 'Paper',
        toTable: 'Community',
        props: {},
      });
  }
  return { nodes, rels };
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
