/**
 * The maps as the graph view shows them (graph-view.ts): each kept item's map attributes
 * (`<map>Cluster`, `<map>X`, `<map>Y`, `<map>Occurrences`) and each map's links as edges, with the
 * names of src/model/graph-schema.ts.
 */
import type { ReadableEdgeEntry } from '../../graph/readable.ts';
import { MAP_EDGE_KINDS, type MapLayer, type NodeAttributes } from '../../model/graph-schema.ts';
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
