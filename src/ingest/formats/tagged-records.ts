/**
 * Record bookkeeping shared by the tagged-field exports: RIS and Web of Science records of
 * two-letter tags, each with its values in order, opened by one tag and closed by another (each
 * format decides which lines open, continue and close a record; this module keeps the records), and
 * the records of those and of PubMed turned into a ParseResult. Nothing here imports from `node:`.
 */
import type { Diagnostic, PaperRecord, ParseResult } from '../../model/types.ts';
import { diagnostic, FileDiagnostics } from '../diagnostics.ts';

/** One record as read: the line it opens on and each tag's values, in order. */
export interface TaggedRecord {
  line: number;
  fields: Map<string, string[]>;
}

/** Reads records and adds the diagnostics about the file being read (`warn`, `error`). */
export class TaggedRecordReader extends FileDiagnostics {
  /** Records read so far, closed or cut short by the next opening tag. */
  readonly records: TaggedRecord[] = [];
  current: TaggedRecord | undefined;
  /** The tag a continuation line adds to. */
  lastTag: string | undefined;

  /**
   * Opens a record at `line`. A record still open is kept as read, with `missingEnd` as a
   * 'missing-er' warning at its first line.
   */
  open(line: number, tag: string, value: string, missingEnd: string): void {
    if (this.current) {
      this.warn(this.current.line, 'missing-er', missingEnd);
      this.records.push(this.current);
    }
    this.current = { line, fields: new Map([[tag, [value]]]) };
    this.lastTag = tag;
  }

  /** Closes the open record; false when there was none. */
  close(): boolean {
    const open = this.current !== undefined;
    if (this.current) this.records.push(this.current);
    this.current = undefined;
    this.lastTag = undefined;
    return open;
  }

  /** Adds a value to a tag of the open record (a repeated tag gets one more value). */
  add(tag: string, value: string): void {
    if (!this.current) return;
    const values = this.current.fields.get(tag);
    if (values) values.push(value);
    else this.current.fields.set(tag, [value]);
    this.lastTag = tag;
  }
}

interface TaggedResultOptions<Raw> {
  /** The input, to tell an empty file from one without records. */
  input: string;
  file: string;
  toRecord: (raw: Raw) => PaperRecord | undefined;
  /** Warning for a record `toRecord` drops. */
  missingTitle: string;
  /** Error for non-blank input with neither records nor diagnostics. */
  noRecords: string;
}

/** Removes the diagnostics about lines `from` up to (not including) `to`. */
export function dropDiagnostics(diagnostics: Diagnostic[], from: number, to: number): void {
  for (let at = diagnostics.length - 1; at >= 0; at--) {
    const line = diagnostics[at]!.line;
    if (line >= from && line < to) diagnostics.splice(at, 1);
  }
}

/**
 * Maps the records read (in file order) to PaperRecords; a dropped record and a file without any get
 * a diagnostic. A dropped record is one diagnostic: what was odd inside it is part of it. Diagnostics
 * come in line order.
 */
export function taggedResult<Raw extends { line: number }>(
  raws: Raw[],
  diagnostics: Diagnostic[],
  options: TaggedResultOptions<Raw>,
): ParseResult {
  const { input, file } = options;
  const records: PaperRecord[] = [];
  raws.forEach((raw, at) => {
    const record = options.toRecord(raw);
    if (record) {
      records.push(record);
      return;
    }
    dropDiagnostics(diagnostics, raw.line, raws[at + 1]?.line ?? Number.POSITIVE_INFINITY);
    diagnostics.push(diagnostic('warning', file, raw.line, 'missing-title', options.missingTitle));
  });
  if (raws.length === 0 && diagnostics.length === 0 && input.trim() !== '') {
    diagnostics.push(diagnostic('error', file, 1, 'no-records', options.noRecords));
  }
  diagnostics.sort((a, b) => a.line - b.line);
  return { records, diagnostics };
}
