/**
 * VOSviewer JSON map (VOSviewer 1.6.16+ and VOSviewer Online):
 * `{config: {terminology?, color_schemes: {cluster_colors}}, network: {items: [{id, label,
 * description?, url?, x?, y?, cluster?, weights, scores}], links: [{source_id, target_id,
 * strength}], clusters: [{cluster, label}]}}`.
 *
 * Written to pass the checks VOSviewer Online's reader applies to a JSON file (its worker fills a
 * key an item lacks with null, then rejects the file): every item has the same weight keys
 * (Links, Total link strength, Documents, Citations), all non-negative numbers; ids are 1-based
 * integers in graph order; x and y are written for every item or for none (an item without them
 * fails the number check), and not when all items sit on one point; clusters are integers 1..1000.
 *
 * Clusters are the analysis's communities (authors: `community`, papers: `theme`), numbered 1..k in
 * ascending id order, collaboration groups before themes; their labels and colours come from the
 * graph's `communities` summary. A bibliometric map's layer (cocitation, coupling, cooccurrence,
 * countries, institutions) uses the map's own clusters (`<map>Cluster`, labels and colours from the
 * graph's `maps` attribute) and its own layout (`<map>X`, `<map>Y`), and writes the keywords',
 * countries' and institutions' occurrences as Documents and their overlay averages as the
 * scores VOSviewer names 'Avg. pub. year' and 'Avg. norm. citations'. VOSviewer shows at most 1000 clusters: beyond that the smallest
 * communities get no cluster, and a note says so. Nodes outside any community (-1 or unset) get no
 * cluster. VOSviewer links are undirected, so parallel edges and both directions of a pair are
 * summed into one link (file-plan.ts says so for the layers where that happens); self-loops are
 * dropped.
 */
import type { LayerGraph } from '../graph/readable.ts';
import type {
  CommunityLayer,
  CommunitySummary,
  MapGraphAttributes,
  MapLayer,
  NodeAttributes,
} from '../model/graph-schema.ts';
import { finite, hexToRgb, type LayerOptions } from './attributes.ts';
import { type ExportLayer, LAYER_SPECS, layerEdges, layerNodes, mapAttribute } from './layers.ts';

export interface VosviewerItem {
  id: number;
  label: string;
  description?: string;
  url?: string;
  x?: number;
  y?: number;
  cluster?: number;
  weights: Record<VosviewerWeight, number>;
  scores: Record<string, number>;
}

export interface VosviewerLink {
  source_id: number;
  target_id: number;
  strength: number;
}

export interface VosviewerCluster {
  cluster: number;
  label: string;
}

export interface VosviewerMap {
  config: {
    terminology?: Record<string, string>;
    color_schemes: { cluster_colors: { cluster: number; color: string }[] };
  };
  network: { items: VosviewerItem[]; links: VosviewerLink[]; clusters: VosviewerCluster[] };
}

export type VosviewerOptions = LayerOptions;

/** The weight keys of every item, whatever its kind. */
export const VOSVIEWER_WEIGHTS = ['Links', 'Total link strength', 'Documents', 'Citations'] as const;
export type VosviewerWeight = (typeof VOSVIEWER_WEIGHTS)[number];

/** VOSviewer's limits: clusters are numbered 1..1000, and a map needs at least 3 items. */
export const VOSVIEWER_LIMITS = { maxClusters: 1000, minItems: 3 } as const;

