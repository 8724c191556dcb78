/**
 * The citation layer on typed arrays: papers 0..P-1 and the external works they cite P..P+R-1,
 * with one directed arc per citing paper and cited node, from reference lists and from mentions
 * mined in abstracts. The graph view (graph-view.ts) names these nodes `paper:<id>` and
 * `ref:<id>` and these arcs `cites` (to a paper) and `mentions` (to an external work).
 */
import { type SharedReferences, sharedReferencesOf } from '../model/reference-lists.ts';
import type { CitedReference, Corpus } from '../model/types.ts';
import { bigCopy, bigFloat64, bigInt32, bigUint8, bigUint32 } from '../util/big-arrays.ts';
import {
  ExternalWorkIndex,
  ExternalWorkList,
  externalWorkFamily,
  externalWorkId,
  externalWorkText,
  MentionedWork,
  mentionReferenceId,
  PaperIndex,
} from './cited-works.ts';
import type { CsrGraph } from './csr.ts';
import { findMentions, quotedPhraseIsTitle } from './mentions.ts';
import { DEFAULT_PAGERANK_OPTIONS, pagerankCsr } from './pagerank.ts';

/** A shared reference not looked up yet (every node number is ≥ 0). */
const UNRESOLVED = -1;
/** Arcs room beyond the reference lists, for mentions (grown if abstracts mention more). */
const MENTION_ARC_ROOM = 1024;
/** Unused arc room up to 1 / this of the arcs is kept rather than copied away. */
const UNUSED_ARC_ROOM = 8;

/** Where an arc comes from, per arc in CompactCitations.origin: the index into CITATION_ORIGINS. */
export const ORIGIN_REFERENCE_LIST = 0;
export const ORIGIN_ABSTRACT = 1;
/** The `origin` edge attribute of each origin code. */
export const CITATION_ORIGINS = ['reference-list', 'abstract'] as const;

interface CitationOptions {
  /** Mine in-text citations ('Sachs et al. [2022]', '[CMM21]', quoted titles) from abstracts. Default true. */
  mineAbstracts: boolean;
}

const DEFAULT_CITATION_OPTIONS: CitationOptions = { mineAbstracts: true };

/** The citation layer: see the module comment. Built by buildCitations. */
export class CompactCitations {
  constructor(
    /** Nodes 0..paperCount-1 are corpus.papers; paperCount + r is externalWorks[r]. */
    readonly paperCount: number,
    /** The external works (`ref:<id>` nodes), in the order first met, each as first met. */
    readonly externalWorks: ExternalWorkList,
    /**
     * Directed arcs over paperCount + externalWorks.length nodes, in citing-paper rows (external
     * works have empty rows): one per citing paper and cited node, no self-citations, weights 1.
     * Within a row, arcs come in the order met: the reference list, then the abstract's mentions.
     */
    readonly graph: CsrGraph,
    /** Per arc: ORIGIN_REFERENCE_LIST or ORIGIN_ABSTRACT. */
    readonly origin: Uint8Array,
    /** The citing sentence of arcs mined from abstracts, by arc (arcs from lists have none). */
    readonly context: Map<number, string>,
    /** Per paper: corpus papers citing it (its in-degree). */
    readonly citedBy: Uint32Array,
    /** Per external work: corpus papers citing or mentioning it (its in-degree). */
    readonly mentionCount: Uint32Array,
    /** Arcs from reference lists, and from mentions in abstracts. */
    readonly fromReferenceLists: number,
    readonly fromAbstracts: number,
    /** Arcs to corpus papers (`cites` edges), and to external works (`mentions` edges). */
    readonly resolvedInCorpus: number,
    readonly external: number,
  ) {}

  get referenceCount(): number {
    return this.externalWorks.length;
  }

  get citesArcs(): number {
    return this.resolvedInCorpus;
  }

  get mentionsArcs(): number {
    return this.external;
  }

  /** External work r's reference id (its node is `ref:<id>`). */
  referenceId(r: number): string {
    return externalWorkId(this.externalWorks.at(r));
  }

  /** External work r's readable text ('Sachs et al. 2022', '[CMM21]', 'Wu 2018', a title). */
  referenceText(r: number): string {
    return externalWorkText(this.externalWorks.at(r));
  }

  referenceYear(r: number): number | undefined {
    return this.externalWorks.at(r).year;
  }

  referenceFamily(r: number): string | undefined {
    return externalWorkFamily(this.externalWorks.at(r));
  }
}

/** Growable arc storage: targets with their origin codes. */
class ArcWriter {
  targets: Uint32Array;
  origin: Uint8Array;
  count = 0;

