/** Identifier normalisation, so that one DOI or arXiv id written two ways matches itself. */

/** LaTeX escapes BibTeX exports put into DOIs: `\_`, `{\_}`, `\%`, `\&`, `\#`. */
const LATEX_ESCAPE = /\{?\\([_%&#$])\}?/g;
/** URL-encoded characters (`10.1000%2Fabc` in a link). */
const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;

function unescapeDoiText(text: string): string {
  let value = text.trim().replace(LATEX_ESCAPE, '$1');
  if (PERCENT_ESCAPE.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      // A lone '%' that is not an escape: the text stays as written.
    }
  }
  return value;
}

/** Trailing characters that end a sentence or a list around a DOI; a ')' only when unbalanced. */
function trimDoiEnd(doi: string): string {
  let value = doi.replace(/[.,;:'"\]>}]+$/, '');
  while (value.endsWith(')') && value.split('(').length < value.split(')').length) {
    value = value.slice(0, -1).replace(/[.,;:'"\]>}]+$/, '');
  }
  return value;
}

/**
 * One DOI however it is written: 'https://doi.org/10.1000/ABC', 'doi:10.1000/abc',
 * '10.1000%2Fabc', '10.1007/978-3-030-59421-7\_28' (BibTeX), 'DOI 10.1000/abc.' → '10.1000/abc'.
 * Lower case, as DOIs match case-insensitively.
 */
export function normaliseDoi(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const value = unescapeDoiText(text);
  const match = /10\.\d{2,9}\/\S+/i.exec(value);
  if (match) {
    const doi = trimDoiEnd(match[0]);
    return doi.length > doi.indexOf('/') + 1 ? doi.toLowerCase() : undefined;
  }
  // shortDOI form ('10/fqd6hj') as Zotero writes it.
  const short = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\/[a-z0-9]+)$/i.exec(value);
  return short ? short[1]!.toLowerCase() : undefined;
}

/** 'http://arxiv.org/abs/1111.2011v2', 'arXiv:1111.2011', 'cond-mat/0412498v1' → id without version. */
export function normaliseArxivId(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const modern = /(\d{4}\.\d{4,5})(v\d+)?/.exec(text);
  if (modern) return modern[1];
  const old = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/i.exec(text);
  return old ? old[1]!.toLowerCase() : undefined;
}

/** The entity letters of OpenAlex ids: works, authors, institutions, sources, concepts, funders, publishers, topics. */
export const OPENALEX_ENTITY_LETTERS = 'WAISCFPT';

const OPENALEX_ID = new RegExp(`([${OPENALEX_ENTITY_LETTERS}]\\d+)\\s*$`, 'i');

/** 'https://openalex.org/W2741809807' → 'W2741809807'. */
export function normaliseOpenAlexId(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const match = OPENALEX_ID.exec(text.trim());
  return match ? match[1]!.toUpperCase() : undefined;
}

/** Most digits an OpenAlex id may have to be numbered (the number times 8 must stay below 2^53). */
export const OPENALEX_NUMBERED_DIGITS = 14;

/** The integer of an id with entity letter `letterIndex` (in OPENALEX_ENTITY_LETTERS) and number `value`. */
export const openAlexKey = (letterIndex: number, value: number): number => value * 8 + letterIndex;

/** The normalised id ('W2741809807') whose openAlexKey is `key`. */
export function openAlexIdOfKey(key: number): string {
  const letterIndex = key % 8;
  return `${OPENALEX_ENTITY_LETTERS.charAt(letterIndex)}${(key - letterIndex) / 8}`;
}

/**
 * A normalised OpenAlex id ('W2741809807') as one integer (openAlexKey); -1 when it has another
 * shape, a leading zero (two strings must not share a number) or more than 14 digits.
 */
export function openAlexIdNumber(id: string): number {
  const letterIndex = OPENALEX_ENTITY_LETTERS.indexOf(id.charAt(0));
  if (letterIndex < 0 || id.length < 2 || id.length > OPENALEX_NUMBERED_DIGITS + 1) return -1;
  if (id.charAt(1) === '0' && id.length > 2) return -1;
  let value = 0;
  for (let at = 1; at < id.length; at++) {
    const digit = id.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return openAlexKey(letterIndex, value);
}

/** 'https://orcid.org/0000-0002-1825-0097' → '0000-0002-1825-0097'. */
export function normaliseOrcid(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  const match = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i.exec(text);
  return match ? match[1]!.toUpperCase() : undefined;
}
