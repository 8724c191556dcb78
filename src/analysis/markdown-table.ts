/** Markdown pieces of the reports. */

/**
 * Text from the input made inert in Markdown and HTML: `<`, `>` and `&` become entities (no tag
 * survives), the characters of links, images, emphasis, code and tables are backslash-escaped (no
 * `[x](javascript:…)` survives), and line breaks become spaces (no new block starts).
 */
export function inert(text: string): string {
  return text
    .replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_[\]()!~|]/g, '\\$&')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A Markdown table; cells are made inert (see `inert`). */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number): string => (typeof value === 'number' ? String(value) : inert(value));
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

export const fixed = (value: number, digits = 3): string => value.toFixed(digits);
