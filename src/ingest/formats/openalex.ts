/**
 * OpenAlex works (https://docs.openalex.org/api-entities/works/work-object): a single work object,
 * a `/works` results page (`{meta, results: [...]}`), a JSON array of works, or JSON Lines with one
 * work per line (snapshot parts, `citegraph fetch openalex` output).
 *
 * Decisions: a work without a title is dropped with a warning (it has nothing to show or match by
 * title, and OpenAlex keeps such stubs for deleted works). Keywords are OpenAlex `keywords`, then
 * `topics`, then `concepts`, without case-insensitive duplicates. The abstract is rebuilt from
 * `abstract_inverted_index`; a plain `abstract` string (added by some tools) is used otherwise.
 */
import { parseIsoLikeDate } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi, normaliseOpenAlexId, normaliseOrcid } from '../../model/ids.ts';
import { foldText } from '../../model/names.ts';
import { plainText } from '../../model/plain-text.ts';
import type {
  AuthorName,
  CitedReference,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import { diagnostic } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import { NameCache } from '../name-cache.ts';
import {
  array,
  collapseWhitespace,
  count,
  forwardLineFinder,
  idText,
  integer,
  isObject,
  type JsonObject,
  newRecord,
  parseJsonLine,
  readJsonSource,
  text,
  uniqueNonEmpty,
} from './format-helpers.ts';

/** Longest abstract rebuilt from an inverted index, in words; guards against absurd positions. */
export const MAX_ABSTRACT_WORDS = 20_000;

const POSITION_ORDER: Record<string, number> = { first: 0, middle: 1, last: 2 };

/**
 * Rebuilds an abstract from OpenAlex's inverted index ({word: [positions]}) by placing each word at
 * its positions. Returns undefined when the index is missing or empty.
 */
export function abstractFromInvertedIndex(index: unknown): string | undefined {
  if (!isObject(index)) return undefined;
  const placed: { position: number; word: string }[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const position of array(positions)) {
      if (
        typeof position === 'number' &&
        Number.isInteger(position) &&
        position >= 0 &&
        position < MAX_ABSTRACT_WORDS
      ) {
        placed.push({ position, word });
      }
    }
  }
  if (placed.length === 0) return undefined;
  placed.sort((a, b) => a.position - b.position);
  return collapseWhitespace(placed.map((entry) => entry.word).join(' ')) || undefined;
}

/** Display names already normalised (see NameCache: looked up without a Map's string compares). */
let displayNames = new NameCache();
/** Past this many names the cache starts again (a bound on memory). */
const DISPLAY_NAME_CACHE_LIMIT = 1 << 21;

/**
 * authorFromDisplayName, remembered: a million works list four million authorships but about half
 * a million distinct names. Besides the normalising it saves, the authorships of one name share
 * one key string, so the merge's grouping by key hashes each key once and compares by identity.
 * Each call returns a fresh object (the merge sets ids on it), written field by field in
 * authorFromDisplayName's order so that it has the same shape.
 */
export function authorFromCachedDisplayName(display: string): AuthorName | undefined {
  if (displayNames.size >= DISPLAY_NAME_CACHE_LIMIT) displayNames = new NameCache();
  const cached = displayNames.author(display, 0, display.length);
  return cached === undefined ? undefined : copyName(cached);
}

function copyName({ name, key, kind, family, given }: AuthorName): AuthorName {
  if (kind === 'group') return { name, key, kind };
  const author: AuthorName = { name, key, kind, family };
  if (given) author.given = given;
  return author;
}

function authorshipToAuthor(authorship: unknown): AuthorName | undefined {
  if (!isObject(authorship)) return undefined;
  const person = isObject(authorship.author) ? authorship.author : {};
  const name = text(person.display_name) ?? text(authorship.raw_author_name);
  if (!name) return undefined;
  const author = authorFromCachedDisplayName(name);
  if (!author) return undefined;
  const openalex = normaliseOpenAlexId(text(person.id));
  if (openalex) author.ids = { openalex };
  const orcid = normaliseOrcid(text(person.orcid));
  if (orcid) author.orcid = orcid;
  const institutions = array(authorship.institutions)
    .map((institution) => (isObject(institution) ? text(institution.display_name) : undefined))
    .filter((name): name is string => name !== undefined);
  // Institutions are OpenAlex's matched names; raw strings only when nothing was matched.
  const affiliations = uniqueNonEmpty(
    institutions.length > 0
      ? institutions
      : array(authorship.raw_affiliation_strings).filter(
          (value): value is string => typeof value === 'string',
        ),
  );
  if (affiliations.length > 0) author.affiliations = affiliations;
  return author;
}