const TERMINOLOGY: Partial<Record<ExportLayer, Record<string, string>>> = {
  coauthorship: {
    item: 'author',
    items: 'authors',
    link: 'co-authorship link',
    links: 'co-authorship links',
  },
  citations: { item: 'document', items: 'documents', link: 'citation link', links: 'citation links' },
  themes: { item: 'document', items: 'documents', link: 'similarity link', links: 'similarity links' },
  cocitation: {
    item: 'cited reference',
    items: 'cited references',
    link: 'co-citation link',
    links: 'co-citation links',
  },
  coupling: {
    item: 'document',
    items: 'documents',
    link: 'bibliographic coupling link',
    links: 'bibliographic coupling links',
  },
  cooccurrence: {
    item: 'keyword',
    items: 'keywords',
    link: 'co-occurrence link',
    links: 'co-occurrence links',
  },
  countries: {
    item: 'country',
    items: 'countries',
    link: 'co-authorship link',
    links: 'co-authorship links',
  },
  authorCocitation: {
    item: 'cited author',
    items: 'cited authors',
    link: 'co-citation link',
    links: 'co-citation links',
  },
  sourceCocitation: {
    item: 'cited source',
    items: 'cited sources',
    link: 'co-citation link',
    links: 'co-citation links',
  },
  institutions: {
    item: 'organization',
    items: 'organizations',
    link: 'co-authorship link',
    links: 'co-authorship links',
  },
};

/** A community of the analysis or of a map. */
type ClusterLayer = CommunityLayer | MapLayer;

/** Which community an item is in: (layer, id) of the analysis, or undefined. */
function communityOf(
  attributes: NodeAttributes,
  map: MapLayer | undefined,
): { layer: ClusterLayer; id: number } | undefined {
  if (map) {
    const id = mapAttribute(attributes, map, 'Cluster');
    return id !== undefined && Number.isInteger(id) && id >= 0 ? { layer: map, id } : undefined;
  }
  const [layer, id] =
    attributes.kind === 'author'
      ? (['collaboration', attributes.community] as const)
      : attributes.kind === 'paper'
        ? (['theme', attributes.theme] as const)
        : [undefined, undefined];
  return layer && typeof id === 'number' && Number.isInteger(id) && id >= 0 ? { layer, id } : undefined;
}

