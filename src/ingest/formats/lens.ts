/**
 * Lens.org scholarly works exported as CSV (field meanings:
 * https://support.lens.org/knowledge-base/scholar-field-definition/). Columns are read by name, so
 * both header sets read: the older one with `Citing Works Count`, the newer with `Scholarly
 * Citation Count`.
 *
 * Decisions:
 * - `Author/s` is `; `-separated given-first names ('Yasmine ABDOULAYE'); Lens exports no
 *   affiliations per author in this file.
 * - `Keywords` are keywords; `MeSH Terms` and `Fields of Study` (terms the database assigns) are
 *   index keywords.
 * - `References` lists the cited works' Lens IDs (a DOI where Lens gives one): each becomes a cited
 *   reference with that id, and the id as its text, so the same work cited twice is one work.
 * - Global citations: `Scholarly Citation Count`, else `Citing Works Count` (patents citing a work
 *   are counted apart, in `Citing Patents Count`, and not used).
 */
import { parseIsoLikeDate, yearFromText } from '../../model/dates.ts';
import { normaliseDoi } from '../../model/ids.ts';
import { authorFromDisplayName } from '../../model/names.ts';
import { plainTextOrUndefined } from '../../model/plain-text.ts';
import type { AuthorName, CitedReference, PaperIds, PaperRecord, ParseResult } from '../../model/types.ts';
import type { FormatParser } from '../format.ts';
import { type CsvCells, csvCell, csvHeaderColumns, csvList, csvRecords } from './csv-records.ts';
import { collapseWhitespace, countFromText, newRecord, uniqueNonEmpty } from './format-helpers.ts';

const LENS_ID = /^\d{3}-\d{3}-\d{3}-\d{3}-\d{2}[\dX]$/i;
const FORMAT_NAME = 'Lens CSV';

/** One entry of `References`: a Lens ID or a DOI. */
export function lensReference(text: string): CitedReference | undefined {
  const value = text.trim();
  if (!value) return undefined;
  if (LENS_ID.test(value)) return { lens: value.toUpperCase(), raw: value.toUpperCase() };
  const doi = normaliseDoi(value);
  return doi ? { doi, raw: value } : { raw: value };
}

function toRecord(row: CsvCells, file: string, line: number): PaperRecord | undefined {
  const title = plainTextOrUndefined(csvCell(row, 'Title'));
  if (!title) return undefined;
  const authors = csvList(row, 'Author/s', ';')
    .map((name) => authorFromDisplayName(name))
    .filter((author): author is AuthorName => author !== undefined);
  const record = newRecord(title, authors, { file, line, format: 'lens' });
  const yearText = csvCell(row, 'Publication Year');
  const date = parseIsoLikeDate(csvCell(row, 'Date Published'));
  const year = yearFromText(yearText);
  if (date) record.date = date;
  else if (year !== undefined) record.date = { year, raw: yearText! };
  const venue = csvCell(row, 'Source Title');
  if (venue) record.venue = venue;
  const abstract = plainTextOrUndefined(csvCell(row, 'Abstract'));
  if (abstract) record.abstract = abstract;
  const keywords = uniqueNonEmpty(csvList(row, 'Keywords', ';').map(collapseWhitespace));
  if (keywords.length > 0) record.keywords = keywords;
  const indexKeywords = uniqueNonEmpty([
    ...csvList(row, 'MeSH Terms', ';'),
    ...csvList(row, 'Fields of Study', ';'),
  ]);
  if (indexKeywords.length > 0) record.indexKeywords = indexKeywords;
  const citations =
    countFromText(csvCell(row, 'Scholarly Citation Count')) ??
    countFromText(csvCell(row, 'Citing Works Count'));
  if (citations !== undefined) record.globalCitations = citations;
  const type = csvCell(row, 'Publication Type');
  if (type) record.type = type;
  const ids: PaperIds = {};
  const lens = csvCell(row, 'Lens ID');
  if (lens && LENS_ID.test(lens)) ids.lens = lens.toUpperCase();
  const doi = normaliseDoi(csvCell(row, 'DOI'));
  if (doi) ids.doi = doi;
  const pmid = csvCell(row, 'PMID');
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  if (Object.keys(ids).length > 0) record.ids = ids;
  const references = csvList(row, 'References', ';')
    .map(lensReference)
    .filter((reference): reference is CitedReference => reference !== undefined);
  if (references.length > 0) record.references = references;
  return record;
}

function parseLensText(input: string, file: string): ParseResult {
  return csvRecords(input, file, { formatName: FORMAT_NAME, titleColumns: ['Title'] }, (row, line) =>
    toRecord(row, file, line),
  );
}

function sniffLens(head: string): number {
  const columns = csvHeaderColumns(head);
  if (!columns.has('Lens ID')) return 0;
  const known = ['Title', 'Author/s', 'Source Title', 'Publication Year', 'DOI', 'References'];
  return known.filter((column) => columns.has(column)).length >= 2 ? 0.97 : 0.6;
}

export const lensParser: FormatParser = {
  format: 'lens',
  description: 'Lens.org scholarly works CSV',
  sniff: sniffLens,
  parse: parseLensText,
};
