/**
 * CSV files for `neo4j-admin database import full` (Neo4j 5), written row by row to sinks.
 *
 * Header format (neo4j-admin's, also readable with LOAD CSV WITH HEADERS; the `name:type`
 * suffixes are then just part of the column name):
 *   nodes          authors.csv    authorId:ID(Author),label,name,key,authorKind,paperCount:long,…
 *                  papers.csv     paperId:ID(Paper),label,title,year:long,…,sources:string[],…
 *                  references.csv referenceId:ID(Reference),label,text,year:long,mentionCount:long,…
 *   relationships  authored.csv   :START_ID(Author),:END_ID(Paper),:TYPE,weight:double,position:long
 *                  coauthor.csv   :START_ID(Author),:END_ID(Author),:TYPE,weight:double,count:long,
 *                                 fractional:double,papers:string[]
 *                  cites.csv      :START_ID(Paper),:END_ID(Paper),:TYPE,weight:double,origin,context
 *                  mentions.csv   :START_ID(Paper),:END_ID(Reference),:TYPE,weight:double,origin,context
 *                  similar.csv    :START_ID(Paper),:END_ID(Paper),:TYPE,weight:double
 * Labels Author/Paper/Reference come from the command (--nodes=Author=authors.csv); :TYPE is
 * AUTHORED, COAUTHOR, CITES, MENTIONS, SIMILAR. Ids are the schema's authorId/paperId/referenceId
 * (unique within their ID space). Types: integers `long`, reals `double`; lists `string[]`
 * joined by ';' (neo4j-admin's default array delimiter); objects (themeMix) JSON text; the
 * graph-level `kind` is the label/type and is not repeated. Empty field = no property.
 * Quoting is RFC 4180 (quotes doubled); texts may span lines, hence --multiline-fields=true.
 * Columns come from the schema types plus any extra attribute found in the graph.
 */

import { edgeEntriesOfKind, nodeEntriesOfKind, type ReadableGraph } from '../graph/readable.ts';
import type { EdgeKind, NodeAttributes, NodeKind } from '../model/graph-schema.ts';
import {
  AttributeModel,
  type AttributeType,
  type ChunkSink,
  EDGE_ATTRIBUTE_TYPES,
  NODE_ATTRIBUTE_TYPES,
  pipeChunks,
  type ScalarValue,
  toScalar,
} from './attributes.ts';
import { csvRow } from './csv.ts';

interface NodeFileSpec {
  file: string;
  label: string;
  kind: NodeKind;
  idAttribute: 'authorId' | 'paperId' | 'referenceId';
}

interface RelationshipFileSpec {
  file: string;
  type: string;
  kind: EdgeKind;
  start: string;
  end: string;
}

export const NEO4J_NODE_FILES: readonly NodeFileSpec[] = [
  { file: 'authors.csv', label: 'Author', kind: 'author', idAttribute: 'authorId' },
  { file: 'papers.csv', label: 'Paper', kind: 'paper', idAttribute: 'paperId' },
  { file: 'references.csv', label: 'Reference', kind: 'reference', idAttribute: 'referenceId' },
];

export const NEO4J_RELATIONSHIP_FILES: readonly RelationshipFileSpec[] = [
  { file: 'authored.csv', type: 'AUTHORED', kind: 'authored', start: 'Author', end: 'Paper' },
  { file: 'coauthor.csv', type: 'COAUTHOR', kind: 'coauthor', start: 'Author', end: 'Author' },
  { file: 'cites.csv', type: 'CITES', kind: 'cites', start: 'Paper', end: 'Paper' },
  { file: 'mentions.csv', type: 'MENTIONS', kind: 'mentions', start: 'Paper', end: 'Reference' },
  { file: 'similar.csv', type: 'SIMILAR', kind: 'similar', start: 'Paper', end: 'Paper' },
];

const NEO4J_TYPES: Record<AttributeType, string> = {
  boolean: 'boolean',
  integer: 'long',
  long: 'long',
  double: 'double',
  string: 'string',
};
const ARRAY_DELIMITER = ';';

/** A property value as neo4j-admin reads it; lists of scalars become `string[]` columns. */
function propertyValue(value: unknown): { value: ScalarValue | undefined; list: boolean } {
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return { value: value.map(String).join(ARRAY_DELIMITER), list: true };
  }
  return { value: toScalar(value), list: false };
}

interface Column {
  name: string;
  header: string;
}

function columnsOf(
  records: Iterable<object>,
  declared: Readonly<Record<string, AttributeType>>,
  skip: Set<string>,
): Column[] {
  const model = new AttributeModel(declared);
  const lists = new Set<string>();
  for (const record of records) {
    const scalars: Record<string, ScalarValue> = {};
    for (const [name, raw] of Object.entries(record)) {
      if (skip.has(name)) continue;
      const { value, list } = propertyValue(raw);
      if (value === undefined) continue;
      if (list) lists.add(name);
      // A list column is typed string[] whatever its items, so it counts as text here.
      scalars[name] = list ? String(value) : value;
    }
    model.add(scalars);
  }
  return [...model.types].map(([name, type]) => ({
    name,
    header: `${name}:${lists.has(name) ? 'string[]' : NEO4J_TYPES[type]}`.replace(/:string$/, ''),
  }));
}