function workAuthors(work: JsonObject): AuthorName[] {
  const ordered = array(work.authorships)
    .map((authorship, index) => {
      const position = isObject(authorship) ? text(authorship.author_position) : undefined;
      return { authorship, index, rank: POSITION_ORDER[position ?? 'middle'] ?? 1 };
    })
    // Stable: keeps the list order and only moves a misplaced 'first' or 'last'.
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ordered
    .map((entry) => authorshipToAuthor(entry.authorship))
    .filter((a): a is AuthorName => a !== undefined);
}

function workDate(work: JsonObject): PartialDate | undefined {
  const date = parseIsoLikeDate(text(work.publication_date));
  if (date) return date;
  const year = integer(work.publication_year);
  return year === undefined ? undefined : { year, raw: String(year) };
}

/** An arXiv id from an arXiv URL or an arXiv DOI (10.48550/arXiv.2101.00001), never from other text. */
function arxivFromLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  if (/arxiv\.org\//i.test(link) || /10\.48550\/arxiv\./i.test(link)) return normaliseArxivId(link);
  return undefined;
}

function workIds(work: JsonObject): PaperIds {
  const idsField = isObject(work.ids) ? work.ids : {};
  const ids: PaperIds = {};
  const openalex = normaliseOpenAlexId(text(work.id) ?? text(idsField.openalex));
  if (openalex) ids.openalex = openalex;
  const doi = normaliseDoi(text(work.doi) ?? text(idsField.doi));
  if (doi) ids.doi = doi;
  const pmid = /(\d+)\/?$/.exec(idText(idsField.pmid) ?? '');
  if (pmid) ids.pmid = pmid[1];
  let arxiv = normaliseArxivId(text(idsField.arxiv)) ?? arxivFromLink(doi);
  for (const location of array(work.locations)) {
    if (arxiv || !isObject(location)) break;
    arxiv = arxivFromLink(text(location.landing_page_url)) ?? arxivFromLink(text(location.pdf_url));
  }
  if (arxiv) ids.arxiv = arxiv;
  return ids;
}

function workVenue(work: JsonObject): string | undefined {
  const primary = isObject(work.primary_location) ? work.primary_location : {};
  const source = isObject(primary.source) ? primary.source : {};
  const hostVenue = isObject(work.host_venue) ? work.host_venue : {};
  return text(source.display_name) ?? text(hostVenue.display_name);
}

function workKeywords(work: JsonObject): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const field of [work.keywords, work.topics, work.concepts]) {
    for (const entry of array(field)) {
      const name = isObject(entry) ? text(entry.display_name) : text(entry);
      const key = name ? foldText(name) : '';
      if (name && key && !seen.has(key)) {
        seen.add(key);
        keywords.push(name);
      }
    }
  }
  return keywords;
}

function workReferences(work: JsonObject): CitedReference[] {
  const references: CitedReference[] = [];
  for (const entry of array(work.referenced_works)) {
    const openalex = normaliseOpenAlexId(text(entry));
    if (openalex) references.push({ openalex });
  }
  return references;
}

/** Whether a JSON object looks like an OpenAlex work rather than another entity or a wrapper. */
function looksLikeWork(value: JsonObject): boolean {
  const id = text(value.id);
  if (id && /openalex\.org\/W\d+$/i.test(id)) return true;
  return (
    ('authorships' in value || 'referenced_works' in value) && ('title' in value || 'display_name' in value)
  );
}

/**
 * The two expensive parts of a work, computed by the byte scanner (openalex-scan.ts) without
 * building the inverted index or the reference strings as JS values.
 */
interface ScannedWorkParts {
  /** What `abstractFromInvertedIndex` gives for the work's `abstract_inverted_index`. */
  abstractFromIndex: string | undefined;
  /** What the work's `referenced_works` give. */
  references: CitedReference[];
}

/**
 * Maps one OpenAlex work object to a record. Returns a diagnostic instead when the value is not a
 * work or has no title. With `scanned`, the abstract index and references come from it and
 * `value.abstract_inverted_index` and `value.referenced_works` are not read.
 *
 * The byte scanner (openalex-scan.ts, `WORK`) hands over only the fields read here and in the
 * helpers above: a field newly read must be added there too.
 */
