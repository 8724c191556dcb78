/**
 * How the nodes of a view look: colour by a community layer or by any attribute (categories with a
 * legend, numbers with a colour bar), size by any numeric attribute. Built once per view and choice,
 * so the reducers only look values up.
 */

import { communityColor, NO_COMMUNITY_COLOR } from '../analysis/palette.ts';
import type { NodeAttributes } from '../model/graph-schema.ts';
import { attributeLabel, categoryValues, numericValues, quantile } from './attributes.ts';
import { viridis } from './colors.ts';
import type { AnalysedGraph, GraphIndex } from './graph-index.ts';

export const NO_VALUE_COLOR = NO_COMMUNITY_COLOR;
const REFERENCE_COLOR = '#9a9a9a';

export interface Category {
  id: string;
  label: string;
  color: string;
  /** Nodes of the view in this category. */
  size: number;
  title?: string;
}

export interface ColorScale {
  by: string;
  label: string;
  type: 'categorical' | 'numeric';
  colorOf(key: string): string;
  /** The category of a node (categorical scales), for the legend's hide and only. */
  categoryOf(key: string): string | undefined;
  /** Largest first. */
  categories: Category[];
  /** Nodes of the view without a category or value. */
  missing: number;
  /** Numeric scales: the value range the colour bar spans (2nd to 98th percentile). */
  domain?: [number, number];
}

/** The community layers the analysis writes: collaboration groups and themes. */
export const COMMUNITY_LAYERS: Readonly<Record<string, string>> = {
  collaboration: 'Collaboration groups',
  theme: 'Themes',
};

/** The colour scale of `by` over the nodes of a view. */
export function colorScale(
  graph: AnalysedGraph,
  index: GraphIndex,
  nodes: readonly string[],
  by: string,
  numeric: boolean,
  viewId: string,
): ColorScale {
  if (by === 'collaboration' || by === 'theme') return communityScale(graph, index, nodes, by);
  if (numeric) return numericScale(graph, nodes, by);
  return categoricalScale(graph, nodes, by, viewId);
}

