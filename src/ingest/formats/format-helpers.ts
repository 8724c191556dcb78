/**
 * Helpers shared by the file-format parsers: line lookup and list clean-up for all of them; reading
 * one JSON document or JSON Lines, with plain-value accessors that never throw on unexpected shapes,
 * for the JSON formats (OpenAlex, Semantic Scholar, CSL-JSON); organisation names and markup for the
 * bibliographic exports (BibTeX, RIS, CSL-JSON, WoS, Scopus). Diagnostics come from ../diagnostics.ts
 * and BOM and line splitting from ../lines.ts. Nothing here imports from `node:`.
 */
import { authorFromDisplayName, foldText, groupAuthor, isGroupName } from '../../model/names.ts';
import type { AuthorName, Diagnostic, PaperRecord, Provenance } from '../../model/types.ts';
import { diagnostic, excerpt } from '../diagnostics.ts';
import { splitLines, stripBom } from '../lines.ts';

/** Maps a character offset to its 1-based line, counting CRLF, CR and LF each as one break. */
export function lineLocator(source: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let index = 0; index < source.length; index++) {
    const char = source.charCodeAt(index);
    if (char === 13 /* \r */) {
      if (source.charCodeAt(index + 1) === 10) index++;
      starts.push(index + 1);
    } else if (char === 10 /* \n */) {
      starts.push(index + 1);
    }
  }
  return (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** A record of `title` by `authors` (all of them: authorCount is their number), as read at `provenance`. */
export function newRecord(title: string, authors: AuthorName[], provenance: Provenance): PaperRecord {
  return { title, authors, authorCount: authors.length, provenance };
}

/** Drops empty strings and duplicates while keeping order. */
export function uniqueNonEmpty(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed && !seen.has(trimmed)) {
      seen.add(trimmed);
      out.push(trimmed);
    }
  }
  return out;
}

export type JsonObject = Record<string, unknown>;

/** A JSON value and the 1-based line it starts on. */
interface LocatedValue {
  value: unknown;
  line: number;
}

type JsonSource =
  /** The whole text is one JSON value. `lineOf` maps a character offset to its line. */
  | { kind: 'document'; value: unknown; text: string; lineOf: (offset: number) => number }
  /** JSON Lines: one value per non-blank line; bad lines became diagnostics. */
  | { kind: 'lines'; values: LocatedValue[]; diagnostics: Diagnostic[] }
  | { kind: 'invalid'; diagnostics: Diagnostic[] };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty trimmed string, or undefined for anything else (null, numbers, blanks). */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A string or a finite number as text (ids such as CorpusId come as numbers). */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}

