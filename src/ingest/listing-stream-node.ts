/**
 * Streams a large author-page listing (the format `citegraph generate --format listing` writes)
 * record by record, so a file larger than V8's longest string (about 512 MiB) can be read and
 * memory holds only the current chunk. Records end with the 'Viaarxiv icon' line, so the file is
 * cut after every RECORDS_PER_CHUNK-th such line into chunks that the ordinary parser reads; line
 * numbers are shifted back.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Diagnostic, PaperRecord } from '../model/types.ts';
import { createNameCache, parseAuthorPageWith, RECORD_END } from './formats/author-page.ts';
import { isGzipFile } from './lines-node.ts';

export interface ListingBatch {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  bytesRead: number;
}

/** Records handed to the parser at a time. */
const RECORDS_PER_CHUNK = 5000;

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * Reads a file as decoded text in blocks and cuts it into chunks of whole lines that end with the
 * RECORDS_PER_CHUNK-th record end (a line that is RECORD_END once trimmed); the rest of the file
 * is the last chunk. Works on the text, not line by line: no string or promise per line.
 */
export async function* streamAuthorPageFile(path: string, file = path): AsyncGenerator<ListingBatch> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  raw.on('data', (block) => {
    bytes += block.length;
  });
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (error) => input.destroy(error));
  const decoder = new StringDecoder('utf8');
  const names = createNameCache();
  // Text not yet parsed: whole lines in `parts`, then the unfinished last line read so far.
  let parts: string[] = [];
  let partial = '';
  let ends = 0;
  // LF-terminated lines already parsed: the line offset of the next chunk.
  let linesBefore = 0;
  const parse = (text: string): ListingBatch => {
    const result = parseAuthorPageWith(text, file, names);
    for (const record of result.records) record.provenance.line += linesBefore;
    for (const item of result.diagnostics) item.line += linesBefore;
    return { records: result.records, diagnostics: result.diagnostics, bytesRead: bytes };
  };
  try {
    for await (const block of input as AsyncIterable<Buffer>) {
      let text = partial + decoder.write(block);
      let scanned = 0;
      for (;;) {
        const found = text.indexOf(RECORD_END, scanned);
        if (found < 0) break;
        const lineEnd = text.indexOf('\n', found);
        if (lineEnd < 0) break;
        const lineStart = found === 0 ? 0 : text.lastIndexOf('\n', found - 1) + 1;
        scanned = lineEnd + 1;
        if (text.slice(lineStart, lineEnd).trim() !== RECORD_END || ++ends < RECORDS_PER_CHUNK) continue;
        parts.push(text.slice(0, lineEnd));
        // join copies: the chunk (which parsed records point into) holds nothing beyond its own lines.
        const chunk = parts.join('');
        parts = [];
        ends = 0;
        yield parse(chunk);
        linesBefore += countNewlines(chunk) + 1;
        text = text.slice(lineEnd + 1);
        scanned = 0;
      }
      const lastLine = text.lastIndexOf('\n') + 1;
      if (lastLine > 0) parts.push(text.slice(0, lastLine));
      partial = text.slice(lastLine);
    }
    parts.push(partial + decoder.end());
    const rest = parts.join('');
    if (rest !== '') yield parse(rest);
  } finally {
    raw.destroy();
    if (input !== raw) input.destroy();
  }
}
