/**
 * Streams large OpenAlex JSON Lines files (snapshot parts, `citegraph fetch openalex` output),
 * plain or gzip-compressed, in batches. Memory stays flat in the file size: the file is read in
 * chunks with back-pressure and only the current batch of records is held.
 *
 * Node-only (node:fs, node:zlib). Lines stay bytes: the browser-safe byte scanner
 * (`scanOpenAlexWork`) reads each work without JSON.parse, and the few lines it leaves alone are
 * decoded and go through `parseOpenAlexLine`, which gives the same result the slow way.
 */

import { stat } from 'node:fs/promises';
import { SharedReferences } from '../model/reference-lists.ts';
import type { Diagnostic, PaperRecord } from '../model/types.ts';
import { gzipCutDiagnostic } from './gzip-node.ts';
import { isGzipFile, type ReadCounter, readLineBlocks } from './lines-node.ts';
import {
  OpenAlexParseWorker,
  parseOpenAlexLineBytes,
  replayReferences,
  type ScannedBlock,
  scanBlock,
} from './openalex-parallel-node.ts';
import { InvalidUtf8Lines } from './utf8-lines-node.ts';

interface OpenAlexStreamOptions {
  /** Records per yielded batch. Default 1000. */
  batchSize?: number;
  /** Called after each batch and once at the end. For gzip files, bytes are compressed bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Name used in provenance and diagnostics. Default: the path. */
  file?: string;
  /** Stops reading (the generator ends after the current chunk). */
  signal?: AbortSignal;
  /** Scan on a second thread too (default: for files over PARALLEL_ABOVE_BYTES). */
  parallel?: boolean;
  /** Bytes read at a time (tests use small reads to get many blocks). */
  chunkBytes?: number;
}

interface OpenAlexBatch {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  /** Lines read so far, blank ones included (the last line number seen). */
  linesRead: number;
  bytesRead: number;
  totalBytes: number;
}

const DEFAULT_STREAM_BATCH_SIZE = 1000;
/** Files larger than this are scanned on two threads (starting the worker costs ~0.3 s). */
const PARALLEL_ABOVE_BYTES = 64 * 1024 * 1024;
/** OpenAlex JSON Lines shrink about this much in gzip (a generated 298 MB file: 66 MB at level 1). */
const GZIP_RATIO = 4;
/** Bytes read at a time when scanning on two threads: a block handed to the worker. */
const PARALLEL_CHUNK_BYTES = 1024 * 1024;
/** Blocks held in order behind one the worker has not answered yet (bounds memory). */
const HELD_BLOCKS = 8;

export { isGzipFile } from './lines-node.ts';

/**
 * Reads an OpenAlex JSON Lines file (plain or .gz) and yields its works in batches of
 * `batchSize` records. Lines that are not works become diagnostics with their line number and are
 * delivered with the batch being filled. Large files are scanned on two threads
 * (openalex-parallel-node.ts) with the same result.
 *
 * ```ts
 * for await (const batch of streamOpenAlexFile('works.jsonl.gz', { batchSize: 5000 })) add(batch.records);
 * ```
 */
export async function* streamOpenAlexFile(
  path: string,
  options: OpenAlexStreamOptions = {},
): AsyncGenerator<OpenAlexBatch, void, undefined> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_STREAM_BATCH_SIZE));
  const file = options.file ?? path;
  const totalBytes = (await stat(path)).size;
  const counter: ReadCounter = { bytes: 0 };
  const invalidUtf8 = new InvalidUtf8Lines();
  let records: PaperRecord[] = [];
  let diagnostics: Diagnostic[] = [];
  let lineNumber = 0;
  const sharedReferences = new SharedReferences();
  const batch = (): OpenAlexBatch => {
    const full = records.length > batchSize ? records.splice(0, batchSize) : records;
    if (full === records) records = [];
    const out = { records: full, diagnostics, linesRead: lineNumber, bytesRead: counter.bytes, totalBytes };
    diagnostics = [];
    options.onProgress?.(out.bytesRead, totalBytes);
    return out;
  };
  const textBytes = (await isGzipFile(path)) ? totalBytes * GZIP_RATIO : totalBytes;
  const parallel = options.parallel ?? textBytes > PARALLEL_ABOVE_BYTES;
  const worker = parallel ? new OpenAlexParseWorker(file) : undefined;
  // Blocks in file order until their records are taken: scanned here, or null if with the worker.
  const held: (ScannedBlock | null)[] = [];
  const takeBlock = (block: ScannedBlock, fromWorker: boolean): void => {
    replayReferences(block, sharedReferences);
    for (const record of block.records) {
      // The worker's copies of the file name: one string for all, as the one-thread scan has.
      if (fromWorker) record.provenance.file = file;
      records.push(record);
    }
    for (const item of block.diagnostics) {
      if (fromWorker) item.file = file;
      diagnostics.push(item);
    }
  };
  const takeOldest = async (): Promise<void> => {
    const block = held.shift()!;
    if (block === null) takeBlock(await worker!.take(), true);
    else takeBlock(block, false);
  };
  try {
    const chunkBytes = options.chunkBytes ?? (worker ? PARALLEL_CHUNK_BYTES : undefined);
    for await (const { bytes, starts, ends } of readLineBlocks(path, options.signal, counter, chunkBytes)) {
      const firstLine = lineNumber + 1;
      lineNumber += starts.length;
      invalidUtf8.check(bytes, starts, ends, firstLine);
      if (worker === undefined) {
        for (let index = 0; index < starts.length; index++) {
          const line = firstLine + index;
          parseOpenAlexLineBytes(
            bytes,
            starts[index]!,
            ends[index]!,
            file,
            line,
            sharedReferences,
            records,
            diagnostics,
          );
          if (records.length >= batchSize) yield batch();
        }
        continue;
      }
      while (held.length > 0 && (held[0] !== null || worker.hasAnswer)) await takeOldest();
      if (worker.hasRoom) {
        worker.post(bytes, starts, ends, firstLine);
        held.push(null);
      } else {
        held.push(scanBlock(bytes, starts, ends, firstLine, file));
      }
      while (held.length > HELD_BLOCKS) await takeOldest();
      while (records.length >= batchSize) yield batch();
    }
    while (held.length > 0) await takeOldest();
    while (records.length >= batchSize) yield batch();
  } finally {
    await worker?.close();
  }
  const notUtf8 = invalidUtf8.diagnostic(file);
  if (notUtf8) diagnostics.push(notUtf8);
  if (counter.cutAfter !== undefined)
    diagnostics.push(gzipCutDiagnostic(file, Math.max(1, lineNumber), counter.cutAfter));
  // The raw stream may not have reported its last chunk when the decoder finished first.
  counter.bytes = Math.max(counter.bytes, options.signal?.aborted ? counter.bytes : totalBytes);
  if (records.length > 0 || diagnostics.length > 0) yield batch();
  else options.onProgress?.(counter.bytes, totalBytes);
}

/** Reads a whole OpenAlex JSON Lines file into memory (convenience for small files and tests). */
export async function readOpenAlexFile(
  path: string,
  options: Omit<OpenAlexStreamOptions, 'batchSize'> = {},
): Promise<{ records: PaperRecord[]; diagnostics: Diagnostic[] }> {
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  for await (const batch of streamOpenAlexFile(path, { ...options, batchSize: 10_000 })) {
    records.push(...batch.records);
    diagnostics.push(...batch.diagnostics);
  }
  return { records, diagnostics };
}