export function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** A count written as digits ('55', ' 8858 '), else undefined (blank, 'NA', '1.5', '-1'). */
export function countFromText(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A count given as a JSON number: a non-negative integer, else undefined. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The line a JSON.parse error points at ("... at position 123" or "line 4 column 2"), else 1. */
export function jsonErrorLine(error: unknown, source: string, lineOf: (offset: number) => number): number {
  const message = error instanceof Error ? error.message : '';
  const lineMatch = /line (\d+)/.exec(message);
  if (lineMatch) return Number(lineMatch[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return lineOf(Number(position[1]));
  if (/end of JSON input/.test(message)) return lineOf(Math.max(0, source.trimEnd().length - 1));
  // Node 20 gives no position for an unexpected token, only up to 10 characters either side of it.
  const context = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (context) {
    const [, token = '', before, around = '', after] = context;
    const at = source.indexOf(around);
    if (at >= 0) {
      const offset = before ? 10 : after ? around.length - 11 : around.lastIndexOf(token);
      return lineOf(at + Math.max(0, offset));
    }
  }
  return 1;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Parses one JSON Lines line; a bad line becomes a diagnostic naming that line. */
export function parseJsonLine(
  line: string,
  file: string,
  lineNumber: number,
): { value: unknown } | { diagnostic: Diagnostic } {
  try {
    return { value: JSON.parse(line) };
  } catch (error) {
    return {
      diagnostic: diagnostic(
        'error',
        file,
        lineNumber,
        'invalid-json-line',
        `expected one JSON value per line, found "${excerpt(line)}" (${errorMessage(error)})`,
      ),
    };
  }
}

/**
 * Reads text as one JSON document, or else as JSON Lines. The text counts as JSON Lines when at
 * least half of its non-blank lines parse on their own as objects or arrays (a broken
 * pretty-printed document has a few lines such as `"Mathematics"` or `{}` that parse alone);
 * otherwise it is one broken document and gets one diagnostic.
 */
export function readJsonSource(input: string, file: string, formatName: string): JsonSource {
  const body = stripBom(input);
  if (body.trim() === '') {
    return {
      kind: 'invalid',
      diagnostics: [
        diagnostic('error', file, 1, 'empty-file', `expected ${formatName} JSON, found an empty file`),
      ],
    };
  }
  let documentError: unknown;
  try {
    const value: unknown = JSON.parse(body);
    return { kind: 'document', value, text: body, lineOf: lineLocator(body) };
  } catch (error) {
    documentError = error;
  }
  const values: LocatedValue[] = [];
  const diagnostics: Diagnostic[] = [];
  splitLines(body).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseJsonLine(line, file, index + 1);
    if ('value' in parsed) values.push({ value: parsed.value, line: index + 1 });
    else diagnostics.push(parsed.diagnostic);
  });
  const structured = values.filter(({ value }) => typeof value === 'object' && value !== null).length;
  if (structured > 0 && structured * 2 >= values.length + diagnostics.length) {
    return { kind: 'lines', values, diagnostics };
  }
  const line = jsonErrorLine(documentError, body, lineLocator(body));
  return {
    kind: 'invalid',
    diagnostics: [
      diagnostic(
        'error',
        file,
        line,
        'invalid-json',
        `expected ${formatName} JSON or JSON Lines, found invalid JSON (${errorMessage(documentError)})`,
      ),
    ],
  };
}

/**
 * Finds the line of successive objects in a pretty-printed document by searching for their
 * `"key": "value"` pair (an id), moving forward so that the same id met earlier inside another
 * object's reference list is not taken. Falls back to the last line found.
 */
export function forwardLineFinder(
  source: string,
  lineOf: (offset: number) => number,
  key: string,
): (value: string | undefined) => number {
  let cursor = 0;
  let lastLine = 1;
  return (value) => {
    if (!value) return lastLine;
    const escaped = JSON.stringify(value)
      .slice(1, -1)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`"${key}"\\s*:\\s*"${escaped}"`, 'g');
    pattern.lastIndex = cursor;
    const match = pattern.exec(source);
    if (!match) return lastLine;
    cursor = match.index + match[0].length;
    lastLine = lineOf(match.index);
    return lastLine;
  };
}

/**
 * Words and legal suffixes that mark an organisation beyond those `isGroupName` knows. Kept here,
 * not in names.ts, so listing-page parsing keeps its behaviour.
 */
const ORGANISATION_WORDS = new Set([
  'court',
  'gmbh',
  'ag',
  'llc',
  'corp',
  'plc',
  'press',
  'bureau',
  'service',
  'services',
  'authority',
  'nations',
  'government',
  'parliament',
  'academy',
  'museum',
  'library',
  'school',
  'college',
  'hospital',
  'union',
  'programme',
  'program',
  'unit',
  'forum',
  'research',
  'staff',
  'party',
]);

/**
 * Whether a name given as one literal string (CSL `literal`, a braced BibTeX name, an RIS AU
 * without a comma) names an organisation: a known group word, an acronym in capitals ("IAAF",
 * "TIME USA") or a long name with a linking word ("Court of Arbitration for Sport").
 */
export function looksLikeOrganisation(name: string): boolean {
  if (isGroupName(name)) return true;
  const words = foldText(name).split(' ').filter(Boolean);
  if (words.some((word) => ORGANISATION_WORDS.has(word))) return true;
  const tokens = name.trim().split(/\s+/);
  if (
    tokens.length > 0 &&
    tokens.every((token) => /^[A-Z][A-Z0-9&.-]+$/.test(token) && /[A-Z]{2}/.test(token))
  ) {
    return true;
  }
  return tokens.length >= 4 && words.some((word) => ['of', 'for', 'and', 'the', 'on'].includes(word));
}

/** An author given as one literal string: a group when it looks like an organisation, else a person. */
export function authorFromLiteral(text: string): AuthorName | undefined {
  const name = text.replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  if (looksLikeOrganisation(name)) return groupAuthor(name);
  return authorFromDisplayName(name);
}

/** A nickname in parentheses in a listed name ('Aniket (Nick) Bajpai', 'Bajpai, Aniket (Nick)'). */
const NICKNAME = /\s*\([\p{L}'’. -]{1,20}\)/gu;

/** A listed name without its nickname in parentheses: the nickname is not part of the name. */
export function withoutNickname(name: string): string {
  return name.includes('(') ? name.replace(NICKNAME, '') : name;
}
