/**
 * Writes a synthetic corpus to a file with back-pressure: chunks are pulled from the pure
 * generator only as fast as the disk takes them, so memory stays flat at any corpus size.
 *
 * Node-only (node:fs); everything else in src/generate is browser-safe.
 */
import { writeFileStreamAtomic } from '../export/files-node.ts';
import type { SyntheticCorpus } from './corpus.ts';
import { edgeListChunks, type WeightedEdgeList } from './edges.ts';
import { type ChunkOptions, corpusChunks, type GenerateFormat } from './write.ts';

interface WrittenFile {
  path: string;
  bytes: number;
  papers: number;
}

/**
 * Writes `chunks` to a temporary file beside `path`, renamed to `path` when complete: an
 * interrupted run leaves no shorter file that ends on a record boundary and looks whole.
 */
async function writeChunksAtomic(path: string, chunks: Iterable<string>): Promise<number> {
  let bytes = 0;
  await writeFileStreamAtomic(path, async (sink) => {
    for (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk, 'utf8');
      await sink(chunk);
    }
  });
  return bytes;
}

export async function writeCorpusFile(
  corpus: SyntheticCorpus,
  format: GenerateFormat,
  path: string,
  options: ChunkOptions = {},
): Promise<WrittenFile> {
  const bytes = await writeChunksAtomic(path, corpusChunks(corpus, format, options));
  return { path, bytes, papers: corpus.shape.papers };
}

/** Writes a weighted edge list ('# nodes N edges M', then 'u v w' lines) with back-pressure. */
export function writeEdgeListFile(list: WeightedEdgeList, path: string): Promise<number> {
  return writeChunksAtomic(path, edgeListChunks(list));
}
