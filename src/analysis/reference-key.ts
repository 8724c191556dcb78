/**
 * The bibliographic key of a cited work named without an identifier: its first author's family
 * name, year, volume and first page, so that 'KAMADA T, 1989, INFORM PROCESS LETT, V31, P7' (WoS)
 * and 'Kamada, T., Kawai, S., An algorithm … (1989) Information Processing Letters, 31 (1),
 * pp. 7-15.' (Scopus) are one work: 'kamada-1989-v31-p7'.
 *
 * The source title is left out when volume and page are both known: a WoS abbreviation
 * ('INFORM PROCESS LETT', cut at 20 characters) and a full title cannot be told to be the same
 * journal reliably from the two strings alone, while family name, year, volume and first page
 * together almost never name two works. With only one of volume and page, the key adds the
 * source's word initials ('Information Processing Letters' and 'INFORM PROCESS LETT' both 'ipl'),
 * and a work cited two ways that way may stay two nodes rather than risk joining two works.
 * Without volume and page, a Scopus reference's title makes the key.
 */
import { foldText } from '../model/names.ts';
import { titleKey } from '../model/titles.ts';
import type { CitedReference } from '../model/types.ts';

/** Characters of a folded title kept in a title key. */
const TITLE_KEY_LENGTH = 60;

/** Words an abbreviated source title leaves out (ISO 4 drops articles, prepositions, conjunctions). */
const SOURCE_STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'at',
  'de',
  'der',
  'des',
  'du',
  'et',
  'for',
  'fur',
  'in',
  'la',
  'le',
  'of',
  'on',
  'the',
  'to',
  'und',
  'y',
]);

const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/** A family name's letters and digits: 'Bailón-Moreno' → 'bailonmoreno', 'de Vries' → 'devries'. */
function familyKey(family: string): string {
  return foldText(family).replace(/ /g, '');
}

/** A volume or page as compared: lower case, letters and digits, leading zeros dropped ('V031' → '31'). */
function numberKey(text: string | undefined): string {
  if (!text) return '';
  return text
    .toLowerCase()
    .replace(NOT_ALPHANUMERIC, '')
    .replace(/^0+(?=.)/, '');
}

/** First page: the part before a range dash ('7-15' → '7', 'E128–E139' → 'e128'). */
function firstPageKey(page: string | undefined): string {
  if (!page) return '';
  const dash = page.search(/[-–—]/);
  return numberKey(dash > 0 ? page.slice(0, dash) : page);
}

/**
 * The initials of a source title's words, stop words left out: 'Journal of Informetrics' and
 * 'J INFORMETR' → 'ji', 'ISPRS International Journal of Geo-Information' and
 * 'ISPRS INT J GEO-INF' → 'iijgi'.
 */
export function sourceInitials(source: string | undefined): string {
  if (!source) return '';
  let initials = '';
  for (const word of foldText(source).split(' ')) {
    if (word && !SOURCE_STOPWORDS.has(word)) initials += word.charAt(0);
  }
  return initials;
}

/**
 * The bibliographic key of a reference (see the module comment), or undefined when its parts do
 * not name one work closely enough: no year, or neither a locator nor a title to go with it.
 */
export function bibliographicKey(reference: CitedReference): string | undefined {
  const { year, firstAuthorFamily } = reference;
  if (year === undefined) return undefined;
  const family = firstAuthorFamily ? familyKey(firstAuthorFamily) : '';
  const volume = numberKey(reference.volume);
  const page = firstPageKey(reference.page);
  if (family && volume && page) return `${family}-${year}-v${volume}-p${page}`;
  const source = sourceInitials(reference.source);
  if ((volume || page) && source && (family || (volume && page)))
    return `${family}-${year}-${source}-v${volume}-p${page}`;
  if (family && reference.title) {
    const title = titleKey(reference.title).slice(0, TITLE_KEY_LENGTH);
    if (title) return `${family}-${year}-t-${title}`;
  }
  return undefined;
}
