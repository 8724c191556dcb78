/**
 * CSL-JSON (Zotero, Better CSL JSON, Manubot, citeproc): an array of items, or one item object.
 * Each item's provenance line is the line of its opening brace.
 */
import { parseIsoLikeDate } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi } from '../../model/ids.ts';
import { authorFromParts } from '../../model/names.ts';
import type {
  AuthorName,
  Diagnostic,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import type { FormatParser } from '../format.ts';
import {
  authorFromLiteral,
  diagnostic,
  lineLocator,
  stripBom,
  stripMarkup,
  uniqueNonEmpty,
} from './biblio-shared.ts';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Start and end (exclusive) offsets of each top-level item (array elements, or the single object). */
function itemSpans(source: string): { start: number; end?: number }[] {
  const spans: { start: number; end?: number }[] = [];
  let depth = 0;
  let inString = false;
  let itemDepth = 1;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      if (depth === 0) itemDepth = char === '[' ? 1 : 0;
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

function cslAuthor(value: unknown): AuthorName | undefined {
  if (!isObject(value)) return undefined;
  const literal = text(value.literal);
  if (literal) return authorFromLiteral(literal);
  const family = [text(value['non-dropping-particle']), text(value.family)].filter(Boolean).join(' ');
  const given = [text(value.given), text(value['dropping-particle'])].filter(Boolean).join(' ');
  return authorFromParts(given, family);
}

function cslDate(value: unknown): PartialDate | undefined {
  if (typeof value === 'string') return parseIsoLikeDate(value);
  if (!isObject(value)) return undefined;
  const parts = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const [year, month, day] = (parts[0] as unknown[]).map((part) => Number(text(part)));
    if (year !== undefined && Number.isInteger(year) && year > 0) {
      const raw = (parts[0] as unknown[]).map((part) => text(part) ?? '').join('-');
      const iso = [year, month, day]
        .filter((part): part is number => part !== undefined && Number.isInteger(part) && part > 0)
        .map((part, index) => (index === 0 ? String(part).padStart(4, '0') : String(part).padStart(2, '0')))
        .join('-');
      const date = parseIsoLikeDate(iso);
      if (date) return { ...date, raw };
    }
  }
  return parseIsoLikeDate(text(value.raw) ?? text(value.literal));
}

function cslIds(item: JsonObject): PaperIds {
  const ids: PaperIds = {};
  const url = text(item.URL);
  const doi =
    normaliseDoi(text(item.DOI)) ?? (url && /doi\.org\//i.test(url) ? normaliseDoi(url) : undefined);
  if (doi) ids.doi = doi;
  const note = text(item.note) ?? '';
  const arxivNote = /standard_id:\s*arxiv:(\S+)/i.exec(note)?.[1] ?? /arXiv:\s*(\S+)/.exec(note)?.[1];
  const arxiv =
    (url && /arxiv\.org\//i.test(url) ? normaliseArxivId(url) : undefined) ??
    normaliseArxivId(arxivNote) ??
    (/arxiv/i.test(text(item.number) ?? '') ? normaliseArxivId(text(item.number)) : undefined) ??
    // Semantic Scholar style: container 'ArXiv', volume 'abs/1610.01644'.
    (/^arxiv$/i.test(text(item['container-title']) ?? '') ? normaliseArxivId(text(item.volume)) : undefined);
  if (arxiv) ids.arxiv = arxiv;
  const pmid = text(item.PMID);
  if (pmid && /^\d+$/.test(pmid)) ids.pmid = pmid;
  const key = text(item['citation-key']) ?? text(item.citationKey) ?? text(item.id);
  if (key) ids.citationKey = key;
  return ids;
}

function toRecord(item: JsonObject, file: string, line: number): PaperRecord | undefined {
  const title = stripMarkup(text(item.title) ?? '');
  if (!title) return undefined;
  const notes: string[] = [];
  const creators = Array.isArray(item.author) ? item.author : [];
  let authors = creators.map(cslAuthor).filter((author): author is AuthorName => author !== undefined);
  if (authors.length === 0 && Array.isArray(item.editor)) {
    authors = item.editor.map(cslAuthor).filter((author): author is AuthorName => author !== undefined);
    if (authors.length > 0) notes.push('editors listed as authors');
  }
  const record: PaperRecord = {
    title,
    authors,
    authorCount: authors.length,
    provenance: { file, line, format: 'csl-json' },
  };
  const type = text(item.type);
  if (type) record.type = type;
  const date = cslDate(item.issued);
  if (date) record.date = date;
  const venue = text(item['container-title']) ?? text(item['event-title']) ?? text(item.event);
  if (venue) record.venue = stripMarkup(venue);
  const abstract = text(item.abstract);
  if (abstract) record.abstract = stripMarkup(abstract);
  const keywordText = text(item.keyword);
  if (keywordText) {
    const keywords = uniqueNonEmpty(keywordText.split(/[,;]/));
    if (keywords.length > 0) record.keywords = keywords;
  }
  record.ids = cslIds(item);
  if (notes.length > 0) record.notes = notes;
  return record;
}

/** The line a JSON.parse error points at, from V8's 'position N' or 'line L column C' wording. */
function errorLine(error: unknown, lineAt: (offset: number) => number): number {
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /line (\d+)/.exec(message);
  if (lineMatch) return Number(lineMatch[1]);
  const position = /position (\d+)/.exec(message);
  return position ? lineAt(Number(position[1])) : 1;
}

function salvageItems(source: string): unknown[] {
  const items: unknown[] = [];
  for (const span of itemSpans(source)) {
    if (span.end === undefined) break;
    try {
      items.push(JSON.parse(source.slice(span.start, span.end)));
    } catch {
      break;
    }
  }
  return items;
}

export function parseCslJsonText(input: string, file: string): ParseResult {
  const source = stripBom(input);
  const lineAt = lineLocator(source);
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    diagnostics.push(
      diagnostic(
        file,
        errorLine(error, lineAt),
        'invalid-json',
        `CSL-JSON: expected valid JSON, found: ${reason}`,
      ),
    );
    // Salvage the complete items before the damage (a truncated download keeps its first items).
    data = salvageItems(source);
  }
  const items: unknown[] = Array.isArray(data) ? data : [data];
  const spans = itemSpans(source);
  const records: PaperRecord[] = [];
  items.forEach((item, index) => {
    const offset = spans[index]?.start;
    const line = offset === undefined ? 1 : lineAt(offset);
    if (!isObject(item)) {
      diagnostics.push(
        diagnostic(
          file,
          line,
          'unexpected-value',
          `CSL-JSON: expected an item object at index ${index}`,
          'warning',
        ),
      );
      return;
    }
    const record = toRecord(item, file, line);
    if (record) records.push(record);
    else
      diagnostics.push(
        diagnostic(file, line, 'missing-title', `CSL-JSON: item ${index} has no title; skipped`, 'warning'),
      );
  });
  return { records, diagnostics };
}

export function sniffCslJson(head: string): number {
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
