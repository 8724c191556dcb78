import Graph from 'graphology';
import { findMentions, type Mention, mentionLabel, quotedPhraseIsTitle } from '../analysis/mentions.ts';
import type {
  AuthorNodeAttributes,
  EdgeAttributes,
  GraphAttributes,
  NodeAttributes,
  PaperNodeAttributes,
  ReferenceNodeAttributes,
} from '../model/graph-schema.ts';
import { nodeKey } from '../model/graph-schema.ts';
import { foldText } from '../model/names.ts';
import { titleKey } from '../model/titles.ts';
import type { Author, CitedReference, Corpus, Paper } from '../model/types.ts';

export type AnalysedGraph = Graph<NodeAttributes, EdgeAttributes, GraphAttributes>;

export type CoauthorWeighting = 'count' | 'fractional';

export interface BuildOptions {
  /** Papers with more authors than this are left out of the co-authorship layer (VOSviewer's cap). */
  maxAuthorsPerPaper: number;
  /** Which co-authorship weight becomes `weight`: joint paper count or Newman's fractional weight. */
  coauthorWeight: CoauthorWeighting;
  /** Mine in-text citations from abstracts. */
  mineAbstracts: boolean;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = {
  maxAuthorsPerPaper: 25,
  coauthorWeight: 'count',
  mineAbstracts: true,
};

export interface BuildReport {
  /** Papers left out of the co-authorship layer by the author cap, with their author counts. */
  cappedPapers: { id: string; title: string; authors: number }[];
  citations: {
    fromReferenceLists: number;
    fromAbstracts: number;
    resolvedInCorpus: number;
    external: number;
  };
}

function sourcesText(paper: Paper): string[] {
  return paper.sources.map((source) => `${source.file}:${source.line} (${source.format})`);
}

/** A paper node's attributes from the corpus (what the analysis adds comes later), shared with the compact view. */
export function paperNodeAttributes(paper: Paper): PaperNodeAttributes {
  const attributes: PaperNodeAttributes = {
    kind: 'paper',
    label: paper.title,
    paperId: paper.id,
    title: paper.title,
    sources: sourcesText(paper),
  };
  if (paper.year !== undefined) attributes.year = paper.year;
  if (paper.date) attributes.date = paper.date;
  if (paper.partialDate) attributes.partialDate = paper.partialDate;
  if (paper.abstract) attributes.abstract = paper.abstract;
  if (paper.authorCount !== undefined) attributes.authorCount = paper.authorCount;
  if (paper.upvotes !== undefined) attributes.upvotes = paper.upvotes;
  if (paper.venue) attributes.venue = paper.venue;
  if (paper.ids?.doi) attributes.doi = paper.ids.doi;
  return attributes;
}

/** An author node's attributes from the corpus (years and metrics come later), shared with the compact view. */
export function authorNodeAttributes(author: Author): AuthorNodeAttributes {
  return {
    kind: 'author',
    label: author.name,
    authorId: author.id,
    name: author.name,
    key: author.key,
    authorKind: author.kind,
    paperCount: author.papers.length,
  };
}

function addPapersAndAuthors(graph: AnalysedGraph, corpus: Corpus): void {
  for (const paper of corpus.papers) graph.addNode(nodeKey.paper(paper.id), paperNodeAttributes(paper));
  const papersById = new Map(corpus.papers.map((paper) => [paper.id, paper]));
  for (const author of corpus.authors) {
    const years = author.papers
      .map((id) => papersById.get(id)?.year)
      .filter((year): year is number => year !== undefined);
    const attributes = authorNodeAttributes(author);
    if (years.length > 0) {
      attributes.firstYear = Math.min(...years);
      attributes.lastYear = Math.max(...years);
    }
    graph.addNode(nodeKey.author(author.id), attributes);
  }
  for (const paper of corpus.papers) {
    paper.authors.forEach((author, index) => {
      if (!author.id) return;
      const source = nodeKey.author(author.id);
      const target = nodeKey.paper(paper.id);
      const key = `authored:${author.id}->${paper.id}`;
      // One person listed twice on a paper (a source's typo) stays one authorship, first position.
      if (graph.hasEdge(key)) return;
      graph.addDirectedEdgeWithKey(key, source, target, { kind: 'authored', weight: 1, position: index + 1 });
    });
  }
}

function pairKey(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Co-authorship edges: joint paper counts and Newman's fractional weight Σ 1/(n−1), with the author cap. */
function addCoauthorship(
  graph: AnalysedGraph,
  corpus: Corpus,
  options: BuildOptions,
  report: BuildReport,
): void {
  // Pairs are keyed by two integer author indexes (no string per pair occurrence): this loop
  // sees every pair of every paper, tens of millions on a million-paper corpus.
  const authorIndex = new Map(corpus.authors.map((author, index) => [author.id, index]));
  const authorCount = corpus.authors.length;
  const pairIndex = new Map<number, number>();
  const pairA: number[] = [];
  const pairB: number[] = [];
  const counts: number[] = [];
  const fractional: number[] = [];
  const papers: string[][] = [];
  for (const paper of corpus.papers) {
    const ids = [
      ...new Set(paper.authors.map((author) => (author.id ? authorIndex.get(author.id) : undefined))),
    ].filter((index): index is number => index !== undefined);
    if (ids.length > options.maxAuthorsPerPaper) {
      report.cappedPapers.push({ id: paper.id, title: paper.title, authors: ids.length });
      continue;
    }
    if (ids.length < 2) continue;
    ids.sort((x, y) => x - y);
    const share = 1 / (ids.length - 1);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = ids[i]! * authorCount + ids[j]!;
        let pair = pairIndex.get(key);
        if (pair === undefined) {
          pair = counts.length;
          pairIndex.set(key, pair);
          pairA.push(ids[i]!);
          pairB.push(ids[j]!);
          counts.push(0);
          fractional.push(0);
          papers.push([]);
        }
        counts[pair]! += 1;
        fractional[pair]! += share;
        papers[pair]!.push(paper.id);
      }
    }
  }
  for (let pair = 0; pair < counts.length; pair++) {
    const [a, b] = pairKey(corpus.authors[pairA[pair]!]!.id, corpus.authors[pairB[pair]!]!.id);
    graph.addUndirectedEdgeWithKey(`coauthor:${a}--${b}`, nodeKey.author(a), nodeKey.author(b), {
      kind: 'coauthor',
      weight: options.coauthorWeight === 'count' ? counts[pair]! : fractional[pair]!,
      count: counts[pair]!,
      fractional: fractional[pair]!,
      papers: papers[pair]!,
    });
  }
}

