import { authorsFromInvertedPairs } from '../../model/names.ts';
import type { Diagnostic, PaperRecord, ParseResult } from '../../model/types.ts';
import { excerpt, FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { type NumberedLine, nonBlankLines, splitLines } from '../lines.ts';
import { withoutNickname } from './format-helpers.ts';

/**
 * A topic listing: the topic on the first line, then per paper
 *   <title>
 *   <authors: 'Last, First, Last, First'>    (absent for some papers)
 *   <abstract>
 * with no blank lines. 'Devvrit, null' is the one-name author Devvrit; a nickname in parentheses
 * ('Bajpai, Aniket (Nick)') is dropped from the name.
 */

/**
 * One comma-separated part of an author line: 1–5 name words, initials allowed, and a nickname in
 * parentheses; no sentence punctuation.
 */
const NAME_PART =
  /^(?:[\p{Lu}\p{Lt}][\p{L}'’.-]*|[\p{Ll}]{1,4}|null|[\p{Lu}]\.)(?: (?:[\p{Lu}\p{Lt}][\p{L}'’.-]*|[\p{Ll}]{1,4}|[\p{Lu}]\.)){0,4}(?: \([\p{L}'’. -]{1,20}\))?$/u;
const MAX_NAME_PART_LENGTH = 40;
/** An abstract is prose: long, or a sentence. Titles and author lines are neither. */
const MIN_ABSTRACT_LENGTH = 200;

/** True when a line reads as 'Last, First, Last, First' rather than prose or a title. */
function looksLikeInvertedAuthorLine(text: string): boolean {
  if (!text.includes(',')) return false;
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length < 2) return false;
  return parts.every(
    (part) => part.length > 0 && part.length <= MAX_NAME_PART_LENGTH && NAME_PART.test(part),
  );
}

function looksLikeProse(text: string): boolean {
  return text.length >= MIN_ABSTRACT_LENGTH || /[a-z]\. [A-Z]/.test(text);
}

export function parseTopicListing(text: string, file: string): ParseResult {
  const lines = nonBlankLines(text);
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  const topicLine = lines[0];
  if (!topicLine) return { records, diagnostics };
  const topic = topicLine.text.trim();
  let index = 1;
  while (index < lines.length) {
    const titleLine = lines[index]!;
    const next = lines[index + 1];
    if (!next) {
      report.error(
        titleLine.line,
        'truncated-record',
        `record '${excerpt(titleLine.text)}' has no abstract (file truncated?); 1 line not read`,
      );
      break;
    }
    let authorLine: NumberedLine | undefined;
    let abstractLine: NumberedLine | undefined = next;
    if (looksLikeInvertedAuthorLine(next.text.trim())) {
      authorLine = next;
      abstractLine = lines[index + 2];
    }
    if (!abstractLine) {
      report.error(
        titleLine.line,
        'truncated-record',
        `record '${excerpt(titleLine.text)}' ends after its author line (file truncated?); record skipped`,
      );
      break;
    }
    if (!looksLikeProse(abstractLine.text) && looksLikeProse(titleLine.text)) {
      report.error(
        titleLine.line,
        'unexpected-line',
        `expected a paper title, found prose '${excerpt(titleLine.text)}'; line skipped`,
      );
      index += 1;
      continue;
    }
    const record: PaperRecord = {
      title: titleLine.text.trim(),
      authors: [],
      abstract: abstractLine.text.trim(),
      keywords: [topic],
      provenance: { file, line: titleLine.line, format: 'topic-listing' },
    };
    if (authorLine) {
      const { authors, oddParts } = authorsFromInvertedPairs(withoutNickname(authorLine.text).trim());
      record.authors = authors;
      record.authorCount = authors.length;
      if (oddParts) {
        report.warn(
          authorLine.line,
          'odd-author-list',
          `author list has an odd number of 'Last, First' parts; the last part was read as a one-name author`,
        );
      }
    }
    records.push(record);
    index += authorLine ? 3 : 2;
  }
  return { records, diagnostics };
}

export const topicListingParser: FormatParser = {
  format: 'topic-listing',
  description: 'topic listing (title, Last-First authors, abstract)',
  sniff(head) {
    const raw = splitLines(head.slice(0, 256 * 1024).trimEnd()).slice(0, 40);
    const lines = raw.map((line) => line.trim().slice(0, 4000)).filter((line) => line !== '');
    if (lines.length < 3) return 0;
    const topic = lines[0]!;
    if (topic.length > 80 || topic.includes(',') || looksLikeProse(topic)) return 0;
    const blankShare = (raw.length - lines.length) / raw.length;
    const authorLines = lines.slice(1).filter(looksLikeInvertedAuthorLine).length;
    const proseLines = lines.slice(1).filter(looksLikeProse).length;
    if (blankShare < 0.2 && authorLines >= 1 && proseLines >= 1) return 0.7;
    if (blankShare < 0.2 && proseLines >= 1 && proseLines * 2 >= lines.length - 2) return 0.35;
    return 0;
  },
  parse: parseTopicListing,
};
