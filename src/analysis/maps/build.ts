/**
 * The bibliometric maps of a corpus: co-citation of cited works, bibliographic coupling of
 * papers, co-occurrence of keywords, co-authorship of countries and of institutions. Each is
 * counted from an incidence (sources.ts) after a threshold on occurrences (incidence.ts), weighted
 * as the user chose (normalize.ts), clustered by Leiden and by Louvain (both reported, one chosen)
 * and laid out by VOS or ForceAtlas2.
 */
import type { MapCommunitySummary, MapItemKind } from '../../model/graph-schema.ts';
import type { Corpus } from '../../model/types.ts';
import { bigInt32 } from '../../util/big-arrays.ts';
import { seededRandom } from '../../util/random.ts';
import type { CompactCitations } from '../citations.ts';
import type { CsrGraph } from '../csr.ts';
import { type DocumentAverages, type DocumentScores, documentAverages } from '../impact/document-averages.ts';
import { layoutNetwork } from '../layout.ts';
import { type CompactPartition, louvainCsr } from '../louvain.ts';
import {
  type AnalyzeOptions,
  MAP_NAMES,
  type MapName,
  type MapOptions,
  type MapsOptions,
} from '../options.ts';
import { communityColor } from '../palette.ts';
import { partitionDiagnostics } from '../partition-diagnostics.ts';
import type { LayerReport } from '../report.ts';
import {
  type Incidence,
  type ItemSelection,
  occurrences,
  selectItems,
  transposeIncidence,
} from './incidence.ts';
import { associationStrength, countedWeights, linkWeights } from './normalize.ts';
import { countPairs, type MapPairs } from './pairs.ts';
import {
  citedAuthorIncidence,
  citedSourceIncidence,
  citedWorksIncidence,
  countryIncidence,
  institutionIncidence,
  keywordIncidence,
  type NamedIncidence,
} from './sources.ts';
import { type LeidenPartition, leidenPartition, type VosLayout, vosLayout } from './vos.ts';

/** What a map's items are, in the numbering of its incidence. */
export type MapItems =
  /** Nodes of the citation layer: corpus papers 0..P-1, then external works. */
  | { kind: 'cited' }
  /** Corpus papers. */
  | { kind: 'paper' }
  /** Named items with their labels: keywords, countries, institutions. */
  | { kind: MapItemKind; labels: string[] };

export interface MapReport {
  /** Items kept, links between them. */
  items: number;
  links: number;
  /** What an item's occurrences count. */
  occurrences: string;
  /** Items with at least one occurrence, and the threshold that kept `items` of them. */
  candidates: number;
  minOccurrences: number;
  /** Whether the threshold was chosen from the corpus size ('auto') or given. */
  threshold: 'auto' | 'given';
  maxItems: number;
  /** Items over the threshold left out by maxItems. */
  capped: number;
  counting: MapsOptions['counting'];
  normalization: MapsOptions['normalization'];
  /** Pair occurrences walked to count the links. */
  pairOccurrences: number;
  /** The partition that gives the map's clusters. */
  clustering: 'leiden' | 'louvain';
  /** Modularity (γ = 1, on the links' `weight`) of both partitions, side by side. */
  leiden: { quality: 'cpm' | 'modularity'; resolution: number; communities: number; modularity: number };
  louvain: { resolution: number; communities: number; modularity: number };
  layout: 'vos' | 'forceatlas2' | 'off';
  /** Iterations the layout was allowed (VOS: bounded by the pair-visit budget). */
  layoutIterations: number;
  /** The most strongly linked pairs by full count: labels, count, fractional, strength. */
  topPairs: { a: string; b: string; count: number; fractional: number; strength: number }[];
}

