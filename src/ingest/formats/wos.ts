/**
 * Web of Science plain-text exports ("Tab-delimited" is not this format): two-letter field tags,
 * continuation lines indented by three spaces, records from `PT` to `ER`, optionally wrapped in
 * an `FN`/`VR` header and an `EF` trailer.
 */
import { setMonthAndDay, yearFromText } from '../../model/dates.ts';
import { normaliseDoi, normaliseOrcid } from '../../model/ids.ts';
import { authorFromInvertedName, groupAuthor, nameKey } from '../../model/names.ts';
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
import { parseWosCitedReference } from '../reference-strings.ts';
import { countFromText, newRecord, uniqueNonEmpty } from './format-helpers.ts';
import { type TaggedRecord, TaggedRecordReader, taggedResult } from './tagged-records.ts';

const TAG_LINE = /^([A-Z][A-Z0-9])(?: (.*))?$/;
/** Fields whose continuation lines are more items of a list, not more words of one text. */
const LIST_TAGS = new Set(['AU', 'AF', 'CA', 'GP', 'BA', 'BF', 'ED', 'CR', 'C1', 'C3', 'EM', 'RI', 'OI']);

function first(record: TaggedRecord, tag: string): string | undefined {
  const value = record.fields.get(tag)?.join(' ').trim();
  return value ? value : undefined;
}

function list(record: TaggedRecord, tag: string): string[] {
  return (record.fields.get(tag) ?? []).map((value) => value.trim()).filter(Boolean);
}

function semicolonList(record: TaggedRecord, tag: string): string[] {
  return uniqueNonEmpty((first(record, tag) ?? '').split(';'));
}

function wosDate(record: TaggedRecord): PartialDate | undefined {
  const yearText = first(record, 'PY');
  const year = yearFromText(yearText);
  if (year === undefined) return undefined;
  const date: PartialDate = { year, raw: yearText! };
  const published = first(record, 'PD');
  if (published) {
    date.raw = published.includes(yearText!) ? published : `${published} ${yearText}`;
    const match = /^([A-Za-z]{3,})(?:[-\s]+(\d{1,2}))?/.exec(published);
    if (match) setMonthAndDay(date, match[1], match[2]);
  }
  return date;
}

function wosAuthors(record: TaggedRecord): AuthorName[] {
  const names = list(record, 'AF').length > 0 ? list(record, 'AF') : list(record, 'AU');
  const authors = names
    .map((name) => authorFromInvertedName(name))
    .filter((author): author is AuthorName => author !== undefined);
  for (const group of [...list(record, 'CA'), ...list(record, 'GP')]) authors.push(groupAuthor(group));

  // C1 lines '[Toh, Ming Liang; Lee, A] Univ X, City, Country.' give affiliations per author.
  const byKey = new Map(names.map((name, index) => [nameKey(name.replace(',', ' ')), authors[index]]));
  for (const line of list(record, 'C1')) {
    const match = /^\[([^\]]+)\]\s*(.+)$/.exec(line);
    if (!match) continue;
    for (const name of match[1]!.split(';')) {
      const author = byKey.get(nameKey(name.replace(',', ' ')));
      if (!author) continue;
      author.affiliations = uniqueNonEmpty([...(author.affiliations ?? []), match[2]!.replace(/\.$/, '')]);
    }
  }
  // OI 'Hasegawa, Takashi/0000-0002-8178-4980; …' gives ORCIDs.
  for (const entry of semicolonList(record, 'OI')) {
    const slash = entry.lastIndexOf('/');
    const author = byKey.get(nameKey(entry.slice(0, slash).replace(',', ' ')));
    const orcid = normaliseOrcid(entry.slice(slash + 1));
    if (author && orcid) author.orcid = orcid;
  }
  return authors;
}

/** Times cited: TC (Web of Science Core Collection), else Z9 (all databases). */
function wosCitations(record: TaggedRecord): number | undefined {
  return countFromText(first(record, 'TC')) ?? countFromText(first(record, 'Z9'));
}