  constructor(capacity: number) {
    this.targets = bigUint32(capacity);
    this.origin = bigUint8(capacity);
  }

  push(target: number, origin: number): void {
    if (this.count === this.targets.length) {
      const targets = bigUint32(this.targets.length * 2 + MENTION_ARC_ROOM);
      targets.set(this.targets);
      this.targets = targets;
      const codes = bigUint8(targets.length);
      codes.set(this.origin);
      this.origin = codes;
    }
    this.targets[this.count] = target;
    this.origin[this.count++] = origin;
  }

  /**
   * The arcs as arrays of their length: views when little room is left (a list's repeats and
   * self-citations), copies when much is (a copy of twenty million arcs would be 100 MB more).
   */
  trimmed(): { targets: Uint32Array; origin: Uint8Array } {
    if ((this.targets.length - this.count) * UNUSED_ARC_ROOM <= this.count)
      return { targets: this.targets.subarray(0, this.count), origin: this.origin.subarray(0, this.count) };
    const origin = bigUint8(this.count);
    origin.set(this.origin.subarray(0, this.count));
    return { targets: bigCopy(this.targets, 0, this.count), origin };
  }
}

/**
 * Citations from explicit reference lists, matched to corpus papers by identifier (DOI, arXiv,
 * OpenAlex, S2) and then by folded title, and from mentions in abstracts, matched by surnames
 * and year, bracket key or quoted title (cited-works.ts); what matches no paper becomes an
 * external work, one per cited work (its identifiers and bibliographic key, cited-works.ts). The same arcs, nodes and counts as the graphology build.
 */
