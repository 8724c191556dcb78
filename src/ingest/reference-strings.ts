/**
 * Cited references written as one string, split into their parts (first author's family name,
 * year, source, volume, first page, DOI, and for Scopus the title): Web of Science `CR` items
 * ('Kamada T, 1989, INFORM PROCESS LETT, V31, P7, DOI 10.1016/0020-0190(89)90102-6') and Scopus
 * `References` items, in both layouts Scopus has written:
 * - 'Kamada, T., Kawai, S., An algorithm for drawing … graphs (1989) Information Processing
 *   Letters, 31 (1), pp. 7-15.' (year in parentheses after the title);
 * - 'Kamada T.; Kawai S., An algorithm for drawing … graphs, Information Processing Letters, 31,
 *   1, pp. 7-15, (1989)' (year last; authors separated by ';' or ',').
 * Every part is a best guess; what cannot be read is left out, and `raw` keeps the text.
 */
import { normaliseDoi } from '../model/ids.ts';
import type { CitedReference } from '../model/types.ts';

/** A plausible publication year of a cited work. */
const YEAR = /^(1[5-9]\d\d|20\d\d)[a-z]?$/;
/**
 * 'Liu F.', 'Villard M.-A.', 'de Vries J.', 'Bourne R.R.A.' → family and initials; also the
 * undotted initials of references Scopus takes from PubMed ('Calin GA', 'Tseng M-L').
 */
const FAMILY_INITIALS =
  /^(.*?\S)\s+((?:\p{Lu}\p{Ll}?\.-?)+(?:\s*\p{Lu}\.)*|\p{Lu}{1,4}|\p{Lu}-\p{Lu}{1,3})$/u;
