/**
 * The maps as the graph view shows them (graph-view.ts): each kept item's map attributes
 * (`<map>Cluster`, `<map>X`, `<map>Y`, `<map>Occurrences`) and each map's links as edges, with the
 * names of src/model/graph-schema.ts.
 */
import type { ReadableEdgeEntry } from '../../graph/readable.ts';
import {
  MAP_EDGE_KINDS,
  type MapItemKind,
  type MapItemNodeAttributes,
  type MapLayer,
  type NodeAttributes,
} from '../../model/graph-schema.ts';
import { communityColor, NO_COMMUNITY_COLOR } from '../palette.ts';
import type { BibliometricMap, BibliometricMaps } from './build.ts';

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** Writes map `name`'s attributes of item `item` on `attributes` when the map keeps it. */
export function assignMapAttributes(
  attributes: Record<string, unknown>,
  maps: BibliometricMaps,
  name: MapLayer,
  item: number,
): void {
  const map = maps[name];
  if (!map) return;
  const node = map.nodeOf[item]!;
  if (node === undefined || node < 0) return;
  attributes[`${name}Cluster`] = map.membership[node]!;
  if (map.x && map.y) {
    attributes[`${name}X`] = map.x[node]!;
    attributes[`${name}Y`] = map.y[node]!;
  }
  attributes[`${name}Occurrences`] = map.pairs.occurrences[node]!;
}

/** How the view names an item of a map: its node key and the attributes an edge entry carries. */
export interface MapEnds {
  key(item: number): string;
  stub(item: number): NodeAttributes;
}

/** Each link of a map once, keyed `<kind>:<key a>--<key b>` with the keys in ascending order. */
export function* mapEdges(map: BibliometricMap, ends: MapEnds): Generator<ReadableEdgeEntry> {
  const kind = MAP_EDGE_KINDS[map.name];
  const { graph, counts, fractional } = map.pairs;
  const weights = map.graph.weights;
  for (let u = 0; u < graph.nodeCount; u++) {
    const itemU = map.kept[u]!;
    const keyU = ends.key(itemU);
    const stubU = ends.stub(itemU);
    for (let arc = graph.offsets[u]!, end = graph.offsets[u + 1]!; arc < end; arc++) {
      const v = graph.targets[arc]!;
      if (v < u) continue;
      const itemV = map.kept[v]!;
      const keyV = ends.key(itemV);
      const stubV = ends.stub(itemV);
      const [source, target, sourceAttributes, targetAttributes] =
        keyU < keyV ? [keyU, keyV, stubU, stubV] : [keyV, keyU, stubV, stubU];
      yield {
        edge: `${kind}:${source}--${target}`,
        attributes: {
          kind,
          weight: round6(weights[arc]!),
          count: counts[arc]!,
          fractional: round6(fractional[arc]!),
          strength: round6(map.strength[arc]!),
        },
        source,
        target,
        sourceAttributes,
        targetAttributes,
        undirected: true,
      };
    }
  }
}

/** The map whose items each map-only node kind is. */
export const MAP_OF_ITEM_KIND: Record<MapItemKind, MapLayer> = {
  keyword: 'cooccurrence',
  country: 'countries',
  institution: 'institutions',
  citedAuthor: 'authorCocitation',
  citedSource: 'sourceCocitation',
};
export const MAP_ITEM_KINDS = Object.keys(MAP_OF_ITEM_KIND) as MapItemKind[];

/** The key of node `node` of a map of named items: `keyword:<label>`, `country:<name>`, `institution:<name>`. */
export function mapItemKey(map: BibliometricMap, node: number): string {
  const items = map.items;
  if (items.kind === 'cited' || items.kind === 'paper')
    throw new Error(`map ${map.name} has no items of its own`);
  return `${items.kind}:${items.labels[map.kept[node]!]!}`;
}

/** A keyword, country or institution node of its map, with the map's attributes. */
export function mapItemAttributes(map: BibliometricMap, node: number): MapItemNodeAttributes {
  const items = map.items;
  if (items.kind === 'cited' || items.kind === 'paper')
    throw new Error(`map ${map.name} has no items of its own`);
  const occurrences = map.pairs.occurrences[node]!;
  const community = map.membership[node]!;
  const attributes: MapItemNodeAttributes = {
    kind: items.kind,
    label: items.labels[map.kept[node]!]!,
    community,
    occurrences,
    size: Math.round((2 + 2 * Math.sqrt(occurrences)) * 100) / 100,
    color: community >= 0 ? communityColor(community) : NO_COMMUNITY_COLOR,
  };
  if (map.x && map.y) {
    attributes.x = map.x[node]!;
    attributes.y = map.y[node]!;
  }
  const year = map.overlay?.avgYear[node];
  if (year !== undefined && !Number.isNaN(year)) attributes.avgYear = Math.round(year * 100) / 100;
  const norm = map.overlay?.avgNormCitations[node];
  if (norm !== undefined && !Number.isNaN(norm)) attributes.avgNormCitations = Math.round(norm * 1e4) / 1e4;
  assignMapAttributes(
    attributes as unknown as Record<string, unknown>,
    { [map.name]: map },
    map.name,
    map.kept[node]!,
  );
  return attributes;
}

const keyIndexes = new WeakMap<BibliometricMap, Map<string, number>>();

/** The map node of a `keyword:`/`country:`/`institution:` key, or undefined. */
export function mapItemNodeOf(
  maps: BibliometricMaps,
  key: string,
): { map: BibliometricMap; node: number } | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon) as MapItemKind;
  const name = MAP_OF_ITEM_KIND[kind];
  const map = name ? maps[name] : undefined;
  if (!map) return undefined;
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (let node = 0; node < map.kept.length; node++) index.set(mapItemKey(map, node), node);
    keyIndexes.set(map, index);
  }
  const node = index.get(key);
  return node === undefined ? undefined : { map, node };
}
