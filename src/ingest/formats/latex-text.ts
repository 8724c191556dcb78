/**
 * LaTeX as BibTeX exports write it, to plain Unicode text in one pass: accents (`{\"o}`, `\'e`,
 * `\v{s}`), symbols (`{\ss}`, `\&`, `\textendash`), math (`$\alpha$` → α, `$_2$` → ₂), quotes
 * and dashes (` ``…'' `, `--`), font and case commands dropped around their text, `\url{…}` as its
 * address and `\href{url}{text}` as its text. Braces only group. `<` and `>` stay themselves.
 * A command it does not know is kept as written and named in `unknown`, so the caller can say so.
 */
import {
  LATEX_ACCENTS,
  LATEX_CONTROL_SYMBOLS,
  LATEX_DROPPED_WITH_ARGUMENT,
  LATEX_QUOTES,
  LATEX_SILENT,
  LATEX_SYMBOLS,
  LATEX_TRANSPARENT,
  scriptText,
} from './latex-symbols.ts';

interface LatexText {
  text: string;
  /** Commands kept as written because they have no known meaning (`\autocap`), in order met. */
  unknown: string[];
}

/** What makes a value need reading; single hyphens, apostrophes, `_` and `^` outside math do not. */
const SPECIAL = /[\\{}$~`]|--|''/;
/** Where text needs more than a copy, in text and in math. */
const SPECIAL_TEXT = /[\\{}$~`]|--|''/g;
const SPECIAL_MATH = /[\\{}$~`'_^-]/g;
/** Escaped characters (`\%`, `\&`), the only LaTeX in most abstracts. */
const ESCAPE = /\\([&%$#_])/g;
/** A value whose only LaTeX is such escapes. */
const ONLY_ESCAPES = /[{}$~`]|--|''|\\(?![&%$#_])/;

interface Context {
  unknown: string[];
  accented: boolean;
}

const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9;

/** The index of the `}` that closes the `{` at `open`, or the end of `source` when none does. */
function closingBrace(source: string, open: number): number {
  let depth = 0;
  for (let at = open; at < source.length; at++) {
    const code = source.charCodeAt(at);
    if (code === 92 /* \ */) at++;
    else if (code === 123 /* { */) depth++;
    else if (code === 125 /* } */ && --depth === 0) return at;
  }
  return source.length;
}

interface Argument {
  text: string;
  end: number;
}

/** A command's argument at `from`: a braced group, a control sequence or one character. */
function readArgument(source: string, from: number): Argument {
  let at = from;
  while (at < source.length && isSpace(source.charCodeAt(at))) at++;
  if (at >= source.length) return { text: '', end: at };
  const code = source.charCodeAt(at);
  if (code === 123) {
    const close = closingBrace(source, at);
    return { text: source.slice(at + 1, close), end: Math.min(close + 1, source.length) };
  }
  if (code === 92) {
    let end = at + 1;
    if (end < source.length && isLetter(source.charCodeAt(end))) {
      while (end < source.length && isLetter(source.charCodeAt(end))) end++;
    } else end = Math.min(end + 1, source.length);
    return { text: source.slice(at, end), end };
  }
  const point = source.codePointAt(at)!;
  const width = point > 0xffff ? 2 : 1;
  return { text: source.slice(at, at + width), end: at + width };
}

/** The closing `$` of math that opened before `from`, or the end of the text. */
function mathEnd(source: string, from: number): number {
  for (let at = from; at < source.length; at++) {
    const code = source.charCodeAt(at);
    if (code === 92) at++;
    else if (code === 36) return at;
  }
  return source.length;
}

function accent(mark: string, argument: string, context: Context): string {
  const base = convert(argument, context, false);
  if (base === '') return mark === '\u0303' ? '~' : mark === '\u0302' ? '^' : '';
  context.accented = true;
  const first = base.charAt(0) === 'ı' ? 'i' : base.charAt(0) === 'ȷ' ? 'j' : base.charAt(0);
  return first + mark + base.slice(1);
}

/** The text of the command starting with the backslash at `at`, and where it ends. */
function command(source: string, at: number, context: Context, math: boolean): Argument {
  let end = at + 1;
  if (end >= source.length) return { text: '', end };
  const first = source.charCodeAt(end);
  if (!isLetter(first)) {
    const symbol = source.charAt(end);
    const mark = LATEX_ACCENTS[symbol];
    if (mark !== undefined && !math) {
      const argument = readArgument(source, end + 1);
      return { text: accent(mark, argument.text, context), end: argument.end };
    }
    const text = LATEX_CONTROL_SYMBOLS[symbol];
    if (text !== undefined) return { text, end: end + 1 };
    context.unknown.push(`\\${symbol}`);
    return { text: `\\${symbol}`, end: end + 1 };
  }
  while (end < source.length && isLetter(source.charCodeAt(end))) end++;
  const name = source.slice(at + 1, end);
  // TeX drops the spaces after a control word.
  let after = end;
  while (after < source.length && isSpace(source.charCodeAt(after))) after++;
  const mark = Object.hasOwn(LATEX_ACCENTS, name) ? LATEX_ACCENTS[name] : undefined;
  if (mark !== undefined) {
    const argument = readArgument(source, after);
    return { text: accent(mark, argument.text, context), end: argument.end };
  }
  const symbol = Object.hasOwn(LATEX_SYMBOLS, name) ? LATEX_SYMBOLS[name] : undefined;
  if (symbol !== undefined) return { text: symbol, end: after };
  if (LATEX_TRANSPARENT.has(name) || LATEX_SILENT.has(name)) return { text: '', end: after };
  if (name === 'textsubscript' || name === 'textsuperscript') {
    const argument = readArgument(source, after);
    const text = convert(argument.text, context, math);
    return { text: scriptText(text, name === 'textsubscript' ? 'sub' : 'super'), end: argument.end };
  }
  if (LATEX_DROPPED_WITH_ARGUMENT.has(name)) return { text: '', end: readArgument(source, after).end };
  if (LATEX_QUOTES.has(name)) {
    const argument = readArgument(source, after);
    return { text: `“${convert(argument.text, context, math)}”`, end: argument.end };
  }
  if (name === 'url') {
    const argument = readArgument(source, after);
    return { text: argument.text, end: argument.end };
  }
  if (name === 'href') {
    const address = readArgument(source, after);
    const label = readArgument(source, address.end);
    return { text: convert(label.text, context, math), end: label.end };
  }
  if (name === 'frac') {
    const numerator = readArgument(source, after);
    const denominator = readArgument(source, numerator.end);
    const top = convert(numerator.text, context, true);
    const bottom = convert(denominator.text, context, true);
    return { text: `${top}/${bottom}`, end: denominator.end };
  }
  context.unknown.push(`\\${name}`);
  return { text: `\\${name}`, end };
}

function convert(source: string, context: Context, math: boolean): string {
  let out = '';
  let at = 0;
  const length = source.length;
  const special = math ? SPECIAL_MATH : SPECIAL_TEXT;
  while (at < length) {
    special.lastIndex = at;
    const found = special.exec(source);
    const next = found ? found.index : length;
    if (next > at) out += source.slice(at, next);
    if (next >= length) break;
    at = next;
    const code = source.charCodeAt(at);
    switch (code) {
      case 123: // {
      case 125: // }
        at++;
        break;
      case 92: {
        const result = command(source, at, context, math);
        out += result.text;
        at = result.end;
        break;
      }
      case 36: {
        // $…$ or $$…$$: math until the closing dollar.
        const display = source.charCodeAt(at + 1) === 36;
        const start = at + (display ? 2 : 1);
        const close = mathEnd(source, start);
        out += convert(source.slice(start, close), context, true);
        at = close + (display && source.charCodeAt(close + 1) === 36 ? 2 : 1);
        break;
      }
      case 126: // ~
        out += ' ';
        at++;
        break;
      case 45: // -
        if (!math && source.charCodeAt(at + 1) === 45) {
          const em = source.charCodeAt(at + 2) === 45;
          out += em ? '—' : '–';
          at += em ? 3 : 2;
        } else {
          out += '-';
          at++;
        }
        break;
      case 96: // `
        if (source.charCodeAt(at + 1) === 96) {
          out += '“';
          at += 2;
        } else {
          out += '‘';
          at++;
        }
        break;
      case 39: // '
        if (source.charCodeAt(at + 1) === 39) {
          out += '”';
          at += 2;
        } else {
          out += "'";
          at++;
        }
        break;
      default: {
        // _ and ^: scripts in math, themselves in text.
        if (!math) {
          out += source.charAt(at);
          at++;
          break;
        }
        const argument = readArgument(source, at + 1);
        const text = convert(argument.text, context, true);
        out += scriptText(text, code === 95 ? 'sub' : 'super');
        at = argument.end;
      }
    }
  }
  return out;
}

/** Bits of `valueShape`. */
export const SHAPE_LATEX = 1;
export const SHAPE_ESCAPES = 2;
export const SHAPE_NON_ASCII = 4;
/** Tabs, line breaks, two spaces in a row, or a space at either end. */
const SHAPE_SPACING = 8;
/** `<` or `&`: what HTML markup and entities start with. */
const SHAPE_MARKUP = 16;

/** A backslash that starts a command, not an escape such as `\%`. */
const COMMAND = /\\(?![&%$#_])/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * What reading a value takes: LaTeX (`{`, `$`, `~`, `` ` ``, `--`, `''`, a command), only escapes
 * (`\%`), non-ASCII characters, spacing to collapse, markup; 0 when the value is its own text.
 * Made of `includes`, which the engine runs far faster than a loop over the characters.
 */
export function valueShape(value: string, mayBeNonAscii = true): number {
  let shape = 0;
  if (
    value.includes('{') ||
    value.includes('}') ||
    value.includes('$') ||
    value.includes('~') ||
    value.includes('`') ||
    value.includes('--') ||
    value.includes("''")
  ) {
    shape |= SHAPE_LATEX;
  }
  if (value.includes('\\')) shape |= COMMAND.test(value) ? SHAPE_LATEX : SHAPE_ESCAPES;
  if (mayBeNonAscii && NON_ASCII.test(value)) shape |= SHAPE_NON_ASCII;
  const last = value.length - 1;
  if (
    value.charCodeAt(0) === 32 ||
    value.charCodeAt(last) === 32 ||
    value.includes('\n') ||
    value.includes('\r') ||
    value.includes('\t') ||
    value.includes('  ')
  ) {
    shape |= SHAPE_SPACING;
  }
  if (value.includes('<') || value.includes('&')) shape |= SHAPE_MARKUP;
  return shape;
}

/** A value whose only LaTeX is escapes (`valueShape` without SHAPE_LATEX) as text. */
export function unescapeLatex(value: string): string {
  return value.replace(ESCAPE, '$1');
}

/** LaTeX text as plain Unicode (NFC); whitespace is left as written. */
export function latexToUnicode(source: string): LatexText {
  if (!SPECIAL.test(source)) return { text: source, unknown: [] };
  if (!ONLY_ESCAPES.test(source)) return { text: source.replace(ESCAPE, '$1'), unknown: [] };
  const context: Context = { unknown: [], accented: false };
  const text = convert(source, context, false);
  return { text: context.accented ? text.normalize('NFC') : text, unknown: context.unknown };
}
