/** The report's "impact and time" section (report.json `impact`; impact-markdown.ts renders it). */

import type { Historiograph } from '../../model/graph-schema.ts';
import type { BurstOptions, BurstRow } from './bursts.ts';
import type { LotkaReport } from './lotka.ts';
import type { SourcesReport } from './sources.ts';

export interface GloballyCitedRow {
  paper: string;
  title: string;
  year?: number;
  /** As the source gives it (WoS TC, Scopus Cited by, OpenAlex cited_by_count). */
  globalCitations: number;
  localCitations: number;
}

export interface LocallyCitedRow {
  paper: string;
  title: string;
  year?: number;
  localCitations: number;
  globalCitations?: number;
  pagerank: number;
}

export interface AuthorIndexRow {
  author: string;
  name: string;
  papers: number;
  hIndex: number;
  gIndex: number;
  globalCitations?: number;
  localCitations: number;
}

export interface ImpactReport {
  /**
   * What the h- and g-index and the normalised citations count: global citations for the papers
   * a source gives them for, local citations (corpus papers citing it) for the others.
   */
  citationCounts: { global: number; localOnly: number };
  mostGloballyCitedPapers: GloballyCitedRow[];
  mostLocallyCitedPapers: LocallyCitedRow[];
  /** Authors with the highest h-index (then g-index, citations, name). */
  authorIndices: AuthorIndexRow[];
  sources: SourcesReport;
  lotka: LotkaReport;
  /** The most locally cited papers (options.impact.historiographSize) and the citations among them. */
  historiograph: Historiograph;
  bursts: {
    settings: BurstOptions;
    /** Years of the citing papers; totals are the papers of each year with any citation. */
    references: BurstRow[];
    /** Author and index keywords by publication year; totals are the papers of each year with any keyword. */
    keywords: BurstRow[];
  };
}
