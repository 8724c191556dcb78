/**
 * Streams a synthetic corpus in one format to a sink. Pure: the Node file wrapper lives in
 * write-file-node.ts.
 */
import type { SyntheticCorpus } from './corpus.ts';
import { authorPageWriter } from './formats/author-page.ts';
import { bibtexWriter } from './formats/bibtex.ts';
import { openAlexWriter } from './formats/openalex-jsonl.ts';
import { topicListingWriter } from './formats/topic-listing.ts';
import type { CorpusFormatWriter, GenerateFormat } from './formats/writer.ts';

export type { GenerateFormat } from './formats/writer.ts';

/** Every writer, one module per format; add a format with one import and one entry. */
const CORPUS_WRITERS: Record<GenerateFormat, CorpusFormatWriter> = {
  listing: authorPageWriter,
  'topic-listing': topicListingWriter,
  'openalex-jsonl': openAlexWriter,
  bibtex: bibtexWriter,
};

export const GENERATE_FORMATS = Object.keys(CORPUS_WRITERS) as GenerateFormat[];

export interface WriteProgress {
  papers: number;
  totalPapers: number;
  /** UTF-16 code units written so far (bytes for ASCII text). */
  characters: number;
}

export interface ChunkOptions {
  /** Characters gathered before a chunk is yielded. Default 256 KiB. */
  chunkCharacters?: number;
  /** Called after each chunk. */
  onProgress?: (progress: WriteProgress) => void;
}

/** The corpus text in chunks of about `chunkCharacters`; the generator holds one chunk at a time. */
export function* corpusChunks(
  corpus: SyntheticCorpus,
  format: GenerateFormat,
  options: ChunkOptions = {},
): Generator<string, void, undefined> {
  const writer = CORPUS_WRITERS[format];
  const limit = options.chunkCharacters ?? 256 * 1024;
  const progress: WriteProgress = { papers: 0, totalPapers: corpus.shape.papers, characters: 0 };
  let chunk = writer.header(corpus);
  for (const paper of corpus.papers({ order: writer.order })) {
    chunk += writer.paper(paper, corpus);
    progress.papers++;
    if (chunk.length >= limit) {
      progress.characters += chunk.length;
      yield chunk;
      chunk = '';
      options.onProgress?.(progress);
    }
  }
  chunk += writer.footer(corpus);
  progress.characters += chunk.length;
  if (chunk) yield chunk;
  options.onProgress?.(progress);
}

/** Writes the whole corpus to a synchronous sink `(chunk) => void`. Returns the characters written. */
export function writeCorpus(
  corpus: SyntheticCorpus,
  format: GenerateFormat,
  sink: (chunk: string) => void,
  options: ChunkOptions = {},
): number {
  let characters = 0;
  for (const chunk of corpusChunks(corpus, format, options)) {
    sink(chunk);
    characters += chunk.length;
  }
  return characters;
}
