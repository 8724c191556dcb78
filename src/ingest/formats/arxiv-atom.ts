/**
 * arXiv API Atom feeds (https://info.arxiv.org/help/api/user-manual.html): `search_query` and
 * `id_list` responses, one record per `<entry>`.
 *
 * Entries are cut out of the text and parsed one by one with fast-xml-parser, so a malformed or
 * truncated entry costs only itself: the entries before and after it are kept. Namespace prefixes
 * are dropped (`arxiv:doi` → `doi`) because arXiv declares them inline on each element in older
 * responses and on the feed in newer ones.
 *
 * Decisions: the abstract and title are whitespace-collapsed (arXiv hard-wraps at ~80 columns);
 * `arxiv:comment` becomes a note; `arxiv:journal_ref` becomes the venue; categories become
 * keywords with the primary category first; the record type is 'preprint'. An arXiv error entry
 * (id under /api/errors) becomes an error diagnostic.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseIsoLikeDate } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi } from '../../model/ids.ts';
import { authorFromDisplayName } from '../../model/names.ts';
import { plainText } from '../../model/plain-text.ts';
import type { AuthorName, Diagnostic, PaperIds, PaperRecord, ParseResult } from '../../model/types.ts';
import { diagnostic, FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import { lineLocator, newRecord, uniqueNonEmpty } from './format-helpers.ts';

type XmlNode = Record<string, unknown>;

const REPEATED = new Set(['author', 'category', 'link', 'affiliation']);

const entryParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

const ENTRY_START = /<entry(?=[\s>/])/g;
const ENTRY_END = /<\/entry\s*>/;

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text content of an element, whether it was parsed as a string or as {#text, @_attr}. */
function textOf(value: unknown): string | undefined {
  const raw = isNode(value) ? value['#text'] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const collapsed = String(raw).replace(/\s+/g, ' ').trim();
  return collapsed === '' ? undefined : collapsed;
}

function attribute(value: unknown, name: string): string | undefined {
  return isNode(value) ? textOf(value[`@_${name}`]) : undefined;
}

function entryAuthors(entry: XmlNode): AuthorName[] {
  const authors: AuthorName[] = [];
  for (const node of list(entry.author)) {
    const name = isNode(node) ? textOf(node.name) : textOf(node);
    const author = name ? authorFromDisplayName(name) : undefined;
    if (!author) continue;
    const affiliations = uniqueNonEmpty(
      (isNode(node) ? list(node.affiliation) : []).map(textOf).filter((a): a is string => a !== undefined),
    );
    if (affiliations.length > 0) author.affiliations = affiliations;
    authors.push(author);
  }
  return authors;
}

function entryIds(entry: XmlNode, id: string): PaperIds {
  const ids: PaperIds = {};
  const arxiv = normaliseArxivId(id);
  if (arxiv) ids.arxiv = arxiv;
  const doiLink = list(entry.link).find((link) => attribute(link, 'title') === 'doi');
  const doi = normaliseDoi(textOf(entry.doi) ?? attribute(doiLink, 'href'));
  if (doi) ids.doi = doi;
  return ids;
}

function entryKeywords(entry: XmlNode): string[] {
  const primary = attribute(entry.primary_category, 'term');
  const categories = list(entry.category)
    .map((category) => attribute(category, 'term'))
    .filter((term): term is string => term !== undefined);
  return uniqueNonEmpty([...(primary ? [primary] : []), ...categories]);
}

