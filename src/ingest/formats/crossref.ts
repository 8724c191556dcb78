/**
 * Crossref REST API responses (https://api.crossref.org, work fields as in its api-format
 * documentation): a single work (`{"status":"ok","message-type":"work","message":{…}}`), a
 * `/works` list (`"message-type":"work-list"` with `message.items`), a bare work object or an array
 * of them, or JSON Lines of any of these.
 *
 * Decisions:
 * - Title is `title[0]`; venue `container-title[0]`; date `issued`, else `published-print`,
 *   `published-online`, `published`, `created` (date-parts, as precise as given).
 * - Authors from `given`/`family` (or `name` for organisations), with `ORCID` and
 *   `affiliation[].name`; the `first` author by `sequence` leads.
 * - `is-referenced-by-count` is the global citation count.
 * - Each `reference` entry becomes a cited reference with whatever it has: `DOI`, `unstructured`
 *   (the raw text), `author` (first author's family name), `year`, `journal-title` (or
 *   `volume-title`/`series-title`) as source, `volume`, `first-page` as page, `article-title`.
 * - The JATS abstract is made plain text (tags dropped).
 */
import { normaliseDoi, normaliseOrcid } from '../../model/ids.ts';
import { authorFromParts } from '../../model/names.ts';
import { plainTextOrUndefined } from '../../model/plain-text.ts';
import type {
  AuthorName,
  CitedReference,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import { diagnostic, FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import {
  array,
  authorFromLiteral,
  collapseWhitespace,
  count,
  forwardLineFinder,
  isObject,
  type JsonObject,
  lineLocator,
  newRecord,
  readJsonSource,
  text,
  uniqueNonEmpty,
} from './format-helpers.ts';

const DATE_FIELDS = ['issued', 'published-print', 'published-online', 'published', 'created'] as const;

function firstText(value: unknown): string | undefined {
  return Array.isArray(value) ? text(value.find((item) => text(item) !== undefined)) : text(value);
}

/** `{"date-parts": [[2019, 4, 3]]}` → 2019-04-03; missing parts stay missing. */
function crossrefDate(work: JsonObject): PartialDate | undefined {
  for (const field of DATE_FIELDS) {
    const holder = work[field];
    if (!isObject(holder)) continue;
    const parts = array(array(holder['date-parts'])[0]).map((part) =>
      typeof part === 'string' ? Number(part) : part,
    );
    const [year, month, day] = parts;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 2999) continue;
    const raw = parts.filter((part) => typeof part === 'number').join('-');
    const date: PartialDate = { year, raw };
    if (typeof month === 'number' && month >= 1 && month <= 12) {
      date.month = month;
      if (typeof day === 'number' && day >= 1 && day <= 31) date.day = day;
    }
    return date;
  }
  return undefined;
}

function crossrefAuthor(value: unknown): AuthorName | undefined {
  if (!isObject(value)) return undefined;
  const family = text(value.family);
  const name = text(value.name);
  const author = family
    ? authorFromParts(text(value.given), family)
    : name
      ? authorFromLiteral(name)
      : undefined;
  if (!author) return undefined;
  const orcid = normaliseOrcid(text(value.ORCID));
  if (orcid) author.orcid = orcid;
  const affiliations = uniqueNonEmpty(
    array(value.affiliation)
      .map((item) => (isObject(item) ? text(item.name) : undefined))
      .filter((item): item is string => item !== undefined),
  );
  if (affiliations.length > 0) author.affiliations = affiliations;
  return author;
}

function crossrefAuthors(work: JsonObject): AuthorName[] {
  const entries = array(work.author);
  // Stable: a 'first' author listed later moves to the front, the rest keep their order.
  const ordered = entries
    .map((entry, index) => ({ entry, index, rank: isObject(entry) && entry.sequence === 'first' ? 0 : 1 }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ordered.map(({ entry }) => crossrefAuthor(entry)).filter((a): a is AuthorName => a !== undefined);
}

/** One entry of a work's `reference` array. */
export function crossrefReference(value: unknown): CitedReference | undefined {
  if (!isObject(value)) return undefined;
  const reference: CitedReference = {};
  const doi = normaliseDoi(text(value.DOI));
  if (doi) reference.doi = doi;
  const raw = text(value.unstructured);
  if (raw) reference.raw = collapseWhitespace(raw);
  const title = text(value['article-title']);
  const plainTitle = plainTextOrUndefined(title);
  if (plainTitle) reference.title = plainTitle;
  const author = text(value.author);
  // 'Smith' or 'Smith J.' or 'Smith, J.': the family name is what comes before the initials.
  const family = author?.split(/,|\s+(?=\p{Lu}\.?(?:\s|$))/u)[0]?.trim();
  if (family) reference.firstAuthorFamily = family;
  const year = /\b(1[5-9]\d\d|20\d\d)\b/.exec(text(value.year) ?? String(value.year ?? ''));
  if (year) reference.year = Number(year[1]);
  const source = text(value['journal-title']) ?? text(value['volume-title']) ?? text(value['series-title']);
  if (source) reference.source = collapseWhitespace(source);
  const volume = text(value.volume);
  if (volume) reference.volume = volume;
  const page = text(value['first-page']);
  if (page) reference.page = page;
  return Object.keys(reference).length > 0 ? reference : undefined;
}

function looksLikeWork(value: JsonObject): boolean {
  return (
    typeof value.DOI === 'string' && ('title' in value || 'container-title' in value || 'author' in value)
  );
}

function recordFromWork(
  work: JsonObject,
  file: string,
  line: number,
): PaperRecord | { diagnostic: Diagnostic } {
  const title = plainTextOrUndefined(firstText(work.title));
  const doi = normaliseDoi(text(work.DOI));
  if (!title) {
    return {
      diagnostic: diagnostic(
        'warning',
        file,
        line,
        'missing-title',
        `Crossref: expected a title for work ${doi ?? '(no DOI)'}, found none; work skipped`,
      ),
    };
  }
  const authors = crossrefAuthors(work);
  const record = newRecord(title, authors, { file, line, format: 'crossref' });
  const date = crossrefDate(work);
  if (date) record.date = date;
  const abstract = plainTextOrUndefined(text(work.abstract));
  if (abstract) record.abstract = abstract;
  const venue = firstText(work['container-title']);
  if (venue) record.venue = collapseWhitespace(venue);
  const citations = count(work['is-referenced-by-count']);
  if (citations !== undefined) record.globalCitations = citations;
  const type = text(work.type);
  if (type) record.type = type;
  const ids: PaperIds = {};
  if (doi) ids.doi = doi;
  if (Object.keys(ids).length > 0) record.ids = ids;
  const references = array(work.reference)
    .map(crossrefReference)
    .filter((reference): reference is CitedReference => reference !== undefined);
  if (references.length > 0) record.references = references;
  return record;
}

/** The works a response holds: the message of a `work`, the items of a `work-list`, or itself. */
function worksOf(value: unknown): { works: unknown[]; problem?: string } {
  if (Array.isArray(value)) return { works: value };
  if (!isObject(value)) return { works: [], problem: typeof value };
  const type = text(value['message-type']);
  if (type !== undefined || 'message' in value) {
    const message = value.message;
    if (type === 'work' && isObject(message)) return { works: [message] };
    if (type === 'work-list' && isObject(message)) return { works: array(message.items) };
    if (value.status === 'error' || (type === undefined && !isObject(message)))
      return { works: [], problem: `an error response (${JSON.stringify(message).slice(0, 80)})` };
    return { works: [], problem: `a '${type ?? 'unknown'}' message, not a work or work list` };
  }
  return { works: [value] };
}

/**
 * The complete elements of the `"items": [` array of a document cut short, each with its offset:
 * a `/works` list cut anywhere keeps the works before the cut. Strings and escapes are skipped so
 * that brackets inside titles do not count.
 */
function completeItems(body: string): { value: unknown; offset: number }[] {
  const open = /"items"\s*:\s*\[/.exec(body);
  if (!open) return [];
  const items: { value: unknown; offset: number }[] = [];
  let depth = 0;
  let start = -1;
  for (let at = open.index + open[0].length; at < body.length; at++) {
    const char = body.charCodeAt(at);
    if (char === 34 /* " */) {
      for (at++; at < body.length && body.charCodeAt(at) !== 34; at++) if (body.charCodeAt(at) === 92) at++;
    } else if (char === 123 /* { */ || char === 91 /* [ */) {
      if (depth === 0) start = at;
      depth++;
    } else if (char === 125 /* } */ || char === 93 /* ] */) {
      if (depth === 0) break;
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          items.push({ value: JSON.parse(body.slice(start, at + 1)), offset: start });
        } catch {
          break;
        }
        start = -1;
      }
    }
  }
  return items;
}

/** What a work list cut short still gives: its complete works and one error for the cut. */
function truncatedList(input: string, file: string, invalid: Diagnostic[]): ParseResult | undefined {
  const body = stripBom(input);
  if (!/"message-type"\s*:\s*"work-list"/.test(body.slice(0, 4096))) return undefined;
  const items = completeItems(body);
  if (items.length === 0) return undefined;
  const lineOf = lineLocator(body);
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  for (const { value, offset } of items) {
    if (!isObject(value) || !looksLikeWork(value)) continue;
    const outcome = recordFromWork(value, file, lineOf(offset));
    if ('diagnostic' in outcome) diagnostics.push(outcome.diagnostic);
    else records.push(outcome);
  }
  const cut = invalid[0]!;
  report.error(
    cut.line,
    'truncated-record',
    `Crossref: the work list is cut off after ${items.length} complete works; the rest is lost (${cut.message})`,
  );
  return { records, diagnostics };
}

function parseCrossref(input: string, file: string): ParseResult {
  const source = readJsonSource(input, file, 'Crossref');
  if (source.kind === 'invalid')
    return truncatedList(input, file, source.diagnostics) ?? { records: [], diagnostics: source.diagnostics };
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = source.kind === 'lines' ? [...source.diagnostics] : [];
  const report = new FileDiagnostics(file, diagnostics);
  const located = source.kind === 'lines' ? source.values : [{ value: source.value, line: 1 }];
  const lineOfWork =
    source.kind === 'document' && source.text.includes('\n')
      ? forwardLineFinder(source.text, source.lineOf, 'DOI')
      : undefined;
  const unexpected = (line: number, message: string): void => {
    report.error(line, 'unexpected-record', `Crossref: expected ${message}`);
  };
  for (const { value, line } of located) {
    const { works, problem } = worksOf(value);
    if (problem) {
      unexpected(line, `a work or a work list, found ${problem}`);
      continue;
    }
    for (const work of works) {
      if (!isObject(work) || !looksLikeWork(work)) {
        unexpected(line, 'a work with a DOI, found something else');
        continue;
      }
      const workLine = lineOfWork ? lineOfWork(text(work.DOI)) : line;
      const outcome = recordFromWork(work, file, workLine);
      if ('diagnostic' in outcome) diagnostics.push(outcome.diagnostic);
      else records.push(outcome);
    }
  }
  diagnostics.sort((a, b) => a.line - b.line);
  return { records, diagnostics };
}

function sniffCrossref(head: string): number {
  const start = stripBom(head).trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return 0;
  if (/"message-type"\s*:\s*"work(?:-list)?"/.test(head)) return 0.97;
  const crossrefFields =
    /"(?:is-referenced-by-count|reference-count|references-count|container-title)"\s*:/.test(head);
  return crossrefFields && /"DOI"\s*:/.test(head) && /"member"\s*:|"prefix"\s*:/.test(head) ? 0.9 : 0;
}

export const crossrefParser: FormatParser = {
  format: 'crossref',
  description: 'Crossref REST API JSON (a work, a /works list)',
  sniff: sniffCrossref,
  parse: parseCrossref,
};
