/**
 * Scopus CSV exports, read with the shared CSV records reader. Both layouts are handled: the current one (45 columns,
 * `Author full names` with ids, `;`-separated `Authors`, References) and the older one (23 columns,
 * comma-separated `Authors` where a suffix such as 'III' is its own item, no References).
 */
import { yearFromText } from '../../model/dates.ts';
import { normaliseDoi } from '../../model/ids.ts';
import { authorFromDisplayName, authorFromInvertedName, authorFromParts } from '../../model/names.ts';
import { plainTextOrUndefined } from '../../model/plain-text.ts';
import type { AuthorName, PaperIds, PaperRecord, ParseResult } from '../../model/types.ts';
import type { FormatParser } from '../format.ts';
import { splitLines } from '../lines.ts';
import { parseScopusReference, splitScopusReferences } from '../reference-strings.ts';
import { csvRecords } from './csv-records.ts';
import { type ColumnShape, emptyOr } from './csv-table.ts';
import {
  authorFromLiteral,
  countFromText,
  looksLikeOrganisation,
  newRecord,
  uniqueNonEmpty,
} from './format-helpers.ts';

const NAME_SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV|V)$/i;
const PLACEHOLDER = /^\[No .* available\]$/i;
/** 'Liu F.', 'Villard M.-A.', 'de Vries J.' → family and initials. */
const FAMILY_INITIALS = /^(.*?\S)\s+((?:\p{Lu}\p{Ll}?\.-?)+(?:\s*\p{Lu}\.)*)$/u;

function cell(row: Record<string, string>, column: string): string | undefined {
  const value = row[column]?.trim();
  return value && !PLACEHOLDER.test(value) && value !== 'NA' ? value : undefined;
}

function familyInitialsAuthor(text: string): AuthorName | undefined {
  const name = text.trim();
  if (!name || PLACEHOLDER.test(name)) return undefined;
  const match = FAMILY_INITIALS.exec(name);
  if (match) return authorFromParts(match[2], match[1]);
  return looksLikeOrganisation(name) ? authorFromLiteral(name) : authorFromDisplayName(name);
}

/** Old layout: 'Roach M.C., Thompson F.R., III, Jones-Farrand T.' — a suffix item joins the name before it. */
function splitCommaAuthors(text: string): string[] {
  const names: string[] = [];
  for (const part of text.split(',').map((item) => item.trim())) {
    if (NAME_SUFFIX.test(part) && names.length > 0) names[names.length - 1] += ` ${part}`;
    else if (part) names.push(part);
  }
  return names;
}

function scopusAuthors(row: Record<string, string>): AuthorName[] {
  const ids = (cell(row, 'Author(s) ID') ?? '')
    .split(';')
    .map((id) => id.trim())
    .filter(Boolean);
  const fullNames = cell(row, 'Author full names');
  let authors: AuthorName[];
  if (fullNames) {
    authors = fullNames
      .split(';')
      .map((item) => {
        // 'Liu, Fengyuan (60410297700)'
        const match = /^(.*?)\s*\((\d+)\)\s*$/.exec(item.trim());
        const author = authorFromInvertedName(match ? match[1]! : item.trim());
        if (author && match) author.ids = { scopus: match[2]! };
        return author;
      })
      .filter((author): author is AuthorName => author !== undefined);
  } else {
    const text = cell(row, 'Authors') ?? '';
    const names = text.includes(';') ? text.split(';') : splitCommaAuthors(text);
    authors = names
      .map((name) => {
        const suffix = / (Jr\.?|Sr\.?|II|III|IV)$/i.exec(name.trim());
        return familyInitialsAuthor(suffix ? name.trim().slice(0, suffix.index) : name);
      })
      .filter((author): author is AuthorName => author !== undefined);
  }
  if (ids.length === authors.length) {
    authors.forEach((author, index) => {
      author.ids = { ...author.ids, scopus: ids[index]! };
    });
  }
  return authors;
}

function toRecord(row: Record<string, string>, file: string, line: number): PaperRecord | undefined {
  const title = plainTextOrUndefined(cell(row, 'Title'));
  if (!title) return undefined;
  const authors = scopusAuthors(row);
  const record = newRecord(title, authors, { file, line, format: 'scopus' });
  const yearText = cell(row, 'Year');
  const year = yearFromText(yearText);
  if (year !== undefined) record.date = { year, raw: yearText! };
  const venue = cell(row, 'Source title');
  if (venue) record.venue = venue;
  const abstract = plainTextOrUndefined(cell(row, 'Abstract'));
  if (abstract) record.abstract = abstract;
  const keywords = uniqueNonEmpty((cell(row, 'Author Keywords') ?? '').split(';'));
  if (keywords.length > 0) record.keywords = keywords;
  const indexKeywords = uniqueNonEmpty((cell(row, 'Index Keywords') ?? '').split(';'));
  if (indexKeywords.length > 0) record.indexKeywords = indexKeywords;
  const citations = countFromText(cell(row, 'Cited by'));
  if (citations !== undefined) record.globalCitations = citations;
  const type = cell(row, 'Document Type');
  if (type) record.type = type;
  const ids: PaperIds = {};
  const doi = normaliseDoi(cell(row, 'DOI'));
  if (doi) ids.doi = doi;
  const eid = cell(row, 'EID');
  if (eid) ids.scopus = eid;
  const pmid = cell(row, 'PubMed ID');
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  if (Object.keys(ids).length > 0) record.ids = ids;
  const references = cell(row, 'References');
  if (references) record.references = splitScopusReferences(references).map(parseScopusReference);
  return record;
}

/**
 * Shapes of Scopus columns with a recognisable form, beyond those the CSV reader infers from the
 * header, so that a row with a separator inside one column is lined up with the header.
 */
const SCOPUS_COLUMNS: Record<string, ColumnShape> = {
  'Author(s) ID': emptyOr(/^\d+(?:;\s*\d+)*;?$/),
  'Author full names': emptyOr(/\(\d+\)$/),
  References: emptyOr(/\((?:1[5-9]|20)\d\d\)/),
  ISSN: emptyOr(/^[\dXx]{7,8}(?:[;,]\s*[\dXx]{7,8})*$/),
  'Language of Original Document': emptyOr(/^\p{Lu}\p{Ll}+(?:;\s*\p{Lu}\p{Ll}+)*$/u),
  'Document Type': emptyOr(/^[A-Z][a-z]+(?: [A-Za-z]+){0,3}$/),
  'Publication Stage': emptyOr(/^(?:Final|Article in [Pp]ress)$/),
  'Open Access': emptyOr(/Open Access/),
  Source: emptyOr(/^Scopus$/),
};

function parseScopusText(input: string, file: string): ParseResult {
  const options = { formatName: 'Scopus CSV', columnShapes: SCOPUS_COLUMNS, titleColumns: ['Title'] };
  return csvRecords(input, file, options, (cells, line) => toRecord(cells, file, line));
}

function sniffScopus(head: string): number {
  const firstLine = splitLines(head)[0] ?? '';
  const columns = new Set(firstLine.split(',').map((column) => column.trim().replace(/^"|"$/g, '')));
  const known = ['Authors', 'Title', 'Year', 'Source title', 'EID', 'Author(s) ID', 'DOI'];
  const hits = known.filter((column) => columns.has(column)).length;
  if (columns.has('Title') && columns.has('Source title') && hits >= 4) return 0.95;
  return hits >= 3 && columns.has('Title') ? 0.6 : 0;
}

export const scopusParser: FormatParser = {
  format: 'scopus',
  description: 'Scopus CSV',
  sniff: sniffScopus,
  parse: parseScopusText,
};
