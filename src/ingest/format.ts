import type { ParseResult, SourceFormat } from '../model/types.ts';

/**
 * One module per format implements this. `sniff` looks at the start of the text (never the file
 * name) and returns a confidence in [0, 1]; `parse` is total: it returns records and diagnostics
 * and never throws on bad content.
 */
export interface FormatParser {
  format: SourceFormat;
  /** Human name for messages ("Hugging Face papers listing"). */
  description: string;
  sniff(head: string): number;
  parse(text: string, file: string): ParseResult;
}
