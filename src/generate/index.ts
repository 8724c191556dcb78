/** Synthetic corpora for benchmarks and scale tests (browser-safe; see write-file-node.ts for files). */
export {
  GENERATE_DEFAULTS,
  type GenerateOptions,
  generateCorpus,
  type SyntheticCorpus,
  type SyntheticPaper,
  seedFromText,
} from './corpus.ts';
export { coauthorshipEdges, type WeightedEdgeList } from './edges.ts';
export { mulberry32, type Random } from './prng.ts';
export {
  CORPUS_WRITERS,
  corpusChunks,
  GENERATE_FORMATS,
  type GenerateFormat,
  isGenerateFormat,
  writeCorpus,
} from './write.ts';
