/**
 * What a node or edge of the analysed graph becomes in GEXF (written by gexf.ts): label, typed
 * attributes, colour, size, position, and the edge types Gephi needs.
 */

import type { ReadableGraph } from '../graph/readable.ts';
import { type EdgeAttributes, type NodeAttributes, nodeKey } from '../model/graph-schema.ts';
import {
  AttributeModel,
  EDGE_ATTRIBUTE_TYPES,
  finite,
  hexToRgb,
  NODE_ATTRIBUTE_TYPES,
  type ScalarRecord,
  scalarAttributes,
  stripXmlInvalid,
} from './attributes.ts';
import type { ExportLayer } from './layers.ts';

export interface GexfOptions {
  /** Which view to export. Default 'all'. */
  layer?: ExportLayer;
  /**
   * Node attribute that sets viz:size. Default 'size' (the analysis's display size, written as is);
   * any other numeric attribute (pagerank, degree, …) is scaled linearly to [minSize, maxSize].
   */
  sizeBy?: string;
  minSize?: number;
  maxSize?: number;
  /**
   * Dynamic GEXF (mode="dynamic", timeformat="double", years as times): nodes start at their
   * year (papers, references) or firstYear (authors), edges when both ends exist (co-authorship:
   * the first joint paper), so Gephi's timeline plays the growth of the network. Default false.
   */
  dynamic?: boolean;
  /** Dynamic only: 'open' keeps authors once they appear (growth); 'lastYear' ends them then. */
  authorEnd?: 'open' | 'lastYear';
  /** Attribute names to leave out (e.g. ['abstract'] for a lighter file). */
  omit?: readonly string[];
  /** meta/creator. Default 'citegraph'. */
  creator?: string;
  /** meta/description. Default: the graph's name and the layer. */
  description?: string;
}

const GEXF_DEFAULTS = {
  layer: 'all',
  sizeBy: 'size',
  minSize: 2,
  maxSize: 20,
  dynamic: false,
  authorEnd: 'open',
  creator: 'citegraph',
} as const satisfies GexfOptions;

export interface GexfNodeRecord {
  key: string;
  label?: string;
  attributes: ScalarRecord;
  color?: { r: number; g: number; b: number };
  position?: { x: number; y: number };
  size?: number;
  start?: number;
  end?: number;
}

export interface GexfEdgeRecord {
  key: string;
  source: string;
  target: string;
  undirected: boolean;
  weight?: number;
  kind?: string;
  attributes: ScalarRecord;
  start?: number;
  end?: number;
}

export type GexfDefaultEdgeType = 'directed' | 'undirected';

/**
 * The `defaultedgetype` of a GEXF graph; undefined when the graph has edges of both directions.
 *
 * Gephi drops every edge whose `type` differs from a declared default ("Edge type doesn't fit with
 * default set (DIRECTED), edge id=… is ignored"), and the GEXF 1.3 schema has no "mixed" value
 * (Gephi 0.10 reports one as an error). Gephi reads a graph with no default as mixed, so a graph
 * with both directions is written without one and with a `type` on every edge.
 */
export function gexfDefaultEdgeType(
  layerType: 'mixed' | 'directed' | 'undirected',
  directedEdges: number,
  undirectedEdges: number,
): GexfDefaultEdgeType | undefined {
  if (directedEdges > 0 && undirectedEdges > 0) return undefined;
  if (directedEdges > 0) return 'directed';
  if (undirectedEdges > 0) return 'undirected';
  return layerType === 'mixed' ? undefined : layerType;
}

/** Shown by viz elements or the label attribute, so not repeated as attvalues. */
const NODE_VIZ_NAMES = ['label', 'x', 'y', 'size', 'color'];
const EDGE_XML_NAMES = ['weight'];

function cleanStrings(record: ScalarRecord): ScalarRecord {
  for (const [name, value] of Object.entries(record)) {
    if (typeof value === 'string') record[name] = stripXmlInvalid(value);
  }
  return record;
}

/**
 * Formats nodes and edges of one analysed graph. `source` is the full analysed graph: the
 * dynamic spans of co-authorship edges read the years of papers even when the layer omits papers.
 */
export class GexfFormatter {
  readonly options: Required<Omit<GexfOptions, 'description' | 'omit'>> & { description: string };
  readonly nodeModel = new AttributeModel(NODE_ATTRIBUTE_TYPES);
  readonly edgeModel = new AttributeModel(EDGE_ATTRIBUTE_TYPES);
  private readonly nodeSkip: Set<string>;
  private readonly edgeSkip: Set<string>;
  private readonly sizeRange: { min: number; max: number } | undefined;
  private readonly yearsCache = new Map<string, { first: number; last: number } | undefined>();

  constructor(
    private readonly source: ReadableGraph,
    options: GexfOptions = {},
  ) {
    const layer = options.layer ?? GEXF_DEFAULTS.layer;
    const name = source.getAttribute('name');
    this.options = {
      layer,
      sizeBy: options.sizeBy ?? GEXF_DEFAULTS.sizeBy,
      minSize: options.minSize ?? GEXF_DEFAULTS.minSize,
      maxSize: options.maxSize ?? GEXF_DEFAULTS.maxSize,
      dynamic: options.dynamic ?? GEXF_DEFAULTS.dynamic,
      authorEnd: options.authorEnd ?? GEXF_DEFAULTS.authorEnd,
      creator: options.creator ?? GEXF_DEFAULTS.creator,
      description:
        options.description ?? `${typeof name === 'string' ? `${name}: ` : ''}citegraph ${layer} network`,
    };
    this.nodeSkip = new Set([...NODE_VIZ_NAMES, ...(options.omit ?? [])]);
    this.edgeSkip = new Set([...EDGE_XML_NAMES, ...(options.omit ?? [])]);
    this.sizeRange = this.options.sizeBy === 'size' ? undefined : this.metricRange(this.options.sizeBy);
  }

