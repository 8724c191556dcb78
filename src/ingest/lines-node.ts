/** Node-only line reading for large inputs: a file (plain or gzip) as a stream of lines. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createTolerantGunzip, gzipFileWasCut } from './gzip-node.ts';

/** Whether the file starts with the gzip magic bytes 1f 8b (the extension is not trusted). */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Yields the lines of a text file, gunzipping when it is gzip. Line breaks are LF or CRLF.
 * `counter.bytes` counts the file's bytes read so far.
 */
export async function* readLines(
  path: string,
  signal: AbortSignal | undefined,
  counter: ReadCounter,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of fileChunks(path, 256 * 1024, counter)) {
    if (signal?.aborted) return;
    pending += decoder.write(chunk);
    let start = 0;
    let newline = pending.indexOf('\n', start);
    while (newline >= 0) {
      const end = newline > start && pending.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      yield pending.slice(start, end);
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}

/** A run of complete lines sharing one buffer: line i is bytes[starts[i] .. ends[i]), without its break. */
interface LineBlock {
  bytes: Buffer;
  starts: number[];
  ends: number[];
}

/** End of a line that ends at `stop`, before a CR that preceded its LF (or ended the file). */
function withoutCarriageReturn(bytes: Buffer, start: number, stop: number): number {
  return stop > start && bytes[stop - 1] === 13 ? stop - 1 : stop;
}

/**
 * The same lines as `readLines`, as byte ranges instead of strings, for parsers that read bytes
 * (no decoding of text they skip). Yields one block per chunk read; a line spanning chunks comes
 * alone in a block of its own joined bytes. `chunkBytes` is the read size (small in tests).
 */
export async function* readLineBlocks(
  path: string,
  signal: AbortSignal | undefined,
  counter: ReadCounter,
  chunkBytes = 256 * 1024,
): AsyncGenerator<LineBlock> {
  // Pieces of the line that has started but not ended yet.
  let carry: Buffer[] = [];
  for await (const chunk of fileChunks(path, chunkBytes, counter)) {
    if (signal?.aborted) return;
    let start = 0;
    let newline = chunk.indexOf(10);
    if (newline >= 0 && carry.length > 0) {
      carry.push(chunk.subarray(0, newline));
      const joined = Buffer.concat(carry);
      carry = [];
      yield { bytes: joined, starts: [0], ends: [withoutCarriageReturn(joined, 0, joined.length)] };
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    const starts: number[] = [];
    const ends: number[] = [];
    while (newline >= 0) {
      starts.push(start);
      ends.push(withoutCarriageReturn(chunk, start, newline));
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) carry.push(chunk.subarray(start));
    if (starts.length > 0) yield { bytes: chunk, starts, ends };
  }
  if (carry.length > 0) {
    const joined = Buffer.concat(carry);
    yield { bytes: joined, starts: [0], ends: [withoutCarriageReturn(joined, 0, joined.length)] };
  }
}

/** Bytes read so far; for a gzip file cut short, `cutAfter` is the text bytes decoded before the cut. */
export interface ReadCounter {
  bytes: number;
  cutAfter?: number;
}

/**
 * The bytes of a file, gunzipped when it is gzip (by its magic bytes, not its name), chunk by
 * chunk; `counter.bytes` counts the file's own bytes read (compressed ones for gzip). A gzip file
 * cut short yields what was decoded before the cut and sets `counter.cutAfter`. The one source of
 * the readers here and of the listing stream.
 */
export async function* fileChunks(
  path: string,
  chunkBytes: number,
  counter: ReadCounter,
): AsyncGenerator<Buffer> {
  if (!(await isGzipFile(path))) {
    yield* sharedChunks(path, chunkBytes, counter);
    return;
  }
  const raw = createReadStream(path, { highWaterMark: chunkBytes });
  raw.on('data', (chunk) => {
    counter.bytes += chunk.length;
  });
  const input = raw.pipe(createTolerantGunzip());
  raw.on('error', (error) => input.destroy(error));
  let decoded = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      decoded += chunk.length;
      yield chunk;
    }
  } finally {
    raw.destroy();
    input.destroy();
  }
  if (await gzipFileWasCut(path, decoded)) counter.cutAfter = decoded;
}

/**
 * A plain file's chunks, each read into a Buffer of its own on a SharedArrayBuffer: a stream's
 * Buffers count as V8 external memory, and every ~64 MB of them starts a collection of the whole
 * heap, seconds each once a million records are on it (a 3 GB file is ~45 of them). Shared
 * chunks can also be handed to a worker without a copy (openalex-parallel-node.ts).
 */
async function* sharedChunks(path: string, chunkBytes: number, counter: ReadCounter): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    for (;;) {
      const chunk = Buffer.from(new SharedArrayBuffer(chunkBytes));
      const { bytesRead } = await file.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      counter.bytes += bytesRead;
      yield bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
