/**
 * Writes a synthetic corpus to a file with back-pressure: chunks are pulled from the pure
 * generator only as fast as the disk takes them, so memory stays flat at any corpus size.
 *
 * Node-only (node:fs); everything else in src/generate is browser-safe.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { SyntheticCorpus } from './corpus.ts';
import { edgeListChunks, type WeightedEdgeList } from './edges.ts';
import { type ChunkOptions, corpusChunks, type GenerateFormat } from './write.ts';

export interface WrittenFile {
  path: string;
  bytes: number;
  papers: number;
}

export async function writeCorpusFile(
  corpus: SyntheticCorpus,
  format: GenerateFormat,
  path: string,
  options: ChunkOptions = {},
): Promise<WrittenFile> {
  const stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  let bytes = 0;
  for (const chunk of corpusChunks(corpus, format, options)) {
    bytes += Buffer.byteLength(chunk, 'utf8');
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  return { path, bytes, papers: corpus.shape.papers };
}

/** Writes a weighted edge list ('# nodes N edges M', then 'u v w' lines) with back-pressure. */
export async function writeEdgeListFile(list: WeightedEdgeList, path: string): Promise<number> {
  const stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  let bytes = 0;
  for (const chunk of edgeListChunks(list)) {
    bytes += chunk.length;
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
  }
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  return bytes;
}
