import { LISTING_DATE, parseListingDate } from '../../model/dates.ts';
import type { Diagnostic, PaperRecord, ParseResult, PartialDate } from '../../model/types.ts';
import { excerpt, FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { type NumberedLine, nonBlankLines, sniffLines } from '../lines.ts';

/**
 * Hugging Face "Daily Papers" listings, in two shapes:
 *
 * full ('hf-listing'):                      titles only ('hf-titles'):
 *   <title>                                   <title>
 *   <abstract>                                <abstract>
 *     • N authors                             (repeat)
 *   ·
 *   <date: 'Feb 9, 2023' | 'Jun 16'> [<upvotes>]
 *
 * Both start with page chrome ('new', 'Get trending papers in your email inbox!', 'Subscribe',
 * 'Daily Papers', 'byAK and the research community') and the listing's own date ('Nov 28').
 */

const HEADER_CHROME = new Set([
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
]);
const AUTHOR_COUNT = /^•\s*(\d+)\s+authors?$/;
const SEPARATOR = '·';
const DATE_WITH_UPVOTES = /^(.*?)(?:\s+(\d+))?$/;
/** Lines that listing sites append to some entries: an arXiv comment and the arXiv badge. */
const COMMENT_LINE = /^\*\s?(.*)$/;
const ARXIV_BADGE = 'Viaarxiv icon';

function isHeaderLine(text: string): boolean {
  return HEADER_CHROME.has(text) || LISTING_DATE.test(text);
}

/** Index of the first line after the page header chrome (and the listing's own date). */
function skipHeader(lines: NumberedLine[]): number {
  let index = 0;
  while (index < lines.length && isHeaderLine(lines[index]!.text.trim())) index++;
  return index;
}

function parseDateLine(text: string): { date: PartialDate; upvotes?: number } | undefined {
  const trimmed = text.trim();
  const direct = parseListingDate(trimmed);
  if (direct) return { date: direct };
  const match = DATE_WITH_UPVOTES.exec(trimmed);
  if (!match?.[2]) return undefined;
  const date = parseListingDate(match[1]!);
  return date ? { date, upvotes: Number(match[2]) } : undefined;
}

function recordFromChunk(
  chunk: NumberedLine[],
  file: string,
  format: 'hf-listing' | 'hf-titles',
): PaperRecord {
  const [titleLine, ...rest] = chunk;
  const abstractLines: string[] = [];
  const notes: string[] = [];
  for (const { text } of rest) {
    const trimmed = text.trim();
    if (trimmed === ARXIV_BADGE) continue;
    const comment = COMMENT_LINE.exec(trimmed);
    if (comment) notes.push(comment[1]!.trim());
    else abstractLines.push(trimmed);
  }
  const record: PaperRecord = {
    title: titleLine!.text.trim(),
    authors: [],
    provenance: { file, line: titleLine!.line, format },
  };
  if (abstractLines.length > 0) record.abstract = abstractLines.join('\n');
  if (notes.length > 0) record.notes = notes;
  return record;
}

export function parseHfListing(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  let chunk: NumberedLine[] = [];
  let index = skipHeader(lines);
  while (index < lines.length) {
    const line = lines[index]!;
    const count = AUTHOR_COUNT.exec(line.text.trim());
    if (!count) {
      chunk.push(line);
      index++;
      continue;
    }
    if (chunk.length === 0) {
      report.error(
        line.line,
        'unexpected-line',
        `'${excerpt(line.text)}' without a title before it; skipped`,
      );
      index++;
      continue;
    }
    const record = recordFromChunk(chunk, file, 'hf-listing');
    record.authorCount = Number(count[1]);
    chunk = [];
    const separator = lines[index + 1];
    const dateLine = lines[index + 2];
    const hasSeparator = separator?.text.trim() === SEPARATOR;
    const parsedDate = dateLine && hasSeparator ? parseDateLine(dateLine.text) : undefined;
    // A record whose last line is also the file's last line and does not read is a cut record.
    const atEnd = !separator || !dateLine || (!parsedDate && index + 2 === lines.length - 1);
    if (parsedDate) {
      record.date = parsedDate.date;
      if (parsedDate.upvotes !== undefined) record.upvotes = parsedDate.upvotes;
      records.push(record);
      index += 3;
    } else if (atEnd) {
      report.error(
        line.line,
        'truncated-record',
        `record '${excerpt(record.title)}' ends after its author count, expected '·' and a date (file truncated?); record skipped`,
      );
      index = lines.length;
    } else {
      report.warn(
        (separator ?? line).line,
        'unexpected-line',
        `expected '·' and a date like 'Feb 9, 2023' after the author count of '${excerpt(record.title)}', found '${excerpt(hasSeparator ? dateLine.text : separator.text)}'; kept without a date`,
      );
      records.push(record);
      index += hasSeparator ? 3 : 1;
    }
  }
  if (chunk.length > 0) {
    report.error(
      chunk[0]!.line,
      'truncated-record',
      `record '${excerpt(chunk[0]!.text)}' has no '• N authors' line (file truncated?); ${chunk.length} line(s) not read`,
    );
  }
  return { records, diagnostics };
}

/** Titles-only listing: non-blank lines alternate title, abstract; comments and the arXiv badge attach to the last. */
export function parseHfTitles(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  let chunk: NumberedLine[] = [];
  const flush = (): void => {
    if (chunk.length > 0) records.push(recordFromChunk(chunk, file, 'hf-titles'));
    chunk = [];
  };
  for (let index = skipHeader(lines); index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.text.trim();
    const isAttachment = trimmed === ARXIV_BADGE || COMMENT_LINE.test(trimmed);
    if (isAttachment && chunk.length > 0) {
      chunk.push(line);
      continue;
    }
    const abstractCount = chunk.filter((entry) => {
      const text = entry.text.trim();
      return text !== ARXIV_BADGE && !COMMENT_LINE.test(text);
    }).length;
    if (abstractCount >= 2) flush();
    chunk.push(line);
  }
  const last = chunk[0];
  flush();
  const lastRecord = records[records.length - 1];
  if (last && lastRecord && lastRecord.abstract === undefined) {
    report.warn(
      last.line,
      'truncated-record',
      `last record '${excerpt(lastRecord.title)}' has no abstract (file truncated?); kept with its title only`,
    );
  }
  return { records, diagnostics };
}

function hasListingChrome(lines: string[]): boolean {
  return lines
    .slice(0, 12)
    .some(
      (line) =>
        line === 'Get trending papers in your email inbox!' || line === 'byAK and the research community',
    );
}

export const hfListingParser: FormatParser = {
  format: 'hf-listing',
  description: 'Hugging Face papers listing',
  sniff(head) {
    const lines = sniffLines(head);
    const counts = lines.filter((line) => AUTHOR_COUNT.test(line)).length;
    if (counts >= 1 && lines.includes(SEPARATOR)) return 0.95;
    if (counts >= 1 && hasListingChrome(lines)) return 0.9;
    return 0;
  },
  parse: parseHfListing,
};

export const hfTitlesParser: FormatParser = {
  format: 'hf-titles',
  description: 'Hugging Face papers listing (titles and abstracts only)',
  sniff(head) {
    const lines = sniffLines(head);
    if (lines.some((line) => AUTHOR_COUNT.test(line))) return 0;
    return hasListingChrome(lines) ? 0.8 : 0;
  },
  parse: parseHfTitles,
};
