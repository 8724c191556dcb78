/**
 * Records from a CSV export with a header of column names (Scopus, Lens, the OpenAlex web export,
 * Dimensions), on top of the shared table reader (csv-table.ts): the header check, a warning per
 * row without a title, and cell accessors for the readers. Nothing here imports from `node:`.
 */
import Papa from 'papaparse';
import type { Diagnostic, PaperRecord, ParseResult } from '../../model/types.ts';
import { FileDiagnostics } from '../diagnostics.ts';
import { stripBom } from '../lines.ts';
import { type CsvTableOptions, readCsvTable } from './csv-table.ts';

export type CsvCells = Record<string, string>;

interface CsvRecordsOptions extends CsvTableOptions {
  /** The title column's names; the header must have one of them, or the file gets one error. */
  titleColumns: string[];
}

/**
 * The records of a CSV table: `toRecord` maps a row's cells, or returns undefined for a row without
 * a title (a warning naming its line). Diagnostics come in line order.
 */
export function csvRecords(
  input: string,
  file: string,
  options: CsvRecordsOptions,
  toRecord: (cells: CsvCells, line: number) => PaperRecord | undefined,
): ParseResult {
  const table = readCsvTable(input, file, options);
  const diagnostics: Diagnostic[] = [...table.diagnostics];
  const report = new FileDiagnostics(file, diagnostics);
  const { titleColumns, formatName } = options;
  if (table.header && !titleColumns.some((column) => table.header!.includes(column))) {
    const names = titleColumns.map((column) => `'${column}'`).join(' or ');
    report.error(1, 'unexpected-header', `${formatName}: expected a ${names} column in the header row`);
  }
  const records: PaperRecord[] = [];
  for (const { cells, line } of table.rows) {
    const record = toRecord(cells, line);
    if (record) records.push(record);
    else report.warn(line, 'missing-title', `${formatName}: expected a title, found none; row skipped`);
  }
  diagnostics.sort((a, b) => a.line - b.line);
  return { records, diagnostics };
}

/** A trimmed cell, undefined when blank or a missing-value marker ('NA', 'null', 'nan'). */
export function csvCell(cells: CsvCells, column: string): string | undefined {
  const value = cells[column]?.trim();
  if (!value || /^(?:NA|N\/A|null|NaN|None)$/i.test(value)) return undefined;
  return value;
}

/** The items of a cell holding a list ('a; b; c', 'a|b|c'), trimmed, blanks left out. */
export function csvList(cells: CsvCells, column: string, separator: string | RegExp): string[] {
  const value = csvCell(cells, column);
  if (!value) return [];
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The column names of a CSV head's header row (the first that `isHeader` accepts), for sniffers. */
export function csvHeaderColumns(head: string, isHeader?: (cells: string[]) => boolean): Set<string> {
  try {
    const parsed = Papa.parse<string[]>(stripBom(head).slice(0, 16 * 1024), {
      header: false,
      delimiter: ',',
      preview: 3,
    });
    for (const row of parsed.data) {
      if (row.every((cell) => cell.trim() === '')) continue;
      if (isHeader && !isHeader(row)) continue;
      return new Set(row.map((column) => column.trim()));
    }
  } catch {
    // A head papaparse cannot read has no columns.
  }
  return new Set();
}
