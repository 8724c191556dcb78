import { parseListingDate } from '../../model/dates.ts';
import { authorFromDisplayName } from '../../model/names.ts';
import type { AuthorName, Diagnostic, PaperRecord, ParseResult } from '../../model/types.ts';
import { excerpt, FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { forEachNonBlankLine, sniffLines } from '../lines.ts';
import { NameCache } from '../name-cache.ts';
import { newRecord, withoutNickname } from './format-helpers.ts';

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
const LONGEST_CHROME = Math.max(...[...CHROME_LINES].map((line) => line.length));
const LEADING_SPACE = /^\s/;

/**
 * Page chrome inside a record. The length test first: a set lookup hashes the whole line, and
 * most lines are abstracts hundreds of characters long.
 */
function isChrome(line: string): boolean {
  return line.length <= LONGEST_CHROME && CHROME_LINES.has(line);
}

/** Whether a line starts with white space; printable ASCII (nearly every line) without a regex. */
function startsWithSpace(line: string): boolean {
  const first = line.charCodeAt(0);
  return first <= 32 || (first >= 127 && LEADING_SPACE.test(line));
}

/** A name cache to share across the chunks of one streamed file. */
export function createNameCache(): NameCache {
  return new NameCache((name) => authorFromDisplayName(withoutNickname(name)));
}

/** The authors of a 'First Last, First Last' line; names that read as missing are left out. */
export function splitAuthorList(line: string, cache: NameCache = createNameCache()): AuthorName[] {
  const authors: AuthorName[] = [];
  let start = 0;
  for (;;) {
    const comma = line.indexOf(',', start);
    const author = cache.author(line, start, comma < 0 ? line.length : comma);
    // Not `if (author)`: that reads the object, a cache miss per name once there are 100ks of them.
    if (author !== undefined) authors.push(author);
    if (comma < 0) return authors;
    start = comma + 1;
  }
}

/**
 * The non-blank lines of a page as two parallel arrays (no object per line: pages can hold
 * millions), trimmed at the right as forEachNonBlankLine gives them, and the number of lines.
 */
export interface PageLines {
  texts: string[];
  numbers: number[];
  /** All lines, blank ones included: the next piece of a streamed file counts on from here. */
  lineCount: number;
}

function pageLines(text: string, lineOffset: number): PageLines {
  const texts: string[] = [];
  const numbers: number[] = [];
  const lineCount = forEachNonBlankLine(
    text,
    (content, line) => {
      texts.push(content);
      numbers.push(line);
    },
    lineOffset,
  );
  return { texts, numbers, lineCount };
}

/** Reads the record made of non-blank lines start..end-1 (title, date, authors, then abstract and notes). */
function parseRecord(
  page: Pick<PageLines, 'texts' | 'numbers'>,
  start: number,
  end: number,
  file: string,
  diagnostics: Diagnostic[],
  names: NameCache,
): PaperRecord | undefined {
  if (start >= end) return undefined;
  const report = new FileDiagnostics(file, diagnostics);
  const { texts, numbers } = page;
  const title = texts[start]!;
  const hasDate = start + 1 < end;
  const date = hasDate ? parseListingDate(texts[start + 1]!) : undefined;
  if (!date) {
    const found = hasDate ? `'${excerpt(texts[start + 1]!)}'` : 'the end of the record';
    report.error(
      numbers[hasDate ? start + 1 : start]!,
      'unexpected-line',
      `expected a date like 'Nov 26, 2023' after the title '${excerpt(title)}', found ${found}; record skipped`,
    );
    return undefined;
  }
  if (start + 2 >= end) {
    report.error(
      numbers[start + 1]!,
      'truncated-record',
      'expected an author line after the date; record skipped',
    );
    return undefined;
  }
  const abstractParts: string[] = [];
  const notes: string[] = [];
  for (let index = start + 3; index < end; index++) {
    const text = texts[index]!;
    if (FIGURE_LINE.test(text)) continue;
    const comment = COMMENT_LINE.exec(text);
    if (comment && text.startsWith('*')) {
      notes.push(comment[1]!.trim());
      continue;
    }
    abstractParts.push(text.trim());
  }
  const authors = splitAuthorList(texts[start + 2]!, names);
  const record = newRecord(title.trim(), authors, { file, line: numbers[start]!, format: 'author-page' });
  record.date = date;
  if (abstractParts.length > 0) record.abstract = abstractParts.join('\n');
  if (notes.length > 0) record.notes = notes;
  return record;
}

/** Skips the page header: 'Alert button', 'Picture for X', the name X. Returns the index of the first record line. */
function skipHeader(texts: string[]): number {
  let pageOwner: string | undefined;
  let index = 0;
  while (index < texts.length) {
    const text = texts[index]!.trim();
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
  const { records, diagnostics } = parseAuthorPageChunk(text, file, createNameCache(), 0);
  return { records, diagnostics };
}

/**
 * parseAuthorPage on one piece of a streamed file, with a name cache that outlives the call (one
 * per file): line numbers count on from `lineOffset` (the lines before the piece), and `lineCount`
 * is the number of lines the piece holds, so the next piece knows its offset.
 */
function parseAuthorPageChunk(
  text: string,
  file: string,
  names: NameCache,
  lineOffset: number,
): ParseResult & { lineCount: number } {
  return parseAuthorPageLines(pageLines(text, lineOffset), file, names);
}

/** parseAuthorPageChunk on lines already split (a streamed file splits its bytes itself). */
export function parseAuthorPageLines(
  page: PageLines,
  file: string,
  names: NameCache,
): ParseResult & { lineCount: number } {
  const { texts, numbers } = page;
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  // The current record's lines, as indexes; repeated chrome inside a record is skipped, so a record
  // is a list of line indexes rather than a range.
  let current: number[] = [];
  const readCurrent = (): PaperRecord | undefined => {
    if (current.length === 0) return undefined;
    const contiguous = current[current.length - 1]! - current[0]! === current.length - 1;
    if (contiguous)
      return parseRecord(page, current[0]!, current[0]! + current.length, file, diagnostics, names);
    const subset = {
      texts: current.map((i) => texts[i]!),
      numbers: current.map((i) => numbers[i]!),
    };
    return parseRecord(subset, 0, current.length, file, diagnostics, names);
  };
  for (let index = skipHeader(texts); index < texts.length; index++) {
    const raw = texts[index]!;
    const line = startsWithSpace(raw) ? raw.trim() : raw;
    if (line === RECORD_END) {
      const record = readCurrent();
      if (record) records.push(record);
      else if (current.length === 0)
        report.warn(numbers[index]!, 'unexpected-line', `'${RECORD_END}' without a record before it`);
      current = [];
    } else if (!isChrome(line)) {
      current.push(index);
    }
  }
  if (current.length > 0) {
    const first = current[0]!;
    report.error(
      numbers[first]!,
      'truncated-record',
      `record '${excerpt(texts[first]!)}' ends without '${RECORD_END}' (file truncated?); ${current.length} line(s) not read`,
    );
  }
  return { records, diagnostics, lineCount: page.lineCount };
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
