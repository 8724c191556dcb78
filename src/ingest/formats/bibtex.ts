/**
 * BibTeX and BibLaTeX (.bib) exports, read with @retorquere/bibtex-parser (the parser behind
 * Better BibTeX): LaTeX to Unicode, @string macros, crossref inheritance and name splitting come
 * from the library; this module maps its entries to PaperRecords and its errors to Diagnostics.
 *
 * Decisions: @set entries group other entries and are not publications, so they yield no record;
 * @comment, @string and @preamble are not entries. An entry the library reports as malformed is
 * dropped with an error diagnostic (its fields are unreliable); the other entries are kept.
 */
import { type Creator, type Entry, type Library, parse as parseBibtex } from '@retorquere/bibtex-parser';
import { monthNumber, parseIsoLikeDate, yearFromText } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi } from '../../model/ids.ts';
import { authorFromParts, groupAuthor } from '../../model/names.ts';
import type {
  AuthorName,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import { diagnostic } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import { authorFromLiteral, lineLocator, looksLikeOrganisation, stripMarkup } from './format-helpers.ts';

/** Entry types that carry no publication of their own. */
const NON_PUBLICATION_TYPES = new Set(['set', 'xdata']);

const ENTRY_START = /@[ \t]*([A-Za-z]+)[ \t]*[{(]/g;

/** The library composes accents as combining marks ("u" + U+0308); names are kept in NFC. */
const nfc = (text: string | undefined): string | undefined => text?.normalize('NFC');

function creatorToAuthor(creator: Creator): AuthorName | undefined {
  if (creator.name !== undefined) {
    const name = nfc(creator.name)!.trim();
    // A braced name such as {World Health Organization}: a group when it looks like one.
    return looksLikeOrganisation(name) ? groupAuthor(name) : authorFromLiteral(name);
  }
  const family = [nfc(creator.prefix), nfc(creator.lastName)].filter(Boolean).join(' ');
  return authorFromParts(nfc(creator.firstName), family);
}

function isOthers(creator: Creator): boolean {
  return (
    !creator.firstName && creator.name === undefined && creator.lastName?.trim().toLowerCase() === 'others'
  );
}

function creatorsToAuthors(creators: Creator[] | undefined, notes: string[]): AuthorName[] {
  const authors: AuthorName[] = [];
  for (const creator of creators ?? []) {
    if (isOthers(creator)) {
      if (!notes.includes('et al.')) notes.push('et al.');
      continue;
    }
    const author = creatorToAuthor(creator);
    if (author) authors.push(author);
  }
  return authors;
}

function entryDate(fields: Entry['fields']): PartialDate | undefined {
  const dateField = fields.date?.trim();
  if (dateField) {
    const date = parseIsoLikeDate(dateField);
    if (date) return date;
  }
  const yearText = fields.year?.trim();
  const year = yearFromText(yearText);
  if (year === undefined) return undefined;
  const date: PartialDate = { year, raw: yearText ?? String(year) };
  const monthText = fields.month?.trim();
  if (monthText) {
    const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : monthNumber(monthText);
    if (month !== undefined && month >= 1 && month <= 12) {
      date.month = month;
      date.raw = `${date.raw}-${monthText}`;
    }
  }
  return date;
}

function entryIds(entry: Entry, fields: Entry['fields']): PaperIds {
  const ids: PaperIds = {};
  const doi = normaliseDoi(fields.doi);
  if (doi) ids.doi = doi;
  const eprintType = (fields.eprinttype ?? fields.archiveprefix ?? '').toLowerCase();
  const arxiv =
    (eprintType === 'arxiv' || /arxiv/i.test(fields.eprint ?? '')
      ? normaliseArxivId(fields.eprint)
      : undefined) ?? (/arxiv\.org\//i.test(fields.url ?? '') ? normaliseArxivId(fields.url) : undefined);
  if (arxiv) ids.arxiv = arxiv;
  const pmid = fields.pmid?.trim();
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  if (entry.key) ids.citationKey = entry.key;
  return ids;
}

function entryTitle(fields: Entry['fields']): string {
  const title = stripMarkup(fields.title ?? '');
  const subtitle = stripMarkup(fields.subtitle ?? '');
  return title && subtitle ? `${title}: ${subtitle}` : title;
}

/** Fields that describe the parent (a book), not the child, when inherited through crossref. */
const NOT_INHERITED = ['abstract', 'keywords', 'doi', 'eprint', 'eprinttype', 'archiveprefix', 'url', 'pmid'];

function ownFields(entry: Entry): Entry['fields'] {
  const inherited = entry.crossref?.inherited ?? [];
  if (inherited.length === 0) return entry.fields;
  const fields: Entry['fields'] = { ...entry.fields };
  for (const name of inherited) {
    if (NOT_INHERITED.includes(name)) delete fields[name];
  }
  return fields;
}

function toRecord(entry: Entry, file: string, line: number): PaperRecord | undefined {
  const fields = ownFields(entry);
  const title = entryTitle(fields);
  if (!title) return undefined;
  const notes: string[] = [];
  let authors = creatorsToAuthors(fields.author, notes);
  if (authors.length === 0 && fields.editor?.length) {
    authors = creatorsToAuthors(fields.editor, notes);
    if (authors.length > 0) notes.push('editors listed as authors');
  }
  const record: PaperRecord = {
    title,
    authors,
    authorCount: authors.length,
    type: entry.type.toLowerCase(),
    provenance: { file, line, format: 'bibtex' },
  };
  const date = entryDate(fields);
  if (date) record.date = date;
  const venue = stripMarkup(
    fields.journal ?? fields.journaltitle ?? fields.booktitle ?? fields.eventtitle ?? '',
  );
  if (venue) record.venue = venue;
  const abstract = stripMarkup(fields.abstract ?? '');
  if (abstract) record.abstract = abstract;
  const keywords = (fields.keywords ?? []).map((keyword) => keyword.trim()).filter(Boolean);
  if (keywords.length > 0) record.keywords = keywords;
  record.ids = entryIds(entry, fields);
  if (notes.length > 0) record.notes = notes;
  return record;
}

/** Offsets of every `@type{` that opens an entry, string, preamble or comment, in text order. */
function entryStarts(text: string): number[] {
  const starts: number[] = [];
  for (const match of text.matchAll(ENTRY_START)) starts.push(match.index);
  return starts;
}

function runLibrary(text: string, strings?: Record<string, string>): Library {
  return parseBibtex(text, { applyCrossRef: true, english: false, ...(strings ? { strings } : {}) });
}

/**
 * When the library throws on the whole text, each top-level `@` chunk is parsed alone so one bad
 * entry loses only itself. @string macros seen so far are passed on to later chunks.
 */
function parseInChunks(text: string, file: string, lineAt: (offset: number) => number): ParseResult {
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const starts = entryStarts(text);
  const strings: Record<string, string> = {};
  starts.forEach((start, index) => {
    const chunk = text.slice(start, starts[index + 1] ?? text.length);
    const line = lineAt(start);
    try {
      const library = runLibrary(chunk, strings);
      Object.assign(strings, library.strings);
      for (const error of library.errors) {
        diagnostics.push(diagnostic('error', file, line, 'malformed-entry', `BibTeX: ${error.error}`));
      }
      if (library.errors.length > 0 && !library.errors.every((error) => isMacroError(error.error))) return;
      for (const entry of library.entries) {
        if (NON_PUBLICATION_TYPES.has(entry.type.toLowerCase())) continue;
        const record = toRecord(entry, file, line);
        if (record) records.push(record);
        else diagnostics.push(missingTitle(file, line, entry));
      }
    } catch (error) {
      diagnostics.push(
        diagnostic('error', file, line, 'malformed-entry', `BibTeX: cannot read entry: ${String(error)}`),
      );
    }
  });
  return { records, diagnostics };
}

function isMacroError(message: string): boolean {
  return /^unhandled macro/i.test(message);
}

function missingTitle(file: string, line: number, entry: Entry): Diagnostic {
  return diagnostic(
    'warning',
    file,
    line,
    'missing-title',
    `BibTeX: expected a title in @${entry.type}{${entry.key}}, found none; entry skipped`,
  );
}

/**
 * Where a failed entry starts: the last occurrence of its text at or before the line the library
 * reports (its text may be as short as '@', which occurs at every entry).
 */
function locateError(
  text: string,
  input: string | undefined,
  reportedLine: number | undefined,
  lineAt: (offset: number) => number,
): number {
  if (!input) return -1;
  const head = input.slice(0, 200);
  let best = -1;
  for (let found = text.indexOf(head); found >= 0; found = text.indexOf(head, found + 1)) {
    if (reportedLine !== undefined && lineAt(found) > reportedLine) break;
    best = found;
    if (reportedLine === undefined) break;
  }
  return best;
}

export function parseBibtexText(input: string, file: string): ParseResult {
  const text = stripBom(input);
  const lineAt = lineLocator(text);
  let library: Library;
  try {
    library = runLibrary(text);
  } catch {
    return parseInChunks(text, file, lineAt);
  }
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const starts = entryStarts(text);

  // Where each entry starts: its verbatim input located in the text, in order.
  let cursor = 0;
  const locate = (raw: string | undefined): number | undefined => {
    if (!raw) return undefined;
    const head = raw.slice(0, 200);
    const found = text.indexOf(head, cursor);
    if (found >= 0) return found;
    const anywhere = text.indexOf(head);
    return anywhere >= 0 ? anywhere : undefined;
  };

  const brokenStarts = new Set<number>();
  for (const error of library.errors) {
    if (isMacroError(error.error)) {
      const offset = error.input ? text.indexOf(error.input) : -1;
      const entryOffset =
        offset >= 0 ? ([...starts].reverse().find((start) => start <= offset) ?? offset) : 0;
      diagnostics.push(
        diagnostic(
          'warning',
          file,
          lineAt(entryOffset),
          'latex-macro',
          `BibTeX: ${error.error}; the text keeps it as written`,
        ),
      );
      continue;
    }
    const reported = /at line (\d+)/.exec(error.error);
    const reportedLine = reported ? Number(reported[1]) : undefined;
    const offset = locateError(text, error.input, reportedLine, lineAt);
    const line = offset >= 0 ? lineAt(offset) : (reportedLine ?? 1);
    if (offset >= 0) brokenStarts.add(offset);
    const message = error.error.replace(/\s+/g, ' ').slice(0, 300);
    diagnostics.push(
      diagnostic(
        'error',
        file,
        line,
        'malformed-entry',
        `BibTeX: ${message}${offset >= 0 ? '; entry skipped' : ''}`,
      ),
    );
  }

  for (const entry of library.entries) {
    // The library keeps an entry it could not read with an empty `input`; its error is reported above.
    if (!entry.input) continue;
    const offset = locate(entry.input);
    if (offset !== undefined) cursor = offset + 1;
    const line = offset === undefined ? 1 : lineAt(offset);
    if (offset !== undefined && brokenStarts.has(offset)) continue;
    if (NON_PUBLICATION_TYPES.has(entry.type.toLowerCase())) continue;
    let record: PaperRecord | undefined;
    try {
      record = toRecord(entry, file, line);
    } catch (error) {
      diagnostics.push(
        diagnostic('error', file, line, 'malformed-entry', `BibTeX: cannot map entry: ${String(error)}`),
      );
      continue;
    }
    if (record) records.push(record);
    else diagnostics.push(missingTitle(file, line, entry));
  }
  if (records.length === 0 && diagnostics.length === 0 && text.trim() !== '') {
    diagnostics.push(
      diagnostic('error', file, 1, 'no-records', 'BibTeX: expected @type{key, …} entries, found none'),
    );
  }
  return { records, diagnostics };
}

/** Content sniffing: an `@type{` entry start as the first thing after comments and blank lines. */
export function sniffBibtex(head: string): number {
  const text = stripBom(head);
  const firstEntry = /^\s*(?:%[^\n]*\n\s*)*@[ \t]*([A-Za-z]+)[ \t]*[{(]/.exec(text);
  if (firstEntry) return 0.9;
  return /^@[ \t]*[A-Za-z]+[ \t]*\{[^,\s{}]*,/m.test(text) ? 0.6 : 0;
}

export const bibtexParser: FormatParser = {
  format: 'bibtex',
  description: 'BibTeX / BibLaTeX',
  sniff: sniffBibtex,
  parse: parseBibtexText,
};
