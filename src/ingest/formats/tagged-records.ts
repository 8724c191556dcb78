/**
 * Record bookkeeping shared by the tagged-field exports (RIS, Web of Science): records of
 * two-letter tags, each with its values in order, opened by one tag and closed by another. Each
 * format decides which lines open, continue and close a record; this module keeps the records and
 * turns them into a ParseResult. Nothing here imports from `node:`.
 */
import type { Diagnostic, PaperRecord, ParseResult } from '../../model/types.ts';
import { diagnostic } from '../diagnostics.ts';

/** One record as read: the line it opens on and each tag's values, in order. */
export interface TaggedRecord {
  line: number;
  fields: Map<string, string[]>;
}

export class TaggedRecordReader {
  /** Records read so far, closed or cut short by the next opening tag. */
  readonly records: TaggedRecord[] = [];
  current: TaggedRecord | undefined;
  /** The tag a continuation line adds to. */
  lastTag: string | undefined;

  constructor(
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Adds a warning about `line` of the file being read. */
  warn(line: number, code: string, message: string): void {
    this.diagnostics.push(diagnostic('warning', this.file, line, code, message));
  }

  /** Adds an error about `line` of the file being read. */
  error(line: number, code: string, message: string): void {
    this.diagnostics.push(diagnostic('error', this.file, line, code, message));
  }

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

export interface TaggedResultOptions {
  /** The input, to tell an empty file from one without records. */
  input: string;
  file: string;
  toRecord: (raw: TaggedRecord) => PaperRecord | undefined;
  /** Warning for a record `toRecord` drops. */
  missingTitle: string;
  /** Error for non-blank input with neither records nor diagnostics. */
  noRecords: string;
}

/** Maps the records read to PaperRecords; a dropped record and a file without any get a diagnostic. */
export function taggedResult(
  raws: TaggedRecord[],
  diagnostics: Diagnostic[],
  options: TaggedResultOptions,
): ParseResult {
  const { input, file } = options;
  const records: PaperRecord[] = [];
  for (const raw of raws) {
    const record = options.toRecord(raw);
    if (record) records.push(record);
    else diagnostics.push(diagnostic('warning', file, raw.line, 'missing-title', options.missingTitle));
  }
  if (raws.length === 0 && diagnostics.length === 0 && input.trim() !== '') {
    diagnostics.push(diagnostic('error', file, 1, 'no-records', options.noRecords));
  }
  return { records, diagnostics };
}