/** Finds corpus papers by identifier, title, and (first-author family name, year). */
class PaperIndex {
  private readonly byId = new Map<string, Paper>();
  private readonly byTitle = new Map<string, Paper>();
  private readonly bySurnameYear = new Map<string, Paper[]>();

  constructor(papers: Paper[]) {
    for (const paper of papers) {
      for (const [field, value] of Object.entries(paper.ids ?? {}))
        if (value) this.byId.set(`${field}:${value}`, paper);
      this.byTitle.set(titleKey(paper.title), paper);
      if (paper.year === undefined) continue;
      for (const author of paper.authors) {
        if (author.kind !== 'person') continue;
        const key = `${foldText(author.family ?? author.name)}|${paper.year}`;
        const list = this.bySurnameYear.get(key) ?? [];
        list.push(paper);
        this.bySurnameYear.set(key, list);
      }
    }
  }

  byIdentifier(reference: CitedReference): Paper | undefined {
    for (const field of ['doi', 'arxiv', 'openalex', 's2'] as const) {
      const value = reference[field];
      if (value) {
        const found = this.byId.get(`${field}:${value}`);
        if (found) return found;
      }
    }
    return reference.title ? this.byTitle.get(titleKey(reference.title)) : undefined;
  }

  byTitleText(title: string): Paper | undefined {
    return this.byTitle.get(titleKey(title));
  }

  /** A mention resolves when its first surname is an author of exactly one corpus paper of that year. */
  bySurnames(surnames: string[], year: number): Paper | undefined {
    const candidates = this.bySurnameYear.get(`${foldText(surnames[0]!)}|${year}`) ?? [];
    const matching = candidates.filter((paper) =>
      surnames.every((surname) =>
        paper.authors.some((author) => foldText(author.family ?? author.name) === foldText(surname)),
      ),
    );
    return matching.length === 1 ? matching[0] : undefined;
  }

  /** '[CMM21]': the initials of the family names in order, and the two-digit year. */
  byBracketKey(key: string, year: number): Paper | undefined {
    const letters = key.replace(/\+?\d{2}[a-z]?$/, '').toLowerCase();
    const matches: Paper[] = [];
    for (const list of this.bySurnameYear.values()) {
      for (const paper of list) {
        if (paper.year !== year || matches.includes(paper)) continue;
        const initials = paper.authors
          .map((author) => foldText(author.family ?? author.name)[0] ?? '')
          .join('');
        if (initials === letters || (letters.length === 3 && initials.slice(0, 3) === letters))
          matches.push(paper);
      }
    }
    return matches.length === 1 ? matches[0] : undefined;
  }
}

function referenceId(mention: Mention): string {
  if (mention.kind === 'bracket-key') return `key-${mention.key!.toLowerCase()}`;
  if (mention.kind === 'quoted-title') return `title-${titleKey(mention.title!).slice(0, 80)}`;
  return `${mention.surnames.map((surname) => foldText(surname).replace(/ /g, '-')).join('-')}${mention.etAl ? '-etal' : ''}-${mention.year}`;
}