/** Maps one parsed `<entry>` to a record, or to a diagnostic for error entries and entries without a title. */
function entryToRecord(entry: XmlNode, file: string, line: number): PaperRecord | Diagnostic {
  const id = textOf(entry.id) ?? '';
  if (/\/api\/errors/.test(id)) {
    const reason = textOf(entry.summary) ?? textOf(entry.title) ?? id;
    return diagnostic(
      'error',
      file,
      line,
      'api-error',
      `expected an arXiv entry, found an arXiv API error: ${reason}`,
    );
  }
  const title = plainText(textOf(entry.title) ?? '');
  if (!title) {
    return diagnostic(
      'warning',
      file,
      line,
      'missing-title',
      `expected a <title> in arXiv entry ${id || '(no id)'}, found none; entry skipped`,
    );
  }
  const authors = entryAuthors(entry);
  const record = newRecord(title, authors, { file, line, format: 'arxiv-atom' });
  record.type = 'preprint';
  const date = parseIsoLikeDate(textOf(entry.published) ?? textOf(entry.updated));
  if (date) record.date = date;
  const abstract = textOf(entry.summary);
  if (abstract) record.abstract = plainText(abstract);
  const ids = entryIds(entry, id);
  if (Object.keys(ids).length > 0) record.ids = ids;
  const venue = textOf(entry.journal_ref);
  if (venue) record.venue = venue;
  const comment = textOf(entry.comment);
  if (comment) record.notes = [comment];
  const keywords = entryKeywords(entry);
  if (keywords.length > 0) record.keywords = keywords;
  return record;
}

function isDiagnostic(value: PaperRecord | Diagnostic): value is Diagnostic {
  return 'code' in value && 'severity' in value;
}

/** The first well-formedness error, with lines (also those inside the message) counted from `firstLine`. */
function validationError(xml: string, firstLine = 1): { line: number; message: string } | undefined {
  const result = XMLValidator.validate(xml);
  if (result === true) return undefined;
  const shift = (line: number): number => line + firstLine - 1;
  const message = result.err.msg.replace(/\bline (\d+)/g, (_, line: string) => `line ${shift(Number(line))}`);
  return { line: shift(result.err.line), message: message.replace(/\.$/, '') };
}

export function parseArxivAtom(input: string, file: string): ParseResult {
  const body = stripBom(input);
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  if (body.trim() === '') {
    return {
      records,
      diagnostics: [
        diagnostic('error', file, 1, 'empty-file', 'expected an arXiv Atom feed, found an empty file'),
      ],
    };
  }
  const lineOf = lineLocator(body);
  const starts = [...body.matchAll(ENTRY_START)].map((match) => match.index);
  if (starts.length === 0 && !/<feed[\s>]/.test(body)) {
    return {
      records,
      diagnostics: [
        diagnostic(
          'error',
          file,
          1,
          'unexpected-content',
          'expected an arXiv Atom <feed> with <entry> elements, found neither',
        ),
      ],
    };
  }
  starts.forEach((start, index) => {
    const line = lineOf(start);
    const chunk = body.slice(start, starts[index + 1] ?? body.length);
    const end = ENTRY_END.exec(chunk);
    if (!end) {
      report.error(
        line,
        'truncated-record',
        'expected </entry> to close this arXiv entry, found none; entry skipped',
      );
      return;
    }
    const xml = chunk.slice(0, end.index + end[0].length);
    const invalid = validationError(xml, line);
    if (invalid) {
      report.error(
        invalid.line,
        'malformed-xml',
        `expected well-formed XML in this arXiv entry, found: ${invalid.message}; entry skipped`,
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = entryParser.parse(xml);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      report.error(line, 'malformed-xml', `could not read this arXiv entry: ${message}; entry skipped`);
      return;
    }
    const entry = isNode(parsed) && isNode(parsed.entry) ? parsed.entry : undefined;
    if (!entry) return;
    const outcome = entryToRecord(entry, file, line);
    if (isDiagnostic(outcome)) diagnostics.push(outcome);
    else records.push(outcome);
  });
  // A break outside every entry (the feed header, a missing </feed>) is reported once.
  if (diagnostics.every((item) => item.code === 'api-error' || item.code === 'missing-title')) {
    const invalid = validationError(body);
    if (invalid) {
      report.error(
        invalid.line,
        'malformed-xml',
        `expected a well-formed Atom feed, found: ${invalid.message}`,
      );
    }
  }
  return { records, diagnostics };
}

export const arxivAtomParser: FormatParser = {
  format: 'arxiv-atom',
  description: 'arXiv API Atom feed',
  sniff(head: string): number {
    if (!/<feed[\s>]/.test(head)) return 0;
    if (/arxiv\.org/i.test(head)) return 0.9;
    return /<entry[\s>]/.test(head) ? 0.4 : 0.2;
  },
  parse: parseArxivAtom,
};
