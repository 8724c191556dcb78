/**
 * PubMed/MEDLINE tagged text (PubMed's "Save → PubMed format", `.nbib`, `.txt`; field list at
 * https://pubmed.ncbi.nlm.nih.gov/help/#pubmed-format): a tag of up to four letters padded to four
 * characters, `- ` and the value; continuation lines indented by six spaces. A record opens at its
 * `PMID` line; the blank lines between records mean nothing here, so extra or missing ones change
 * no record.
 *
 * Decisions:
 * - Authors from `FAU` ('de Hoon, M J L'), else `AU`; `CN` is a group author. `AD` lines belong to
 *   the author before them (affiliations before any author belong to the first); `AUID` ORCIDs too.
 * - `MH` MeSH headings become index keywords, without the major-topic `*` and the `/qualifier`;
 *   `OT` other terms (author keywords) become keywords.
 * - The DOI comes from `LID` or `AID` values ending in `[doi]`. Venue is `JT`, else `TA`.
 * - MEDLINE carries no cited references and no citation counts.
 * - PubMed writes `SO` last in every record: when the other records end with one and the last does
 *   not, the file was cut inside the last record, which is skipped with one error.
 */
import { setMonthAndDay, yearFromText } from '../../model/dates.ts';
import { normaliseDoi, normaliseOrcid } from '../../model/ids.ts';
import { authorFromInvertedName, groupAuthor } from '../../model/names.ts';
import { plainTextOrUndefined } from '../../model/plain-text.ts';
import type {
  AuthorName,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import { FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { splitLines, stripBom } from '../lines.ts';
import { collapseWhitespace, newRecord, uniqueNonEmpty } from './format-helpers.ts';
import { dropDiagnostics, taggedResult } from './tagged-records.ts';

const TAG_LINE = /^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$/;
const CONTINUATION = /^\s+\S/;

/** One record as read: its first line and its fields in file order. */
interface MedlineRecord {
  line: number;
  fields: { tag: string; value: string }[];
}

function values(record: MedlineRecord, tag: string): string[] {
  const found: string[] = [];
  for (const field of record.fields)
    if (field.tag === tag && field.value.trim()) found.push(field.value.trim());
  return found;
}

function first(record: MedlineRecord, tag: string): string | undefined {
  return values(record, tag)[0];
}

/** 'Casbon, James A' (FAU) or 'Casbon JA' (AU) as an author. */
function medlineAuthor(tag: string, value: string): AuthorName | undefined {
  if (tag === 'CN') return groupAuthor(value);
  if (tag === 'FAU') return authorFromInvertedName(value);
  // AU: family name, then initials ('de Hoon MJ').
  const match = /^(.*\S)\s+([A-Z]{1,4})$/.exec(value);
  return match ? authorFromInvertedName(`${match[1]}, ${match[2]}`) : authorFromInvertedName(value);
}

/** Authors in order with their affiliations and ORCIDs, from FAU (else AU) and CN lines. */
function medlineAuthors(record: MedlineRecord): AuthorName[] {
  const nameTag = record.fields.some((field) => field.tag === 'FAU') ? 'FAU' : 'AU';
  const authors: AuthorName[] = [];
  const earlyAffiliations: string[] = [];
  let current: AuthorName | undefined;
  for (const { tag, value } of record.fields) {
    const text = value.trim();
    if (!text) continue;
    if (tag === nameTag || tag === 'CN') {
      current = medlineAuthor(tag, text);
      if (current) authors.push(current);
    } else if (tag === 'AD') {
      if (current) current.affiliations = uniqueNonEmpty([...(current.affiliations ?? []), text]);
      else earlyAffiliations.push(text);
    } else if (tag === 'AUID' && current) {
      const orcid = /ORCID/i.test(text) ? normaliseOrcid(text) : undefined;
      if (orcid) current.orcid = orcid;
    }
  }
  const firstAuthor = authors[0];
  if (firstAuthor && earlyAffiliations.length > 0 && !firstAuthor.affiliations) {
    firstAuthor.affiliations = uniqueNonEmpty(earlyAffiliations);
  }
  return authors;
}

/** DP: '2006', '2006 Mar 1', '2006 Jan-Feb', '2005 Winter', '2019 Apr 3'. */
function medlineDate(text: string | undefined): PartialDate | undefined {
  const year = yearFromText(text);
  if (year === undefined || !text) return undefined;
  const date: PartialDate = { year, raw: text };
  const match = /^\d{4}\s+([A-Za-z]{3,})(?:\s+(\d{1,2}))?\b/.exec(text);
  if (match) setMonthAndDay(date, match[1], match[2]);
  return date;
}

/** 'Information Storage and Retrieval/*methods' → 'Information Storage and Retrieval'. */
function meshDescriptor(heading: string): string {
  return heading.split('/')[0]!.replace(/^\*/, '').trim();
}

function medlineDoi(record: MedlineRecord): string | undefined {
  for (const value of [...values(record, 'LID'), ...values(record, 'AID')]) {
    const match = /^(.*\S)\s*\[doi\]$/i.exec(value);
    const doi = match ? normaliseDoi(match[1]) : undefined;
    if (doi) return doi;
  }
  return undefined;
}

function toRecord(raw: MedlineRecord, file: string): PaperRecord | undefined {
  const title = plainTextOrUndefined(first(raw, 'TI') ?? first(raw, 'BTI'));
  if (!title) return undefined;
  const authors = medlineAuthors(raw);
  const record = newRecord(title, authors, { file, line: raw.line, format: 'pubmed' });
  const date = medlineDate(first(raw, 'DP'));
  if (date) record.date = date;
  const abstract = plainTextOrUndefined(first(raw, 'AB'));
  if (abstract) record.abstract = abstract;
  const venue = first(raw, 'JT') ?? first(raw, 'TA');
  if (venue) record.venue = collapseWhitespace(venue);
  const keywords = uniqueNonEmpty(values(raw, 'OT'));
  if (keywords.length > 0) record.keywords = keywords;
  const mesh = uniqueNonEmpty(values(raw, 'MH').map(meshDescriptor));
  if (mesh.length > 0) record.indexKeywords = mesh;
  const types = uniqueNonEmpty(values(raw, 'PT'));
  if (types.length > 0) record.type = types.join('; ');
  const ids: PaperIds = {};
  const pmid = first(raw, 'PMID');
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  const doi = medlineDoi(raw);
  if (doi) ids.doi = doi;
  if (Object.keys(ids).length > 0) record.ids = ids;
  return record;
}

function parsePubmedText(input: string, file: string): ParseResult {
  const lines = splitLines(input);
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  const raws: MedlineRecord[] = [];
  let current: MedlineRecord | undefined;
  const unexpectedLine = (line: number, expected: string, found: string): void => {
    report.warn(line, 'unexpected-line', `PubMed: expected ${expected}, found '${found.slice(0, 60)}'`);
  };
  const stray = (line: number, found: string): void =>
    report.stray(line, `PubMed: expected a 'PMID- ' line to open a record, found '${found.slice(0, 60)}'`);
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    if (CONTINUATION.test(text)) {
      const last = current?.fields[current.fields.length - 1];
      if (last) last.value = `${last.value} ${text.trim()}`;
      else stray(line, text.trim());
      return;
    }
    const match = TAG_LINE.exec(text);
    if (!match) {
      if (current) unexpectedLine(line, 'a field tag or a 6-space continuation', text);
      else stray(line, text.trim());
      return;
    }
    const tag = match[1]!;
    const value = match[2]!.trim();
    if (tag === 'PMID') {
      current = { line, fields: [{ tag, value }] };
      raws.push(current);
      return;
    }
    if (!current) {
      stray(line, text.trim());
      return;
    }
    current.fields.push({ tag, value });
  });

  const ended = (raw: MedlineRecord): boolean => raw.fields[raw.fields.length - 1]?.tag === 'SO';
  const last = raws[raws.length - 1];
  if (last && raws.length > 1 && raws.slice(0, -1).every(ended) && !ended(last)) {
    raws.pop();
    // The cut record is skipped whole: what was odd inside it is part of the one error.
    dropDiagnostics(diagnostics, last.line, Number.POSITIVE_INFINITY);
    report.error(
      last.line,
      'truncated-record',
      "PubMed: record starting here is cut off: end of file before its closing 'SO' line; record skipped",
    );
  }

  return taggedResult(raws, diagnostics, {
    input,
    file,
    toRecord: (raw) => toRecord(raw, file),
    missingTitle: 'PubMed: expected a TI title, found none; record skipped',
    noRecords: "PubMed: expected records opened by 'PMID- ', found none",
  });
}

function sniffPubmed(head: string): number {
  const text = stripBom(head);
  const opensRecord = /^PMID- ?\d+/m.test(text);
  const hasFields = /^(?:TI|FAU|AU|DP|AB|JT|TA) {0,2}- /m.test(text);
  if (opensRecord && hasFields) return /^\s*PMID- /.test(text) ? 0.97 : 0.9;
  return opensRecord ? 0.5 : 0;
}

export const pubmedParser: FormatParser = {
  format: 'pubmed',
  description: 'PubMed/MEDLINE tagged text (.nbib, .txt)',
  sniff: sniffPubmed,
  parse: parsePubmedText,
};
