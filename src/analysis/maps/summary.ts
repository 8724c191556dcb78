/** What the report, the graph attributes and the edge counts say of the maps. */
import {
  MAP_EDGE_KINDS,
  type MapEdgeKind,
  type MapGraphAttributes,
  type MapLayer,
} from '../../model/graph-schema.ts';
import { MAP_NAMES } from '../options.ts';
import type { Off } from '../report.ts';
import type { BibliometricMap, BibliometricMaps, MapReport } from './build.ts';

/** A map's section of the report: its counts and thresholds, both partitions, its communities and diagnostics. */
export type MapLayerReport = MapReport & Pick<BibliometricMap, 'communities'> & BibliometricMap['layer'];

export type MapsReport = Record<MapLayer, MapLayerReport | Off>;

export function mapsReport(maps: BibliometricMaps): MapsReport {
  const report = {} as MapsReport;
  for (const name of MAP_NAMES) {
    const map = maps[name];
    report[name] = map ? { ...map.report, communities: map.communities, ...map.layer } : 'off';
  }
  return report;
}

/** Edges of each map's kind (each undirected link once). */
export function mapEdgeCounts(maps: BibliometricMaps): Record<MapEdgeKind, number> {
  const counts = {} as Record<MapEdgeKind, number>;
  for (const name of MAP_NAMES) counts[MAP_EDGE_KINDS[name]] = maps[name]?.report.links ?? 0;
  return counts;
}

export function mapGraphAttributes(maps: BibliometricMaps): { [map in MapLayer]?: MapGraphAttributes } {
  const attributes: { [map in MapLayer]?: MapGraphAttributes } = {};
  for (const name of MAP_NAMES) {
    const map = maps[name];
    if (!map) continue;
    attributes[name] = {
      communities: map.communities,
      clustering: map.report.clustering,
      modularity: { leiden: map.report.leiden.modularity, louvain: map.report.louvain.modularity },
    };
  }
  return attributes;
}
