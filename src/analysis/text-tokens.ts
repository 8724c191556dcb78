/**
 * The words of one text as the themes' text model reads them: URLs, LaTeX and markup stripped,
 * lower-cased, stop words dropped, plurals stemmed; terms are the words and their adjacent pairs.
 * forEachWord and wordToken are the same steps for the corpus reader (text-token-stream.ts), which
 * hashes each word in the scan and looks the hash up instead of cutting out a string.
 */

import { FNV_OFFSET, FNV_PRIME } from '../model/hash.ts';

const STOP_WORDS = new Set(
  `a about above across after again against all almost also although always among an and another any are around as at
  be because been before being below between both but by can cannot could did do does doing done down during each
  either else enough even ever every few for from further had has have having he her here hers herself him himself his
  how however i if in into is it its itself just least less let like made make many may me might more most much must my
  neither no nor not now of off often on once one only or other others otherwise our ours ourselves out over own per
  perhaps rather same several shall she should since so some such than that the their theirs them themselves then there
  therefore these they this those though through thus to too toward towards under until up upon us use used using very via
  was we well were what whatever when where whereas whether which while who whom whose why will with within without would
  yet you your yours yourself
  paper papers propose proposed proposes present presents show shows shown study studies work works result results
  approach approaches method methods new novel based problem problems provide provides first two three also however
  furthermore moreover specifically particular existing recent recently demonstrate demonstrates experiments
  experimental performance state art significantly significant achieve achieves various different well known finally
  et al e g i e can may able given obtain obtained further introduce introduces analysis analyze analyzes`.split(
    /\s+/,
  ),
);

/** Removes inline math, LaTeX commands, URLs and markup, keeping the words a reader sees. */
export function stripMarkup(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\\[[\s\S]*?\\\]/g, ' ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[{}_^~\\]/g, ' ');
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The text whose runs of [a-z0-9-] are the words. Plain ASCII without markup (nearly every abstract)
 * only needs lower-casing; anything else takes the full path, whose Unicode lower-casing and NFKD can
 * turn non-ASCII characters into ASCII letters.
 */
function wordText(text: string): string {
  if (
    !NON_ASCII.test(text) &&
    !text.includes('$') &&
    !text.includes('\\') &&
    !text.includes('<') &&
    !text.includes('://')
  )
    return text.toLowerCase();
  return stripMarkup(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

const CHAR_A = 97;
const CHAR_Z = 122;
const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_HYPHEN = 45;

const LETTER = 1;
const DIGIT = 2;
const HYPHEN = 3;
/** Kind of each UTF-16 code unit: LETTER, DIGIT or HYPHEN inside words, 0 for a separator. */
const WORD_CHAR = (() => {
  const table = new Uint8Array(65_536);
  for (let code = CHAR_A; code <= CHAR_Z; code++) table[code] = LETTER;
  for (let code = CHAR_0; code <= CHAR_9; code++) table[code] = DIGIT;
  table[CHAR_HYPHEN] = HYPHEN;
  return table;
})();

/** FNV-1a over UTF-16 code units, as forEachWord computes it while it scans. */
function wordHash(source: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let position = start; position < end; position++)
    hash = Math.imul(hash ^ source.charCodeAt(position), FNV_PRIME);
  return hash >>> 0;
}

/**
 * Calls `onWord` with each raw word of `text` (a run of [a-z0-9-] of `wordText`, hyphens trimmed)
 * that is 3+ characters long and not all digits, and the word's hash (wordHash), computed in the
 * same pass over the characters; the caller checks stop words and stems.
 */
export function forEachWord(
  text: string,
  onWord: (source: string, start: number, end: number, hash: number) => void,
): void {
  const source = wordText(text);
  const length = source.length;
  let position = 0;
  while (position < length) {
    while (position < length && WORD_CHAR[source.charCodeAt(position)] === 0) position++;
    let start = position;
    let letters = false;
    let hash = FNV_OFFSET;
    while (position < length) {
      const code = source.charCodeAt(position);
      const kind = WORD_CHAR[code]!;
      if (kind === 0) break;
      if (kind === LETTER) letters = true;
      hash = Math.imul(hash ^ code, FNV_PRIME);
      position++;
    }
    let end = position;
    if (source.charCodeAt(start) === CHAR_HYPHEN || source.charCodeAt(end - 1) === CHAR_HYPHEN) {
      // Rare: the hash covered hyphens that are trimmed off.
      while (start < end && source.charCodeAt(start) === CHAR_HYPHEN) start++;
      while (end > start && source.charCodeAt(end - 1) === CHAR_HYPHEN) end--;
      hash = wordHash(source, start, end);
    }
    if (end - start < 3 || (!letters && allDigits(source, start, end))) continue;
    onWord(source, start, end, hash >>> 0);
  }
}

/** Whether source[start, end) is digits only (an inner hyphen makes it a word). */
function allDigits(source: string, start: number, end: number): boolean {
  for (let position = start; position < end; position++)
    if (source.charCodeAt(position) === CHAR_HYPHEN) return false;
  return true;
}

/** A raw word's token, or undefined for a stop word (all-digit words never get here). */
export function wordToken(word: string): string | undefined {
  return STOP_WORDS.has(word) ? undefined : stem(word);
}

/** Lower-case word tokens of 3+ letters (digits allowed inside), stop words dropped. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachWord(text, (source, start, end) => {
    const token = wordToken(source.slice(start, end));
    if (token !== undefined) tokens.push(token);
  });
  return tokens;
}

/** A light plural stemmer: enough to make 'networks'/'network' one term without mangling words. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (
    word.length > 4 &&
    word.endsWith('s') &&
    !word.endsWith('ss') &&
    !word.endsWith('us') &&
    !word.endsWith('is')
  )
    return word.slice(0, -1);
  return word;
}

/** Unigrams plus adjacent bigrams ("gradient descent"). */
export function terms(text: string): string[] {
  const tokens = tokenize(text);
  const result = [...tokens];
  for (let index = 0; index + 1 < tokens.length; index++)
    result.push(`${tokens[index]} ${tokens[index + 1]}`);
  return result;
}
