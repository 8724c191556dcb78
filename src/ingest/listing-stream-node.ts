/**
 * Streams a large author-page listing (the format `citegraph generate --format listing` writes)
 * record by record, so a file larger than V8's longest string (about 512 MiB) can be read and
 * memory holds only the current chunk. Records end with the 'Viaarxiv icon' line, so the file is
 * cut after every RECORDS_PER_CHUNK-th such line into chunks that the ordinary parser reads, with
 * line numbers counted on from the chunks before.
 */

import type { Diagnostic, PaperRecord } from '../model/types.ts';
import { nonBlankLinesOfBytes } from './byte-lines-node.ts';
import { createNameCache, parseAuthorPageLines, RECORD_END } from './formats/author-page.ts';
import { gzipCutDiagnostic } from './gzip-node.ts';
import { fileChunks, type ReadCounter } from './lines-node.ts';
import { InvalidUtf8Lines } from './utf8-lines-node.ts';

interface ListingBatch {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  bytesRead: number;
}

export interface ListingStreamOptions {
  /** Bytes read from the file at a time (tests use tiny blocks to cut lines and characters apart). */
  blockBytes?: number;
  /** Records handed to the parser at a time. */
  recordsPerChunk?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const RECORD_END_BYTES = Buffer.from(RECORD_END, 'latin1');

/**
 * Cuts a byte stream into chunks of whole lines that end with every `recordsPerChunk`-th record
 * end (a line that is RECORD_END once trimmed); the rest of the stream is the last chunk. Each
 * chunk is the bytes up to that line's break, which is left out (LF or CRLF).
 *
 * Works on bytes and decodes each chunk once, with the line count from the parser. Why: decoding
 * block by block, flattening, joining the pieces and counting the lines again would cost about a
 * fifth of the streamed parse.
 */
class RecordEndCutter {
  /** Whole lines read since the last chunk. */
  private pending: Buffer[] = [];
  /** The unfinished last line (no line break read yet), not yet searched. */
  private carry: Buffer[] = [];
  private ends = 0;

  constructor(private readonly recordsPerChunk: number) {}

  /** The chunks completed by this block. */
  push(block: Buffer): Buffer[] {
    // A block without a line break only lengthens the last line (copying it per block would be quadratic).
    if (block.indexOf(LF) < 0) {
      this.carry.push(block);
      return [];
    }
    const data = this.carry.length > 0 ? Buffer.concat([...this.carry, block]) : block;
    const complete = data.lastIndexOf(LF) + 1;
    this.carry = complete < data.length ? [data.subarray(complete)] : [];
    const chunks: Buffer[] = [];
    let chunkStart = 0;
    let scanned = 0;
    for (;;) {
      const found = data.indexOf(RECORD_END_BYTES, scanned);
      if (found < 0 || found >= complete) break;
      const lineEnd = data.indexOf(LF, found);
      const lineStart = found === 0 ? 0 : data.lastIndexOf(LF, found - 1) + 1;
      // Searching on from the end of the line, as the parser reads one record end per line.
      scanned = lineEnd + 1;
      if (
        data.toString('utf8', lineStart, lineEnd).trim() !== RECORD_END ||
        ++this.ends < this.recordsPerChunk
      )
        continue;
      this.pending.push(data.subarray(chunkStart, data[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd));
      chunks.push(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending));
      this.pending = [];
      this.ends = 0;
      chunkStart = lineEnd + 1;
    }
    if (complete > chunkStart) this.pending.push(data.subarray(chunkStart, complete));
    return chunks;
  }

  /** What is left at the end of the stream (possibly empty). */
  finish(): Buffer {
    const rest = Buffer.concat([...this.pending, ...this.carry]);
    this.pending = [];
    this.carry = [];
    return rest;
  }
}

/**
 * Reads a file in blocks and parses it chunk by chunk (see RecordEndCutter). Works on the bytes,
 * not line by line: no string or promise per line.
 */
export async function* streamAuthorPageFile(
  path: string,
  file = path,
  options: ListingStreamOptions = {},
): AsyncGenerator<ListingBatch> {
  const counter: ReadCounter = { bytes: 0 };
  const invalidUtf8 = new InvalidUtf8Lines();
  const cutter = new RecordEndCutter(options.recordsPerChunk ?? 5000);
  const names = createNameCache();
  // Lines of the chunks already parsed: the line offset of the next chunk.
  let linesBefore = 0;
  const parse = (chunk: Buffer): ListingBatch => {
    invalidUtf8.checkBlock(chunk, linesBefore + 1);
    const result = parseAuthorPageLines(nonBlankLinesOfBytes(chunk, linesBefore), file, names);
    linesBefore += result.lineCount;
    return { records: result.records, diagnostics: result.diagnostics, bytesRead: counter.bytes };
  };
  for await (const block of fileChunks(path, options.blockBytes ?? 256 * 1024, counter))
    for (const chunk of cutter.push(block)) yield parse(chunk);
  const rest = cutter.finish();
  if (rest.length > 0) yield parse(rest);
  const repaired: Diagnostic[] = [];
  const notUtf8 = invalidUtf8.diagnostic(file);
  if (notUtf8) repaired.push(notUtf8);
  if (counter.cutAfter !== undefined)
    repaired.push(gzipCutDiagnostic(file, Math.max(1, linesBefore), counter.cutAfter));
  if (repaired.length > 0) yield { records: [], diagnostics: repaired, bytesRead: counter.bytes };
}