export function buildCitations(
  corpus: Corpus,
  options: CitationOptions = DEFAULT_CITATION_OPTIONS,
): CompactCitations {
  const papers = corpus.papers;
  const n = papers.length;
  const index = new PaperIndex(papers);

  // Lists a parser kept as numbers of shared references (model/reference-lists.ts), found once:
  // each distinct reference is resolved once, then every list is read as integers. The tables'
  // sizes bound the external works they can bring, so the per-work arrays are sized up front.
  const tables: SharedReferences[] = [];
  const tableIndex = new Map<SharedReferences, number>();
  const listTable = bigInt32(n).fill(-1);
  const listStart = bigInt32(n);
  let referenceCount = 0;
  let sharedWorks = 0;
  for (let p = 0; p < n; p++) {
    const references = papers[p]!.references;
    if (!references) continue;
    referenceCount += references.length;
    const table = sharedReferencesOf(references);
    const start = table ? table.startOfList(references) : -1;
    if (!table || start < 0) continue;
    let t = tableIndex.get(table);
    if (t === undefined) {
      t = tables.length;
      tables.push(table);
      tableIndex.set(table, t);
      sharedWorks += table.references.length;
    }
    listTable[p] = t;
    listStart[p] = start;
  }
  // References with only author, year, volume and page find the corpus paper another
  // reference to the same work names by DOI or title, whichever is met first.
  for (const table of tables) for (const reference of table.references) index.learnKey(reference);
  for (let p = 0; p < n; p++) {
    if (listTable[p]! >= 0) continue;
    for (const reference of papers[p]!.references ?? []) index.learnKey(reference);
  }
  const resolvedOf: Int32Array[] = tables.map((table) => bigInt32(table.references.length).fill(UNRESOLVED));

  const works = new ExternalWorkIndex(sharedWorks);
  const externalWorks = new ExternalWorkList(tables, sharedWorks);
  const arcs = new ArcWriter(referenceCount + MENTION_ARC_ROOM);
  const context = new Map<number, string>();
  const offsets = bigFloat64(n + 1);
  /**
   * Per node v: [2v] the paper that last cited it (a second citation by one paper is spotted
   * here), [2v + 1] its in-degree. Side by side, so an arc touches one cache line, not two.
   */
  let citers = bigInt32(2 * (n + sharedWorks + MENTION_ARC_ROOM));
  for (let slot = 0; slot < citers.length; slot += 2) citers[slot] = -1;
  let fromAbstracts = 0;

  /** The node of external work `work` (just numbered by `works`), with room in `citers`. */
  const externalNode = (work: number): number => {
    const slots = 2 * (n + work + 1);
    if (slots > citers.length) {
      const grown = bigInt32(Math.max(slots, Math.ceil(citers.length * 1.5)));
      grown.set(citers);
      for (let slot = citers.length; slot < grown.length; slot += 2) grown[slot] = -1;
      citers = grown;
    }
    return n + work;
  };
  const nodeOfShared = (t: number, number: number): number => {
    const reference = tables[t]!.references[number]!;
    const cited = index.byIdentifier(reference);
    if (cited >= 0) return cited;
    const work = works.internCited(reference);
    if (work === externalWorks.length) externalWorks.addShared(t, number);
    else if (works.improved) externalWorks.replaceShared(work, t, number);
    return externalNode(work);
  };
  const nodeOfLoose = (reference: CitedReference): number => {
    const cited = index.byIdentifier(reference);
    if (cited >= 0) return cited;
    const work = works.internCited(reference);
    if (work === externalWorks.length) externalWorks.addLoose(reference);
    else if (works.improved) externalWorks.replaceLoose(work, reference);
    return externalNode(work);
  };
  /** Adds the arc p → node unless it is a self-citation or p cites node already. */
  const link = (p: number, node: number, origin: number): boolean => {
    if (node === p || citers[2 * node] === p) return false;
    citers[2 * node] = p;
    citers[2 * node + 1]!++;
    arcs.push(node, origin);
    return true;
  };

  for (let p = 0; p < n; p++) {
    offsets[p] = arcs.count;
    const paper = papers[p]!;
    const references = paper.references;
    const t = listTable[p]!;
    if (t >= 0) {
      const numbers = tables[t]!.numbers;
      const resolved = resolvedOf[t]!;
      for (let at = listStart[p]!, end = at + references!.length; at < end; at++) {
        const number = numbers[at]!;
        let node = resolved[number]!;
        if (node === UNRESOLVED) node = resolved[number] = nodeOfShared(t, number);
        link(p, node, ORIGIN_REFERENCE_LIST);
      }
    } else if (references) {
      for (const reference of references) link(p, nodeOfLoose(reference), ORIGIN_REFERENCE_LIST);
    }
    if (!options.mineAbstracts || !paper.abstract) continue;
    for (const mention of findMentions(paper.abstract)) {
      let node =
        mention.kind === 'author-year'
          ? index.bySurnames(mention.surnames, mention.year!)
          : mention.kind === 'bracket-key'
            ? index.byBracketKey(mention.key!, mention.year!)
            : index.byTitleText(mention.title!);
      if (node < 0) {
        // A short quoted phrase ("neural collapse") is a term, not a cited work.
        if (mention.kind === 'quoted-title' && !quotedPhraseIsTitle(mention)) continue;
        const work = works.internId(mentionReferenceId(mention));
        if (work === externalWorks.length) externalWorks.addLoose(new MentionedWork(mention));
        node = externalNode(work);
      }
      const arc = arcs.count;
      if (!link(p, node, ORIGIN_ABSTRACT)) continue;
      fromAbstracts++;
      if (mention.sentence) context.set(arc, mention.sentence);
    }
  }

  const referenceTotal = externalWorks.length;
  const nodeCount = n + referenceTotal;
  const allOffsets = bigFloat64(nodeCount + 1);
  allOffsets.set(offsets.subarray(0, n));
  allOffsets.fill(arcs.count, n);
  const citedBy = bigUint32(n);
  const mentionCount = bigUint32(referenceTotal);
  let resolvedInCorpus = 0;
  for (let v = 0; v < n; v++) {
    citedBy[v] = citers[2 * v + 1]!;
    resolvedInCorpus += citedBy[v]!;
  }
  for (let r = 0; r < referenceTotal; r++) mentionCount[r] = citers[2 * (n + r) + 1]!;
  const { targets, origin } = arcs.trimmed();
  return new CompactCitations(
    n,
    externalWorks,
    { nodeCount, offsets: allOffsets, targets, weights: bigFloat64(targets.length).fill(1) },
    origin,
    context,
    citedBy,
    mentionCount,
    targets.length - fromAbstracts,
    fromAbstracts,
    resolvedInCorpus,
    targets.length - resolvedInCorpus,
  );
}

/**
 * PageRank over the whole citation layer (papers and external works, cites and mentions arcs,
 * unweighted), rounded to 1e-9: node v's score is at v (papers first, then external works).
 */
export function citationPagerank(
  citations: CompactCitations,
  alpha: number = DEFAULT_PAGERANK_OPTIONS.alpha,
): Float64Array {
  const { scores } = pagerankCsr(citations.graph, { ...DEFAULT_PAGERANK_OPTIONS, alpha });
  for (let v = 0; v < scores.length; v++) scores[v] = Math.round(scores[v]! * 1e9) / 1e9;
  return scores;
}
