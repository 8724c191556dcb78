/**
 * A CSV export read as a table of rows keyed by header column, with papaparse, for every CSV
 * reader (Scopus and the others). It keeps every row a careful reader could read: a row with more
 * fields than the header (a separator written unescaped inside one column, as Scopus does) is read
 * by position where its columns line up with the header, and the file gets one warning that says
 * how many rows were repaired. Rows that cannot be lined up are skipped, each with an error.
 */
import Papa from 'papaparse';
import type { Diagnostic } from '../../model/types.ts';
import { FileDiagnostics } from '../diagnostics.ts';
import { stripBom } from '../lines.ts';
import { lineLocator } from './format-helpers.ts';

/** A test of what a column's value looks like, so a shifted row can be lined up with the header. */
export type ColumnShape = (value: string) => boolean;

export interface CsvTableOptions {
  /** Names the format in messages ('Scopus CSV'). */
  formatName: string;
  /** Field separator; ',' unless given. */
  delimiter?: string;
  /** Whether a row is the header; rows before it (an export's preamble) are passed over. The first non-blank row unless given. */
  isHeader?: (fields: string[]) => boolean;
  /**
   * Shapes of columns by header name, on top of those `defaultColumnShapes` infers from the
   * names. Rows with extra fields are lined up where every shaped column fits.
   */
  columnShapes?: Record<string, ColumnShape>;
}

interface CsvRow {
  /** Cells by header name (trimmed header names; a missing cell is ''). */
  cells: Record<string, string>;
  /** 1-based line where the row starts. */
  line: number;
}

interface CsvTable {
  /** The header's column names, trimmed; undefined when the file has no header row. */
  header: string[] | undefined;
  rows: CsvRow[];
  diagnostics: Diagnostic[];
  /** Rows read after lining up extra fields (reported by one warning). */
  repaired: number;
  /** Rows that could not be read (each has an error). */
  skipped: number;
}

/** A column of this pattern, or empty ('' or the 'NA' of exports re-saved from R). */
export function emptyOr(pattern: RegExp): ColumnShape {
  return (value) => {
    const trimmed = value.trim();
    return trimmed === '' || trimmed === 'NA' || pattern.test(trimmed);
  };
}

/**
 * Column shapes that follow from common header names (year, DOI, link, counts, ids, dates, flags),
 * read with '_' and '.' as spaces ('publication_year', 'ids.pmid').
 */
function defaultColumnShapes(header: readonly string[]): Record<string, ColumnShape> {
  const shapes: Record<string, ColumnShape> = {};
  for (const name of header) {
    const lower = name.toLowerCase().replace(/[_.]+/g, ' ').trim();
    if (/^(?:year|publication year|pubyear|py)$/.test(lower)) shapes[name] = emptyOr(/^\d{4}$/);
    else if (/^doi$|^dois?\b|\bdoi$/.test(lower)) shapes[name] = emptyOr(/^(?:https?:\/\/\S*)?10\.\S+$/i);
    else if (/^(?:link|url)$|\burls?$/.test(lower))
      shapes[name] = emptyOr(/^https?:\/\/\S+(?:[\s;]+https?:\/\/\S+)*$/i);
    else if (/^(?:cited by|times cited|citation count|page count)$|\bcount$/.test(lower))
      shapes[name] = emptyOr(/^\d+$/);
    else if (/\b(?:pubmed id|pmid)$/.test(lower)) shapes[name] = emptyOr(/^(?:https?:\/\/\S+\/)?\d+$/);
    else if (/^(?:publication date|date published)$/.test(lower))
      shapes[name] = emptyOr(/^\d{4}(?:-\d\d){0,2}$/);
    else if (/^is\b/.test(lower)) shapes[name] = emptyOr(/^(?:true|false)$/i);
    else if (lower === 'eid') shapes[name] = emptyOr(/^2-s2\.0-\d+$/);
  }
  return shapes;
}

interface Alignment {
  /** Columns read from the left (index = header index). */
  left: number;
  /** Columns from this index on are read `extra` fields further right. */
  right: number;
}

/** Most shaped columns a lined-up row may leave out of shape (a value unlike the rest of its column). */
const MISFITS_ALLOWED = 1;

/**
 * Where a row with `extra` more fields than the header lines up. A break at column p means the
 * columns before p are where the header puts them and those after p are `extra` fields further
 * right. The breaks that leave the fewest shaped columns out of shape (at most MISFITS_ALLOWED)
 * are possible; the columns between the first and last possible break are unknown and left empty
 * (they are joined when the break is known exactly). Undefined when no break fits.
 */
