/**
 * Dimensions (app.dimensions.ai) publication exports as CSV: "Export full record" and "Export for
 * bibliometric mapping". The first line is a notice (`"About the data: Exported on …"`), then the
 * header: `Rank, Publication ID, DOI, PMID, PMCID, Title, Abstract, Source title, …, PubYear, …,
 * Authors, Authors Affiliations, …, Times cited, …`, field meanings as in
 * https://docs.dimensions.ai/dsl/datasource-publications.html. The mapping export names the source
 * column `Source title/Anthology title` and adds `Cited references`.
 *
 * Decisions:
 * - `Authors` is `Last, First; Last, First`. `Authors Affiliations` items
 *   (`Last, First (Organisation, City, Country)`) give affiliations to the author of the same name.
 * - `MeSH terms` are index keywords; Dimensions exports no author keywords.
 * - `Times cited` is the global citation count.
 * - `Cited references` items start with `[`: `[Authors]|Title|Source|Year|Volume|Issue|Pages|DOI|
 *   Publication ID|Times cited`, separated by `;`. Each keeps its text as given and the parts read.
 */
import { parseIsoLikeDate, yearFromText } from '../../model/dates.ts';
import { normaliseDoi } from '../../model/ids.ts';
import { authorFromInvertedName, nameKey } from '../../model/names.ts';
import { plainTextOrUndefined } from '../../model/plain-text.ts';
import type { AuthorName, CitedReference, PaperIds, PaperRecord, ParseResult } from '../../model/types.ts';
import type { FormatParser } from '../format.ts';
import { type CsvCells, csvCell, csvHeaderColumns, csvList, csvRecords } from './csv-records.ts';
import { countFromText, newRecord, uniqueNonEmpty } from './format-helpers.ts';

const FORMAT_NAME = 'Dimensions CSV';
const PUBLICATION_ID = /^pub\.\d+$/;

/** The header row, not the notice line Dimensions writes before it. */
function isHeader(cells: string[]): boolean {
  return cells.some((cell) => cell.trim() === 'Title');
}

/** Splits on `;` outside parentheses ('A, B (X; Y); C, D (Z)' → two items). */
function splitOutsideParentheses(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ';' && depth === 0) {
      items.push(text.slice(start, at).trim());
      start = at + 1;
    }
  }
  items.push(text.slice(start).trim());
  return items.filter(Boolean);
}

function dimensionsAuthors(row: CsvCells): AuthorName[] {
  const authors = csvList(row, 'Authors', ';')
    .map((name) => authorFromInvertedName(name))
    .filter((author): author is AuthorName => author !== undefined);
  const byKey = new Map(authors.map((author) => [author.key, author]));
  for (const item of splitOutsideParentheses(csvCell(row, 'Authors Affiliations') ?? '')) {
    const match = /^([^()]+?)\s*\((.+)\)$/.exec(item);
    if (!match) continue;
    const author = byKey.get(nameKey(authorFromInvertedName(match[1]!)?.name ?? ''));
    if (!author) continue;
    author.affiliations = uniqueNonEmpty([
      ...(author.affiliations ?? []),
      ...splitOutsideParentheses(match[2]!),
    ]);
  }
  return authors;
}

/** One item of `Cited references`: `[Authors]|Title|Source|Year|Volume|Issue|Pages|DOI|Publication ID|…`. */
export function dimensionsReference(raw: string): CitedReference {
  const reference: CitedReference = { raw };
  const close = raw.startsWith('[') ? raw.indexOf(']') : -1;
  const authors = close > 0 ? raw.slice(1, close) : '';
  const parts = (close > 0 ? raw.slice(close + 1) : raw).split('|').map((part) => part.trim());
  if (close > 0 && parts[0] === '') parts.shift();
  const family = authors.split(';')[0]?.split(',')[0]?.trim();
  if (family) reference.firstAuthorFamily = family;
  const [title, source, year, volume, , pages, doi, publication] = parts;
  if (title) reference.title = title;
  if (source) reference.source = source;
  const yearNumber = yearFromText(year);
  if (yearNumber !== undefined) reference.year = yearNumber;
  if (volume) reference.volume = volume;
  const page = pages?.split('-')[0]?.trim();
  if (page) reference.page = page;
  const normalised = normaliseDoi(doi);
  if (normalised) reference.doi = normalised;
  if (publication && PUBLICATION_ID.test(publication)) reference.dimensions = publication;
  return reference;
}

function toRecord(row: CsvCells, file: string, line: number): PaperRecord | undefined {
  const title = plainTextOrUndefined(csvCell(row, 'Title'));
  if (!title) return undefined;
  const authors = dimensionsAuthors(row);
  const record = newRecord(title, authors, { file, line, format: 'dimensions' });
  const yearText = csvCell(row, 'PubYear');
  const date = parseIsoLikeDate(csvCell(row, 'Publication Date'));
  const year = yearFromText(yearText);
  if (date) record.date = date;
  else if (year !== undefined) record.date = { year, raw: yearText! };
  const abstract = plainTextOrUndefined(csvCell(row, 'Abstract'));
  if (abstract) record.abstract = abstract;
  const venue =
    csvCell(row, 'Source title') ??
    csvCell(row, 'Source title/Anthology title') ??
    csvCell(row, 'Anthology title');
  if (venue) record.venue = venue;
  const mesh = uniqueNonEmpty(csvList(row, 'MeSH terms', ';'));
  if (mesh.length > 0) record.indexKeywords = mesh;
  const citations = countFromText(csvCell(row, 'Times cited'));
  if (citations !== undefined) record.globalCitations = citations;
  const type = csvCell(row, 'Publication Type');
  if (type) record.type = type;
  const ids: PaperIds = {};
  const publication = csvCell(row, 'Publication ID');
  if (publication && PUBLICATION_ID.test(publication)) ids.dimensions = publication;
  const doi = normaliseDoi(csvCell(row, 'DOI'));
  if (doi) ids.doi = doi;
  const pmid = csvCell(row, 'PMID');
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  if (Object.keys(ids).length > 0) record.ids = ids;
  const cited = csvCell(row, 'Cited references');
  if (cited) {
    const references = cited
      .split(/;(?=\s*\[)/)
      .map((item) => item.trim())
      .filter(Boolean)
      .map(dimensionsReference);
    if (references.length > 0) record.references = references;
  }
  return record;
}

function parseDimensionsText(input: string, file: string): ParseResult {
  return csvRecords(
    input,
    file,
    { formatName: FORMAT_NAME, titleColumns: ['Title'], isHeader },
    (row, line) => toRecord(row, file, line),
  );
}

function sniffDimensions(head: string): number {
  const columns = csvHeaderColumns(head, isHeader);
  if (!columns.has('Title')) return 0;
  const known = [
    'Publication ID',
    'Dimensions URL',
    'PubYear',
    'Times cited',
    'Source title/Anthology title',
  ];
  const hits = known.filter((column) => columns.has(column)).length;
  if (hits >= 2) return 0.97;
  return hits === 1 && /^\uFEFF?"?About the data/.test(head) ? 0.9 : 0;
}

export const dimensionsParser: FormatParser = {
  format: 'dimensions',
  description: 'Dimensions publications CSV',
  sniff: sniffDimensions,
  parse: parseDimensionsText,
};
