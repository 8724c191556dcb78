import { openAlexIdNumber } from '../../model/ids.ts';
import { titleKey } from '../../model/titles.ts';
import type { Corpus } from '../../model/types.ts';
import { bigCopy, bigFloat64, bigInt32, bigUint32 } from '../../util/big-arrays.ts';
import { IntegerTable } from '../../util/integer-table.ts';
import type { CsrGraph } from './csr.ts';

const IDENTIFIER_FIELDS = ['doi', 'arxiv', 'openalex', 's2'] as const;

/** Paper index by one identifier field's value. */
interface IdIndex {
  set(value: string, paper: number): void;
  get(value: string): number | undefined;
}

function stringIndex(): IdIndex {
  const byValue = new Map<string, number>();
  return { set: (value, paper) => byValue.set(value, paper), get: (value) => byValue.get(value) };
}

/** OpenAlex ids in a typed hash table (a million works cite 20M of them); odd shapes in a Map. */
function openAlexIndex(expected: number): IdIndex {
  const table = new IntegerTable(expected);
  const others = stringIndex();
  return {
    set: (value, paper) => {
      const key = openAlexIdNumber(value);
      if (key < 0) others.set(value, paper);
      else table.set(key, paper);
    },
    get: (value) => {
      const key = openAlexIdNumber(value);
      if (key < 0) return others.get(value);
      const paper = table.get(key);
      return paper < 0 ? undefined : paper;
    },
  };
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
    IDENTIFIER_FIELDS.map((field) => [field, field === 'openalex' ? openAlexIndex(n) : stringIndex()]),
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
  const offsets = bigFloat64(n + 1);
  const targets = bigUint32(referenceCount);
  const citedBy = bigUint32(n);
  const lastCiter = bigInt32(n).fill(-1);
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
      if (cited === undefined && reference.title) cited = titleIndex().get(titleKey(reference.title));
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
      targets: bigCopy(targets, 0, write),
      weights: bigFloat64(write).fill(1),
    },
    citedBy,
    fromReferenceLists,
    resolvedInCorpus: write,
    external,
  };
}