function communityScale(
  graph: AnalysedGraph,
  index: GraphIndex,
  nodes: readonly string[],
  layer: 'collaboration' | 'theme',
): ColorScale {
  const of = index.communityOf[layer];
  const summaries = index.communities[layer];
  const counts = new Map<number, number>();
  let missing = 0;
  for (const key of nodes) {
    const c = of.get(key);
    if (c === undefined) missing += 1;
    else counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const categories = [...counts]
    .map(([id, size]) => {
      const s = summaries.get(id);
      return {
        id: String(id),
        label: s?.label ?? `Community ${id}`,
        color: s?.color ?? communityColor(id),
        size,
        title: (s?.terms ?? []).join(', '),
      };
    })
    .sort((a, b) => b.size - a.size);
  const colors = new Map(categories.map((c) => [c.id, c.color]));
  return {
    by: layer,
    label: COMMUNITY_LAYERS[layer]!,
    type: 'categorical',
    colorOf: (key) => {
      const c = of.get(key);
      if (c !== undefined) return colors.get(String(c)) ?? NO_VALUE_COLOR;
      return graph.getNodeAttribute(key, 'kind') === 'reference' ? REFERENCE_COLOR : NO_VALUE_COLOR;
    },
    categoryOf: (key) => {
      const c = of.get(key);
      return c === undefined ? undefined : String(c);
    },
    categories,
    missing,
  };
}

function categoricalScale(
  graph: AnalysedGraph,
  nodes: readonly string[],
  by: string,
  viewId: string,
): ColorScale {
  const values = categoryValues(graph, nodes, by);
  const counts = new Map<string, number>();
  for (const v of values.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
  // Cluster summaries the analysis wrote for this view's layer give their own label and colour.
  const summaries = new Map<string, { label: string; color: string; terms?: string[] }>();
  for (const c of graph.getAttribute('communities') ?? []) {
    if ((c.layer as string) === viewId) summaries.set(String(c.id), c);
  }
  const categories = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([id, size], rank) => {
      const s = summaries.get(id);
      return {
        id,
        label: s?.label ?? (/cluster$/i.test(by) ? `Cluster ${id}` : id),
        color: s?.color ?? communityColor(rank),
        size,
        title: (s?.terms ?? []).join(', '),
      };
    });
  const colors = new Map(categories.map((c) => [c.id, c.color]));
  return {
    by,
    label: attributeLabel(by),
    type: 'categorical',
    colorOf: (key) => {
      const v = values.get(key);
      return v === undefined ? NO_VALUE_COLOR : (colors.get(v) ?? NO_VALUE_COLOR);
    },
    categoryOf: (key) => values.get(key),
    categories,
    missing: nodes.length - values.size,
  };
}

function numericScale(graph: AnalysedGraph, nodes: readonly string[], by: string): ColorScale {
  const values = numericValues(graph, nodes, by);
  const sorted = [...values.values()].sort((a, b) => a - b);
  const lo = quantile(sorted, 0.02);
  const hi = quantile(sorted, 0.98);
  const span = hi - lo || 1;
  const colors = new Map<string, string>();
  for (const [key, v] of values) colors.set(key, viridis((v - lo) / span));
  return {
    by,
    label: attributeLabel(by),
    type: 'numeric',
    colorOf: (key) => colors.get(key) ?? NO_VALUE_COLOR,
    categoryOf: () => undefined,
    categories: [],
    missing: nodes.length - values.size,
    domain: [lo, hi],
  };
}

/** The metrics the size menu names; any other choice is a numeric attribute. */
function metricValue(graph: AnalysedGraph, key: string, a: NodeAttributes, metric: string): number {
  switch (metric) {
    case 'degree':
      return a.degree ?? graph.degree(key);
    case 'pagerank':
      return a.kind === 'paper' ? (a.pagerank ?? 0) : (a.weightedDegree ?? 0);
    case 'paperCount':
      return a.kind === 'author'
        ? a.paperCount
        : a.kind === 'paper'
          ? (a.citedBy ?? 0)
          : a.kind === 'reference'
            ? a.mentionCount
            : a.occurrences;
    case 'betweenness':
      return a.betweenness ?? 0;
    default: {
      const v = (a as unknown as Record<string, unknown>)[metric];
      return typeof v === 'number' && Number.isFinite(v) ? v : 0;
    }
  }
}

/** Largest node radius in pixels for a small view; larger views get smaller discs (see `sizeRange`). */
const MAX_NODE_SIZE = 16;
/** Views up to this many nodes use the full size range. */
const FULL_SIZE_NODES = 400;

/**
 * The radius range for a view of n nodes: the largest radius shrinks with the square root of n past
 * FULL_SIZE_NODES, so the discs of a fitted map cover about the same share of the canvas at any size.
 */
export function sizeRange(n: number): { min: number; max: number } {
  const max = Math.max(4, MAX_NODE_SIZE * Math.min(1, Math.sqrt(FULL_SIZE_NODES / Math.max(1, n))));
  return { min: Math.max(1, max / 7), max };
}

/** Node sizes in `sizeRange` by the square root of the metric over the view's nodes, so hubs don't swamp. */
export function sizeScale(
  graph: AnalysedGraph,
  nodes: readonly string[],
  metric: string,
): Map<string, number> {
  const values = new Map<string, number>();
  let max = 0;
  for (const key of nodes) {
    const v = Math.max(0, metricValue(graph, key, graph.getNodeAttributes(key), metric));
    values.set(key, v);
    if (v > max) max = v;
  }
  const range = sizeRange(nodes.length);
  const sizes = new Map<string, number>();
  for (const [key, v] of values)
    sizes.set(
      key,
      max > 0 ? range.min + (range.max - range.min) * Math.sqrt(v / max) : (range.min + range.max) / 2,
    );
  return sizes;
}

/** The text drawn next to each node: its label, or the value of the chosen attribute. */
export function labelOf(a: NodeAttributes, by: string): string {
  if (by === 'label') return a.label;
  const v = (a as unknown as Record<string, unknown>)[by];
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return v === undefined || v === null ? '' : String(v);
}
