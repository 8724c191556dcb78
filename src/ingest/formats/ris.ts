/**
 * RIS exports (Zotero, IEEE Xplore, EndNote, Mendeley): `TAG  - value` lines from `TY` to `ER`.
 * Lines break on CRLF, lone CR and LF alike, so IEEE's `\r\n\n\r` separators read as blank lines.
 */
import { parseIsoLikeDate } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi } from '../../model/ids.ts';
import { authorFromDisplayName, authorFromParts, groupAuthor } from '../../model/names.ts';
import { plainText } from '../../model/plain-text.ts';
import type {
  AuthorName,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import type { FormatParser } from '../format.ts';
import { splitLines, stripBom } from '../lines.ts';
import { countFromText, looksLikeOrganisation, newRecord, uniqueNonEmpty } from './format-helpers.ts';
import { type TaggedRecord, TaggedRecordReader, taggedResult } from './tagged-records.ts';

const TAG_LINE = /^\s*([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*))?$/;

function first(record: TaggedRecord, ...tags: string[]): string | undefined {
  for (const tag of tags) {
    const value = record.fields.get(tag)?.find((text) => text.trim() !== '');
    if (value !== undefined) return value.trim();
  }
  return undefined;
}

function all(record: TaggedRecord, ...tags: string[]): string[] {
  return tags.flatMap((tag) => record.fields.get(tag) ?? []).filter((value) => value.trim() !== '');
}

/**
 * One AU value. 'Last, First' is inverted; without a comma it is a given-first name ('G. Kalbe'),
 * unless the file writes its people inverted: then a comma-less value is a single-field name, which
 * Zotero uses for organisations ('International Monetary Fund').
 */
function risAuthor(value: string, fileIsInverted: boolean): AuthorName | undefined {
  const text = value.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const comma = text.indexOf(',');
  if (comma >= 0) {
    // 'Last, First' or 'Last, First, Suffix': the suffix is dropped from the name.
    const [family, given] = text.split(',').map((part) => part.trim());
    return authorFromParts(given, family);
  }
  if (looksLikeOrganisation(text)) return groupAuthor(text);
  // A middle initial ('Robert S. Jansen') marks a person typed into one field.
  if (fileIsInverted && text.includes(' ') && !/(?:^|\s)\p{Lu}\.(?:\s|$)/u.test(text))
    return groupAuthor(text);
  return authorFromDisplayName(text);
}

/** The most precise of the dates a record gives (DA '2019/05/02', PY '2019', Y1 '24-27 Sept. 2019'). */
function recordDate(record: TaggedRecord): PartialDate | undefined {
  let best: PartialDate | undefined;
  const precision = (date: PartialDate): number =>
    (date.year !== undefined ? 1 : 0) + (date.month !== undefined ? 1 : 0) + (date.day !== undefined ? 1 : 0);
  for (const tag of ['DA', 'PY', 'Y1']) {
    for (const value of record.fields.get(tag) ?? []) {
      const date = parseIsoLikeDate(value.trim());
      if (date?.year !== undefined && (!best || precision(date) > precision(best))) best = date;
    }
  }
  return best;
}

function toRecord(raw: TaggedRecord, file: string, fileIsInverted: boolean): PaperRecord | undefined {
  const title = plainText(first(raw, 'TI', 'T1', 'CT', 'BT') ?? '');
  if (!title) return undefined;
  const notes: string[] = [];
  let authors = uniqueNonEmpty(all(raw, 'AU', 'A1'))
    .map((value) => risAuthor(value, fileIsInverted))
    .filter((author): author is AuthorName => author !== undefined);
  if (authors.length === 0) {
    authors = all(raw, 'ED')
      .map((value) => risAuthor(value, fileIsInverted))
      .filter((author): author is AuthorName => author !== undefined);
    if (authors.length > 0) notes.push('editors listed as authors');
  }
  const record = newRecord(title, authors, { file, line: raw.line, format: 'ris' });
  const type = first(raw, 'TY');
  if (type) record.type = type;
  const date = recordDate(raw);
  if (date) record.date = date;
  const venue = first(raw, 'T2', 'JO', 'JF', 'JA', 'J2');
  if (venue) record.venue = venue;
  const abstract = first(raw, 'AB', 'N2');
  if (abstract) record.abstract = plainText(abstract);
  const keywords = uniqueNonEmpty(all(raw, 'KW'));
  if (keywords.length > 0) record.keywords = keywords;
  // Scopus writes the count into a note: 'N1  - Cited By: 42; Export Date: 1 January 2024'.
  const citedBy = all(raw, 'N1')
    .map((note) => /\bCited By:\s*(\d+)/i.exec(note)?.[1])
    .find((count) => count !== undefined);
  const citations = countFromText(citedBy);
  if (citations !== undefined) record.globalCitations = citations;
  const ids: PaperIds = {};
  const urls = all(raw, 'UR', 'L2');
  const doi = normaliseDoi(first(raw, 'DO')) ?? normaliseDoi(urls.find((url) => /doi\.org\//i.test(url)));
  if (doi) ids.doi = doi;
  const arxiv = normaliseArxivId(urls.find((url) => /arxiv\.org\//i.test(url)));
  if (arxiv) ids.arxiv = arxiv;
  if (Object.keys(ids).length > 0) record.ids = ids;
  if (notes.length > 0) record.notes = notes;
  return record;
}

function parseRisText(input: string, file: string): ParseResult {
  const lines = splitLines(input);
  const diagnostics: Diagnostic[] = [];
  const reader = new TaggedRecordReader(file, diagnostics);

  lines.forEach((text, index) => {
    const lineNumber = index + 1;
    const match = TAG_LINE.exec(text);
    const { current, lastTag } = reader;
    if (!match) {
      if (text.trim() === '') return;
      if (current && lastTag) {
        // A continuation line (Zotero wraps long notes and abstracts).
        const values = current.fields.get(lastTag)!;
        values[values.length - 1] = `${values[values.length - 1]} ${text.trim()}`.trim();
        return;
      }
      reader.stray(lineNumber, `RIS: expected a 'TY  - ' line, found '${text.trim().slice(0, 60)}'`);
      return;
    }
    const tag = match[1]!;
    const value = match[2] ?? '';
    if (tag === 'TY') {
      reader.open(
        lineNumber,
        tag,
        value,
        `RIS: record starting here has no 'ER  - ' before the next 'TY' at line ${lineNumber}`,
      );
      return;
    }
    if (tag === 'ER') {
      if (!reader.close()) reader.warn(lineNumber, 'unexpected-line', "RIS: found 'ER' with no open record");
      return;
    }
    if (!current) {
      reader.stray(lineNumber, `RIS: expected 'TY  - ' to open a record, found tag '${tag}'`);
      return;
    }
    reader.add(tag, value);
  });
  if (reader.current) {
    reader.error(
      reader.current.line,
      'truncated-record',
      "RIS: record starting here ends at end of file without 'ER  - '; kept as read",
    );
    reader.close();
  }

  const raws = reader.records;
  const authorValues = raws.flatMap((raw) => all(raw, 'AU', 'A1'));
  const inverted = authorValues.filter((value) => value.includes(',')).length;
  const fileIsInverted = authorValues.length > 0 && inverted * 2 >= authorValues.length;

  return taggedResult(raws, diagnostics, {
    input,
    file,
    toRecord: (raw) => toRecord(raw, file, fileIsInverted),
    missingTitle: 'RIS: expected a TI or T1 title, found none; record skipped',
    noRecords: "RIS: expected records opened by 'TY  - ', found none",
  });
}

function sniffRis(head: string): number {
  const text = stripBom(head);
  if (/^\s*TY {2}- /.test(text)) return 0.95;
  return /^TY {2}- /m.test(text) && /^(?:AU|TI|T1|PY) {2}- /m.test(text) ? 0.7 : 0;
}

export const risParser: FormatParser = {
  format: 'ris',
  description: 'RIS',
  sniff: sniffRis,
  parse: parseRisText,
};
