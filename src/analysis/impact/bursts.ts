/**
 * Citation and keyword bursts (Kleinberg, as CiteSpace reports them): per year of the corpus,
 * how many citing papers cite a reference, or how many papers carry a keyword, against the
 * papers of that year that cite anything or carry any keyword. Only the most cited references
 * and most frequent keywords are examined (`candidates`), so the cost stays linear in the
 * citations and keywords whatever the corpus size.
 */
import type { Corpus } from '../../model/types.ts';
import { bigInt32, bigUint8 } from '../../util/big-arrays.ts';
import type { CompactCitations } from '../citations.ts';
import { keywordLabel } from '../maps/sources.ts';
import { type BurstSettings, detectBursts } from './kleinberg.ts';
import { groupSize, type LabelGroups } from './label-groups.ts';

export interface BurstOptions extends BurstSettings {
  /** The most cited references and the most frequent keywords examined for bursts, per kind. */
  candidates: number;
  /** Items of fewer documents than this are not examined. */
  minDocuments: number;
  /** Bursts listed per kind, strongest first. */
  listed: number;
}

export interface BurstRow {
  /** Node key of a cited paper or reference (`paper:<id>`, `ref:<id>`), or the keyword's folded form. */
  key: string;
  /** The paper's title, the reference's text, or the keyword in lower case (as the keyword map shows it). */
  label: string;
  /** First and last year of the burst. */
  begin: number;
  end: number;
  strength: number;
  /** Citing papers (references) or papers carrying it (keywords) over the whole corpus. */
  documents: number;
}

/**
 * Up to `limit` items with the highest counts, at least `least` each (ties at the cut: lowest
 * numbers first), by a histogram of the counts: linear, where a running top-k list of many tied
 * counts would not be.
 */
export function mostCounted(
  length: number,
  countOf: (item: number) => number,
  limit: number,
  least: number,
): number[] {
  let highest = 0;
  for (let i = 0; i < length; i++) highest = Math.max(highest, countOf(i));
  const histogram = new Uint32Array(highest + 2);
  for (let i = 0; i < length; i++) histogram[countOf(i)]!++;
  let cut = highest + 1;
  let above = 0;
  while (cut > least && above + histogram[cut - 1]! <= limit) above += histogram[--cut]!;
  // Items counted `cut` or more all fit; `limit - above` more are taken from those counted cut - 1.
  let room = cut - 1 >= least && cut - 1 >= 1 ? limit - above : 0;
  const chosen: number[] = [];
  for (let i = 0; i < length; i++) {
    const count = countOf(i);
    if (count >= cut && count >= 1) chosen.push(i);
    else if (room > 0 && count === cut - 1) {
      chosen.push(i);
      room--;
    }
  }
  return chosen;
}

/** The years of the corpus as batches: first year and per-year totals. */
interface Batches {
  firstYear: number;
  years: number;
}

/** Per paper: its year, NaN when unknown (PaperImpact.year). */
type Years = Float64Array;

function yearRange(year: Years): Batches | undefined {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let p = 0; p < year.length; p++)
    if (!Number.isNaN(year[p]!)) {
      first = Math.min(first, year[p]!);
      last = Math.max(last, year[p]!);
    }
  return Number.isFinite(first) ? { firstYear: first, years: last - first + 1 } : undefined;
}

/** The bursts of each candidate's series (series[slot * years + t]), strongest first, `listed` of them. */
function strongest(
  series: Float64Array,
  totals: Float64Array,
  candidates: readonly number[],
  describe: (item: number) => { key: string; label: string; documents: number },
  batches: Batches,
  options: BurstOptions,
): BurstRow[] {
  const rows: BurstRow[] = [];
  const { years, firstYear } = batches;
  candidates.forEach((item, slot) => {
    const bursts = detectBursts(series.subarray(slot * years, (slot + 1) * years), totals, options);
    for (const burst of bursts)
      rows.push({
        ...describe(item),
        begin: firstYear + burst.start,
        end: firstYear + burst.end,
        strength: Math.round(burst.strength * 1e4) / 1e4,
      });
  });
  return rows
    .sort((a, b) => b.strength - a.strength || a.begin - b.begin || (a.label < b.label ? -1 : 1))
    .slice(0, options.listed);
}

/** Bursts of citations to cited papers and external references, by year of the citing papers. */
export function referenceBursts(
  corpus: Corpus,
  year: Years,
  citations: CompactCitations,
  options: BurstOptions,
): BurstRow[] {
  const batches = yearRange(year);
  if (!batches) return [];
  const { graph, paperCount } = citations;
  const citedCount = (v: number): number =>
    v < paperCount ? citations.citedBy[v]! : citations.mentionCount[v - paperCount]!;
  const candidates = mostCounted(graph.nodeCount, citedCount, options.candidates, options.minDocuments);
  const slotOf = bigInt32(graph.nodeCount).fill(-1);
  candidates.forEach((v, slot) => {
    slotOf[v] = slot;
  });
  const { years, firstYear } = batches;
  const series = new Float64Array(candidates.length * years);
  const totals = new Float64Array(years);
  for (let p = 0; p < paperCount; p++) {
    const start = graph.offsets[p]!;
    const end = graph.offsets[p + 1]!;
    if (Number.isNaN(year[p]!) || start === end) continue;
    const t = year[p]! - firstYear;
    totals[t]!++;
    for (let arc = start; arc < end; arc++) {
      const slot = slotOf[graph.targets[arc]!]!;
      if (slot >= 0) series[slot * years + t]!++;
    }
  }
  const describe = (v: number) =>
    v < paperCount
      ? {
          key: `paper:${corpus.papers[v]!.id}`,
          label: corpus.papers[v]!.title,
          documents: citedCount(v),
        }
      : {
          key: `ref:${citations.referenceId(v - paperCount)}`,
          label: citations.referenceText(v - paperCount),
          documents: citedCount(v),
        };
  return strongest(series, totals, candidates, describe, batches, options);
}

/** Bursts of keywords (author and index keywords together), by publication year. */
export function keywordBursts(year: Years, keywords: LabelGroups, options: BurstOptions): BurstRow[] {
  const batches = yearRange(year);
  if (!batches) return [];
  const count = keywords.names.length;
  const candidates = mostCounted(
    count,
    (k) => groupSize(keywords, k),
    options.candidates,
    options.minDocuments,
  );
  const { years, firstYear } = batches;
  const totals = new Float64Array(years);
  const counted = bigUint8(year.length);
  for (let i = 0; i < keywords.papers.length; i++) {
    const p = keywords.papers[i]!;
    if (counted[p] || Number.isNaN(year[p]!)) continue;
    counted[p] = 1;
    totals[year[p]! - firstYear]!++;
  }
  const series = new Float64Array(candidates.length * years);
  candidates.forEach((k, slot) => {
    for (let i = keywords.offsets[k]!; i < keywords.offsets[k + 1]!; i++) {
      const t = year[keywords.papers[i]!]! - firstYear;
      if (!Number.isNaN(t)) series[slot * years + t]!++;
    }
  });
  const describe = (k: number) => ({
    key: keywords.keys[k]!,
    label: keywordLabel(keywords.names[k]!),
    documents: groupSize(keywords, k),
  });
  return strongest(series, totals, candidates, describe, batches, options);
}
