import type { AnalysedGraph } from '../graph/build.ts';
import { nodeKey } from '../model/graph-schema.ts';
import type { Corpus } from '../model/types.ts';
import { detectCommunities, type Partition, projectLayer } from './communities.ts';
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

/** Candidate generation limits that only bind on large corpora (see nearestNeighbours). */
const MAX_POSTINGS = 300;
const TERMS_PER_DOCUMENT = 12;
/** Bigrams read better as labels ("gradient descent" over "gradient"). */
const BIGRAM_LABEL_BONUS = 1.3;

export interface ThemeResult {
  partition: Partition;
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
    maxPostings: MAX_POSTINGS,
    termsPerDocument: TERMS_PER_DOCUMENT,
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

function distinctiveTerms(model: TfIdfModel, memberDocs: number[], count: number): string[] {
  const total = new Float64Array(model.vocabulary.length);
  const inside = new Float64Array(model.vocabulary.length);
  const members = new Set(memberDocs);
  model.vectors.forEach((vector, doc) => {
    const target = members.has(doc) ? inside : total;
    vector.ids.forEach((id, position) => {
      target[id]! += vector.weights[position]!;
    });
  });
  const outsideCount = Math.max(model.vectors.length - memberDocs.length, 1);
  const scored: [number, number][] = [];
  inside.forEach((weight, id) => {
    if (weight === 0) return;
    const bonus = model.vocabulary[id]!.includes(' ') ? BIGRAM_LABEL_BONUS : 1;
    scored.push([id, (weight / memberDocs.length - total[id]! / outsideCount) * bonus]);
  });
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const chosen: string[] = [];
  for (const [id] of scored) {
    const term = model.vocabulary[id]!;
    // Skip a unigram already inside a chosen bigram, and a bigram made of chosen unigrams.
    if (chosen.some((other) => other.split(' ').includes(term) || term.split(' ').includes(other))) continue;
    chosen.push(term);
    if (chosen.length === count) break;
  }
  return chosen;
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
  const docIndex = new Map(corpus.papers.map((paper, index) => [nodeKey.paper(paper.id), index]));
  const membersByTheme = new Map<number, number[]>();
  for (const [node, theme] of partition.membership) {
    const list = membersByTheme.get(theme) ?? [];
    list.push(docIndex.get(node)!);
    membersByTheme.set(theme, list);
  }
  const terms = new Map<number, string[]>();
  for (const [theme, docs] of membersByTheme)
    terms.set(theme, distinctiveTerms(model, docs, options.labelTerms));
  return { partition, terms, similarityEdges: layer.size };
}
