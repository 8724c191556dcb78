/**
 * Themes of the analysis: TF-IDF similarity between the papers' texts, Louvain on the
 * similarity layer, distinctive terms per theme. It needs only the texts, not the corpus, so
 * Node can run it on a thread of its own while the rest of the analysis runs (themes-worker-node.ts).
 */
import { bigFloat64, bigInt32, bigUint32 } from '../util/big-arrays.ts';
import { seededRandom } from '../util/random.ts';
import { type CsrGraph, rowWeight } from './csr.ts';
import type { ParallelKnn } from './knn.ts';
import { type CompactPartition, louvainCsr } from './louvain.ts';
import type { AnalyzeOptions } from './options.ts';
import { pairCsr } from './pair-csr.ts';
import {
  type DiagnosticsSettings,
  type LayerDiagnostics,
  layerDiagnostics,
} from './partition-diagnostics.ts';
import { type DocumentSource, distinctiveTerms, similarityEdges, similarityOptions } from './similarity.ts';
import type { ParallelTextModel } from './text-model-threads.ts';

export interface CompactThemes {
  similarity: CsrGraph;
  partition: CompactPartition;
  terms: Map<number, string[]>;
  /** Weighted degree of each paper in the similarity layer. */
  strength: Float64Array;
  /** Other themes among each paper's similarity neighbours. */
  bridging: Uint32Array;
  diagnostics: LayerDiagnostics;
}

/** What the themes depend on: plain data, so it can be posted to another thread. */
export interface ThemesSettings {
  themes: AnalyzeOptions['themes'];
  seed: number;
  /** The sweep and stability of the theme layer, computed with the themes (on their thread). */
  diagnostics: DiagnosticsSettings;
}

interface ThemesThreads {
  /** Splits the nearest-neighbour search over threads (Node: knn-parallel-node.ts); absent, one thread. */
  parallelKnn?: ParallelKnn;
  /** Builds the text model partly on several threads (Node: text-model-parallel-node.ts); absent, one thread. */
  parallelTextModel?: ParallelTextModel;
  /** Called once the texts have been read: the caller may free them (a worker's copy of a million). */
  textsRead?: () => void;
  /** Asks for a garbage collection where the text model leaves much behind (TextModelOptions.collect), and once it is no longer needed. */
  collect?: () => void;
}

/** A paper's text for the themes: the title counts twice. */
export const themeText = (title: string, abstract: string | undefined): string =>
  `${title}. ${title}. ${abstract ?? ''}`;

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** Each node's number of arcs and weighted degree (rounded to 1e-6). */
export function rowSums(graph: CsrGraph): { degree: Uint32Array; strength: Float64Array } {
  const degree = bigUint32(graph.nodeCount);
  const strength = bigFloat64(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    degree[v] = graph.offsets[v + 1]! - graph.offsets[v]!;
    strength[v] = round6(rowWeight(graph, v));
  }
  return { degree, strength };
}

/** Communities other than a node's own among its neighbours (the bridging score of metrics.ts). */
export function bridgingCounts(graph: CsrGraph, membership: Int32Array): Uint32Array {
  const result = bigUint32(graph.nodeCount);
  let maxCommunity = -1;
  for (let v = 0; v < membership.length; v++) maxCommunity = Math.max(maxCommunity, membership[v]!);
  const marks = bigInt32(maxCommunity + 1).fill(-1);
  for (let v = 0; v < graph.nodeCount; v++) {
    const own = membership[v]!;
    let count = 0;
    for (let arc = graph.offsets[v]!, end = graph.offsets[v + 1]!; arc < end; arc++) {
      const community = membership[graph.targets[arc]!]!;
      if (community < 0 || community === own || marks[community] === v) continue;
      marks[community] = v;
      count++;
    }
    result[v] = count;
  }
  return result;
}

/** The themes of `documentCount` texts (see themeText), seeded and deterministic. */
export function analyzeThemes(
  documents: DocumentSource,
  documentCount: number,
  settings: ThemesSettings,
  threads: ThemesThreads = {},
): CompactThemes {
  const { similarity, partition, terms } = themesOfTexts(documents, documentCount, settings, threads);
  // The text model and the neighbour search are garbage now (gigabytes at a million abstracts),
  // and the diagnostics run Louvain many times more.
  threads.collect?.();
  return {
    similarity,
    partition,
    terms,
    strength: rowSums(similarity).strength,
    bridging: bridgingCounts(similarity, partition.membership),
    diagnostics: layerDiagnostics(
      similarity,
      partition.membership,
      settings.themes.resolution,
      settings.diagnostics,
    ),
  };
}

/** The similarity layer, its partition and each theme's terms: all that needs the text model. */
function themesOfTexts(
  documents: DocumentSource,
  documentCount: number,
  settings: ThemesSettings,
  threads: ThemesThreads,
): Pick<CompactThemes, 'similarity' | 'partition' | 'terms'> {
  const { themes, seed } = settings;
  const { edges, model } = similarityEdges(documents, documentCount, {
    ...similarityOptions(documentCount, themes.k, themes.minSimilarity),
    parallel: threads.parallelKnn,
    parallelTextModel: threads.parallelTextModel,
    textsRead: threads.textsRead,
    collect: threads.collect,
  });
  const similarity = pairCsr(documentCount, edges.sources, edges.targets, edges.weights, edges.count);
  const partition = louvainCsr(similarity, { resolution: themes.resolution, random: seededRandom(seed) });
  return { similarity, partition, terms: distinctiveTerms(model, partition.membership, themes.labelTerms) };
}
