import type { AuthorName } from './types.ts';

/**
 * Words that mark a collective author ("Group of Annotators", "Connectome Students",
 * "International Monetary Fund"). A name containing one of them is a group, not a person.
 */
const GROUP_WORDS = new Set([
  'group',
  'groups',
  'students',
  'annotators',
  'approvers',
  'consortium',
  'collaboration',
  'committee',
  'team',
  'initiative',
  'network',
  'investigators',
  'organization',
  'organisation',
  'association',
  'society',
  'institute',
  'university',
  'fund',
  'council',
  'agency',
  'foundation',
  'project',
  'working',
  'alliance',
  'center',
  'centre',
  'department',
  'federation',
  'office',
  'ministry',
  'bank',
  'commission',
  'board',
  'laboratory',
  'company',
  'corporation',
  'inc',
  'ltd',
]);

/** Fold a string for matching: NFKD, strip combining marks, lower case, keep letters/digits/space. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Lower-case words of letters and digits, one space between: what folding leaves unchanged. */
const FOLDED_WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

export function foldText(text: string): string {
  // Most names and titles are plain ASCII: skip Unicode normalisation for them (hot in ingest).
  if (PRINTABLE_ASCII.test(text)) {
    const lower = text.toLowerCase();
    // Most ASCII names are words and single spaces already ("Lucas Tsai"): no replace, no trim.
    return FOLDED_WORDS.test(lower) ? lower : lower.replace(/[^a-z0-9]+/g, ' ').trim();
  }
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The matching key of a display name: "Aurélien Bellet" → "aurelien bellet". */
export function nameKey(displayName: string): string {
  return foldText(displayName);
}

export function isGroupName(name: string): boolean {
  return isGroupKey(foldText(name));
}

const GROUP_WORD_PATTERN = new RegExp(`(?:^| )(?:${[...GROUP_WORDS].join('|')})(?: |$)`);

/** Same as isGroupName, on an already folded key. */
function isGroupKey(key: string): boolean {
  return GROUP_WORD_PATTERN.test(key);
}

const UNTIDY_SPACE = /\s\s|[\t\n\r\f\v\u00a0\u2000-\u200b\u3000]/;

function collapseSpaces(text: string): string {
  const trimmed = text.trim();
  return UNTIDY_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

const MISSING_WORD = /^(null|undefined|none|n\/a)$/i;

function isMissing(part: string | undefined): boolean {
  if (part === undefined) return true;
  const trimmed = part.trim();
  // 'undefined' is the longest word that means missing: longer parts skip the regex.
  return trimmed === '' || (trimmed.length <= 9 && MISSING_WORD.test(trimmed));
}

/**
 * Build an author from separate given and family parts. A missing part ('null', empty) makes a
 * mononym: "Devvrit, null" → "Devvrit".
 */
export function authorFromParts(
  given: string | undefined,
  family: string | undefined,
): AuthorName | undefined {
  const givenPart = isMissing(given) ? '' : collapseSpaces(given!);
  const familyPart = isMissing(family) ? '' : collapseSpaces(family!);
  if (!givenPart && !familyPart) return undefined;
  const name = collapseSpaces(`${givenPart} ${familyPart}`);
  if (isGroupName(name)) return groupAuthor(name);
  const author: AuthorName = { name, key: nameKey(name), kind: 'person' };
  if (familyPart) author.family = familyPart;
  else author.family = givenPart;
  if (givenPart && familyPart) author.given = givenPart;
  return author;
}

export function groupAuthor(name: string, key?: string): AuthorName {
  const display = collapseSpaces(name);
  return { name: display, key: key ?? nameKey(display), kind: 'group' };
}

/**
 * A name written 'First Last' (author pages, arXiv, OpenAlex display names).
 * The family name is taken as the last token; particles are not guessed.
 */
export function authorFromDisplayName(text: string): AuthorName | undefined {
  const name = collapseSpaces(text);
  if (isMissing(name)) return undefined;
  const key = nameKey(name);
  if (isGroupKey(key)) return groupAuthor(name, key);
  const lastSpace = name.lastIndexOf(' ');
  const family = name.slice(lastSpace + 1);
  const given = lastSpace > 0 ? name.slice(0, lastSpace) : '';
  const author: AuthorName = { name, key, kind: 'person', family };
  if (given) author.given = given;
  return author;
}

/**
 * A single 'Last, First' name ("Lee, Ho Hin" → "Ho Hin Lee"; "Bars, Batiste Le" → "Batiste Le Bars").
 * Without a comma the text is taken as a display name.
 */
export function authorFromInvertedName(text: string): AuthorName | undefined {
  const comma = text.indexOf(',');
  if (comma < 0) return authorFromDisplayName(text);
  return authorFromParts(text.slice(comma + 1), text.slice(0, comma));
}

/**
 * A list written 'Last, First, Last, First' (topic listings): names come in pairs of comma-separated
 * parts. Returns the authors and whether the list had an odd number of parts (the last one then
 * stands alone as a mononym or group).
 */
export function authorsFromInvertedPairs(line: string): { authors: AuthorName[]; oddParts: boolean } {
  const parts = line.split(',').map((part) => part.trim());
  const authors: AuthorName[] = [];
  let index = 0;
  while (index < parts.length) {
    const family = parts[index]!;
    // A group name written alone takes one slot ("Connectome Students, Lee, Ho").
    if (isGroupName(family) && family.includes(' ')) {
      authors.push(groupAuthor(family));
      index += 1;
      continue;
    }
    const given = parts[index + 1];
    const author = authorFromParts(given, family);
    if (author) authors.push(author);
    index += 2;
  }
  return { authors, oddParts: parts.length % 2 === 1 };
}
