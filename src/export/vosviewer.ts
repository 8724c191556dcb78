/**
 * VOSviewer JSON map (VOSviewer 1.6.16+ and VOSviewer Online):
 * `{config?, network: {items: [{id, label, description?, url?, x, y, cluster?, weights, scores}],
 * links: [{source_id, target_id, strength}]}}`.
 *
 * Items get 1-based integer ids in graph order. Clusters are the analysis's communities
 * (authors: `community`, papers: `theme`) renumbered 1..k in ascending id order; nodes outside
 * any community (-1 or unset) get no cluster. VOSviewer links are undirected, so parallel edges
 * and both directions of a pair are summed into one link; self-loops are dropped.
 */
import type { NodeAttributes } from '../model/graph-schema.ts';
import type { LayerOptions } from './attributes.ts';
import { type ExportLayer, type LayerGraph, layerEdges, layerNodes } from './layers.ts';

export interface VosviewerItem {
  id: number;
  label: string;
  description?: string;
  url?: string;
  x?: number;
  y?: number;
  cluster?: number;
  weights: Record<string, number>;
  scores: Record<string, number>;
}

export interface VosviewerLink {
  source_id: number;
  target_id: number;
  strength: number;
}

export interface VosviewerMap {
  config?: { terminology: Record<string, string> };
  network: { items: VosviewerItem[]; links: VosviewerLink[] };
}

export type VosviewerOptions = LayerOptions;

const TERMINOLOGY: Partial<Record<ExportLayer, Record<string, string>>> = {
  coauthorship: {
    item: 'author',
    items: 'authors',
    link: 'co-authorship link',
    links: 'co-authorship links',
  },
  citations: { item: 'document', items: 'documents', link: 'citation link', links: 'citation links' },
  themes: { item: 'document', items: 'documents', link: 'similarity link', links: 'similarity links' },
};

function communityOf(attributes: NodeAttributes): number | undefined {
  const id =
    attributes.kind === 'author'
      ? attributes.community
      : attributes.kind === 'paper'
        ? attributes.theme
        : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function buildVosviewerMap(graph: LayerGraph, options: VosviewerOptions = {}): VosviewerMap {
  const layer = options.layer ?? 'coauthorship';
  const ids = new Map<string, number>();
  const communities = new Set<number>();
  for (const { key, attributes } of layerNodes(graph, layer)) {
    ids.set(key, ids.size + 1);
    const community = communityOf(attributes);
    if (community !== undefined) communities.add(community);
  }
  const clusterOf = new Map([...communities].sort((a, b) => a - b).map((id, i) => [id, i + 1]));

  const links = new Map<string, VosviewerLink>();
  const linkCount = new Map<number, number>();
  const linkStrength = new Map<number, number>();
  for (const { source, target, attributes } of layerEdges(graph, layer)) {
    const a = ids.get(source);
    const b = ids.get(target);
    if (a === undefined || b === undefined || a === b) continue;
    const [s, t] = a < b ? [a, b] : [b, a];
    const strength = finite(attributes.weight) ?? 1;
    const pair = `${s}-${t}`;
    const link = links.get(pair);
    if (link) link.strength += strength;
    else {
      links.set(pair, { source_id: s, target_id: t, strength });
      for (const id of [s, t]) linkCount.set(id, (linkCount.get(id) ?? 0) + 1);
    }
    for (const id of [s, t]) linkStrength.set(id, (linkStrength.get(id) ?? 0) + strength);
  }

  const items: VosviewerItem[] = [];
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const id = ids.get(key) ?? 0;
    const weights: Record<string, number> = {
      Links: linkCount.get(id) ?? 0,
      'Total link strength': linkStrength.get(id) ?? 0,
    };
    if (attributes.kind === 'author') weights.Documents = attributes.paperCount;
    if (attributes.kind === 'paper' && finite(attributes.citedBy) !== undefined)
      weights.Citations = attributes.citedBy ?? 0;
    if (attributes.kind === 'reference') weights.Citations = attributes.mentionCount;
    const scores: Record<string, number> = {};
    const year = attributes.kind === 'author' ? finite(attributes.firstYear) : finite(attributes.year);
    if (year !== undefined) scores[attributes.kind === 'author' ? 'First pub. year' : 'Pub. year'] = year;
    for (const metric of ['pagerank', 'betweenness', 'degree', 'bridging'] as const) {
      const value = finite((attributes as unknown as Record<string, unknown>)[metric]);
      if (value !== undefined) scores[metric] = value;
    }
    const item: VosviewerItem = { id, label: attributes.label || key, weights, scores };
    const description =
      attributes.kind === 'author'
        ? attributes.communityLabel
        : attributes.kind === 'paper'
          ? attributes.themeLabel
          : undefined;
    if (description) item.description = escapeHtml(description);
    if (attributes.kind === 'paper' && attributes.doi) item.url = `https://doi.org/${attributes.doi}`;
    const x = finite(attributes.x);
    const y = finite(attributes.y);
    if (x !== undefined && y !== undefined) Object.assign(item, { x, y });
    const community = communityOf(attributes);
    if (community !== undefined) item.cluster = clusterOf.get(community);
    items.push(item);
  }

  const terminology = TERMINOLOGY[layer];
  return {
    ...(terminology ? { config: { terminology } } : {}),
    network: { items, links: [...links.values()] },
  };
}

export function writeVosviewer(graph: LayerGraph, options: VosviewerOptions = {}): string {
  return `${JSON.stringify(buildVosviewerMap(graph, options), null, 2)}\n`;
}
