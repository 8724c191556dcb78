/** The maps' sections of report.md: counts and thresholds, Leiden and Louvain side by side, clusters, top pairs. */
import { fixed, table } from '../markdown-table.ts';
import { MAP_NAMES, type MapName } from '../options.ts';
import type { MapLayerReport, MapsReport } from './summary.ts';

const TITLES: Record<MapName, string> = {
  cocitation: 'Co-citation of cited works',
  coupling: 'Bibliographic coupling of papers',
  cooccurrence: 'Co-occurrence of keywords',
  countries: 'Co-authorship of countries',
  institutions: 'Co-authorship of institutions',
  authorCocitation: 'Co-citation of cited first authors',
  sourceCocitation: 'Co-citation of cited sources',
};

const NORMALIZATIONS: Record<MapLayerReport['normalization'], string> = {
  association: 'association strength',
  cosine: 'cosine (Salton)',
  jaccard: 'Jaccard',
  inclusion: 'inclusion',
  none: 'the counted weight itself',
};

function mapSection(name: MapName, map: MapLayerReport): string[] {
  const threshold = map.threshold === 'auto' ? 'chosen from the corpus size' : 'given';
  const parts = [
    `## ${TITLES[name]} (layer \`${name}\`)`,
    '',
    `${map.items} items of ${map.candidates}: at least ${map.minOccurrences} ${map.occurrences} (threshold ${threshold}, at most ${map.maxItems} items${map.capped > 0 ? `; ${map.capped} more over the threshold left out` : ''}). ${map.links} links, ${map.counting} counting, weight by ${NORMALIZATIONS[map.normalization]}; layout ${map.layout}${map.layout === 'vos' ? ` (${map.layoutIterations} iterations at most)` : ''}.`,
    '',
    table(
      ['clustering', 'quality', 'resolution', 'clusters', 'modularity', ''],
      [
        [
          'Leiden (networkanalysis-ts)',
          map.leiden.quality === 'cpm' ? 'CPM, association strength' : 'modularity',
          map.leiden.resolution,
          map.leiden.communities,
          fixed(map.leiden.modularity),
          map.clustering === 'leiden' ? 'the map’s clusters' : '',
        ],
        [
          'Louvain',
          'modularity',
          map.louvain.resolution,
          map.louvain.communities,
          fixed(map.louvain.modularity),
          map.clustering === 'louvain' ? 'the map’s clusters' : '',
        ],
      ],
    ),
  ];
  if (map.communities.length > 0)
    parts.push(
      '',
      table(
        ['cluster', 'label', 'size'],
        map.communities.slice(0, 20).map((community) => [community.id, community.label, community.size]),
      ),
    );
  if (map.topPairs.length > 0)
    parts.push(
      '',
      table(
        ['item', 'item', 'count', 'fractional', 'association strength'],
        map.topPairs.map((pair) => [
          pair.a,
          pair.b,
          pair.count,
          fixed(pair.fractional),
          fixed(pair.strength),
        ]),
      ),
    );
  if (map.sweep !== 'off' && map.sweep.length > 1)
    parts.push(
      '',
      `Resolution sweep (${map.clustering}):`,
      '',
      table(
        ['resolution', 'clusters', 'modularity'],
        map.sweep.map((point) => [point.resolution, point.communities, fixed(point.modularity)]),
      ),
    );
  if (map.stability !== 'off')
    parts.push(
      '',
      `Stability across ${map.stability.seeds} other seeds (${map.clustering}): pairs of the same cluster stay together in ${fixed(map.stability.meanPairStability * 100, 1)}% of runs on average.`,
    );
  return parts;
}

export function mapsMarkdown(maps: MapsReport): string {
  const parts: string[] = [];
  for (const name of MAP_NAMES) {
    const map = maps[name];
    if (map === 'off' || map.items === 0) continue;
    parts.push('', ...mapSection(name, map));
  }
  return parts.join('\n');
}
