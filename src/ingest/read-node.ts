import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Corpus, Diagnostic } from '../model/types.ts';
import { type DecodedText, decodeText } from './decode-text.ts';
import { detectFormat } from './detect.ts';
import { diagnostic, recordsSkipped } from './diagnostics.ts';
import { gunzipTolerant, gzipCutDiagnostic, isGzipBytes } from './gzip-node.ts';
import { buildCorpus, type IngestOptions, type InputText, type ParsedFile, parseInput } from './ingest.ts';
import { notRegularFile, readInputBytes, STANDARD_INPUT, statInput } from './input-file-node.ts';
import { parseThesaurus, type ThesaurusRule } from './thesaurus.ts';

/** Node-only: turns paths (files or folders) into decoded texts and ingests them. */

interface ExpandedInputs {
  files: string[];
  diagnostics: Diagnostic[];
}

async function listFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'README.md') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFolder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Expands folders (recursively, sorted, hidden files and READMEs skipped); a missing path is a diagnostic. */
async function expandInputs(paths: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    try {
      const info = await statInput(path);
      const refused = path === STANDARD_INPUT ? undefined : notRegularFile(info);
      if (info.isDirectory()) files.push(...(await listFolder(path)));
      else if (refused) diagnostics.push(diagnostic('error', path, 0, 'not-a-file', refused));
      else files.push(path);
    } catch {
      diagnostics.push(diagnostic('error', path, 0, 'missing-file', 'no such file or folder'));
    }
  }
  return { files, diagnostics };
}

/**
 * A file's bytes as text: gunzipped when they are gzip (a cut gzip gives the text before the cut),
 * decoded as UTF-8 or by its byte order mark; a cut and bytes that are not UTF-8 become warnings.
 */
export function decodeFileBytes(bytes: Uint8Array, file: string): DecodedText {
  if (!isGzipBytes(bytes)) return decodeText(bytes, file);
  const gunzipped = gunzipTolerant(bytes);
  const decoded = decodeText(gunzipped.bytes, file);
  if (gunzipped.cut) {
    const lines = decoded.text.split('\n').length;
    decoded.diagnostics.push(gzipCutDiagnostic(file, lines, gunzipped.bytes.length));
  }
  return decoded;
}

/** Decodes a file's bytes as text (see decodeFileBytes), without its warnings. */
function decodeBytes(bytes: Uint8Array): string {
  return decodeFileBytes(bytes, '').text;
}

export async function readInputText(path: string): Promise<InputText> {
  const { text, diagnostics } = decodeFileBytes(await readInputBytes(path), path);
  return diagnostics.length > 0 ? { name: path, text, diagnostics } : { name: path, text };
}

/** True when the text is a corpus written by `citegraph ingest` (re-read as is, not re-parsed). */
function isCorpusJson(value: unknown): value is Corpus {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    Array.isArray(candidate.papers) &&
    Array.isArray(candidate.authors) &&
    Array.isArray(candidate.diagnostics)
  );
}

interface IngestFilesResult {
  corpus: Corpus;
  parsed: ParsedFile[];
}

/** Files larger than this are streamed when they are JSON Lines (OpenAlex snapshots), not read whole. */
const STREAM_THRESHOLD_BYTES = 32 * 1024 * 1024;

/** The first `bytes` of a file's text, gunzipped when it is gzip, without reading the rest. */
async function readHead(path: string, bytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  const raw = createReadStream(path, { highWaterMark: 64 * 1024 });
  const first = await new Promise<Buffer>((resolve, reject) => {
    raw.once('readable', () => resolve((raw.read(2) as Buffer | null) ?? Buffer.alloc(0)));
    raw.once('error', reject);
  });
  raw.unshift(first);
  const source = first[0] === 0x1f && first[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  try {
    for await (const chunk of source) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= bytes) break;
    }
  } catch {
    // A truncated or corrupt gzip still yields what was decoded before the damage.
  } finally {
    raw.destroy();
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks)).slice(0, bytes);
}

/** Formats read chunk by chunk when a file is too large to hold as one string. */
async function streamedParse(path: string, format: 'openalex' | 'author-page'): Promise<ParsedFile> {
  const parsedFile: ParsedFile = {
    summary: { file: path, format, records: 0, diagnostics: 0, bytes: (await stat(path)).size },
    records: [],
    diagnostics: [],
  };
  const batches =
    format === 'openalex'
      ? (await import('./openalex-stream-node.ts')).streamOpenAlexFile(path, { batchSize: 10_000 })
      : (await import('./listing-stream-node.ts')).streamAuthorPageFile(path);
  for await (const batch of batches) {
    for (const record of batch.records) parsedFile.records.push(record);
    for (const item of batch.diagnostics) parsedFile.diagnostics.push(item);
  }
  parsedFile.summary.records = parsedFile.records.length;
  parsedFile.summary.diagnostics = parsedFile.diagnostics.length;
  parsedFile.summary.skipped = recordsSkipped(parsedFile.diagnostics);
  return parsedFile;
}

/** Reads a thesaurus file; its problems become diagnostics of the run. */
export async function readThesaurus(
  path: string,
): Promise<{ rules: ThesaurusRule[]; diagnostics: Diagnostic[] }> {
  const refused = notRegularFile(await stat(path));
  if (refused) return { rules: [], diagnostics: [diagnostic('error', path, 0, 'not-a-file', refused)] };
  return parseThesaurus(decodeBytes(await readFile(path)), path);
}

/** Reads, detects, parses and merges files and folders. Unreadable inputs become diagnostics. */
export async function ingestFiles(paths: string[], options: IngestOptions = {}): Promise<IngestFilesResult> {
  const { files, diagnostics } = await expandInputs(paths);
  const parsed: ParsedFile[] = [];
  for (const [index, file] of files.entries()) {
    try {
      const large = (await statInput(file)).size > STREAM_THRESHOLD_BYTES;
      const head = large ? await readHead(file) : '';
      const format = large ? detectFormat(head)?.parser.format : undefined;
      if (format === 'openalex' || format === 'author-page') parsed.push(await streamedParse(file, format));
      else parsed.push(parseInput(await readInputText(file), options));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      diagnostics.push(diagnostic('error', file, 0, 'read-failed', `could not read the file (${reason})`));
    }
    options.onProgress?.(index + 1, files.length, file);
  }
  const corpus = buildCorpus(parsed, options.thesaurus, options);
  corpus.diagnostics.unshift(...diagnostics);
  return { corpus, parsed };
}

/**
 * Loads what `analyze` and `view` accept: one corpus JSON written by `ingest`, or any mix of
 * listing pages, exports and folders.
 */
export async function loadCorpus(paths: string[], options: IngestOptions = {}): Promise<Corpus> {
  if (paths.length === 1 && paths[0]!.endsWith('.json')) {
    try {
      const info = await stat(paths[0]!);
      if (info.isFile()) {
        const value: unknown = JSON.parse(decodeBytes(await readFile(paths[0]!)));
        if (isCorpusJson(value)) return value;
      }
    } catch {
      // Not a corpus JSON: fall through to the format parsers, which report the problem.
    }
  }
  return (await ingestFiles(paths, options)).corpus;
}