export interface BibliometricMap {
  name: MapName;
  items: MapItems;
  /** Kept items (item numbers of the incidence), by decreasing occurrences; map node i is kept[i]. */
  kept: Uint32Array;
  /** Map node of each item number, -1 when not kept. */
  nodeOf: Int32Array;
  pairs: MapPairs;
  /** The map graph over nodes 0..k-1 with `weight` as weights (the counting and normalisation chosen). */
  graph: CsrGraph;
  /** Association strength per arc. */
  strength: Float64Array;
  leiden: LeidenPartition;
  louvain: CompactPartition;
  /** The chosen partition's cluster per node (-1: none). */
  membership: Int32Array;
  /** Positions in the map's own layout; undefined when layouts are off. */
  x: Float64Array | undefined;
  y: Float64Array | undefined;
  selection: ItemSelection;
  communities: MapCommunitySummary[];
  /** Keywords, countries, institutions: per map node, the mean year and normalised citations of its papers. */
  overlay: DocumentAverages | undefined;
  layer: Pick<LayerReport, 'sweep' | 'stability' | 'diagnostics'>;
  report: MapReport;
}

export type BibliometricMaps = Partial<Record<MapName, BibliometricMap>>;

/** What the maps read from the analysis. */
interface MapInputs {
  corpus: Corpus;
  citations: CompactCitations;
  /** Per paper: year and normalised citations, for the overlay averages of keywords, countries, institutions. */
  scores?: DocumentScores;
}

/** A map's node label and key, from its item number. */
interface MapNaming {
  label(item: number): string;
  key(item: number): string;
}

const OCCURRENCES: Record<MapName, string> = {
  cocitation: 'citations by corpus papers',
  coupling: 'references shared with another corpus paper',
  cooccurrence: 'documents',
  countries: 'documents',
  institutions: 'documents',
  authorCocitation: 'citing papers',
  sourceCocitation: 'citing papers',
};

/** The incidence of each map: containers and items, and how large a container must be to count. */
function incidenceOf(
  name: MapName,
  inputs: MapInputs,
  options: MapsOptions,
  cited: () => Incidence,
): { incidence: Incidence; items: MapItems; minContainerSize: number } {
  if (name === 'cocitation') return { incidence: cited(), items: { kind: 'cited' }, minContainerSize: 1 };
  if (name === 'coupling')
    return { incidence: transposeIncidence(cited()), items: { kind: 'paper' }, minContainerSize: 2 };
  const { corpus } = inputs;
  const [named, kind]: [NamedIncidence, MapItemKind] =
    name === 'cooccurrence'
      ? [keywordIncidence(corpus, options.keywords, options.thesaurus), 'keyword']
      : name === 'countries'
        ? [countryIncidence(corpus), 'country']
        : name === 'institutions'
          ? [institutionIncidence(corpus), 'institution']
          : name === 'authorCocitation'
            ? [citedAuthorIncidence(corpus), 'citedAuthor']
            : [citedSourceIncidence(corpus), 'citedSource'];
  return { incidence: named.incidence, items: { kind, labels: named.labels }, minContainerSize: 1 };
}

function membersOf(membership: Int32Array, count: number): number[][] {
  const members: number[][] = Array.from({ length: count }, () => []);
  membership.forEach((community, node) => {
    if (community >= 0) members[community]!.push(node);
  });
  return members;
}