function toRecord(raw: TaggedRecord, file: string): PaperRecord | undefined {
  const title = first(raw, 'TI');
  if (!title) return undefined;
  const authors = wosAuthors(raw);
  const record = newRecord(plainText(title), authors, { file, line: raw.line, format: 'wos' });
  const type = first(raw, 'DT');
  if (type) record.type = type;
  const date = wosDate(raw);
  if (date) record.date = date;
  const venue = first(raw, 'SO');
  if (venue) record.venue = venue;
  const abstract = first(raw, 'AB');
  if (abstract) record.abstract = plainText(abstract);
  const keywords = semicolonList(raw, 'DE');
  if (keywords.length > 0) record.keywords = keywords;
  const indexKeywords = semicolonList(raw, 'ID');
  if (indexKeywords.length > 0) record.indexKeywords = indexKeywords;
  const citations = wosCitations(raw);
  if (citations !== undefined) record.globalCitations = citations;
  const ids: PaperIds = {};
  const doi = normaliseDoi(first(raw, 'DI'));
  if (doi) ids.doi = doi;
  const wos = first(raw, 'UT')?.replace(/^WOS:/i, '');
  if (wos) ids.wos = wos;
  const pmid = first(raw, 'PM');
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  if (Object.keys(ids).length > 0) record.ids = ids;
  const cited = list(raw, 'CR');
  if (cited.length > 0) record.references = cited.map(parseWosCitedReference);
  return record;
}

function parseWosText(input: string, file: string): ParseResult {
  const lines = splitLines(input);
  const diagnostics: Diagnostic[] = [];
  const reader = new TaggedRecordReader(file, diagnostics);
  const stray = (lineNumber: number, found: string): void =>
    reader.stray(lineNumber, `WoS: expected a 'PT' line to open a record, found '${found.slice(0, 60)}'`);

  lines.forEach((text, index) => {
    const lineNumber = index + 1;
    const { current, lastTag } = reader;
    if (text.trim() === '') return;
    if (/^\s/.test(text)) {
      if (!current || !lastTag) {
        stray(lineNumber, text.trim());
        return;
      }
      const values = current.fields.get(lastTag)!;
      if (LIST_TAGS.has(lastTag)) values.push(text.trim());
      else values[values.length - 1] = `${values[values.length - 1]} ${text.trim()}`;
      return;
    }
    const match = TAG_LINE.exec(text);
    if (!match) {
      if (current) {
        reader.warn(
          lineNumber,
          'unexpected-line',
          `WoS: expected a field tag or a 3-space continuation, found '${text.slice(0, 60)}'`,
        );
      } else stray(lineNumber, text.trim());
      return;
    }
    const tag = match[1]!;
    const value = (match[2] ?? '').trim();
    if (tag === 'FN' || tag === 'VR') return;
    if (tag === 'PT') {
      reader.open(
        lineNumber,
        tag,
        value,
        `WoS: record starting here has no 'ER' before the next 'PT' at line ${lineNumber}`,
      );
      return;
    }
    if (tag === 'ER' || tag === 'EF') {
      reader.close();
      return;
    }
    if (!current) {
      stray(lineNumber, text.trim());
      return;
    }
    reader.add(tag, value);
  });
  if (reader.current) {
    reader.error(
      reader.current.line,
      'truncated-record',
      "WoS: record starting here is cut off: end of file before its 'ER'; record skipped",
    );
  }

  return taggedResult(reader.records, diagnostics, {
    input,
    file,
    toRecord: (raw) => toRecord(raw, file),
    missingTitle: 'WoS: expected a TI title, found none; record skipped',
    noRecords: "WoS: expected records opened by 'PT', found none",
  });
}

function sniffWos(head: string): number {
  const text = stripBom(head);
  if (/^FN (?:Clarivate|Thomson|ISI)/.test(text)) return 0.95;
  const startsWithPt = /^(?:FN [^\n]*\r?\n)?(?:VR [^\n]*\r?\n)?PT [A-Z]\b/.test(text);
  const hasFields = /^AU [^\n]+/m.test(text) && /^(?:TI|SO|AF) /m.test(text);
  if (startsWithPt && hasFields) return 0.9;
  return startsWithPt || (/^FN /.test(text) && hasFields) ? 0.6 : 0;
}

export const wosParser: FormatParser = {
  format: 'wos',
  description: 'Web of Science plain text',
  sniff: sniffWos,
  parse: parseWosText,
};
