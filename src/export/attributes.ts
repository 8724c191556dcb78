/**
 * Attribute handling shared by the export writers: every format carries scalars only, with one
 * type per attribute name, taken from src/model/graph-schema.ts where the schema says it.
 */
import type { ExportLayer } from './layers.ts';

export type ScalarValue = string | number | boolean;
export type ScalarRecord = Record<string, ScalarValue>;
/** The attribute types the writers declare (GEXF names; GraphML and CSV map them). */
export type AttributeType = 'boolean' | 'integer' | 'long' | 'double' | 'string';

/** Types the schema fixes, so a metric that happens to be whole everywhere is still declared double. */
export const NODE_ATTRIBUTE_TYPES: Readonly<Record<string, AttributeType>> = {
  kind: 'string',
  label: 'string',
  x: 'double',
  y: 'double',
  size: 'double',
  color: 'string',
  degree: 'integer',
  weightedDegree: 'double',
  betweenness: 'double',
  bridging: 'integer',
  paperId: 'string',
  title: 'string',
  year: 'integer',
  date: 'string',
  partialDate: 'string',
  abstract: 'string',
  authorCount: 'integer',
  upvotes: 'integer',
  venue: 'string',
  doi: 'string',
  sources: 'string',
  theme: 'integer',
  themeLabel: 'string',
  pagerank: 'double',
  citedBy: 'integer',
  globalCitations: 'integer',
  localCitations: 'integer',
  normCitations: 'double',
  hIndex: 'integer',
  gIndex: 'integer',
  avgYear: 'double',
  avgNormCitations: 'double',
  authorId: 'string',
  name: 'string',
  key: 'string',
  authorKind: 'string',
  paperCount: 'integer',
  firstYear: 'integer',
  lastYear: 'integer',
  community: 'integer',
  communityLabel: 'string',
  themeMix: 'string',
  referenceId: 'string',
  text: 'string',
  firstAuthorFamily: 'string',
  mentionCount: 'integer',
};

export const EDGE_ATTRIBUTE_TYPES: Readonly<Record<string, AttributeType>> = {
  kind: 'string',
  weight: 'double',
  count: 'integer',
  fractional: 'double',
  papers: 'string',
  position: 'integer',
  origin: 'string',
  context: 'string',
};

/**
 * A value reduced to a scalar: arrays and objects become JSON text (Gephi and spreadsheets read
 * text; list types are not portable), absent/non-finite values are dropped (undefined).
 */
export function toScalar(value: unknown): ScalarValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value);
  return undefined;
}

/** Scalar view of an attribute record, without the names in `skip`. */
export function scalarAttributes(attributes: object, skip: ReadonlySet<string> = new Set()): ScalarRecord {
  const output: ScalarRecord = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (skip.has(name)) continue;
    const scalar = toScalar(value);
    if (scalar !== undefined) output[name] = scalar;
  }
  return output;
}

function valueType(value: ScalarValue): AttributeType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (!Number.isInteger(value)) return 'double';
  return Math.abs(value) <= 0x7fffffff ? 'integer' : 'long';
}

const NUMERIC_RANK: Partial<Record<AttributeType, number>> = { integer: 0, long: 1, double: 2 };

/** The narrowest type holding values of both types. */
function widenType(a: AttributeType, b: AttributeType): AttributeType {
  if (a === b) return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra !== undefined && rb !== undefined) return ra >= rb ? a : b;
  return 'string';
}

/**
 * Collects the attribute model (name → type) of scalar records, in first-seen order, starting
 * from the schema's declared type when a name is known and widening it to hold every value.
 */
export class AttributeModel {
  readonly types = new Map<string, AttributeType>();
  constructor(private readonly declared: Readonly<Record<string, AttributeType>>) {}

  add(record: ScalarRecord): void {
    for (const [name, value] of Object.entries(record)) {
      const seen = valueType(value);
      const current = this.types.get(name) ?? this.declared[name];
      this.types.set(name, current === undefined ? seen : widenType(current, seen));
    }
  }
}

/** A finite number, or undefined for anything else. */
export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Parses "#rgb"/"#rrggbb" into channels; undefined for anything else. */
export function hexToRgb(color: unknown): { r: number; g: number; b: number } | undefined {
  if (typeof color !== 'string') return undefined;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match?.[1]) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  return {
    r: Number.parseInt(hex.slice(0, 2), 16),
    g: Number.parseInt(hex.slice(2, 4), 16),
    b: Number.parseInt(hex.slice(4, 6), 16),
  };
}

/** Escapes text for an XML attribute value or element content (also newlines/tabs in attributes). */
export function escapeXml(text: string): string {
  return stripXmlInvalid(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/** Removes the characters XML 1.0 cannot carry at all (control characters other than tab/newlines). */
export function stripXmlInvalid(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** Batches small strings into chunks of about `size` characters before handing them to a sink. */
export class ChunkBuffer {
  private parts: string[] = [];
  private length = 0;
  constructor(
    private readonly sink: (chunk: string) => void | Promise<void>,
    private readonly size = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    await this.sink(chunk);
  }
}

/** A writer's destination: called with successive pieces of the file, in order. */
export type ChunkSink = (chunk: string) => void | Promise<void>;

/** Options shared by every writer. */
export interface LayerOptions {
  /** Which view to export. Default 'all' (VOSviewer: 'coauthorship'). */
  layer?: ExportLayer;
}

/** Joins the pieces of a writer's generator into one string (small graphs, the browser). */
export function collectChunks(pieces: Iterable<string>): string {
  const parts: string[] = [];
  for (const piece of pieces) parts.push(piece);
  return parts.join('');
}

/**
 * Hands the pieces of a writer's generator to a sink in chunks of about `chunkSize` characters,
 * awaiting it (back-pressure) only when a chunk is full: graph.json has millions of pieces.
 */
export async function pipeChunks(
  pieces: Iterable<string>,
  sink: ChunkSink,
  chunkSize = 64 * 1024,
): Promise<void> {
  // Joined parts of about 64 KB turn into bytes faster than one string grown with += (measured).
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= chunkSize) {
      const chunk = parts.join('');
      parts = [];
      length = 0;
      await sink(chunk);
    }
  }
  if (length > 0) await sink(parts.join(''));
}