/** The map's own communities: labelled by their most occurring members. */
function mapCommunities(
  name: MapName,
  membership: Int32Array,
  count: number,
  occurrenceOf: Uint32Array,
  naming: MapNaming,
  kept: Uint32Array,
  options: AnalyzeOptions,
): MapCommunitySummary[] {
  return membersOf(membership, count).map((members, id) => {
    const ranked = members.sort((a, b) => occurrenceOf[b]! - occurrenceOf[a]! || a - b);
    return {
      id,
      layer: name,
      label: ranked
        .slice(0, options.labelMembers)
        .map((node) => naming.label(kept[node]!))
        .join(', '),
      size: members.length,
      members: ranked.slice(0, options.listedMembers).map((node) => naming.key(kept[node]!)),
      color: communityColor(id),
    };
  });
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

function topPairs(
  map: Pick<BibliometricMap, 'pairs' | 'strength' | 'kept'>,
  naming: MapNaming,
  most: number,
): MapReport['topPairs'] {
  const { graph, counts, fractional } = map.pairs;
  const arcs: number[] = [];
  const source = new Int32Array(counts.length);
  for (let v = 0; v < graph.nodeCount; v++)
    for (let arc = graph.offsets[v]!, end = graph.offsets[v + 1]!; arc < end; arc++) {
      source[arc] = v;
      if (v < graph.targets[arc]!) arcs.push(arc);
    }
  arcs.sort((a, b) => counts[b]! - counts[a]! || fractional[b]! - fractional[a]! || a - b);
  return arcs.slice(0, most).map((arc) => ({
    a: naming.label(map.kept[source[arc]!]!),
    b: naming.label(map.kept[map.pairs.graph.targets[arc]!]!),
    count: counts[arc]!,
    fractional: round6(fractional[arc]!),
    strength: round6(map.strength[arc]!),
  }));
}

/** One map: see the module comment. */
function buildMap(
  name: MapName,
  source: { incidence: Incidence; items: MapItems; minContainerSize: number },
  naming: MapNaming,
  options: AnalyzeOptions,
  scores?: DocumentScores,
): BibliometricMap {
  const settings: MapOptions = options.maps[name];
  const maps = options.maps;
  const { incidence, items, minContainerSize } = source;
  const counts = occurrences(incidence, minContainerSize);
  const selection = selectItems(counts, settings.minOccurrences, maps.autoFloor, settings.maxItems);
  const kept = selection.items;
  const nodeOf = bigInt32(incidence.itemCount).fill(-1);
  kept.forEach((item, node) => {
    nodeOf[item] = node;
  });
  const pairs = countPairs(incidence, kept);
  const counted = countedWeights(pairs, maps.counting);
  const strength = associationStrength(pairs.graph, counted);
  const weights = linkWeights(pairs, maps.counting, maps.normalization, strength);
  const graph: CsrGraph = { ...pairs.graph, weights };
  // Leiden as VOSviewer: CPM on the association strength of the counted weights; otherwise on `weight`.
  const leidenWeights = maps.normalization === 'association' ? counted : weights;
  const leiden = leidenPartition(graph, leidenWeights, maps.leiden, options.seed);
  const louvain = louvainCsr(graph, {
    resolution: maps.louvainResolution,
    random: seededRandom(options.seed),
  });
  const chosen = settings.clustering === 'leiden' ? leiden : louvain;
  const membership = chosen.membership;
  let x: Float64Array | undefined;
  let y: Float64Array | undefined;
  let layoutIterations = 0;
  if (options.layout === false) {
    // No layout asked for: the map's nodes get no position.
  } else if (settings.layout === 'vos') {
    const layout: VosLayout = vosLayout(graph, counted, maps.vos, options.seed);
    layoutIterations = layout.iterations;
    x = layout.x.map((value) => Math.round(value * 1e4) / 1e4);
    y = layout.y.map((value) => Math.round(value * 1e4) / 1e4);
  } else {
    const layout = layoutNetwork(
      { groupOf: membership, layers: [graph], layerOffsets: [0] },
      seededRandom(options.seed),
      options.layout,
    );
    layoutIterations = layout.iterations;
    x = layout.x;
    y = layout.y;
  }
  const layer = partitionDiagnostics(graph, membership, {
    resolution: settings.clustering === 'leiden' ? maps.leiden.resolution : maps.louvainResolution,
    resolutions: options.sweepResolutions,
    seeds: options.stabilitySeeds > 0 ? maps.stabilitySeeds : 0,
    seed: options.seed,
    wholeGraphUpTo: options.diagnosticsWholeGraphUpTo,
    cluster:
      settings.clustering === 'leiden'
        ? (g, resolution, seed) =>
            leidenPartition(
              g,
              leidenWeightsOf(g, graph, leidenWeights),
              { ...maps.leiden, resolution, randomStarts: 1 },
              seed,
            )
        : undefined,
  });
  const communities = mapCommunities(
    name,
    membership,
    chosen.count,
    pairs.occurrences,
    naming,
    kept,
    options,
  );
  const overlay =
    items.kind === 'cited' || items.kind === 'paper' || !scores
      ? undefined
      : overlayOf(incidence, kept, scores);
  const map = { pairs, strength, kept };
  const report: MapReport = {
    items: kept.length,
    links: pairs.graph.offsets[kept.length]! / 2,
    occurrences: OCCURRENCES[name],
    candidates: selection.candidates,
    minOccurrences: selection.minOccurrences,
    threshold: selection.automatic ? 'auto' : 'given',
    maxItems: settings.maxItems,
    capped: selection.capped,
    counting: maps.counting,
    normalization: maps.normalization,
    pairOccurrences: pairs.pairOccurrences,
    clustering: settings.clustering,
    leiden: {
      quality: maps.leiden.quality,
      resolution: maps.leiden.resolution,
      communities: leiden.count,
      modularity: round6(leiden.modularity),
    },
    louvain: {
      resolution: maps.louvainResolution,
      communities: louvain.count,
      modularity: round6(louvain.modularity),
    },
    layout: options.layout === false ? 'off' : settings.layout,
    layoutIterations,
    topPairs: topPairs(map, naming, options.metrics.topN),
  };
  return {
    name,
    items,
    kept,
    nodeOf,
    pairs,
    graph,
    strength,
    leiden,
    louvain,
    membership,
    x,
    y,
    selection,
    communities,
    overlay,
    layer: {
      sweep: layer.sweep,
      stability: options.stabilitySeeds > 0 && maps.stabilitySeeds > 0 ? layer.stability : 'off',
      diagnostics: layer.scope,
    },
    report,
  };
}

/** The overlay averages of the kept items: the papers of each, in the order kept. */
function overlayOf(incidence: Incidence, kept: Uint32Array, scores: DocumentScores): DocumentAverages {
  const papersOf = transposeIncidence(incidence);
  const offsets = new Float64Array(kept.length + 1);
  kept.forEach((item, node) => {
    offsets[node + 1] = offsets[node]! + papersOf.offsets[item + 1]! - papersOf.offsets[item]!;
  });
  const papers = new Uint32Array(offsets[kept.length]!);
  kept.forEach((item, node) => {
    papers.set(papersOf.items.subarray(papersOf.offsets[item]!, papersOf.offsets[item + 1]!), offsets[node]!);
  });
  return documentAverages(offsets, papers, scores);
}

/** The weights Leiden reads for a graph of the diagnostics: the map's own when it is the map graph. */
function leidenWeightsOf(g: CsrGraph, mapGraph: CsrGraph, leidenWeights: Float64Array): Float64Array {
  return g === mapGraph ? leidenWeights : g.weights;
}

/** The label and key of each map's items. */
export function mapNaming(items: MapItems, inputs: MapInputs): MapNaming {
  const { corpus, citations } = inputs;
  const paperLabel = (p: number): string => {
    const paper = corpus.papers[p]!;
    const first = paper.authors[0];
    const family = first?.family || first?.name;
    return family && paper.year ? `${family} ${paper.year}` : paper.title;
  };
  if (items.kind === 'cited')
    return {
      label: (v) =>
        v < citations.paperCount ? paperLabel(v) : citations.referenceText(v - citations.paperCount),
      key: (v) =>
        v < citations.paperCount
          ? `paper:${corpus.papers[v]!.id}`
          : `ref:${citations.referenceId(v - citations.paperCount)}`,
    };
  if (items.kind === 'paper') return { label: paperLabel, key: (p) => `paper:${corpus.papers[p]!.id}` };
  const { kind, labels } = items;
  return { label: (i) => labels[i]!, key: (i) => `${kind}:${labels[i]!}` };
}

/** Every map the options turn on. */
export function buildMaps(inputs: MapInputs, options: AnalyzeOptions): BibliometricMaps {
  const maps: BibliometricMaps = {};
  let cited: Incidence | undefined;
  const citedIncidence = (): Incidence => {
    cited ??= citedWorksIncidence(inputs.citations);
    return cited;
  };
  for (const name of MAP_NAMES) {
    if (!options.maps[name].enabled) continue;
    const source = incidenceOf(name, inputs, options.maps, citedIncidence);
    maps[name] = buildMap(name, source, mapNaming(source.items, inputs), options, inputs.scores);
  }
  return maps;
}
