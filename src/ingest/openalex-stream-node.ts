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
import { parseOpenAlexLine } from './formats/openalex.ts';
import { scanOpenAlexWork } from './formats/openalex-scan.ts';
import { readLineBlocks } from './lines-node.ts';

export interface OpenAlexStreamOptions {
  /** Records per yielded batch. Default 1000. */
  batchSize?: number;
  /** Called after each batch and once at the end. For gzip files, bytes are compressed bytes. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Name used in provenance and diagnostics. Default: the path. */
  file?: string;
  /** Stops reading (the generator ends after the current chunk). */
  signal?: AbortSignal;
}

export interface OpenAlexBatch {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  /** Lines read so far, blank ones included (the last line number seen). */
  linesRead: number;
  bytesRead: number;
  totalBytes: number;
}

export const DEFAULT_STREAM_BATCH_SIZE = 1000;

export { isGzipFile } from './lines-node.ts';

/**
 * Reads an OpenAlex JSON Lines file (plain or .gz) and yields its works in batches of
 * `batchSize` records. Lines that are not works become diagnostics with their line number and are
 * delivered with the batch being filled.
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
  const counter = { bytes: 0 };
  let records: PaperRecord[] = [];
  let diagnostics: Diagnostic[] = [];
  let lineNumber = 0;
  const sharedReferences = new SharedReferences();
  const batch = (): OpenAlexBatch => {
    const out = { records, diagnostics, linesRead: lineNumber, bytesRead: counter.bytes, totalBytes };
    records = [];
    diagnostics = [];
    options.onProgress?.(out.bytesRead, totalBytes);
    return out;
  };
  for await (const { bytes, starts, ends } of readLineBlocks(path, options.signal, counter)) {
    for (let index = 0; index < starts.length; index++) {
      lineNumber += 1;
      const start = starts[index]!;
      const end = ends[index]!;
      const outcome = scanOpenAlexWork(bytes, start, end, file, lineNumber, sharedReferences);
      if (outcome === undefined) {
        const result = parseOpenAlexLine(bytes.toString('utf8', start, end), file, lineNumber);
        for (const record of result.records) records.push(record);
        for (const item of result.diagnostics) diagnostics.push(item);
      } else if ('record' in outcome) {
        records.push(outcome.record);
      } else {
        diagnostics.push(outcome.diagnostic);
      }
      if (records.length >= batchSize) yield batch();
    }
  }
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
