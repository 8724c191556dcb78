import type { AnalysedGraph } from '../graph/build.ts';
import { nodeKey } from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import { detectCommunities, type Partition, projectLayer, type WeightedGraph } from './communities.ts';
import {
  type CompactTextModel,
  distinctiveTerms,
  similarityEdges,
  similarityOptions,
} from './compact/similarity.ts';

export interface ThemeOptions {
  /** Neighbours per paper in the similarity graph. */
  k: number;
  /** Cosine below this links nothing. */
  minSimilarity: number;
  resolution: number;
  seed: number;
  /** Terms shown as a theme's label. */
  labelTerms: number;
}

export const DEFAULT_THEME_OPTIONS: ThemeOptions = {
  k: 5,
  minSimilarity: 0.08,
  resolution: 1,
  seed: 42,
  labelTerms: 3,
};

export interface ThemeResult {
  partition: Partition;
  /** The similarity layer the themes were found on. */
  layer: WeightedGraph;
  /** Theme id → its most distinctive terms. */
  terms: Map<number, string[]>;
  similarityEdges: number;
}

/** Adds 'similar' edges (k nearest neighbours by TF-IDF cosine over title + abstract). */
export function addSimilarityEdges(
  graph: AnalysedGraph,
  corpus: Corpus,
  options: ThemeOptions,
): CompactTextModel {
  const papers = corpus.papers;
  const { edges, model } = similarityEdges(
    (index) => {
      const paper = papers[index]!;
      return `${paper.title}. ${paper.title}. ${paper.abstract ?? ''}`;
    },
    papers.length,
    similarityOptions(papers.length, options.k, options.minSimilarity),
  );
  for (let edge = 0; edge < edges.count; edge++) {
    const a = papers[edges.sources[edge]!]!.id;
    const b = papers[edges.targets[edge]!]!.id;
    const [first, second] = a < b ? [a, b] : [b, a];
    graph.addUndirectedEdgeWithKey(
      `similar:${first}--${second}`,
      nodeKey.paper(first),
      nodeKey.paper(second),
      { kind: 'similar', weight: edges.weights[edge]! },
    );
  }
  return model;
}

/** Themes: Louvain on the similarity graph, each labelled by its most distinctive terms. */
export function detectThemes(
  graph: AnalysedGraph,
  corpus: Corpus,
  model: CompactTextModel,
  options: ThemeOptions,
): ThemeResult {
  const layer = projectLayer(graph, 'similar', 'paper');
  const partition = detectCommunities(layer, { resolution: options.resolution, seed: options.seed });
  const themeOfDoc = new Int32Array(corpus.papers.length).fill(-1);
  corpus.papers.forEach((paper, index) => {
    themeOfDoc[index] = partition.membership.get(nodeKey.paper(paper.id)) ?? -1;
  });
  const terms = distinctiveTerms(model, themeOfDoc, options.labelTerms);
  return { partition, terms, similarityEdges: layer.size, layer };
}