/** A Scopus author piece of the older layout's initials: 'T.', 'C.A.', 'J.-P.', 'M. D.'. */
const INITIALS_ONLY = /^(?:\p{Lu}\p{Ll}?\.\s?-?)+$/u;
/** A family name of the older layout: letters with spaces, hyphens and apostrophes, no digits. */
const FAMILY_ONLY = /^[\p{L}][\p{L}'’ .-]*$/u;

function set<K extends keyof CitedReference>(
  reference: CitedReference,
  key: K,
  value: CitedReference[K],
): void {
  if (value !== undefined && value !== '') reference[key] = value;
}

// ---------------------------------------------------------------------------------------------
// Web of Science CR

/** 'Anselin L' → 'Anselin', 'El Jaouhari A' → 'El Jaouhari', 'Homma Takayuki' → 'Homma'. */
function familyFromCitedAuthor(text: string): string | undefined {
  const name = text.trim();
  if (!name || name.startsWith('[') || /^\d/.test(name)) return undefined;
  const tokens = name.split(/\s+/);
  // Initials after the family name: 'T', 'RN', 'P. A.', 'J.-P.'.
  let end = tokens.length;
  while (end > 1 && /^(?:[A-Z]\.-?)+$/.test(tokens[end - 1]!)) end--;
  // Undotted initials are one token ('VAN DER MEER J': 'MEER' stays part of the family name).
  if (end === tokens.length && /^[A-Z]{1,4}$/.test(tokens[end - 1]!)) end--;
  // 'Homma Takayuki': a given name written out after the family name.
  return end < tokens.length ? tokens.slice(0, end).join(' ') : tokens[0];
}

/** The first DOI of a CR item's DOI part: 'DOI 10.x', 'DOI [10.x, 10.y]', 'DOI [DOI 10.x, …]'. */
function wosDoi(raw: string): string | undefined {
  const match = /\bDOI\s+\[?(?:DOI\s+)?(10\.[^\s,\]]+)/i.exec(raw);
  return normaliseDoi(match?.[1]);
}

/** One CR item: 'Author, Year, SOURCE, V31, P7, DOI 10.x' (any part may be missing). */
export function parseWosCitedReference(raw: string): CitedReference {
  const reference: CitedReference = { raw };
  // The DOI part may hold commas of its own ('DOI [10.x, 10.y]'): cut it off first.
  const doiAt = raw.search(/,\s*DOI\s/i);
  const head = doiAt >= 0 ? raw.slice(0, doiAt) : raw;
  const parts = head.split(/,\s*/).map((part) => part.trim());
  const yearIndex = parts.slice(0, 2).findIndex((part) => /^\d{4}$/.test(part));
  if (yearIndex >= 0) reference.year = Number(parts[yearIndex]);
  if (yearIndex !== 0) set(reference, 'firstAuthorFamily', familyFromCitedAuthor(parts[0] ?? ''));
  const sourceParts: string[] = [];
  for (let at = yearIndex >= 0 ? yearIndex + 1 : 1; at < parts.length; at++) {
    const part = parts[at]!;
    // 'V31', 'V1-3'; 'P7', 'PA12', 'ARTN e0123' (not a source such as 'VIROLOGY' or 'PHYS REV').
    const volume = /^V(\d[\w.-]*)$/.exec(part);
    const page = /^(?:P([A-Z]?\d[\w.-]*)|ARTN\s+(\S+))$/.exec(part);
    if (volume && reference.volume === undefined) reference.volume = volume[1]!;
    else if (page && reference.page === undefined) reference.page = (page[1] ?? page[2])!;
    else if (reference.volume === undefined && reference.page === undefined && part) sourceParts.push(part);
  }
  set(reference, 'source', sourceParts.join(', '));
  set(reference, 'doi', wosDoi(raw));
  return reference;
}

// ---------------------------------------------------------------------------------------------
// Scopus References

/** A bare author name: family (maybe after particles: 'van Eck', 'dos Santos Franco') and initials. */
const AUTHOR_ONLY =
  /^(?:\p{Ll}{1,4}\s){0,3}\p{Lu}[\p{L}'’ -]*\s(?:(?:\p{Lu}\p{Ll}?\.-?\s?)+|\p{Lu}{1,4}|\p{Lu}-\p{Lu}{1,3})$/u;

/**
 * The References cell lists references separated by '; ', but the current layout also separates a
 * reference's authors by '; ' ('Cheng M.; Xue Y.; Cui M., Title, Source, 50, pp. 1-2, (2025)'):
 * pieces that are a bare author name are joined to the piece that follows.
 */
export function splitScopusReferences(text: string): string[] {
  const references: string[] = [];
  let pendingAuthors: string[] = [];
  for (const piece of text.split(/;\s*/)) {
    const trimmed = piece.trim();
    if (!trimmed) continue;
    if (AUTHOR_ONLY.test(trimmed) && !trimmed.includes(',')) {
      pendingAuthors.push(trimmed);
      continue;
    }
    references.push([...pendingAuthors, trimmed].join('; '));
    pendingAuthors = [];
  }
  if (pendingAuthors.length > 0) references.push(pendingAuthors.join('; '));
  return references;
}

/** Volume, issue and page parts at the end of a Scopus reference, read into `reference`. */
function readLocator(parts: string[], reference: CitedReference): void {
  const numbers: string[] = [];
  while (parts.length > 0) {
    const part = parts[parts.length - 1]!.replace(/\.$/, '').trim();
    const page = /^(?:pp?\.|Art\.\s*no\.|Article\s+no\.)\s*([^\s-–]+)/i.exec(part);
    // '31 (1)' (older layout), '31', 'e128' (article-like volume parts are rare; digits only).
    const volume = /^(\d[\dA-Za-z-]*)(?:\s*\([^)]*\))?$/.exec(part);
    if (page) {
      reference.page = page[1]!;
    } else if (volume && !YEAR.test(part)) {
      numbers.unshift(volume[1]!);
    } else break;
    parts.pop();
  }
  // 'Source, 31, 1, pp. 7-15': the first number is the volume, the second its issue.
  if (numbers.length > 0) reference.volume = numbers[0]!;
}

/** Leading authors of the older layout: 'Kamada, T., Kawai, S., …' → families, and the rest. */
function commaAuthors(parts: readonly string[]): { families: string[]; rest: number } {
  const families: string[] = [];
  let at = 0;
  while (at + 1 < parts.length && FAMILY_ONLY.test(parts[at]!) && INITIALS_ONLY.test(parts[at + 1]!)) {
    families.push(parts[at]!);
    at += 2;
  }
  if (families.length > 0 && /^et al\.?$/i.test(parts[at] ?? '')) at++;
  return { families, rest: at };
}

/** Leading authors of the current layout: 'Cheng M.; Xue Y.; Cui M., …' or 'Kamada T., Kawai S., …'. */
function initialsAuthors(parts: readonly string[]): { families: string[]; rest: number } {
  const families: string[] = [];
  let at = 0;
  for (; at < parts.length; at++) {
    const names = parts[at]!.split(/;\s*/);
    const matches = names.map((name) => FAMILY_INITIALS.exec(name.trim()));
    if (!matches.every((match) => match !== null)) break;
    for (const match of matches) families.push(match![1]!);
  }
  if (families.length > 0 && /^et al\.?$/i.test(parts[at] ?? '')) at++;
  return { families, rest: at };
}

/** One Scopus reference, in either layout (see the module comment). */
export function parseScopusReference(raw: string): CitedReference {
  const reference: CitedReference = { raw };
  const text = raw.trim().replace(/\.$/, '');
  const doiMatch = /10\.\d{4,9}\/[^\s,;]+/.exec(text);
  set(reference, 'doi', normaliseDoi(doiMatch?.[0]));
  const withoutDoi = doiMatch ? text.replace(/,?\s*(?:DOI:?\s*)?10\.\d{4,9}\/[^\s,;]+/i, '') : text;

  // Older layout: the year in parentheses between the title and the source.
  const inner = /\s?\((1[5-9]\d\d|20\d\d)[a-z]?\)\s+(?=\S)/.exec(withoutDoi);
  if (inner && !/,\s*\((1[5-9]\d\d|20\d\d)\)$/.test(withoutDoi)) {
    reference.year = Number(inner[1]);
    const before = withoutDoi
      .slice(0, inner.index)
      .split(/,\s*/)
      .map((part) => part.trim());
    const { families, rest } = commaAuthors(before);
    set(reference, 'firstAuthorFamily', families[0]);
    set(reference, 'title', before.slice(rest).join(', ').trim());
    const after = withoutDoi
      .slice(inner.index + inner[0].length)
      .split(/,\s*/)
      .map((part) => part.trim());
    readLocator(after, reference);
    set(reference, 'source', after.join(', ').trim());
    return reference;
  }

  // Current layout: 'Authors, Title, Source, Volume, Issue, pp. X-Y, (Year)'.
  const parts = withoutDoi.split(/,\s*/).map((part) => part.trim());
  const last = /^\((1[5-9]\d\d|20\d\d)[a-z]?\)$/.exec(parts[parts.length - 1] ?? '');
  if (last) {
    reference.year = Number(last[1]);
    parts.pop();
  } else {
    const anywhere = [...text.matchAll(/\((1[5-9]\d\d|20\d\d)\)/g)];
    if (anywhere.length > 0) reference.year = Number(anywhere[anywhere.length - 1]![1]);
  }
  const { families, rest } = initialsAuthors(parts);
  set(reference, 'firstAuthorFamily', families[0]);
  const remaining = parts.slice(rest);
  readLocator(remaining, reference);
  if (remaining.length >= 2) {
    set(reference, 'source', remaining[remaining.length - 1]);
    set(reference, 'title', remaining.slice(0, -1).join(', '));
  } else set(reference, 'title', remaining[0]);
  return reference;
}
