/**
 * BibTeX and BibLaTeX (.bib) exports: bibtex-scan.ts cuts the text into entries (with `@string`
 * macros), bibtex-crossref.ts applies `crossref`, latex-text.ts and bibtex-names.ts turn values
 * into Unicode text and names; this module maps entries to PaperRecords and problems to
 * Diagnostics, each with the line of its entry's `@`.
 *
 * Decisions: @set and @xdata entries group or feed other entries and are not publications, so
 * they yield no record; @comment (JabRef's groups), @string and @preamble are not entries. An
 * entry that cannot be read to its end is dropped with an error diagnostic; the others are kept.
 * A LaTeX command with no known meaning is kept as written, with a warning.
 */
import { monthNumber, parseIsoLikeDate, yearFromText } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi } from '../../model/ids.ts';
import { authorFromParts } from '../../model/names.ts';
import { plainText } from '../../model/plain-text.ts';
import type {
  AuthorName,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import { diagnostic, FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import { NameCache } from '../name-cache.ts';
import { applyCrossref } from './bibtex-crossref.ts';
import { addDatabaseFields } from './bibtex-database-fields.ts';
import { type BibtexName, parseBibtexName, splitNameList } from './bibtex-names.ts';
import { type BibtexEntry, type BibtexProblem, scanBibtex } from './bibtex-scan.ts';
import { authorFromLiteral, lineLocator, newRecord, uniqueNonEmpty } from './format-helpers.ts';
import {
  latexToUnicode,
  SHAPE_ESCAPES,
  SHAPE_LATEX,
  SHAPE_NON_ASCII,
  unescapeLatex,
  valueShape,
} from './latex-text.ts';

/** Entry types that carry no publication of their own. */
const NON_PUBLICATION_TYPES = new Set(['set', 'xdata']);

/** Fields that describe the parent (a book), not the child, so a crossref child never takes them. */
const NOT_INHERITED = new Set([
  'abstract',
  'keywords',
  'doi',
  'eprint',
  'eprinttype',
  'archiveprefix',
  'url',
  'pmid',
]);

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * 1-based lines of offsets asked in increasing order, counting only the text between two
 * questions; CRLF, CR and LF each end a line.
 */
function forwardLines(text: string): (offset: number) => number {
  if (text.includes('\r')) return lineLocator(text);
  let offset = 0;
  let line = 1;
  return (target: number): number => {
    if (target < offset) {
      offset = 0;
      line = 1;
    }
    for (let at = text.indexOf('\n', offset); at >= 0 && at < target; at = text.indexOf('\n', at + 1)) line++;
    offset = target;
    return line;
  };
}

/** What the entries of one file share: whether it needs NFC at all, and its names read once. */
class FileText {
  /** NFC changes nothing in ASCII (accents from LaTeX are composed as they are read). */
  readonly ascii: boolean;
  readonly names: NameCache;
  /** Unknown commands met while reading a name, for the entry being read. */
  unknownInName: string[] = [];

  constructor(text: string) {
    this.ascii = !NON_ASCII.test(text);
    this.names = new NameCache((raw) => {
      const unknown = latexToUnicode(raw).unknown;
      if (unknown.length > 0) this.unknownInName.push(...unknown);
      return nameToAuthor(parseBibtexName(raw));
    });
  }
}

/** Turns one entry's LaTeX values into text, collecting the commands it could not read. */
class EntryText {
  unknown: Set<string> | undefined;

  constructor(
    readonly entry: BibtexEntry,
    private readonly file: FileText,
  ) {}

  /** A field as plain text (LaTeX read, whitespace collapsed), '' when absent. */
  text(field: string): string {
    const value = this.entry.fields[field];
    return value === undefined ? '' : this.convert(value);
  }

  convert(value: string): string {
    const shape = valueShape(value, !this.file.ascii);
    if (shape & SHAPE_LATEX) {
      const result = latexToUnicode(value);
      this.addUnknown(result.unknown);
      const plain = plainText(result.text);
      return this.file.ascii || !NON_ASCII.test(plain) ? plain : plain.normalize('NFC');
    }
    const text = shape & SHAPE_ESCAPES ? unescapeLatex(value) : value;
    // plainText leaves text with no markup, no spacing to collapse and only ASCII as it is.
    if ((shape & ~SHAPE_ESCAPES) === 0 && !text.includes('&')) return text;
    const plain = plainText(text);
    return shape & SHAPE_NON_ASCII ? plain.normalize('NFC') : plain;
  }

  private addUnknown(commands: string[]): void {
    if (commands.length === 0) return;
    this.unknown ??= new Set();
    for (const command of commands) this.unknown.add(command);
  }

  /** A verbatim field (DOI, URL, eprint) as written, without its grouping braces. */
  verbatim(field: string): string | undefined {
    const value = this.entry.fields[field];
    if (value === undefined) return undefined;
    const text = value.replace(/[{}]/g, '').trim();
    return text === '' ? undefined : text;
  }

  /** The authors of a name list; `and others` becomes an 'et al.' note. */
  authors(field: string, notes: string[]): AuthorName[] {
    const value = this.entry.fields[field];
    if (value === undefined) return [];
    const authors: AuthorName[] = [];
    for (const raw of splitNameList(value)) {
      if (raw.toLowerCase() === 'others') {
        if (!notes.includes('et al.')) notes.push('et al.');
        continue;
      }
      const author = this.file.names.author(raw, 0, raw.length);
      if (author) authors.push(author);
    }
    this.addUnknown(this.file.unknownInName);
    this.file.unknownInName = [];
    return authors;
  }
}

function nameToAuthor(name: BibtexName): AuthorName | undefined {
  if (name.literal !== undefined) return authorFromLiteral(name.literal);
  const family = [name.von, name.last].filter(Boolean).join(' ');
  return authorFromParts(name.first, family);
}

function entryDate(text: EntryText): PartialDate | undefined {
  const dateField = text.text('date');
  if (dateField) {
    const date = parseIsoLikeDate(dateField);
    if (date) return date;
  }
  const yearText = text.text('year');
  const year = yearFromText(yearText);
  if (year === undefined) return undefined;
  const date: PartialDate = { year, raw: /^\d+$/.test(yearText) ? String(Number(yearText)) : yearText };
  const monthText = text.text('month');
  if (monthText) {
    const month = /^\d{1,2}$/.test(monthText) ? Number(monthText) : monthNumber(monthText);
    if (month !== undefined && month >= 1 && month <= 12) {
      date.month = month;
      date.raw = `${date.raw}-${month}`;
    }
  }
  return date;
}

function entryIds(text: EntryText): PaperIds {
  const ids: PaperIds = {};
  const doi = normaliseDoi(text.verbatim('doi'));
  if (doi) ids.doi = doi;
  const eprint = text.verbatim('eprint') ?? '';
  const url = text.verbatim('url') ?? '';
  const eprintType = (text.verbatim('eprinttype') ?? text.verbatim('archiveprefix') ?? '').toLowerCase();
  const arxiv =
    (eprintType === 'arxiv' || /arxiv/i.test(eprint) ? normaliseArxivId(eprint) : undefined) ??
    (/arxiv\.org\//i.test(url) ? normaliseArxivId(url) : undefined);
  if (arxiv) ids.arxiv = arxiv;
  const pmid = text.verbatim('pmid');
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  if (text.entry.key) ids.citationKey = text.entry.key;
  return ids;
}

function entryTitle(text: EntryText): string {
  const title = text.text('title');
  const subtitle = text.text('subtitle');
  return title && subtitle ? `${title}: ${subtitle}` : title;
}

function entryKeywords(text: EntryText): string[] {
  const value = text.entry.fields.keywords;
  if (value === undefined) return [];
  return uniqueNonEmpty(value.split(/[,;]/).map((keyword) => text.convert(keyword)));
}

function toRecord(text: EntryText, file: string, line: number): PaperRecord | undefined {
  const title = entryTitle(text);
  if (!title) return undefined;
  const notes: string[] = [];
  let authors = text.authors('author', notes);
  if (authors.length === 0 && text.entry.fields.editor !== undefined) {
    authors = text.authors('editor', notes);
    if (authors.length > 0) notes.push('editors listed as authors');
  }
  const record = newRecord(title, authors, { file, line, format: 'bibtex' });
  record.type = text.entry.type;
  const date = entryDate(text);
  if (date) record.date = date;
  const venue =
    text.text('journal') || text.text('journaltitle') || text.text('booktitle') || text.text('eventtitle');
  if (venue) record.venue = venue;
  const abstract = text.text('abstract');
  if (abstract) record.abstract = abstract;
  const keywords = entryKeywords(text);
  if (keywords.length > 0) record.keywords = keywords;
  record.ids = entryIds(text);
  addDatabaseFields(record, text.entry.fields, (value) => text.convert(value));
  if (notes.length > 0) record.notes = notes;
  return record;
}

function entryLabel(entry: BibtexEntry): string {
  return `@${entry.type}{${entry.key}}`;
}

/** The scanner's problems as diagnostics; keys with spaces become one warning for the file. */
function problemDiagnostics(
  problems: BibtexProblem[],
  file: string,
  lineAt: (offset: number) => number,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  const spaced = problems.filter((problem) => problem.code === 'key-with-space');
  for (const problem of problems) {
    const line = lineAt(problem.offset);
    if (problem.code !== 'key-with-space') {
      const message = `BibTeX: ${problem.entry}: ${problem.message}`;
      diagnostics.push(diagnostic(problem.severity, file, line, problem.code, message));
    } else if (problem === spaced[0]) {
      const others = spaced.length > 1 ? ` (and ${spaced.length - 1} more keys)` : '';
      const message = `BibTeX: ${problem.entry}: the key contains a space${others}, as Scopus writes suffixed names; each read up to its comma`;
      report.warn(line, problem.code, message);
    }
  }
  return diagnostics;
}

function parseBibtexText(input: string, file: string): ParseResult {
  const text = stripBom(input);
  const lineAt = forwardLines(text);
  const scan = scanBibtex(text);
  applyCrossref(scan.entries, NOT_INHERITED);
  const fileText = new FileText(text);
  const records: PaperRecord[] = [];
  const diagnostics = problemDiagnostics(
    scan.problems,
    file,
    scan.problems.length > 0 ? lineLocator(text) : lineAt,
  );
  const report = new FileDiagnostics(file, diagnostics);
  for (const entry of scan.entries) {
    if (NON_PUBLICATION_TYPES.has(entry.type)) continue;
    const line = lineAt(entry.offset);
    const entryText = new EntryText(entry, fileText);
    const record = toRecord(entryText, file, line);
    for (const command of entryText.unknown ?? []) {
      report.warn(
        line,
        'latex-macro',
        `BibTeX: ${entryLabel(entry)}: unknown LaTeX command ${command}; the text keeps it as written`,
      );
    }
    if (record) records.push(record);
    else {
      report.warn(
        line,
        'missing-title',
        `BibTeX: expected a title in ${entryLabel(entry)}, found none; entry skipped`,
      );
    }
  }
  if (records.length === 0 && diagnostics.length === 0 && text.trim() !== '') {
    report.error(1, 'no-records', 'BibTeX: expected @type{key, …} entries, found none');
  }
  diagnostics.sort((a, b) => a.line - b.line);
  return { records, diagnostics };
}

/** Content sniffing: an `@type{` entry start as the first thing after comments and blank lines. */
function sniffBibtex(head: string): number {
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