export function recordFromOpenAlexWork(
  value: unknown,
  file: string,
  line: number,
  scanned?: ScannedWorkParts,
): { record: PaperRecord } | { diagnostic: Diagnostic } {
  if (!isObject(value) || !looksLikeWork(value)) {
    const found = Array.isArray(value)
      ? 'an array'
      : isObject(value)
        ? 'an object without id or authorships'
        : typeof value;
    return {
      diagnostic: diagnostic(
        'error',
        file,
        line,
        'unexpected-record',
        `expected an OpenAlex work object, found ${found}`,
      ),
    };
  }
  const title = text(value.display_name) ?? text(value.title);
  const ids = workIds(value);
  if (!title) {
    return {
      diagnostic: diagnostic(
        'warning',
        file,
        line,
        'missing-title',
        `expected a title for OpenAlex work ${ids.openalex ?? '(no id)'}, found none; work skipped`,
      ),
    };
  }
  const authors = workAuthors(value);
  const record = newRecord(plainText(title), authors, { file, line, format: 'openalex' });
  const date = workDate(value);
  if (date) record.date = date;
  const abstract =
    (scanned ? scanned.abstractFromIndex : abstractFromInvertedIndex(value.abstract_inverted_index)) ??
    text(value.abstract);
  if (abstract) record.abstract = plainText(abstract);
  const venue = workVenue(value);
  if (venue) record.venue = venue;
  const keywords = workKeywords(value);
  if (keywords.length > 0) record.keywords = keywords;
  const citations = count(value.cited_by_count);
  if (citations !== undefined) record.globalCitations = citations;
  if (Object.keys(ids).length > 0) record.ids = ids;
  const references = scanned ? scanned.references : workReferences(value);
  if (references.length > 0) record.references = references;
  const type = text(value.type);
  if (type) record.type = type;
  return { record };
}

function collect(result: ParseResult, outcome: ReturnType<typeof recordFromOpenAlexWork>): void {
  if ('record' in outcome) result.records.push(outcome.record);
  else result.diagnostics.push(outcome.diagnostic);
}

/**
 * Parses one JSON Lines line holding one work. Blank lines give nothing; a line that is not JSON or
 * not a work gives one diagnostic naming `lineNumber`. Used by the streaming reader.
 */
export function parseOpenAlexLine(line: string, file: string, lineNumber: number): ParseResult {
  const result: ParseResult = { records: [], diagnostics: [] };
  if (line.trim() === '') return result;
  const parsed = parseJsonLine(line, file, lineNumber);
  if ('diagnostic' in parsed) result.diagnostics.push(parsed.diagnostic);
  else collect(result, recordFromOpenAlexWork(parsed.value, file, lineNumber));
  return result;
}

export function parseOpenAlex(input: string, file: string): ParseResult {
  const result: ParseResult = { records: [], diagnostics: [] };
  const source = readJsonSource(input, file, 'OpenAlex');
  if (source.kind === 'invalid') return { records: [], diagnostics: source.diagnostics };
  if (source.kind === 'lines') {
    result.diagnostics.push(...source.diagnostics);
    for (const { value, line } of source.values) collect(result, recordFromOpenAlexWork(value, file, line));
    result.diagnostics.sort((a, b) => a.line - b.line);
    return result;
  }
  const { value } = source;
  const works = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.results)
      ? value.results
      : [value];
  const lineOfWork = forwardLineFinder(source.text, source.lineOf, 'id');
  for (const work of works) {
    const id = isObject(work) ? text(work.id) : undefined;
    collect(result, recordFromOpenAlexWork(work, file, lineOfWork(id)));
  }
  return result;
}

export const openAlexParser: FormatParser = {
  format: 'openalex',
  description: 'OpenAlex works (work object, /works page or JSON Lines)',
  sniff(head: string): number {
    const start = stripBom(head).trimStart();
    if (!start.startsWith('{') && !start.startsWith('[')) return 0;
    if (/"id"\s*:\s*"https:\/\/openalex\.org\/W\d+"/.test(head)) return 0.95;
    if (/"authorships"\s*:/.test(head) || /"referenced_works"\s*:/.test(head)) return 0.8;
    // Other JSON (CSL, S2) may merely link to OpenAlex works.
    if (/openalex\.org\/W\d+/.test(head)) return 0.35;
    return 0;
  },
  parse: parseOpenAlex,
};