const communityKey = (community: { layer: ClusterLayer; id: number }) => `${community.layer}:${community.id}`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function hexColor(color: unknown): string | undefined {
  const rgb = hexToRgb(color);
  if (!rgb) return undefined;
  return `#${[rgb.r, rgb.g, rgb.b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** The graph's community summaries by `layer:id` (the analysis writes them as a graph attribute). */
function communitySummaries(graph: LayerGraph): Map<string, Omit<CommunitySummary, 'layer'>> {
  const summaries = new Map<string, Omit<CommunitySummary, 'layer'>>();
  const maps: unknown = graph.getAttribute('maps');
  if (maps && typeof maps === 'object')
    for (const [map, value] of Object.entries(maps as Record<string, MapGraphAttributes>))
      for (const summary of value?.communities ?? []) summaries.set(`${map}:${summary.id}`, summary);
  const attribute: unknown = graph.getAttribute('communities');
  if (!Array.isArray(attribute)) return summaries;
  for (const summary of attribute as CommunitySummary[]) {
    if (summary && typeof summary.id === 'number' && typeof summary.layer === 'string')
      summaries.set(communityKey(summary), summary);
  }
  return summaries;
}

/** Citations of an author's papers, summed (corpus papers citing them), over the whole graph. */
function authorCitations(graph: LayerGraph): Map<string, number> {
  const citations = new Map<string, number>();
  graph.forEachEdge((_edge, attributes, author, _paper, _a, paper) => {
    if (attributes.kind !== 'authored' || paper.kind !== 'paper') return;
    citations.set(author, (citations.get(author) ?? 0) + (finite(paper.citedBy) ?? 0));
  });
  return citations;
}

/** The VOSviewer map of one layer and the notes to show (clusters left out, too few items, …). */
export function vosviewerExport(
  graph: LayerGraph,
  options: VosviewerOptions = {},
): { map: VosviewerMap; notes: string[] } {
  const layer = options.layer ?? 'coauthorship';
  const map = LAYER_SPECS[layer].map;
  /** A map's items sit where the map's own layout put them. */
  const positionOf = (attributes: NodeAttributes): { x?: number; y?: number } =>
    map
      ? { x: mapAttribute(attributes, map, 'X'), y: mapAttribute(attributes, map, 'Y') }
      : { x: finite(attributes.x), y: finite(attributes.y) };
  const notes: string[] = [];
  const ids = new Map<string, number>();
  const communitySizes = new Map<string, { layer: ClusterLayer; id: number; size: number }>();
  let positioned = 0;
  let firstPosition: { x: number; y: number } | undefined;
  let samePosition = true;
  let hasAuthors = false;
  for (const { key, attributes } of layerNodes(graph, layer)) {
    ids.set(key, ids.size + 1);
    if (attributes.kind === 'author') hasAuthors = true;
    const community = communityOf(attributes, map);
    if (community) {
      const entry = communitySizes.get(communityKey(community)) ?? { ...community, size: 0 };
      entry.size++;
      communitySizes.set(communityKey(community), entry);
    }
    const { x, y } = positionOf(attributes);
    if (x === undefined || y === undefined) continue;
    positioned++;
    firstPosition ??= { x, y };
    if (x !== firstPosition.x || y !== firstPosition.y) samePosition = false;
  }
  const writePositions = positioned === ids.size && ids.size > 0 && !samePosition;
  if (positioned > 0 && !writePositions) {
    notes.push(
      positioned < ids.size
        ? `vosviewer: ${ids.size - positioned} of ${ids.size} items have no position, so none is written and VOSviewer lays the map out itself`
        : 'vosviewer: every item sits on one point, so no position is written and VOSviewer lays the map out itself',
    );
  }
  if (ids.size < VOSVIEWER_LIMITS.minItems) {
    notes.push(
      `vosviewer: VOSviewer opens maps of at least ${VOSVIEWER_LIMITS.minItems} items; layer ${layer} has ${ids.size}`,
    );
  }

  // Clusters: the largest communities when there are more than VOSviewer shows, numbered by id.
  const bySize = [...communitySizes.values()].sort((a, b) => b.size - a.size);
  const kept = bySize.slice(0, VOSVIEWER_LIMITS.maxClusters);
  if (bySize.length > kept.length) {
    const left = bySize.slice(kept.length);
    notes.push(
      `vosviewer: VOSviewer shows at most ${VOSVIEWER_LIMITS.maxClusters} clusters, so the ${left.length} smallest of ${bySize.length} communities (${left.reduce((sum, c) => sum + c.size, 0)} items) have no cluster`,
    );
  }
  kept.sort((a, b) => (a.layer === b.layer ? a.id - b.id : a.layer === 'collaboration' ? -1 : 1));
  const clusterOf = new Map(kept.map((community, i) => [communityKey(community), i + 1]));

  const links = new Map<string, VosviewerLink>();
  const linkCount = new Map<number, number>();
  const linkStrength = new Map<number, number>();
  let negative = 0;
  let directed = 0;
  let joined = 0;
  let selfLoops = 0;
  for (const { source, target, attributes, undirected } of layerEdges(graph, layer)) {
    const a = ids.get(source);
    const b = ids.get(target);
    if (a === undefined || b === undefined) continue;
    if (a === b) {
      selfLoops++;
      continue;
    }
    if (!undirected) directed++;
    const [s, t] = a < b ? [a, b] : [b, a];
    let strength = finite(attributes.weight) ?? 1;
    if (strength < 0) {
      negative++;
      strength = 0;
    }
    const pair = `${s}-${t}`;
    const link = links.get(pair);
    if (link) {
      link.strength += strength;
      joined++;
    } else {
      links.set(pair, { source_id: s, target_id: t, strength });
      for (const id of [s, t]) linkCount.set(id, (linkCount.get(id) ?? 0) + 1);
    }
    for (const id of [s, t]) linkStrength.set(id, (linkStrength.get(id) ?? 0) + strength);
  }
  const changed = [
    directed > 0 ? `${directed} directed edges lost their direction` : '',
    joined > 0 ? `${joined} edges were added to the link of a pair that already had one` : '',
    selfLoops > 0 ? `${selfLoops} self-loops were left out` : '',
    negative > 0 ? `${negative} negative weights became strength 0` : '',
  ].filter(Boolean);
  if (changed.length > 0)
    notes.push(`vosviewer: VOSviewer has one undirected link per pair of items: ${changed.join(', ')}`);

  const citationsOfAuthor = hasAuthors ? authorCitations(graph) : new Map<string, number>();
  const summaries = communitySummaries(graph);
  const clusterLabels = new Map<number, string>();
  const clusterColors = new Map<number, string>();
  const items: VosviewerItem[] = [];
  for (const { key, attributes } of layerNodes(graph, layer)) {
    const id = ids.get(key) ?? 0;
    const weights: Record<VosviewerWeight, number> = {
      Links: linkCount.get(id) ?? 0,
      'Total link strength': linkStrength.get(id) ?? 0,
      Documents:
        attributes.kind === 'author'
          ? (finite(attributes.paperCount) ?? 0)
          : attributes.kind === 'paper'
            ? 1
            : attributes.kind === 'reference'
              ? 0
              : attributes.occurrences,
      Citations:
        attributes.kind === 'author'
          ? (citationsOfAuthor.get(key) ?? 0)
          : attributes.kind === 'paper'
            ? (finite(attributes.citedBy) ?? 0)
            : attributes.kind === 'reference'
              ? (finite(attributes.mentionCount) ?? 0)
              : 0,
    };
    for (const name of VOSVIEWER_WEIGHTS) weights[name] = Math.max(0, weights[name]);
    const scores: Record<string, number> = {};
    const year =
      attributes.kind === 'author'
        ? finite(attributes.firstYear)
        : attributes.kind === 'paper' || attributes.kind === 'reference'
          ? finite(attributes.year)
          : undefined;
    if (year !== undefined) scores[attributes.kind === 'author' ? 'First pub. year' : 'Pub. year'] = year;
    for (const [metric, name] of [
      ['avgYear', 'Avg. pub. year'],
      ['avgNormCitations', 'Avg. norm. citations'],
    ] as const) {
      const value = finite((attributes as unknown as Record<string, unknown>)[metric]);
      if (value !== undefined) scores[name] = value;
    }
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
    if (writePositions) Object.assign(item, positionOf(attributes));
    const community = communityOf(attributes, map);
    const cluster = community && clusterOf.get(communityKey(community));
    if (community && cluster !== undefined) {
      item.cluster = cluster;
      const summary = summaries.get(communityKey(community));
      if (!clusterLabels.has(cluster))
        clusterLabels.set(
          cluster,
          summary?.label ||
            description ||
            `${community.layer === 'theme' ? 'Theme' : community.layer === 'collaboration' ? 'Collaboration group' : 'Cluster'} ${community.id}`,
        );
      const color = hexColor(summary?.color) ?? hexColor(attributes.color);
      if (color && !clusterColors.has(cluster)) clusterColors.set(cluster, color);
    }
    items.push(item);
  }

  const terminology = TERMINOLOGY[layer];
  const clusters = [...clusterLabels].sort(([a], [b]) => a - b);
  return {
    map: {
      config: {
        ...(terminology ? { terminology } : {}),
        color_schemes: {
          cluster_colors: [...clusterColors]
            .sort(([a], [b]) => a - b)
            .map(([cluster, color]) => ({ cluster, color })),
        },
      },
      network: {
        items,
        links: [...links.values()],
        clusters: clusters.map(([cluster, label]) => ({ cluster, label })),
      },
    },
    notes,
  };
}

export function buildVosviewerMap(graph: LayerGraph, options: VosviewerOptions = {}): VosviewerMap {
  return vosviewerExport(graph, options).map;
}

export function writeVosviewer(graph: LayerGraph, options: VosviewerOptions = {}): string {
  return `${JSON.stringify(buildVosviewerMap(graph, options), null, 2)}\n`;
}
