/**
 * VOSviewer's map and network files (VOSviewer manual, 4.1): the map file, tab-separated with a
 * header `id label x y cluster weight<Links> weight<Total link strength> weight<…> score<…>`, one
 * item a line; the network file, `id1 id2 weight` a line, no header. The same items, clusters and
 * links as the VOSviewer JSON map (vosviewer.ts), which VOSviewer 1.6 and older read this way.
 */
import type { LayerGraph } from '../graph/readable.ts';
import { VOSVIEWER_WEIGHTS, type VosviewerMap, type VosviewerOptions, vosviewerExport } from './vosviewer.ts';

/** A number as VOSviewer reads it, without the last digits of binary rounding (15.645233999999999). */
const number = (value: number): string => String(Math.round(value * 1e6) / 1e6);

/** A cell without the tabs and line breaks that would split it. */
const cell = (text: string): string => text.replace(/[\t\r\n]+/g, ' ');

/** The map file's text: every item with the columns its map has (x, y, cluster only when some item has them). */
function vosviewerMapFile(map: VosviewerMap): string {
  const items = map.network.items;
  const positioned = items.length > 0 && items.every((item) => item.x !== undefined && item.y !== undefined);
  const clustered = items.some((item) => item.cluster !== undefined);
  const scoreNames = [...new Set(items.flatMap((item) => Object.keys(item.scores)))];
  const header = [
    'id',
    'label',
    ...(positioned ? ['x', 'y'] : []),
    ...(clustered ? ['cluster'] : []),
    ...VOSVIEWER_WEIGHTS.map((name) => `weight<${name}>`),
    ...scoreNames.map((name) => `score<${name}>`),
  ];
  const lines = items.map((item) =>
    [
      String(item.id),
      cell(item.label),
      ...(positioned ? [number(item.x!), number(item.y!)] : []),
      // VOSviewer reads cluster 0 as no cluster.
      ...(clustered ? [String(item.cluster ?? 0)] : []),
      ...VOSVIEWER_WEIGHTS.map((name) => number(item.weights[name])),
      ...scoreNames.map((name) => (item.scores[name] === undefined ? '' : number(item.scores[name]!))),
    ].join('\t'),
  );
  return `${[header.join('\t'), ...lines].join('\n')}\n`;
}

/** The network file's text: one undirected link a line. */
function vosviewerNetworkFile(map: VosviewerMap): string {
  return map.network.links
    .map((link) => `${link.source_id}\t${link.target_id}\t${number(link.strength)}\n`)
    .join('');
}

/** Both files of one layer, and the notes of the VOSviewer export. */
export function vosviewerFiles(
  graph: LayerGraph,
  options: VosviewerOptions = {},
): { map: string; network: string; notes: string[] } {
  const { map, notes } = vosviewerExport(graph, options);
  return { map: vosviewerMapFile(map), network: vosviewerNetworkFile(map), notes };
}
