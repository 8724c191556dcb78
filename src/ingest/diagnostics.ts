import type { Diagnostic, DiagnosticSeverity } from '../model/types.ts';

/** Longest excerpt of offending input quoted in a message, so one line stays one line. */
const EXCERPT_LENGTH = 60;

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

export function diagnostic(
  severity: DiagnosticSeverity,
  file: string,
  line: number,
  code: string,
  message: string,
): Diagnostic {
  return { severity, file, line, code, message };
}

/** Stray lines named per file: a file of another kind would otherwise get one warning per line. */
const STRAY_LINES_NAMED = 5;

/** One file's diagnostics, each added in one call. */
export class FileDiagnostics {
  private strayLines = 0;

  constructor(
    readonly file: string,
    readonly list: Diagnostic[] = [],
  ) {}

  error(line: number, code: string, message: string): void {
    this.list.push(diagnostic('error', this.file, line, code, message));
  }

  warn(line: number, code: string, message: string): void {
    this.list.push(diagnostic('warning', this.file, line, code, message));
  }

  /** Warns about a line outside every record; past the first few, such lines pass unnamed. */
  stray(line: number, message: string): void {
    if (this.strayLines++ < STRAY_LINES_NAMED) this.warn(line, 'unexpected-line', message);
  }
}

/** The one-line form users see: "file:line: error: message". */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message}`;
}

/**
 * Records a file lost, counted from its diagnostics: a reader that drops a record says so in one
 * diagnostic whose message ends in '; record skipped' (or row, entry, paper, work, item).
 */
const SKIPPED_RECORD = /; (?:record|row|entry|paper|work|item) skipped$/;

export function recordsSkipped(diagnostics: readonly Diagnostic[]): number {
  let count = 0;
  for (const d of diagnostics) if (d.severity !== 'info' && SKIPPED_RECORD.test(d.message)) count++;
  return count;
}

/** A file of a known format with text in it but no record and nothing said: never silent. */
export function noRecordsDiagnostic(file: string, format: string): Diagnostic {
  return diagnostic(
    'error',
    file,
    1,
    'no-records',
    `expected ${format} records, found none in a file that is not empty`,
  );
}
