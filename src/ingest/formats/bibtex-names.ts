/**
 * BibTeX name lists (`author`, `editor`): split at ` and ` outside braces, then each name into
 * first, von, last and jr parts by BibTeX's rules (`First von Last`, `von Last, First`,
 * `von Last, Jr, First`). A name that is one braced group (`{World Health Organization}`) is
 * kept whole as a literal.
 */
import { latexToUnicode } from './latex-text.ts';

export interface BibtexName {
  /** A literal name given in braces. */
  literal?: string;
  first?: string;
  von?: string;
  last?: string;
  jr?: string;
}

/** Splits at `separator` (a comma, or whitespace when `separator` is ' ') outside braces. */
function splitOutsideBraces(text: string, separator: ',' | ' '): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 92) at++;
    else if (code === 123) depth++;
    else if (code === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const splits =
        separator === ','
          ? code === 44
          : code === 32 || code === 9 || code === 10 || code === 13 || code === 126; /* ~ */
      if (splits) {
        parts.push(text.slice(start, at));
        start = at + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return separator === ' ' ? parts.filter((part) => part !== '') : parts.map((part) => part.trim());
}

/** Splits a name list at ` and ` (any case) outside braces. */
export function splitNameList(value: string): string[] {
  if (!value.includes('{')) {
    return value
      .split(/\s+and\s+/i)
      .map((name) => name.trim())
      .filter((name) => name !== '');
  }
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < value.length; at++) {
    const code = value.charCodeAt(at);
    if (code === 92) at++;
    else if (code === 123) depth++;
    else if (code === 125) depth = Math.max(0, depth - 1);
    else if (
      depth === 0 &&
      (code === 97 || code === 65) &&
      /\s/.test(value.charAt(at - 1)) &&
      /^and\s/i.test(value.slice(at, at + 4))
    ) {
      names.push(value.slice(start, at));
      start = at + 4;
      at += 3;
    }
  }
  names.push(value.slice(start));
  return names.map((name) => name.trim()).filter((name) => name !== '');
}

/** The one-letter accent commands (`\v{s}`): their case is that of the letter they accent. */
const ACCENT_LETTERS = new Set(['u', 'v', 'H', 'c', 'k', 'd', 'r', 'b', 't']);

/** Whether the special character after a backslash (`"u`, `ss`, `v{S}`) is lower case. */
function specialIsLowerCase(body: string): boolean {
  const name = /^[A-Za-z]+/.exec(body)?.[0];
  const letter =
    name && !(name.length === 1 && ACCENT_LETTERS.has(name))
      ? name.charAt(0)
      : /[A-Za-z]/.exec(body.slice(name ? name.length : 1))?.[0];
  return letter !== undefined && letter >= 'a' && letter <= 'z';
}

/**
 * Whether a token starts in lower case, as BibTeX decides it: the first letter outside braces,
 * or that of a special character (`{\"u}ber`); any other braced group has no case.
 */
function isLowerCase(token: string): boolean {
  let depth = 0;
  for (let at = 0; at < token.length; at++) {
    const code = token.charCodeAt(at);
    if (code === 123) {
      if (depth === 0 && token.charCodeAt(at + 1) === 92) return specialIsLowerCase(token.slice(at + 2));
      depth++;
    } else if (code === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (code >= 97 && code <= 122) return true;
      if (code >= 65 && code <= 90) return false;
      if (code === 92) return specialIsLowerCase(token.slice(at + 1));
      if (code > 127) return token.charAt(at) !== token.charAt(at).toUpperCase();
    }
  }
  return false;
}

/** Name tokens as one text, in NFC (a .bib file typed as UTF-8 may hold decomposed accents). */
const joined = (tokens: string[]): string | undefined => {
  if (tokens.length === 0) return undefined;
  const text = latexToUnicode(tokens.join(' ')).text.replace(/\s+/g, ' ').trim().normalize('NFC');
  return text === '' ? undefined : text;
};

/** Splits `von Last` into its lower-case start and the rest; the last token is always Last. */
function vonLast(tokens: string[]): { von: string[]; last: string[] } {
  let lastVon = -1;
  for (let index = 0; index < tokens.length - 1; index++) {
    if (isLowerCase(tokens[index]!)) lastVon = index;
  }
  return { von: tokens.slice(0, lastVon + 1), last: tokens.slice(lastVon + 1) };
}

/** `Family, Given` with nothing for LaTeX to read: the common case, split without more work. */
const PLAIN_INVERTED = /^([^\s,{}\\~$]+(?: [^\s,{}\\~$]+)*), ([^,{}\\~$]+)$/;

export function parseBibtexName(raw: string): BibtexName {
  const text = raw.trim();
  const plain = PLAIN_INVERTED.exec(text);
  if (plain && !/(?:^|\s)\p{Ll}/u.test(plain[1]!)) {
    const first = plain[2]!.replace(/\s+/g, ' ').trim().normalize('NFC');
    return { first: first || undefined, last: plain[1]!.normalize('NFC') };
  }
  const parts = splitOutsideBraces(text, ',');
  if (parts.length === 1) {
    const tokens = splitOutsideBraces(text, ' ');
    if (tokens.length === 1 && tokens[0]!.startsWith('{') && tokens[0]!.endsWith('}')) {
      const literal = joined(tokens);
      if (literal !== undefined && tokens[0]!.charCodeAt(1) !== 92) return { literal };
    }
    const vonStart = tokens.findIndex((token, index) => index < tokens.length - 1 && isLowerCase(token));
    if (vonStart < 0) {
      return { first: joined(tokens.slice(0, -1)), last: joined(tokens.slice(-1)) };
    }
    const rest = vonLast(tokens.slice(vonStart));
    return { first: joined(tokens.slice(0, vonStart)), von: joined(rest.von), last: joined(rest.last) };
  }
  const head = vonLast(splitOutsideBraces(parts[0]!, ' '));
  const first = parts.length > 2 ? parts.slice(2).join(', ') : parts[1]!;
  const name: BibtexName = {
    first: joined(splitOutsideBraces(first, ' ')),
    von: joined(head.von),
    last: joined(head.last),
  };
  if (parts.length > 2) name.jr = joined(splitOutsideBraces(parts[1]!, ' '));
  return name;
}
