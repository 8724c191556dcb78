/**
 * Sources (journals, proceedings: a paper's venue): productivity, citations and indices per
 * source, and Bradford's zones.
 */
import type { PaperImpact } from './citation-counts.ts';
import { groupIndices } from './indices.ts';
import { groupSize, type LabelGroups } from './label-groups.ts';

export interface SourceRow {
  source: string;
  papers: number;
  /** Sum over its papers with a global count; absent when none has. */
  globalCitations?: number;
  localCitations: number;
  hIndex: number;
  gIndex: number;
  /** Bradford zone (1: the core). */
  zone: 1 | 2 | 3;
}

export interface BradfordZone {
  zone: 1 | 2 | 3;
  sources: number;
  papers: number;
}

export interface SourcesReport {
  /** Distinct sources, and papers without one. */
  count: number;
  papersWithoutSource: number;
  mostProductive: SourceRow[];
  bradford: BradfordZone[];
}

/**
 * Bradford's zones of sources ranked by papers (largest first): zone 1 is the fewest top
 * sources holding at least a third of the papers, zone 2 the next ones up to two thirds, zone 3
 * the rest, so the three zones hold about equal numbers of papers.
 */
export function bradfordZones(rankedCounts: readonly number[]): (1 | 2 | 3)[] {
  const total = rankedCounts.reduce((sum, count) => sum + count, 0);
  const zones: (1 | 2 | 3)[] = [];
  let cumulative = 0;
  let zone: 1 | 2 | 3 = 1;
  for (const count of rankedCounts) {
    zones.push(zone);
    cumulative += count;
    while (zone < 3 && cumulative * 3 >= zone * total) zone = (zone + 1) as 2 | 3;
  }
  return zones;
}

export function sourcesReport(sources: LabelGroups, papers: PaperImpact, listed: number): SourcesReport {
  const count = sources.names.length;
  const compareNames = (a: number, b: number): number =>
    sources.names[a]! < sources.names[b]! ? -1 : sources.names[a]! > sources.names[b]! ? 1 : 0;
  const ranked = Array.from({ length: count }, (_, k) => k).sort(
    (a, b) => groupSize(sources, b) - groupSize(sources, a) || compareNames(a, b),
  );
  const zoneOfRank = bradfordZones(ranked.map((k) => groupSize(sources, k)));
  const zone = new Uint8Array(count);
  ranked.forEach((k, rank) => {
    zone[k] = zoneOfRank[rank]!;
  });
  const bradford: BradfordZone[] = ([1, 2, 3] as const).map((z) => ({ zone: z, sources: 0, papers: 0 }));
  for (let k = 0; k < count; k++) {
    bradford[zone[k]! - 1]!.sources++;
    bradford[zone[k]! - 1]!.papers += groupSize(sources, k);
  }
  const { h, g } = groupIndices(sources.offsets, sources.papers, papers.citationCount);
  const mostProductive = ranked.slice(0, listed).map((k): SourceRow => {
    let global = Number.NaN;
    let local = 0;
    for (let i = sources.offsets[k]!; i < sources.offsets[k + 1]!; i++) {
      const p = sources.papers[i]!;
      local += papers.localCitations[p]!;
      const paperGlobal = papers.globalCitations[p]!;
      if (!Number.isNaN(paperGlobal)) global = (Number.isNaN(global) ? 0 : global) + paperGlobal;
    }
    const row: SourceRow = {
      source: sources.names[k]!,
      papers: groupSize(sources, k),
      localCitations: local,
      hIndex: h[k]!,
      gIndex: g[k]!,
      zone: zone[k]! as 1 | 2 | 3,
    };
    if (!Number.isNaN(global)) row.globalCitations = global;
    return row;
  });
  let withSource = 0;
  for (let k = 0; k < count; k++) withSource += groupSize(sources, k);
  return {
    count,
    papersWithoutSource: papers.citationCount.length - withSource,
    mostProductive,
    bradford: bradford.filter((entry) => entry.sources > 0),
  };
}
