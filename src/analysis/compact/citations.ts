import { OpenAlexIdMap } from '../../model/openalex-id-map.ts';
import { type SharedReferences, sharedReferencesOf } from '../../model/reference-lists.ts';
import { titleKey } from '../../model/titles.ts';
import type { CitedReference, Corpus } from '../../model/types.ts';
import { bigCopy, bigFloat64, bigInt32, bigUint32 } from '../../util/big-arrays.ts';
import type { CsrGraph } from './csr.ts';

const IDENTIFIER_FIELDS = ['doi', 'arxiv', 'openalex', 's2'] as const;
/** A shared reference not looked up yet (-1 is 'not in the corpus'). */
const UNRESOLVED = -2;

/** Paper index by one identifier field's value. */
interface IdIndex {
  set(value: string, paper: number): void;
  get(value: string): number | undefined;
}

export interface CompactCitations {
  /** Directed paper → paper arcs (reference lists resolved inside the corpus), unweighted. */
  graph: CsrGraph;
  /** Corpus papers citing each paper. */
  citedBy: Uint32Array;
  fromReferenceLists: number;
  resolvedInCorpus: number;
  /** References that match no corpus paper (counted, not turned into nodes on this path). */
  external: number;
}

/**
 * Citations between corpus papers from explicit reference lists, matched by identifier (DOI,
 * arXiv, OpenAlex, S2) and then by folded title, as the graphology build matches them.
 * One Map per identifier field: no key string is built per reference.
 */
export function buildCitations(corpus: Corpus): CompactCitations {
  const n = corpus.papers.length;
  const byField = new Map<(typeof IDENTIFIER_FIELDS)[number], IdIndex>(
    IDENTIFIER_FIELDS.map((field) => [field, field === 'openalex' ? new OpenAlexIdMap(n) : new Map()]),
  );
  let referenceCount = 0;
  corpus.papers.forEach((paper, index) => {
    for (const field of IDENTIFIER_FIELDS) {
      const value = paper.ids?.[field];
      if (value) byField.get(field)!.set(value, index);
    }
    referenceCount += paper.references?.length ?? 0;
  });
  // Folding every title costs seconds at a million papers: built when a reference first needs it
  // (a pass over twenty million references just to ask whether one has a title cost as much).
  let byTitle: Map<string, number> | undefined;
  const titleIndex = (): Map<string, number> => {
    if (byTitle) return byTitle;
    byTitle = new Map();
    for (let index = 0; index < n; index++) byTitle.set(titleKey(corpus.papers[index]!.title), index);
    return byTitle;
  };
  // A reference's paper (or -1: none in the corpus) depends on the reference alone.
  const resolve = (reference: CitedReference): number => {
    for (const field of IDENTIFIER_FIELDS) {
      const value = reference[field];
      if (value === undefined) continue;
      const cited = byField.get(field)!.get(value);
      if (cited !== undefined) return cited;
    }
    if (!reference.title) return -1;
    return titleIndex().get(titleKey(reference.title)) ?? -1;
  };
  // Lists a parser kept as numbers of shared references (model/reference-lists.ts): each distinct
  // reference is resolved once, then every list is read as integers.
  const resolvedByTable = new Map<SharedReferences, Int32Array>();
  const resolvedNumbers = (table: SharedReferences): Int32Array => {
    let resolved = resolvedByTable.get(table);
    if (!resolved) {
      resolved = bigInt32(table.references.length).fill(UNRESOLVED);
      resolvedByTable.set(table, resolved);
    }
    return resolved;
  };
  const offsets = bigFloat64(n + 1);
  const targets = bigUint32(referenceCount);
  const citedBy = bigUint32(n);
  const lastCiter = bigInt32(n).fill(-1);
  let write = 0;
  let external = 0;
  const cite = (p: number, cited: number): void => {
    if (cited < 0) {
      external++;
      return;
    }
    if (cited === p || lastCiter[cited] === p) return;
    lastCiter[cited] = p;
    targets[write++] = cited;
    citedBy[cited]!++;
  };
  for (let p = 0; p < n; p++) {
    offsets[p] = write;
    const references = corpus.papers[p]!.references;
    if (!references) continue;
    const table = sharedReferencesOf(references);
    const start = table ? table.startOfList(references) : -1;
    if (table && start >= 0) {
      const { numbers, references: shared } = table;
      const resolved = resolvedNumbers(table);
      for (let at = start, end = start + references.length; at < end; at++) {
        const number = numbers[at]!;
        let cited = resolved[number]!;
        if (cited === UNRESOLVED) cited = resolved[number] = resolve(shared[number]!);
        cite(p, cited);
      }
    } else {
      for (const reference of references) cite(p, resolve(reference));
    }
  }
  offsets[n] = write;
  return {
    graph: {
      nodeCount: n,
      offsets,
      targets: bigCopy(targets, 0, write),
      weights: bigFloat64(write).fill(1),
    },
    citedBy,
    fromReferenceLists: external + write,
    resolvedInCorpus: write,
    external,
  };
}
