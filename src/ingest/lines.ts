/** Line handling shared by the text parsers. */

/** Strips a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits on LF, CRLF or a lone CR, so files from any platform read the same. */
export function splitLines(text: string): string[] {
  const content = stripBom(text);
  return content.includes('\r') ? content.split(/\r\n|\r|\n/) : content.split('\n');
}

const NON_BLANK = /\S/;
const TRAILING_SPACE = /\s$/;

export interface NumberedLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/**
 * Calls `visit` with each non-blank line, trimmed at the right, and its 1-based number plus
 * `lineOffset` (the lines before this text, when it is a piece of a file). Returns the number of
 * lines, blank ones included. Character-code fast paths first (this runs once per line of every
 * page): regular expressions only for lines that start or end in white space or in a character
 * beyond ASCII, and a line without trailing space is passed as it is, not copied.
 */
export function forEachNonBlankLine(
  text: string,
  visit: (content: string, line: number) => void,
  lineOffset = 0,
): number {
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.length === 0 || (raw.charCodeAt(0) <= 32 && !NON_BLANK.test(raw))) continue;
    const last = raw.charCodeAt(raw.length - 1);
    const untrimmed = last > 32 && (last < 127 || !TRAILING_SPACE.test(raw.slice(-1)));
    visit(untrimmed ? raw : raw.trimEnd(), lineOffset + index + 1);
  }
  return lines.length;
}

/** The non-blank lines with their 1-based numbers, trimmed at the right. */
export function nonBlankLines(text: string): NumberedLine[] {
  const result: NumberedLine[] = [];
  forEachNonBlankLine(text, (content, line) => result.push({ line, text: content }));
  return result;
}

/** The first `maxLines` non-blank lines of a head, each cut to `maxLength` characters (sniffers stay linear). */
export function sniffLines(head: string, maxLines = 200, maxLength = 2000): string[] {
  const result: string[] = [];
  for (const line of splitLines(head.slice(0, 256 * 1024))) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    result.push(trimmed.slice(0, maxLength));
    if (result.length >= maxLines) break;
  }
  return result;
}
