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

/** The non-blank lines with their 1-based numbers, trimmed at the right. */
export function nonBlankLines(text: string): NumberedLine[] {
  const lines = splitLines(text);
  const result: NumberedLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (!NON_BLANK.test(raw)) continue;
    // Most lines have no trailing space: keep the string as it is instead of copying it.
    const text = TRAILING_SPACE.test(raw) ? raw.trimEnd() : raw;
    result.push({ line: index + 1, text });
  }
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
