/**
 * A file's bytes as text, for every reader (the command line and the browser). UTF-8 unless a
 * byte order mark says UTF-16 (Windows exports); a UTF-8 byte order mark is dropped. Bytes that are
 * not UTF-8 become U+FFFD, so the rest of the file still reads, and one warning names the lines.
 */
import type { Diagnostic } from '../model/types.ts';
import { diagnostic } from './diagnostics.ts';

export interface DecodedText {
  text: string;
  diagnostics: Diagnostic[];
}

/** Lines with invalid UTF-8 named in the warning; more are counted. */
const LISTED_LINES = 5;

function encodingOf(bytes: Uint8Array): { label: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', bom: 2 };
  return { label: 'utf-8', bom: 0 };
}

/** 1-based numbers of the lines (split at LF) that are not valid UTF-8. */
function invalidUtf8Lines(bytes: Uint8Array): number[] {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const lines: number[] = [];
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    let ascii = true;
    for (let index = start; index < end; index++) {
      if (bytes[index]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (!ascii) {
      try {
        strict.decode(bytes.subarray(start, end));
      } catch {
        lines.push(line);
      }
    }
    start = end + 1;
    line++;
  }
  return lines;
}

/**
 * The one warning for a file with bytes that are not UTF-8 on `lines` (1-based, ascending), of
 * `total` such lines in all.
 */
export function invalidUtf8Diagnostic(file: string, lines: number[], total = lines.length): Diagnostic {
  const listed = lines.slice(0, LISTED_LINES).join(', ');
  const more = total > LISTED_LINES ? ` and ${total - LISTED_LINES} more` : '';
  return diagnostic(
    'warning',
    file,
    lines[0]!,
    'invalid-utf8',
    `expected UTF-8 text, found bytes that are not UTF-8 on ${total === 1 ? 'line' : 'lines'} ${listed}${more}; they are read as U+FFFD (�) and the rest of the file as it is`,
  );
}

/** Decodes a file's bytes (already gunzipped) as text, with a warning for bytes that are not UTF-8. */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const { label, bom } = encodingOf(bytes);
  const body = bytes.subarray(bom);
  if (label !== 'utf-8') {
    return { text: new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(body), diagnostics: [] };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), diagnostics: [] };
  } catch {
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body);
    const lines = invalidUtf8Lines(body);
    return { text, diagnostics: [invalidUtf8Diagnostic(file, lines.length > 0 ? lines : [1])] };
  }
}
