/**
 * Small helpers shared by the bibliographic export parsers (BibTeX, RIS, CSL-JSON, WoS, Scopus).
 * Nothing here imports from `node:`.
 */
import { authorFromDisplayName, foldText, groupAuthor, isGroupName } from '../../model/names.ts';
import type { AuthorName, Diagnostic, DiagnosticSeverity } from '../../model/types.ts';

/** Drops a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits text into lines on CRLF, lone CR and lone LF alike, so line numbers match what editors
 * that honour all three (VS Code, most viewers) show.
 */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Maps a character offset to its 1-based line, counting CRLF, CR and LF each as one break. */
export function lineLocator(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 13 /* \r */) {
      if (text.charCodeAt(index + 1) === 10) index++;
      starts.push(index + 1);
    } else if (char === 10 /* \n */) {
      starts.push(index + 1);
    }
  }
  return (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

export function diagnostic(
  file: string,
  line: number,
  code: string,
  message: string,
  severity: DiagnosticSeverity = 'error',
): Diagnostic {
  return { severity, file, line, code, message };
}

/**
 * Words and legal suffixes that mark an organisation beyond those `isGroupName` knows. Kept here,
 * not in names.ts, so listing-page parsing keeps its behaviour.
 */
const ORGANISATION_WORDS = new Set([
  'court',
  'gmbh',
  'ag',
  'llc',
  'corp',
  'plc',
  'press',
  'bureau',
  'service',
  'services',
  'authority',
  'nations',
  'government',
  'parliament',
  'academy',
  'museum',
  'library',
  'school',
  'college',
  'hospital',
  'union',
  'programme',
  'program',
  'unit',
  'forum',
  'research',
  'staff',
  'party',
]);

/**
 * Whether a name given as one literal string (CSL `literal`, a braced BibTeX name, an RIS AU
 * without a comma) names an organisation: a known group word, an acronym in capitals ("IAAF",
 * "TIME USA") or a long name with a linking word ("Court of Arbitration for Sport").
 */
export function looksLikeOrganisation(name: string): boolean {
  if (isGroupName(name)) return true;
  const words = foldText(name).split(' ').filter(Boolean);
  if (words.some((word) => ORGANISATION_WORDS.has(word))) return true;
  const tokens = name.trim().split(/\s+/);
  if (
    tokens.length > 0 &&
    tokens.every((token) => /^[A-Z][A-Z0-9&.-]+$/.test(token) && /[A-Z]{2}/.test(token))
  ) {
    return true;
  }
  return tokens.length >= 4 && words.some((word) => ['of', 'for', 'and', 'the', 'on'].includes(word));
}

/** An author given as one literal string: a group when it looks like an organisation, else a person. */
export function authorFromLiteral(text: string): AuthorName | undefined {
  const name = text.replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  if (looksLikeOrganisation(name)) return groupAuthor(name);
  return authorFromDisplayName(name);
}

/** Removes the inline HTML markup some libraries emit for LaTeX (<i>, <sub>, <span class=…>). */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?(?:i|b|em|strong|sub|sup|sc|code|span|nc)(?:\s[^<>]*)?>/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}

/** Drops empty strings and duplicates while keeping order. */
export function uniqueNonEmpty(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed && !seen.has(trimmed)) {
      seen.add(trimmed);
      out.push(trimmed);
    }
  }
  return out;
}
