import type { AnalysedGraph } from '../graph/build.ts';
import { nodeKey } from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import { detectCommunities, type Partition, projectLayer, type WeightedGraph } from './communities.ts';
import { nearestNeighbours, type TfIdfModel, tfIdf } from './text.ts';

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

/** Candidate generation limits (see nearestNeighbours); tighter above LARGE_CORPUS papers to stay near-linear. */
const LARGE_CORPUS = 20_000;
const MAX_POSTINGS = { small: 300, large: 100 };
const TERMS_PER_DOCUMENT = { small: 12, large: 8 };
/** Bigrams read better as labels ("gradient descent" over "gradient"). */
const BIGRAM_LABEL_BONUS = 1.3;

export interface ThemeResult {
  partition: Partition;
  /** The similarity layer the themes were found on. */
  layer: WeightedGraph;
  /** Theme id → its most distinctive terms. */
  terms: Map<number, string[]>;
  similarityEdges: number;
}

/** Adds 'similar' edges (k nearest neighbours by TF-IDF cosine over title + abstract). */
export function addSimilarityEdges(graph: AnalysedGraph, corpus: Corpus, options: ThemeOptions): TfIdfModel {
  const documents = corpus.papers.map((paper) => `${paper.title}. ${paper.title}. ${paper.abstract ?? ''}`);
  const model = tfIdf(documents);
  const neighbours = nearestNeighbours(model, {
    k: options.k,
    minSimilarity: options.minSimilarity,
    maxPostings: corpus.papers.length > LARGE_CORPUS ? MAX_POSTINGS.large : MAX_POSTINGS.small,
    termsPerDocument:
      corpus.papers.length > LARGE_CORPUS ? TERMS_PER_DOCUMENT.large : TERMS_PER_DOCUMENT.small,
  });
  neighbours.forEach((list, index) => {
    const a = corpus.papers[index]!.id;
    for (const { index: other, similarity } of list) {
      const b = corpus.papers[other]!.id;
      const [first, second] = a < b ? [a, b] : [b, a];
      const key = `similar:${first}--${second}`;
      if (graph.hasEdge(key)) continue;
      graph.addUndirectedEdgeWithKey(key, nodeKey.paper(first), nodeKey.paper(second), {
        kind: 'similar',
        weight: Math.round(similarity * 1e6) / 1e6,
      });
    }
  });
  return model;
}

/** Each theme's most distinctive terms: mean weight inside the theme minus mean weight outside, in one pass. */
function distinctiveTermsByTheme(
  model: TfIdfModel,
  themeOfDoc: Int32Array,
  count: number,
): Map<number, string[]> {
  const total = new Float64Array(model.vocabulary.length);
  const inside = new Map<number, Map<number, number>>();
  const sizes = new Map<number, number>();
  model.vectors.forEach((vector, doc) => {
    const theme = themeOfDoc[doc]!;
    let sums = inside.get(theme);
    if (theme >= 0 && !sums) {
      sums = new Map();
      inside.set(theme, sums);
    }
    if (theme >= 0) sizes.set(theme, (sizes.get(theme) ?? 0) + 1);
    vector.ids.forEach((id, position) => {
      const weight = vector.weights[position]!;
      total[id]! += weight;
      if (sums) sums.set(id, (sums.get(id) ?? 0) + weight);
    });
  });
  const result = new Map<number, string[]>();
  for (const [theme, sums] of inside) {
    const size = sizes.get(theme)!;
    const outsideCount = Math.max(model.vectors.length - size, 1);
    const scored: [number, number][] = [];
    for (const [id, weight] of sums) {
      const bonus = model.vocabulary[id]!.includes(' ') ? BIGRAM_LABEL_BONUS : 1;
      scored.push([id, (weight / size - (total[id]! - weight) / outsideCount) * bonus]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const chosen: string[] = [];
    for (const [id] of scored) {
      const term = model.vocabulary[id]!;
      // Skip a unigram already inside a chosen bigram, and a bigram made of chosen unigrams.
      if (chosen.some((other) => other.split(' ').includes(term) || term.split(' ').includes(other)))
        continue;
      chosen.push(term);
      if (chosen.length === count) break;
    }
    result.set(theme, chosen);
  }
  return result;
}

/** Themes: Louvain on the similarity graph, each labelled by its most distinctive terms. */
export function detectThemes(
  graph: AnalysedGraph,
  corpus: Corpus,
  model: TfIdfModel,
  options: ThemeOptions,
): ThemeResult {
  const layer = projectLayer(graph, 'similar', 'paper');
  const partition = detectCommunities(layer, { resolution: options.resolution, seed: options.seed });
  const themeOfDoc = new Int32Array(corpus.papers.length).fill(-1);
  corpus.papers.forEach((paper, index) => {
    themeOfDoc[index] = partition.membership.get(nodeKey.paper(paper.id)) ?? -1;
  });
  const terms = distinctiveTermsByTheme(model, themeOfDoc, options.labelTerms);
  return { partition, terms, similarityEdges: layer.size, layer };
}
