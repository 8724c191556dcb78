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

/** The one-line form users see: "file:line: error: message". */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity}: ${d.message}`;
}
