/**
 * The edges of the typed-array layers that need nothing but ids and arrays: authorship,
 * co-authorship and similarity. AnalysisView (graph-view.ts) reads them with their ends' stub
 * attributes added; the graph.json writer's second thread (export/graph-json-parallel-node.ts)
 * reads them from the same arrays posted to it. Plain data in, so both get the same edges.
 */
import type { EdgeAttributes } from '../model/graph-schema.ts';
import type { CorpusIndex } from './corpus-index.ts';
import type { CsrGraph } from './csr.ts';

/** What the layer edges are made from: ids and typed arrays only (a thread can be sent it). */
export interface LayerEdgeData {
  paperIds: readonly string[];
  authorIds: readonly string[];
  index: Pick<CorpusIndex, 'paperCount' | 'paperOffsets' | 'paperAuthors' | 'authorOffsets' | 'authorPapers'>;
  coauthorship: { graph: CsrGraph; counts: Uint32Array; fractional: Float64Array };
  /** 1 for papers left out of the co-authorship layer by the author cap. */
  capped: Uint8Array;
  similarity: CsrGraph | undefined;
}

/** One edge: graphology key, attributes, end keys, and the ends' indexes on their side. */
interface LayerEdge {
  edge: string;
  attributes: EdgeAttributes;
  source: string;
  target: string;
  undirected: boolean;
  /** Index of the source (an author for authorship, else of the side's kind). */
  from: number;
  /** Index of the target (a paper for authorship, else of the side's kind). */
  to: number;
}

/** The edge kinds this module makes. */
export type LayerEdgeKind = 'authored' | 'coauthor' | 'similar';

export function layerEdges(data: LayerEdgeData, kind: LayerEdgeKind): Generator<LayerEdge> {
  if (kind === 'authored') return authoredEdges(data);
  if (kind === 'coauthor') return coauthorEdges(data);
  return similarityEdges(data);
}

function* authoredEdges({ index, paperIds, authorIds }: LayerEdgeData): Generator<LayerEdge> {
  const { paperOffsets, paperAuthors } = index;
  for (let p = 0; p < index.paperCount; p++) {
    const paperId = paperIds[p]!;
    const target = `paper:${paperId}`;
    for (let i = paperOffsets[p]!; i < paperOffsets[p + 1]!; i++) {
      const a = paperAuthors[i]!;
      yield {
        edge: `authored:${authorIds[a]!}->${paperId}`,
        attributes: { kind: 'authored', weight: 1, position: i - paperOffsets[p]! + 1 },
        source: `author:${authorIds[a]!}`,
        target,
        undirected: false,
        from: a,
        to: p,
      };
    }
  }
}

/** The ids of the papers authors a and b wrote together, leaving out capped papers. */
function jointPapers({ index, capped, paperIds }: LayerEdgeData, a: number, b: number): string[] {
  const { authorOffsets, authorPapers } = index;
  const joint: string[] = [];
  let i = authorOffsets[a]!;
  let j = authorOffsets[b]!;
  const endA = authorOffsets[a + 1]!;
  const endB = authorOffsets[b + 1]!;
  while (i < endA && j < endB) {
    const pa = authorPapers[i]!;
    const pb = authorPapers[j]!;
    if (pa === pb) {
      if (!capped[pa]) joint.push(paperIds[pa]!);
      i++;
      j++;
    } else if (pa < pb) i++;
    else j++;
  }
  return joint;
}

function coauthorEdges(data: LayerEdgeData): Generator<LayerEdge> {
  const { graph, counts, fractional } = data.coauthorship;
  return undirectedEdges(graph, data.authorIds, 'author', (a, b, arc) => ({
    kind: 'coauthor',
    weight: graph.weights[arc]!,
    count: counts[arc]!,
    fractional: fractional[arc]!,
    papers: jointPapers(data, a, b),
  }));
}

function* similarityEdges({ similarity, paperIds }: LayerEdgeData): Generator<LayerEdge> {
  if (!similarity) return;
  yield* undirectedEdges(similarity, paperIds, 'paper', (_p, _q, arc) => ({
    kind: 'similar',
    weight: Math.round(similarity.weights[arc]! * 1e6) / 1e6,
  }));
}

/**
 * The edges of an undirected CSR layer, each once (from its end with the smaller id, as the
 * graphology keys `kind:a--b` have it), with `prefix` node keys.
 */
function* undirectedEdges(
  graph: CsrGraph,
  ids: readonly string[],
  prefix: 'author' | 'paper',
  attributesOf: (from: number, to: number, arc: number) => EdgeAttributes,
): Generator<LayerEdge> {
  for (let u = 0; u < graph.nodeCount; u++) {
    const idU = ids[u]!;
    const source = `${prefix}:${idU}`;
    for (let arc = graph.offsets[u]!, end = graph.offsets[u + 1]!; arc < end; arc++) {
      const v = graph.targets[arc]!;
      const idV = ids[v]!;
      if (idV < idU) continue;
      const attributes = attributesOf(u, v, arc);
      yield {
        edge: `${attributes.kind}:${idU}--${idV}`,
        attributes,
        source,
        target: `${prefix}:${idV}`,
        undirected: true,
        from: u,
        to: v,
      };
    }
  }
}
