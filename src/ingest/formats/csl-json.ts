/**
 * CSL-JSON (Zotero, Better CSL JSON, Manubot, citeproc): an array of items, or one item object.
 * Each item's provenance line is the line of its opening brace.
 */
import { parseIsoLikeDate } from '../../model/dates.ts';
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
import { FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import {
  authorFromLiteral,
  idText,
  isObject,
  type JsonObject,
  jsonErrorLine,
  lineLocator,
  newRecord,
  uniqueNonEmpty,
} from './format-helpers.ts';

/**
 * Start and end (exclusive) offsets of each item object `itemDepth` brackets deep (1: elements of an
 * array, 2: of a wrapper's array, 0: the single object).
 */
function itemSpans(source: string, itemDepth: number): { start: number; end?: number }[] {
  const spans: { start: number; end?: number }[] = [];
  let depth = 0;
  let inString = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      if (char === '{' && depth === itemDepth) spans.push({ start: index });
      depth++;
    } else if (char === ']' || char === '}') {
      depth--;
      const last = spans[spans.length - 1];
      if (char === '}' && depth === itemDepth && last && last.end === undefined) last.end = index + 1;
    }
  }
  return spans;
}

/** Keys under which a CSL-JSON object wraps its item array (`{"items": […]}`). */
const WRAPPER_KEYS = ['items', 'references'];
const WRAPPED = /^\s*\{\s*"(?:items|references)"\s*:\s*\[/;

/** How deep the item objects sit in the text: 1 in an array, 2 in a wrapper's array, 0 for one item. */
function itemDepthOf(source: string): number {
  if (source.trimStart().startsWith('[')) return 1;
  return WRAPPED.test(source) ? 2 : 0;
}

/**
 * The items of a CSL-JSON document: an array of items, an object wrapping one (`{"items": […]}`),
 * an object of items keyed by id (as citeproc-js takes them), or a single item.
 */
function itemsOf(data: unknown): { items: unknown[]; depth: number } {
  if (Array.isArray(data)) return { items: data, depth: 1 };
  if (!isObject(data)) return { items: [data], depth: 0 };
  for (const key of WRAPPER_KEYS) {
    const value = data[key];
    if (Array.isArray(value)) return { items: value, depth: 2 };
  }
  const values = Object.values(data);
  const keyed =
    !('title' in data) &&
    !('type' in data) &&
    values.length > 0 &&
    values.every((value) => isObject(value) && ('title' in value || 'type' in value));
  return keyed ? { items: values, depth: 1 } : { items: [data], depth: 0 };
}

function cslAuthor(value: unknown): AuthorName | undefined {
  if (!isObject(value)) return undefined;
  const literal = idText(value.literal);
  if (literal) return authorFromLiteral(literal);
  const family = [idText(value['non-dropping-particle']), idText(value.family)].filter(Boolean).join(' ');
  const given = [idText(value.given), idText(value['dropping-particle'])].filter(Boolean).join(' ');
  return authorFromParts(given, family);
}

function cslDate(value: unknown): PartialDate | undefined {
  if (typeof value === 'string') return parseIsoLikeDate(value);
  if (!isObject(value)) return undefined;
  const parts = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [year, month, day] = (parts[0] as unknown[]).map((part) => Number(idText(part)));
    if (year !== undefined && Number.isInteger(year) && year > 0) {
      const raw = (parts[0] as unknown[]).map((part) => idText(part) ?? '').join('-');
      const iso = [year, month, day]
        .filter((part): part is number => part !== undefined && Number.isInteger(part) && part > 0)
        .map((part, index) => (index === 0 ? String(part).padStart(4, '0') : String(part).padStart(2, '0')))
        .join('-');
      const date = parseIsoLikeDate(iso);
      if (date) return { ...date, raw };
    }
  }
  return parseIsoLikeDate(idText(value.raw) ?? idText(value.literal));
}

function cslIds(item: JsonObject): PaperIds {
  const ids: PaperIds = {};
  const url = idText(item.URL);
  const doi =
    normaliseDoi(idText(item.DOI)) ?? (url && /doi\.org\//i.test(url) ? normaliseDoi(url) : undefined);
  if (doi) ids.doi = doi;
  const note = idText(item.note) ?? '';
  const arxivNote = /standard_id:\s*arxiv:(\S+)/i.exec(note)?.[1] ?? /arXiv:\s*(\S+)/.exec(note)?.[1];
  const arxiv =
    (url && /arxiv\.org\//i.test(url) ? normaliseArxivId(url) : undefined) ??
    normaliseArxivId(arxivNote) ??
    (/arxiv/i.test(idText(item.number) ?? '') ? normaliseArxivId(idText(item.number)) : undefined) ??
    // Semantic Scholar style: container 'ArXiv', volume 'abs/1610.01644'.
    (/^arxiv$/i.test(idText(item['container-title']) ?? '')
      ? normaliseArxivId(idText(item.volume))
      : undefined);
  if (arxiv) ids.arxiv = arxiv;
  const pmid = idText(item.PMID);
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  const key = idText(item['citation-key']) ?? idText(item.citationKey) ?? idText(item.id);
  if (key) ids.citationKey = key;
  return ids;
}

function toRecord(item: JsonObject, file: string, line: number): PaperRecord | undefined {
  const title = plainText(idText(item.title) ?? '');
  if (!title) return undefined;
  const notes: string[] = [];
  const creators = Array.isArray(item.author) ? item.author : [];
  let authors = creators.map(cslAuthor).filter((author): author is AuthorName => author !== undefined);
  if (authors.length === 0 && Array.isArray(item.editor)) {
    authors = item.editor.map(cslAuthor).filter((author): author is AuthorName => author !== undefined);
    if (authors.length > 0) notes.push('editors listed as authors');
  }
  const record = newRecord(title, authors, { file, line, format: 'csl-json' });
  const type = idText(item.type);
  if (type) record.type = type;
  const date = cslDate(item.issued);
  if (date) record.date = date;
  const venue = idText(item['container-title']) ?? idText(item['event-title']) ?? idText(item.event);
  if (venue) record.venue = plainText(venue);
  const abstract = idText(item.abstract);
  if (abstract) record.abstract = plainText(abstract);
  const keywordText = idText(item.keyword);
  if (keywordText) {
    const keywords = uniqueNonEmpty(keywordText.split(/[,;]/));
    if (keywords.length > 0) record.keywords = keywords;
  }
  record.ids = cslIds(item);
  if (notes.length > 0) record.notes = notes;
  return record;
}

function salvageItems(source: string): unknown[] {
  const items: unknown[] = [];
  for (const span of itemSpans(source, itemDepthOf(source))) {
    if (span.end === undefined) break;
    try {
      items.push(JSON.parse(source.slice(span.start, span.end)));
    } catch {
      break;
    }
  }
  return items;
}

function parseCslJsonText(input: string, file: string): ParseResult {
  const source = stripBom(input);
  const lineAt = lineLocator(source);
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    report.error(
      jsonErrorLine(error, source, lineAt),
      'invalid-json',
      `CSL-JSON: expected valid JSON, found: ${reason}`,
    );
    // Salvage the complete items before the damage (a truncated download keeps its first items).
    data = salvageItems(source);
  }
  const { items, depth } = itemsOf(data);
  const spans = itemSpans(source, diagnostics.length > 0 ? itemDepthOf(source) : depth);
  const records: PaperRecord[] = [];
  items.forEach((item, index) => {
    const offset = spans[index]?.start;
    const line = offset === undefined ? 1 : lineAt(offset);
    if (!isObject(item)) {
      report.warn(line, 'unexpected-value', `CSL-JSON: expected an item object at index ${index}`);
      return;
    }
    const record = toRecord(item, file, line);
    if (record) records.push(record);
    else report.warn(line, 'missing-title', `CSL-JSON: item ${index} has no title; item skipped`);
  });
  return { records, diagnostics };
}

function sniffCslJson(head: string): number {
  const text = stripBom(head).trimStart();
  if (!text.startsWith('[') && !text.startsWith('{')) return 0;
  const hasType = /"type"\s*:\s*"[a-z-]+"/.test(text);
  const hasTitle = /"title"\s*:/.test(text);
  const hasCslDate = /"(?:issued|accessed)"\s*:\s*\{/.test(text) || /"date-parts"\s*:/.test(text);
  const hasCslAuthor = /"author"\s*:\s*\[/.test(text) && /"(?:family|given|literal)"\s*:/.test(text);
  if (hasType && hasTitle && (hasCslDate || hasCslAuthor)) return 0.85;
  return hasCslDate && hasCslAuthor ? 0.6 : 0;
}

export const cslJsonParser: FormatParser = {
  format: 'csl-json',
  description: 'CSL-JSON',
  sniff: sniffCslJson,
  parse: parseCslJsonText,
};