function citedReferenceId(reference: CitedReference): string {
  if (reference.doi) return `doi-${reference.doi}`;
  if (reference.openalex) return `openalex-${reference.openalex}`;
  if (reference.s2) return `s2-${reference.s2}`;
  if (reference.arxiv) return `arxiv-${reference.arxiv}`;
  return `raw-${foldText(reference.raw ?? reference.title ?? '')
    .replace(/ /g, '-')
    .slice(0, 100)}`;
}

function citedReferenceLabel(reference: CitedReference): string {
  if (reference.firstAuthorFamily && reference.year)
    return `${reference.firstAuthorFamily} ${reference.year}`;
  return (
    reference.title ?? reference.raw ?? reference.doi ?? reference.openalex ?? reference.s2 ?? 'reference'
  );
}

function ensureReference(
  graph: AnalysedGraph,
  id: string,
  text: string,
  year: number | undefined,
  family: string | undefined,
): string {
  const key = nodeKey.reference(id);
  if (!graph.hasNode(key)) {
    const attributes: ReferenceNodeAttributes = {
      kind: 'reference',
      label: text,
      referenceId: id,
      text,
      mentionCount: 0,
    };
    if (year !== undefined) attributes.year = year;
    if (family) attributes.firstAuthorFamily = family;
    graph.addNode(key, attributes);
  }
  return key;
}

function linkCitation(
  graph: AnalysedGraph,
  from: Paper,
  target: string,
  origin: 'reference-list' | 'abstract',
  context?: string,
): boolean {
  const source = nodeKey.paper(from.id);
  if (source === target) return false;
  const isPaper = target.startsWith('paper:');
  const kind = isPaper ? 'cites' : 'mentions';
  const key = `${kind}:${from.id}->${target.slice(target.indexOf(':') + 1)}`;
  if (graph.hasEdge(key)) return false;
  const attributes: EdgeAttributes = { kind, weight: 1, origin };
  if (context) attributes.context = context;
  graph.addDirectedEdgeWithKey(key, source, target, attributes);
  return true;
}

/** Citation edges from explicit reference lists and from mentions mined in abstracts. */
function addCitations(
  graph: AnalysedGraph,
  corpus: Corpus,
  options: BuildOptions,
  report: BuildReport,
): void {
  const index = new PaperIndex(corpus.papers);
  for (const paper of corpus.papers) {
    for (const reference of paper.references ?? []) {
      const cited = index.byIdentifier(reference);
      const target = cited
        ? nodeKey.paper(cited.id)
        : ensureReference(
            graph,
            citedReferenceId(reference),
            citedReferenceLabel(reference),
            reference.year,
            reference.firstAuthorFamily,
          );
      if (linkCitation(graph, paper, target, 'reference-list')) {
        report.citations.fromReferenceLists++;
        if (cited) report.citations.resolvedInCorpus++;
        else report.citations.external++;
      }
    }
    if (!options.mineAbstracts || !paper.abstract) continue;
    for (const mention of findMentions(paper.abstract)) {
      let cited: Paper | undefined;
      if (mention.kind === 'author-year') cited = index.bySurnames(mention.surnames, mention.year!);
      else if (mention.kind === 'bracket-key') cited = index.byBracketKey(mention.key!, mention.year!);
      else cited = index.byTitleText(mention.title!);
      if (!cited && mention.kind === 'quoted-title' && !quotedPhraseIsTitle(mention)) continue;
      const target = cited
        ? nodeKey.paper(cited.id)
        : ensureReference(
            graph,
            referenceId(mention),
            mentionLabel(mention),
            mention.year,
            mention.surnames[0],
          );
      if (linkCitation(graph, paper, target, 'abstract', mention.sentence)) {
        report.citations.fromAbstracts++;
        if (cited) report.citations.resolvedInCorpus++;
        else report.citations.external++;
      }
    }
  }
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'reference')
      graph.mergeNodeAttributes(node, { mentionCount: graph.inDegree(node) });
    if (attributes.kind === 'paper') {
      let citedBy = 0;
      graph.forEachInEdge(node, (_edge, edge) => {
        if (edge.kind === 'cites') citedBy++;
      });
      graph.mergeNodeAttributes(node, { citedBy: citedBy });
    }
  });
}

/**
 * Corpus → one typed graph: Paper, Author and Reference nodes; authored, coauthor, cites and
 * mentions edges. Theme similarity edges are added by the theme analysis.
 */
export function buildGraph(
  corpus: Corpus,
  options: BuildOptions = DEFAULT_BUILD_OPTIONS,
): { graph: AnalysedGraph; report: BuildReport } {
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  const report: BuildReport = {
    cappedPapers: [],
    citations: { fromReferenceLists: 0, fromAbstracts: 0, resolvedInCorpus: 0, external: 0 },
  };
  addPapersAndAuthors(graph, corpus);
  addCoauthorship(graph, corpus, options, report);
  addCitations(graph, corpus, options, report);
  return { graph, report };
}