function* nodesOfKind(graph: ReadableGraph, kind: NodeKind): Generator<NodeAttributes> {
  for (const { attributes } of nodeEntriesOfKind(graph, kind)) yield attributes;
}

function* nodeFilePieces(graph: ReadableGraph, spec: NodeFileSpec): Generator<string> {
  const columns = columnsOf(
    nodesOfKind(graph, spec.kind),
    NODE_ATTRIBUTE_TYPES,
    new Set(['kind', spec.idAttribute]),
  );
  yield csvRow([`${spec.idAttribute}:ID(${spec.label})`, ...columns.map((c) => c.header)]);
  for (const attributes of nodesOfKind(graph, spec.kind)) {
    const record = attributes as unknown as Record<string, unknown>;
    yield csvRow([
      String(record[spec.idAttribute]),
      ...columns.map((c) => propertyValue(record[c.name]).value),
    ]);
  }
}

function* relationshipFilePieces(graph: ReadableGraph, spec: RelationshipFileSpec): Generator<string> {
  const edges = function* () {
    yield* edgeEntriesOfKind(graph, spec.kind);
  };
  const columns = columnsOf(
    (function* () {
      for (const entry of edges()) yield entry.attributes;
    })(),
    EDGE_ATTRIBUTE_TYPES,
    new Set(['kind']),
  );
  const idOf = (attributes: NodeAttributes): string =>
    attributes.kind === 'author'
      ? attributes.authorId
      : attributes.kind === 'paper'
        ? attributes.paperId
        : attributes.kind === 'reference'
          ? attributes.referenceId
          : attributes.label;
  yield csvRow([
    `:START_ID(${spec.start})`,
    `:END_ID(${spec.end})`,
    ':TYPE',
    ...columns.map((c) => c.header),
  ]);
  for (const { attributes, sourceAttributes, targetAttributes } of edges()) {
    const record = attributes as unknown as Record<string, unknown>;
    yield csvRow([
      idOf(sourceAttributes),
      idOf(targetAttributes),
      spec.type,
      ...columns.map((c) => propertyValue(record[c.name]).value),
    ]);
  }
}

/** The exact neo4j-admin command for the files written into `dir` (relative to the shell's cwd). */
export function neo4jImportCommand(dir = '.', database = 'neo4j'): string {
  const nodes = NEO4J_NODE_FILES.map((f) => `  --nodes=${f.label}="${dir}/${f.file}"`);
  const rels = NEO4J_RELATIONSHIP_FILES.map((f) => `  --relationships=${f.type}="${dir}/${f.file}"`);
  return [
    `neo4j-admin database import full ${database} \\`,
    '  --overwrite-destination=true --multiline-fields=true --array-delimiter=";" \\',
    ...[...nodes, ...rels].map((line, i, all) => (i < all.length - 1 ? `${line} \\` : line)),
  ].join('\n');
}

/** import.sh, run from the export folder with the Neo4j server stopped. */
function neo4jImportScript(): string {
  return [
    '#!/usr/bin/env sh',
    '# Written by `citegraph export --format neo4j-import`. Stop the Neo4j server first; run from this folder.',
    '# This replaces the database (default: neo4j; pass another name as $1).',
    'set -eu',
    'cd "$(dirname "$0")"',
    // Shell parameter expansion: the database named by $1, default neo4j.
    neo4jImportCommand('.', ['"$', '{1:-neo4j}"'].join('')),
    '',
  ].join('\n');
}

function neo4jImportReadme(): string {
  return `# Neo4j bulk import

Files for \`neo4j-admin database import full\` (Neo4j 5), written by citegraph.

Nodes: ${NEO4J_NODE_FILES.map((f) => `\`${f.file}\` (:${f.label})`).join(', ')}.
Relationships: ${NEO4J_RELATIONSHIP_FILES.map((f) => `\`${f.file}\` (:${f.type})`).join(', ')}.

With the server stopped, from this folder (or run \`sh import.sh\`):

\`\`\`sh
${neo4jImportCommand('.')}
\`\`\`

Then start the server and, for example: \`MATCH (a:Author)-[c:COAUTHOR]-(b:Author) RETURN a.name, b.name, c.weight\`.
List properties (papers on COAUTHOR, sources on Paper) are \`string[]\`, split on ';'.
`;
}

/** Every file of the import folder: name → its pieces (generated on demand, row by row). */
export function neo4jImportFiles(graph: ReadableGraph): { name: string; pieces: () => Iterable<string> }[] {
  return [
    ...NEO4J_NODE_FILES.map((spec) => ({ name: spec.file, pieces: () => nodeFilePieces(graph, spec) })),
    ...NEO4J_RELATIONSHIP_FILES.map((spec) => ({
      name: spec.file,
      pieces: () => relationshipFilePieces(graph, spec),
    })),
    { name: 'import.sh', pieces: () => [neo4jImportScript()] },
    { name: 'README.md', pieces: () => [neo4jImportReadme()] },
  ];
}

/** Writes every file to the sink `sinkFor(name)` returns (the CLI opens one file per name). */
export async function writeNeo4jImport(
  graph: ReadableGraph,
  sinkFor: (name: string) => ChunkSink,
): Promise<string[]> {
  const names: string[] = [];
  for (const file of neo4jImportFiles(graph)) {
    await pipeChunks(file.pieces(), sinkFor(file.name));
    names.push(file.name);
  }
  return names;
}
