/**
 * Impact and time on the typed-array engine: citation counts and indices per paper and author
 * (citation-counts.ts, read by the graph view as node attributes), and the report's section:
 * most cited papers, authors' indices, sources and Bradford's zones, Lotka's law, the
 * historiograph and bursts. Linear in papers, authorships and citations (plus a sort per author
 * and per source, and the candidates' series for bursts).
 */
import type { Corpus } from '../../model/types.ts';
import type { CompactCitations } from '../citations.ts';
import type { CorpusIndex } from '../corpus-index.ts';
import { topIndexes } from '../report.ts';
import type { BurstOptions } from './bursts.ts';
import { keywordBursts, referenceBursts } from './bursts.ts';
import { type AuthorImpact, authorImpact, type PaperImpact, paperImpact } from './citation-counts.ts';
import { historiograph } from './historiograph.ts';
import type { AuthorIndexRow, GloballyCitedRow, ImpactReport, LocallyCitedRow } from './impact-report.ts';
import { labelGroups } from './label-groups.ts';
import { lotkaFit } from './lotka.ts';
import { sourcesReport } from './sources.ts';

export interface ImpactOptions {
  /** Papers in the historiograph: the most locally cited. */
  historiographSize: number;
  bursts: BurstOptions;
}

interface ImpactInputs {
  corpus: Corpus;
  index: CorpusIndex;
  citations: CompactCitations;
  /** Per citation node (papers, then external references). */
  pagerank: Float64Array;
}

export interface Impact {
  papers: PaperImpact;
  authors: AuthorImpact;
  report: ImpactReport;
}

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const finiteOr = (value: number, fallback: number): number => (Number.isNaN(value) ? fallback : value);

function paperTables(
  inputs: ImpactInputs,
  papers: PaperImpact,
  listed: number,
): Pick<ImpactReport, 'mostGloballyCitedPapers' | 'mostLocallyCitedPapers'> {
  const { corpus, pagerank } = inputs;
  const byTitle = (a: number, b: number): number =>
    compareText(corpus.papers[a]!.title, corpus.papers[b]!.title);
  const described = (p: number) => {
    const paper = corpus.papers[p]!;
    return {
      paper: `paper:${paper.id}`,
      title: paper.title,
      ...(paper.year === undefined ? {} : { year: paper.year }),
    };
  };
  const global = papers.globalCitations;
  const local = papers.localCitations;
  return {
    mostGloballyCitedPapers: topIndexes(
      corpus.papers.length,
      (p) => global[p]!,
      listed,
      (a, b) => local[b]! - local[a]! || byTitle(a, b),
    ).map(
      (p): GloballyCitedRow => ({ ...described(p), globalCitations: global[p]!, localCitations: local[p]! }),
    ),
    mostLocallyCitedPapers: topIndexes(
      corpus.papers.length,
      (p) => local[p]!,
      listed,
      (a, b) =>
        finiteOr(global[b]!, -1) - finiteOr(global[a]!, -1) || pagerank[b]! - pagerank[a]! || byTitle(a, b),
    ).map(
      (p): LocallyCitedRow => ({
        ...described(p),
        localCitations: local[p]!,
        ...(Number.isNaN(global[p]!) ? {} : { globalCitations: global[p]! }),
        pagerank: pagerank[p]!,
      }),
    ),
  };
}

function authorTable(
  corpus: Corpus,
  index: CorpusIndex,
  authors: AuthorImpact,
  listed: number,
): AuthorIndexRow[] {
  const citations = (a: number): number => finiteOr(authors.globalCitations[a]!, authors.localCitations[a]!);
  return topIndexes(
    index.authorCount,
    (a) => authors.hIndex[a]!,
    listed,
    (a, b) =>
      authors.gIndex[b]! - authors.gIndex[a]! ||
      citations(b) - citations(a) ||
      compareText(corpus.authors[a]!.name, corpus.authors[b]!.name),
  ).map((a) => {
    const row: AuthorIndexRow = {
      author: `author:${corpus.authors[a]!.id}`,
      name: corpus.authors[a]!.name,
      papers: index.authorOffsets[a + 1]! - index.authorOffsets[a]!,
      hIndex: authors.hIndex[a]!,
      gIndex: authors.gIndex[a]!,
      localCitations: authors.localCitations[a]!,
    };
    if (!Number.isNaN(authors.globalCitations[a]!)) row.globalCitations = authors.globalCitations[a]!;
    return row;
  });
}

/** `listed`: rows of each table (the report's top-N). */
export function analyzeImpact(inputs: ImpactInputs, options: ImpactOptions, listed: number): Impact {
  const { corpus, index, citations } = inputs;
  const papers = paperImpact(corpus, citations.citedBy);
  const authors = authorImpact(index, papers);
  const paperCount = corpus.papers.length;
  const sources = labelGroups(paperCount, (p) => {
    const venue = corpus.papers[p]!.venue;
    return venue ? [venue] : undefined;
  });
  const keywords = labelGroups(paperCount, (p) => {
    const { keywords: author, indexKeywords } = corpus.papers[p]!;
    return indexKeywords ? [...(author ?? []), ...indexKeywords] : author;
  });
  const report: ImpactReport = {
    citationCounts: { global: papers.withGlobal, localOnly: paperCount - papers.withGlobal },
    ...paperTables(inputs, papers, listed),
    authorIndices: authorTable(corpus, index, authors, listed),
    sources: sourcesReport(sources, papers, listed),
    lotka: lotkaFit(index.authorOffsets),
    historiograph: historiograph(corpus, citations, papers, options.historiographSize),
    bursts: {
      settings: options.bursts,
      references: referenceBursts(corpus, papers.year, citations, options.bursts),
      keywords: keywordBursts(papers.year, keywords, options.bursts),
    },
  };
  return { papers, authors, report };
}
