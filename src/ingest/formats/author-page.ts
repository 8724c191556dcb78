import { parseListingDate } from '../../model/dates.ts';
import { authorFromDisplayName } from '../../model/names.ts';
import type { AuthorName, Diagnostic, PaperRecord, ParseResult } from '../../model/types.ts';
import { diagnostic, excerpt } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { type NumberedLine, nonBlankLines, sniffLines } from '../lines.ts';

/**
 * An author page: one researcher's papers as a listing site renders them.
 *
 *   Alert button / Picture for <Name> / <Name> / Alert button      (page chrome)
 *   <title>
 *   <date: 'Nov 26, 2023'>
 *   <authors: 'First Last, First Last'>
 *   Figure N for <title>                                          (0..n, chrome)
 *   <abstract>
 *   * <comment>                                                   (optional: '41 pages', 'Project Website: URL')
 *   Viaarxiv icon                                                 (ends the record)
 */

export const RECORD_END = 'Viaarxiv icon';
const FIGURE_LINE = /^Figure \d+ for /;
const COMMENT_LINE = /^\* ?(.*)$/;
const PICTURE_LINE = /^Picture for (.+)$/;
const CHROME_LINES = new Set(['Alert button']);
const LEADING_SPACE = /^\s/;

/**
 * Names repeat across a page (an author's many papers): each distinct spelling is normalised once
 * and the records share the resulting object (records are read-only: merging copies authors).
 */
type NameCache = Map<string, AuthorName | undefined>;

export function splitAuthorList(line: string, cache: NameCache = new Map()): AuthorName[] {
  const authors: AuthorName[] = [];
  for (const part of line.split(',')) {
    let author = cache.get(part);
    if (author === undefined && !cache.has(part)) {
      author = authorFromDisplayName(part);
      cache.set(part, author);
    }
    if (author) authors.push(author);
  }
  return authors;
}

function parseRecord(
  lines: NumberedLine[],
  file: string,
  diagnostics: Diagnostic[],
  names: NameCache,
): PaperRecord | undefined {
  const [titleLine, dateLine, authorLine, ...rest] = lines;
  if (!titleLine) return undefined;
  const date = dateLine ? parseListingDate(dateLine.text) : undefined;
  if (!dateLine || !date) {
    const found = dateLine ? `'${excerpt(dateLine.text)}'` : 'the end of the record';
    diagnostics.push(
      diagnostic(
        'error',
        file,
        dateLine?.line ?? titleLine.line,
        'unexpected-line',
        `expected a date like 'Nov 26, 2023' after the title '${excerpt(titleLine.text)}', found ${found}; record skipped`,
      ),
    );
    return undefined;
  }
  if (!authorLine) {
    diagnostics.push(
      diagnostic(
        'error',
        file,
        dateLine.line,
        'truncated-record',
        'expected an author line after the date; record skipped',
      ),
    );
    return undefined;
  }
  const abstractParts: string[] = [];
  const notes: string[] = [];
  for (const { text } of rest) {
    if (FIGURE_LINE.test(text)) continue;
    const comment = COMMENT_LINE.exec(text);
    if (comment && text.startsWith('*')) {
      notes.push(comment[1]!.trim());
      continue;
    }
    abstractParts.push(text.trim());
  }
  const authors = splitAuthorList(authorLine.text, names);
  const record: PaperRecord = {
    title: titleLine.text.trim(),
    authors,
    authorCount: authors.length,
    date,
    provenance: { file, line: titleLine.line, format: 'author-page' },
  };
  if (abstractParts.length > 0) record.abstract = abstractParts.join('\n');
  if (notes.length > 0) record.notes = notes;
  return record;
}

/** Skips the page header: 'Alert button', 'Picture for X', the name X. Returns the index of the first record line. */
function skipHeader(lines: NumberedLine[]): number {
  let pageOwner: string | undefined;
  let index = 0;
  while (index < lines.length) {
    const text = lines[index]!.text.trim();
    const picture = PICTURE_LINE.exec(text);
    if (picture) {
      pageOwner = picture[1]!.trim();
    } else if (!CHROME_LINES.has(text) && text !== pageOwner) {
      break;
    }
    index++;
  }
  return index;
}

export function parseAuthorPage(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const names: NameCache = new Map();
  let current: NumberedLine[] = [];
  for (let index = skipHeader(lines); index < lines.length; index++) {
    const line = lines[index]!;
    const text = LEADING_SPACE.test(line.text) ? line.text.trim() : line.text;
    if (text === RECORD_END) {
      const record = parseRecord(current, file, diagnostics, names);
      if (record) records.push(record);
      else if (current.length === 0)
        diagnostics.push(
          diagnostic(
            'warning',
            file,
            line.line,
            'unexpected-line',
            `'${RECORD_END}' without a record before it`,
          ),
        );
      current = [];
    } else if (CHROME_LINES.has(text)) {
      // Repeated chrome inside the listing carries no data.
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) {
    const first = current[0]!;
    diagnostics.push(
      diagnostic(
        'error',
        file,
        first.line,
        'truncated-record',
        `record '${excerpt(first.text)}' ends without '${RECORD_END}' (file truncated?); ${current.length} line(s) not read`,
      ),
    );
  }
  return { records, diagnostics };
}

export const authorPageParser: FormatParser = {
  format: 'author-page',
  description: 'author page (one researcher’s papers)',
  sniff(head) {
    const lines = sniffLines(head);
    const hasEnd = lines.some((line) => line === RECORD_END);
    const hasChrome = lines.some((line) => CHROME_LINES.has(line) || PICTURE_LINE.test(line));
    const hasDates = lines.some((line) => parseListingDate(line) !== undefined);
    if (hasEnd && hasDates) return 0.9;
    if (hasChrome && hasDates) return 0.7;
    return 0;
  },
  parse: parseAuthorPage,
};