function alignRow(
  values: readonly string[],
  headerLength: number,
  shapes: readonly (ColumnShape | undefined)[],
  delimiter: string,
): Alignment | undefined {
  const extra = values.length - headerLength;
  const misfit = (index: number, value: string): number => {
    const shape = shapes[index];
    return shape && !shape(value) ? 1 : 0;
  };
  // leftMisfits[p]: shaped columns before p that do not fit at their own position.
  const leftMisfits: number[] = [0];
  for (let index = 0; index < headerLength; index++) {
    leftMisfits.push(leftMisfits[index]! + misfit(index, values[index]!));
  }
  // rightMisfits[p]: shaped columns from p on that do not fit `extra` fields further right.
  const rightMisfits: number[] = new Array<number>(headerLength + 1).fill(0);
  for (let index = headerLength - 1; index >= 0; index--) {
    rightMisfits[index] = rightMisfits[index + 1]! + misfit(index, values[index + extra]!);
  }
  // Blank fields after a row whose columns all fit where they are: separators at the end of the row.
  if (leftMisfits[headerLength] === 0 && values.slice(headerLength).every((value) => value.trim() === '')) {
    return { left: headerLength, right: headerLength };
  }
  const misfits = (p: number): number =>
    leftMisfits[p]! + rightMisfits[p + 1]! + misfit(p, values.slice(p, p + extra + 1).join(delimiter));
  let fewest = MISFITS_ALLOWED + 1;
  let breaks: number[] = [];
  for (let p = 0; p < headerLength; p++) {
    const count = misfits(p);
    if (count > MISFITS_ALLOWED) continue;
    if (count < fewest) {
      fewest = count;
      breaks = [p];
    } else if (count === fewest) breaks.push(p);
  }
  if (breaks.length === 0) return undefined;
  // A separator inside running text leaves the text after it starting with a space ('Dept. X,
  // Hunan'); when exactly one possible break shows that, it is the break.
  const spaced = breaks.filter((p) =>
    values.slice(p + 1, p + extra + 1).every((value) => /^\s\S/.test(value)),
  );
  if (spaced.length === 1) return { left: spaced[0]!, right: spaced[0]! + 1 };
  return { left: breaks[0]!, right: breaks[breaks.length - 1]! + 1 };
}

function rowCells(
  header: readonly string[],
  values: readonly string[],
  alignment: Alignment | undefined,
  delimiter: string,
): Record<string, string> {
  const cells: Record<string, string> = {};
  const extra = values.length - header.length;
  header.forEach((column, index) => {
    if (!alignment || extra === 0 || index < alignment.left) cells[column] = values[index] ?? '';
    else if (index >= alignment.right) cells[column] = values[index + extra]!;
    else if (alignment.right - alignment.left === 1)
      cells[column] = values.slice(index, index + extra + 1).join(delimiter);
    else cells[column] = '';
  });
  return cells;
}

function columnRange(header: readonly string[], from: number, to: number): string {
  if (from > to) return '';
  return from === to ? `'${header[from]}'` : `'${header[from]}' to '${header[to]}'`;
}

/** Reads a CSV export into rows by header name; total: problems become diagnostics. */
export function readCsvTable(input: string, file: string, options: CsvTableOptions): CsvTable {
  const text = stripBom(input);
  const delimiter = options.delimiter ?? ',';
  const lineAt = lineLocator(text);
  const table: CsvTable = { header: undefined, rows: [], diagnostics: [], repaired: 0, skipped: 0 };
  const report = new FileDiagnostics(file, table.diagnostics);
  let shapes: (ColumnShape | undefined)[] = [];
  let rowStart = 0;
  let firstRepairLine = 0;
  let alignedFromLeft = Number.POSITIVE_INFINITY;
  const lostColumns = new Set<number>();
  const skip = (line: number, reason: string): void => {
    table.skipped++;
    report.error(line, 'malformed-row', `${options.formatName}: ${reason}; row skipped`);
  };
  try {
    Papa.parse<string[]>(text, {
      header: false,
      delimiter,
      skipEmptyLines: false,
      step: (result) => {
        const start = rowStart;
        rowStart = result.meta.cursor;
        const values = result.data;
        const quoteProblem = result.errors.find((error) => error.type === 'Quotes');
        // A blank line; a lone open quote (a file cut right after it) is not one.
        if (!quoteProblem && values.length === 1 && values[0]!.trim() === '') return;
        const line = lineAt(start);
        const header = table.header;
        if (!header) {
          if (options.isHeader && !options.isHeader(values)) return;
          table.header = values.map((value) => value.trim());
          const byName = { ...defaultColumnShapes(table.header), ...options.columnShapes };
          shapes = table.header.map((name) => byName[name]);
          return;
        }
        // A quote out of place can swallow the lines after it into one field: such a row is not guessed at.
        if (quoteProblem) return skip(line, quoteProblem.message);
        if (values.length < header.length) {
          return skip(line, `expected ${header.length} fields, found ${values.length}`);
        }
        let alignment: Alignment | undefined;
        if (values.length > header.length) {
          alignment = alignRow(values, header.length, shapes, delimiter);
          if (!alignment) {
            return skip(
              line,
              `expected ${header.length} fields, found ${values.length}, and no column where a separator could be misplaced leaves the other columns in shape`,
            );
          }
          if (alignment.left === header.length) {
            table.rows.push({ cells: rowCells(header, values, alignment, delimiter), line });
            return;
          }
          table.repaired++;
          if (firstRepairLine === 0) firstRepairLine = line;
          alignedFromLeft = Math.min(alignedFromLeft, alignment.left);
          if (alignment.right - alignment.left > 1) {
            for (let index = alignment.left; index < alignment.right; index++) lostColumns.add(index);
          }
        }
        table.rows.push({ cells: rowCells(header, values, alignment, delimiter), line });
      },
    });
  } catch (error) {
    report.error(1, 'malformed-file', `${options.formatName}: cannot read the file: ${String(error)}`);
  }
  if (table.repaired > 0 && table.header) {
    const header = table.header;
    const lost = [...lostColumns].sort((a, b) => a - b);
    const lined =
      alignedFromLeft > 0 ? ` (${columnRange(header, 0, alignedFromLeft - 1)} line up in all of them)` : '';
    report.warn(
      firstRepairLine,
      'ragged-rows',
      `${options.formatName}: ${table.repaired} ${table.repaired === 1 ? 'row has' : 'rows have'} more fields than the ${header.length}-column header (a separator inside a column); read by header position where the columns line up${lined}` +
        (lost.length > 0
          ? `; left empty where the misplaced separator could not be located: ${lost.map((index) => `'${header[index]}'`).join(', ')}`
          : ''),
    );
  }
  return table;
}
