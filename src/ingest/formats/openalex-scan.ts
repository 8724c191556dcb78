/**
 * On-demand scanner for one OpenAlex JSON Lines work (in the style of simdjson "on demand"): walks
 * the line's UTF-8 bytes once, validating the JSON as it goes, and builds JS values only for the
 * fields `recordFromOpenAlexWork` reads. Everything else (most of a work) is skipped without
 * allocating; the abstract index and `referenced_works`, the bulk of what is read, are turned into
 * the abstract (openalex-abstract-bytes.ts) and the references straight from bytes, never into
 * objects or strings per entry.
 *
 * Contract: for every line the result is exactly what `parseOpenAlexLine` gives for the decoded
 * line, or `undefined`, meaning "decode the line and use `parseOpenAlexLine`". Anything unusual
 * falls back: invalid JSON (so the diagnostic stays the JSON.parse one), a line that is not an
 * object, duplicate words in the abstract index, lone surrogates in an abstract word, nesting deep
 * enough to overflow the stack.
 *
 * The parts: json-byte-cursor.ts (the bytes, validated and decoded as JSON.parse would),
 * openalex-scan-references.ts and openalex-scan-abstract.ts (the two bulky fields), and here the
 * choice of fields (`WORK`) and the record built from them. Not reentrant (module state).
 */
import type { ReferenceInterner } from '../../model/reference-lists.ts';
import type { CitedReference, Diagnostic, PaperRecord } from '../../model/types.ts';
import type { JsonObject } from './format-helpers.ts';
import {
  at,
  b,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  ESCAPED,
  end,
  endOfMember,
  expect,
  isEmptyContainer,
  OPEN_BRACE,
  OPEN_BRACKET,
  p,
  readValue,
  releaseLine,
  scanKey,
  skipSpace,
  skipValue,
  startLine,
  stringEnd,
  stringFlags,
  stringStart,
  stringValue,
} from './json-byte-cursor.ts';
import { recordFromOpenAlexWork } from './openalex.ts';
import { readAbstract } from './openalex-scan-abstract.ts';
import { readReferences } from './openalex-scan-references.ts';

const encoder = new TextEncoder();

// What to build: a pick names the fields of an object to keep; other fields are skipped.

type Pick = 'value' | 'references' | 'abstract' | ObjectPick | ArrayPick;

interface ObjectPick {
  kind: 'object';
  /** Fields by name length, then compared byte by byte. */
  byLength: Field[][];
  byName: Map<string, Field>;
}

interface ArrayPick {
  kind: 'array';
  of: Pick;
}

interface Field {
  name: string;
  bytes: Uint8Array;
  pick: Pick;
}

function objectPick(fields: Record<string, Pick>): ObjectPick {
  const pick: ObjectPick = { kind: 'object', byLength: [], byName: new Map() };
  for (const [name, inner] of Object.entries(fields)) {
    const field = { name, bytes: encoder.encode(name), pick: inner };
    const sameLength = pick.byLength[name.length] ?? [];
    sameLength.push(field);
    pick.byLength[name.length] = sameLength;
    pick.byName.set(name, field);
  }
  return pick;
}

const arrayOf = (of: Pick): ArrayPick => ({ kind: 'array', of });

/** Exactly the fields `recordFromOpenAlexWork` and its helpers in openalex.ts read. */
const WORK: ObjectPick = objectPick({
  id: 'value',
  doi: 'value',
  title: 'value',
  display_name: 'value',
  publication_date: 'value',
  publication_year: 'value',
  type: 'value',
  abstract: 'value',
  cited_by_count: 'value',
  ids: objectPick({ openalex: 'value', doi: 'value', pmid: 'value', arxiv: 'value' }),
  locations: arrayOf(objectPick({ landing_page_url: 'value', pdf_url: 'value' })),
  primary_location: objectPick({ source: objectPick({ display_name: 'value' }) }),
  host_venue: objectPick({ display_name: 'value' }),
  keywords: arrayOf(objectPick({ display_name: 'value' })),
  topics: arrayOf(objectPick({ display_name: 'value' })),
  concepts: arrayOf(objectPick({ display_name: 'value' })),
  authorships: arrayOf(
    objectPick({
      author_position: 'value',
      author: objectPick({ id: 'value', display_name: 'value', orcid: 'value' }),
      raw_author_name: 'value',
      institutions: arrayOf(objectPick({ display_name: 'value' })),
      raw_affiliation_strings: 'value',
    }),
  ),
  referenced_works: 'references',
  abstract_inverted_index: 'abstract',
});

/** The field the last scanned key names, if the pick has it. */
function fieldOf(pick: ObjectPick): Field | undefined {
  if (stringFlags !== 0) return stringFlags & ESCAPED ? pick.byName.get(stringValue()) : undefined;
  const candidates = pick.byLength[stringEnd - stringStart];
  if (candidates === undefined) return undefined;
  for (const field of candidates) {
    const name = field.bytes;
    let k = 0;
    while (k < name.length && name[k] === b[stringStart + k]) k++;
    if (k === name.length) return field;
  }
  return undefined;
}

// The parts of the work being scanned that are computed from bytes (last occurrence wins).
let references: CitedReference[] = [];
let abstractFromIndex: string | undefined;

/** The table the scanned work's references are shared through, if any. */
let interner: ReferenceInterner | undefined;

function readPicked(pick: Pick): unknown {
  if (pick === 'value') return readValue();
  skipSpace();
  if (pick === 'references') {
    references = readReferences(interner);
    return null;
  }
  if (pick === 'abstract') {
    abstractFromIndex = readAbstract();
    return null;
  }
  if (pick.kind === 'array') {
    if (at(p) !== OPEN_BRACKET) return readValue();
    const array: unknown[] = [];
    if (isEmptyContainer(CLOSE_BRACKET)) return array;
    for (;;) {
      array.push(readPicked(pick.of));
      if (endOfMember(CLOSE_BRACKET)) return array;
    }
  }
  if (at(p) !== OPEN_BRACE) return readValue();
  const object: JsonObject = {};
  if (isEmptyContainer(CLOSE_BRACE)) return object;
  for (;;) {
    scanKey();
    const field = fieldOf(pick);
    expect(COLON);
    if (field) object[field.name] = readPicked(field.pick);
    else skipValue();
    if (endOfMember(CLOSE_BRACE)) return object;
  }
}

/**
 * Reads the work on bytes[start .. end) (one JSON Lines line, without its line break). Returns
 * what `parseOpenAlexLine` would give for it, or `undefined` when the line must go through
 * `parseOpenAlexLine` instead (blank, not an object, invalid JSON, or a shape this scanner leaves
 * to JSON.parse).
 */
export function scanOpenAlexWork(
  bytes: Uint8Array,
  start: number,
  stop: number,
  file: string,
  line: number,
  sharedReferences?: ReferenceInterner,
): { record: PaperRecord } | { diagnostic: Diagnostic } | undefined {
  startLine(bytes, start, stop);
  interner = sharedReferences;
  references = [];
  abstractFromIndex = undefined;
  let work: unknown;
  try {
    skipSpace();
    if (at(p) !== OPEN_BRACE) return undefined;
    work = readPicked(WORK);
    skipSpace();
    if (p !== end) return undefined;
  } catch {
    // FALLBACK, or a RangeError from very deep nesting: JSON.parse decides.
    return undefined;
  } finally {
    releaseLine();
    interner = undefined;
  }
  return recordFromOpenAlexWork(work, file, line, { abstractFromIndex, references });
}