  private metricRange(metric: string): { min: number; max: number } {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    this.source.forEachNode((_node, attributes) => {
      const value = finite((attributes as unknown as Record<string, unknown>)[metric]);
      if (value === undefined) return;
      if (value < min) min = value;
      if (value > max) max = value;
    });
    return { min, max };
  }

  private vizSize(attributes: NodeAttributes): number | undefined {
    const value = finite((attributes as unknown as Record<string, unknown>)[this.options.sizeBy]);
    if (!this.sizeRange) return value;
    const { minSize, maxSize } = this.options;
    if (value === undefined) return minSize;
    const { min, max } = this.sizeRange;
    if (max <= min) return (minSize + maxSize) / 2;
    return minSize + ((value - min) / (max - min)) * (maxSize - minSize);
  }

  /** Time span of a node: its year (papers, references) or firstYear (authors). */
  nodeSpan(key: string, attributes: NodeAttributes): { start?: number; end?: number } {
    if (attributes.kind === 'author') {
      const years = () => this.authoredYears(key);
      const start = finite(attributes.firstYear) ?? years()?.first;
      const last =
        this.options.authorEnd === 'lastYear' ? (finite(attributes.lastYear) ?? years()?.last) : undefined;
      return { start, end: last !== undefined && (start === undefined || last >= start) ? last : undefined };
    }
    return {
      start:
        attributes.kind === 'paper' || attributes.kind === 'reference' ? finite(attributes.year) : undefined,
    };
  }

  /** First and last year of an author's papers, for authors whose firstYear/lastYear are not set. */
  private authoredYears(author: string): { first: number; last: number } | undefined {
    if (this.yearsCache.has(author)) return this.yearsCache.get(author);
    let span: { first: number; last: number } | undefined;
    if (this.source.hasNode(author)) {
      this.source.forEachOutEdge(author, (_edge, attributes, _s, _paper, _sa, paperAttributes) => {
        const year =
          attributes.kind === 'authored' && paperAttributes.kind === 'paper'
            ? finite(paperAttributes.year)
            : undefined;
        if (year === undefined) return;
        span = span
          ? { first: Math.min(span.first, year), last: Math.max(span.last, year) }
          : { first: year, last: year };
      });
    }
    this.yearsCache.set(author, span);
    return span;
  }

  private edgeSpan(
    attributes: EdgeAttributes,
    source: string,
    target: string,
  ): { start?: number; end?: number } {
    const ends = [source, target].map((node) =>
      this.source.hasNode(node) ? this.nodeSpan(node, this.source.getNodeAttributes(node)) : {},
    );
    const starts = ends.map((span) => span.start).filter((v): v is number => v !== undefined);
    if (attributes.kind === 'coauthor' && attributes.papers) {
      const years = attributes.papers
        .map((paperId) => nodeKey.paper(paperId))
        .filter((node) => this.source.hasNode(node))
        .map((node) => {
          const paper = this.source.getNodeAttributes(node);
          return paper.kind === 'paper' ? finite(paper.year) : undefined;
        })
        .filter((v): v is number => v !== undefined);
      if (years.length > 0) starts.push(Math.min(...years));
    }
    const endYears = ends.map((span) => span.end).filter((v): v is number => v !== undefined);
    const start = starts.length > 0 ? Math.max(...starts) : undefined;
    const end = endYears.length > 0 ? Math.min(...endYears) : undefined;
    return { start, end: end !== undefined && (start === undefined || end >= start) ? end : undefined };
  }

  node(key: string, attributes: NodeAttributes): GexfNodeRecord {
    const record: GexfNodeRecord = {
      key,
      attributes: cleanStrings(scalarAttributes(attributes, this.nodeSkip)),
    };
    if (typeof attributes.label === 'string' && attributes.label)
      record.label = stripXmlInvalid(attributes.label);
    record.color = hexToRgb(attributes.color);
    const x = finite(attributes.x);
    const y = finite(attributes.y);
    if (x !== undefined && y !== undefined) record.position = { x, y };
    record.size = this.vizSize(attributes);
    if (this.options.dynamic) Object.assign(record, this.nodeSpan(key, attributes));
    this.nodeModel.add(record.attributes);
    return record;
  }

  edge(
    key: string,
    attributes: EdgeAttributes,
    source: string,
    target: string,
    undirected: boolean,
  ): GexfEdgeRecord {
    const record: GexfEdgeRecord = {
      key,
      source,
      target,
      undirected,
      attributes: cleanStrings(scalarAttributes(attributes, this.edgeSkip)),
      weight: finite(attributes.weight),
    };
    if (typeof attributes.kind === 'string' && attributes.kind) record.kind = attributes.kind;
    if (this.options.dynamic) Object.assign(record, this.edgeSpan(attributes, source, target));
    this.edgeModel.add(record.attributes);
    return record;
  }
}
