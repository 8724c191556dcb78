/**
 * The CSV that openalex.org's "Export" button writes: one row per work, columns named by OpenAlex
 * field paths (https://docs.openalex.org/api-entities/works/work-object): `id`, `display_name` or
 * `title`, `publication_year`, `doi`, `authorships.author.display_name`, `cited_by_count`,
 * `referenced_works`… Lists are `|`-separated and the authorship columns are aligned by position
 * (`IT|IT||IT`: the third author has no country).
 *
 * Decisions:
 * - Authors come from `authorships.author.display_name` with the id and ORCID at the same position.
 *   Institutions (`authorships.institutions.display_name`) are one flat list over all authors; they
 *   are given to the authors only when there is exactly one per author, since otherwise which
 *   author holds which cannot be told.
 * - Keywords: `keywords.display_name`, then `topics.display_name`, then `concepts.display_name`
 *   (as the JSON reader does); `mesh.descriptor_name` is index keywords.
 * - `referenced_works` (OpenAlex ids) become cited references when the export has the column.
 * - `cited_by_count` is the global citation count.
 */
import { parseIsoLikeDate, yearFromText } from '../../model/dates.ts';
import { normaliseDoi, normaliseOpenAlexId, normaliseOrcid } from '../../model/ids.ts';
import { foldText } from '../../model/names.ts';
import { plainTextOrUndefined } from '../../model/plain-text.ts';
import type { AuthorName, CitedReference, PaperIds, PaperRecord, ParseResult } from '../../model/types.ts';
import type { FormatParser } from '../format.ts';
import { type CsvCells, csvCell, csvHeaderColumns, csvList, csvRecords } from './csv-records.ts';
import { countFromText, newRecord, uniqueNonEmpty } from './format-helpers.ts';
import { authorFromCachedDisplayName } from './openalex.ts';

const FORMAT_NAME = 'OpenAlex CSV';

/** A `|` list kept positional: empty slots stay (as '') so that columns line up. */
function slots(row: CsvCells, column: string): string[] {
  const value = row[column];
  return value === undefined || value.trim() === '' ? [] : value.split('|').map((item) => item.trim());
}

function csvAuthors(row: CsvCells): AuthorName[] {
  const names = slots(row, 'authorships.author.display_name');
  const ids = slots(row, 'authorships.author.id');
  const orcids = slots(row, 'authorships.author.orcid');
  const institutions = slots(row, 'authorships.institutions.display_name');
  const oneInstitutionEach = institutions.length === names.length;
  const authors: AuthorName[] = [];
  names.forEach((name, index) => {
    const author = name ? authorFromCachedDisplayName(name) : undefined;
    if (!author) return;
    const openalex = normaliseOpenAlexId(ids[index]);
    if (openalex) author.ids = { openalex };
    const orcid = normaliseOrcid(orcids[index]);
    if (orcid) author.orcid = orcid;
    const institution = oneInstitutionEach ? institutions[index] : undefined;
    if (institution) author.affiliations = [institution];
    authors.push(author);
  });
  return authors;
}

function csvKeywords(row: CsvCells): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const column of ['keywords.display_name', 'topics.display_name', 'concepts.display_name']) {
    for (const name of csvList(row, column, '|')) {
      const key = foldText(name);
      if (key && !seen.has(key)) {
        seen.add(key);
        keywords.push(name);
      }
    }
  }
  return keywords;
}

function toRecord(row: CsvCells, file: string, line: number): PaperRecord | undefined {
  const title = plainTextOrUndefined(csvCell(row, 'display_name') ?? csvCell(row, 'title'));
  if (!title) return undefined;
  const authors = csvAuthors(row);
  const record = newRecord(title, authors, { file, line, format: 'openalex-csv' });
  const yearText = csvCell(row, 'publication_year');
  const date = parseIsoLikeDate(csvCell(row, 'publication_date'));
  const year = yearFromText(yearText);
  if (date) record.date = date;
  else if (year !== undefined) record.date = { year, raw: yearText! };
  const abstract = plainTextOrUndefined(csvCell(row, 'abstract'));
  if (abstract) record.abstract = abstract;
  const venue = csvCell(row, 'primary_location.source.display_name');
  if (venue) record.venue = venue;
  const keywords = csvKeywords(row);
  if (keywords.length > 0) record.keywords = keywords;
  const mesh = uniqueNonEmpty(csvList(row, 'mesh.descriptor_name', '|'));
  if (mesh.length > 0) record.indexKeywords = mesh;
  const citations = countFromText(csvCell(row, 'cited_by_count'));
  if (citations !== undefined) record.globalCitations = citations;
  const type = csvCell(row, 'type');
  if (type) record.type = type;
  const ids: PaperIds = {};
  const openalex = normaliseOpenAlexId(csvCell(row, 'id') ?? csvCell(row, 'ids.openalex'));
  if (openalex) ids.openalex = openalex;
  const doi = normaliseDoi(csvCell(row, 'doi') ?? csvCell(row, 'ids.doi'));
  if (doi) ids.doi = doi;
  const pmid = /(\d+)\/?$/.exec(csvCell(row, 'ids.pmid') ?? '');
  if (pmid) ids.pmid = pmid[1];
  if (Object.keys(ids).length > 0) record.ids = ids;
  const references: CitedReference[] = [];
  for (const item of csvList(row, 'referenced_works', '|')) {
    const cited = normaliseOpenAlexId(item);
    if (cited) references.push({ openalex: cited });
  }
  if (references.length > 0) record.references = references;
  return record;
}

function parseOpenAlexCsvText(input: string, file: string): ParseResult {
  return csvRecords(
    input,
    file,
    { formatName: FORMAT_NAME, titleColumns: ['display_name', 'title'] },
    (row, line) => toRecord(row, file, line),
  );
}

function sniffOpenAlexCsv(head: string): number {
  const columns = csvHeaderColumns(head);
  if (!columns.has('id') || !(columns.has('display_name') || columns.has('title'))) return 0;
  const openAlexPaths = [...columns].filter((column) =>
    /^(?:authorships|primary_location|open_access|ids|biblio)\./.test(column),
  ).length;
  if (openAlexPaths > 0 && (columns.has('publication_year') || columns.has('cited_by_count'))) return 0.97;
  return columns.has('publication_year') ? 0.6 : 0;
}

export const openAlexCsvParser: FormatParser = {
  format: 'openalex-csv',
  description: 'OpenAlex web export CSV',
  sniff: sniffOpenAlexCsv,
  parse: parseOpenAlexCsvText,
};
