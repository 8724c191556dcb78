import { titleKey } from '../../model/titles.ts';
import type { Corpus } from '../../model/types.ts';
import type { CsrGraph } from './csr.ts';

const IDENTIFIER_FIELDS = ['doi', 'arxiv', 'openalex', 's2'] as const;

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
  const byField = new Map(IDENTIFIER_FIELDS.map((field) => [field, new Map<string, number>()]));
  const byTitle = new Map<string, number>();
  let referenceCount = 0;
  corpus.papers.forEach((paper, index) => {
    for (const field of IDENTIFIER_FIELDS) {
      const value = paper.ids?.[field];
      if (value) byField.get(field)!.set(value, index);
    }
    referenceCount += paper.references?.length ?? 0;
  });
  // Folding every title costs seconds at a million papers: only when some reference has a title.
  if (corpus.papers.some((paper) => paper.references?.some((reference) => reference.title)))
    corpus.papers.forEach((paper, index) => {
      byTitle.set(titleKey(paper.title), index);
    });
  const offsets = new Float64Array(n + 1);
  const targets = new Uint32Array(referenceCount);
  const citedBy = new Uint32Array(n);
  const lastCiter = new Int32Array(n).fill(-1);
  let write = 0;
  let fromReferenceLists = 0;
  let external = 0;
  for (let p = 0; p < n; p++) {
    offsets[p] = write;
    for (const reference of corpus.papers[p]!.references ?? []) {
      let cited: number | undefined;
      for (const field of IDENTIFIER_FIELDS) {
        const value = reference[field];
        if (value === undefined) continue;
        cited = byField.get(field)!.get(value);
        if (cited !== undefined) break;
      }
      if (cited === undefined && reference.title) cited = byTitle.get(titleKey(reference.title));
      if (cited === undefined) {
        external++;
        fromReferenceLists++;
        continue;
      }
      if (cited === p || lastCiter[cited] === p) continue;
      lastCiter[cited] = p;
      targets[write++] = cited;
      citedBy[cited]!++;
      fromReferenceLists++;
    }
  }
  offsets[n] = write;
  return {
    graph: {
      nodeCount: n,
      offsets,
      targets: targets.slice(0, write),
      weights: new Float64Array(write).fill(1),
    },
    citedBy,
    fromReferenceLists,
    resolvedInCorpus: write,
    external,
  };
}
