/** Markdown pieces of the reports. */

/** A Markdown table; pipes and newlines inside cells are escaped. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number): string => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

export const fixed = (value: number, digits = 3): string => value.toFixed(digits);
