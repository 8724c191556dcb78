/**
 * Streams a large author-page listing (the format `citegraph generate --format listing` writes)
 * record by record, so a file larger than V8's longest string (about 512 MiB) can be read and
 * memory holds only the current chunk. Records end with the 'Viaarxiv icon' line, so the file is
 * cut there into chunks that the ordinary parser reads; line numbers are shifted back.
 */
import type { Diagnostic, PaperRecord } from '../model/types.ts';
import { parseAuthorPage, RECORD_END } from './formats/author-page.ts';
import { readLines } from './lines-node.ts';

export interface ListingBatch {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  bytesRead: number;
}

/** Records handed to the parser at a time. */
const RECORDS_PER_CHUNK = 5000;

export async function* streamAuthorPageFile(path: string, file = path): AsyncGenerator<ListingBatch> {
  const counter = { bytes: 0 };
  let chunk: string[] = [];
  let chunkStart = 1;
  let lineNumber = 0;
  let recordsInChunk = 0;
  const parseChunk = (): ListingBatch => {
    const result = parseAuthorPage(chunk.join('\n'), file);
    const offset = chunkStart - 1;
    for (const record of result.records) record.provenance.line += offset;
    for (const item of result.diagnostics) item.line += offset;
    chunk = [];
    chunkStart = lineNumber + 1;
    recordsInChunk = 0;
    return { records: result.records, diagnostics: result.diagnostics, bytesRead: counter.bytes };
  };
  for await (const line of readLines(path, undefined, counter)) {
    lineNumber++;
    chunk.push(line);
    if (line.trim() === RECORD_END && ++recordsInChunk >= RECORDS_PER_CHUNK) yield parseChunk();
  }
  if (chunk.length > 0) yield parseChunk();
}
