import { rememberAuthorships } from '../model/authorship-index.ts';
import type { Corpus, Diagnostic, FileSummary, Paper, PaperRecord, SourceFormat } from '../model/types.ts';
import { collectAuthorsIndexed } from './collect-authors.ts';
import { binaryShare, detectFormat, parserFor } from './detect.ts';
import { diagnostic, noRecordsDiagnostic, recordsSkipped } from './diagnostics.ts';
import type { FormatParser } from './format.ts';
import { stripBom } from './lines.ts';
import { mergeDuplicatePapers } from './merge.ts';
import { PARSERS } from './registry.ts';
import { applyThesaurus, type ThesaurusRule, thesaurusKeys } from './thesaurus.ts';

/** A file's name (for messages and provenance) and its decoded text. */
export interface InputText {
  name: string;
  text: string;
  /** What decoding the file repaired (a cut gzip, bytes that are not UTF-8). */
  diagnostics?: Diagnostic[];
}

export interface IngestOptions {
  /** Force a format instead of detecting it. */
  format?: SourceFormat;
  parsers?: FormatParser[];
  /** Name rules applied before merging (merge spellings, split homonyms). */
  thesaurus?: ThesaurusRule[];
  /** Called after each file: (files done, files total, file name). */
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Called with every parsed record before the merge (the thesaurus applied). Work that would
   * rather not wait for the merge can start from them, at the risk that the merge changes them.
   * The records must not be changed.
   */
  onRecordsParsed?: (records: readonly PaperRecord[]) => void;
  /**
   * Called with the merged papers before the authors are collected: work that needs only the
   * papers (Node: the themes, on another thread) can start there. The papers must not be changed.
   */
  onPapersMerged?: (papers: readonly Paper[]) => void;
}

/** A file whose binary share exceeds this is reported as binary rather than parsed. */
const BINARY_THRESHOLD = 0.05;

export interface ParsedFile {
  summary: FileSummary;
  records: PaperRecord[];
  diagnostics: Diagnostic[];
}

function describeFormats(parsers: FormatParser[]): string {
  return parsers.map((parser) => parser.description).join(', ');
}

/** Detects the format of one text and parses it. Total: problems become diagnostics. */
export function parseInput(input: InputText, options: IngestOptions = {}): ParsedFile {
  const parsed = parseDecodedInput(input, options);
  // What decoding repaired matters for a file that was read; an unreadable one has its own error.
  const decoding = parsed.summary.format === 'unknown' ? [] : (input.diagnostics ?? []);
  if (decoding.length > 0) parsed.diagnostics = [...decoding, ...parsed.diagnostics];
  parsed.summary.diagnostics = parsed.diagnostics.length;
  parsed.summary.skipped = recordsSkipped(parsed.diagnostics);
  return parsed;
}

function parseDecodedInput(input: InputText, options: IngestOptions): ParsedFile {
  const parsers = options.parsers ?? PARSERS;
  const text = stripBom(input.text);
  const summary: FileSummary = {
    file: input.name,
    format: 'unknown',
    records: 0,
    diagnostics: 0,
    bytes: input.text.length,
  };
  const fail = (code: string, message: string): ParsedFile => {
    return { summary, records: [], diagnostics: [diagnostic('error', input.name, 1, code, message)] };
  };
  if (text.trim() === '')
    return fail('empty-file', 'file is empty; expected a paper listing or a bibliographic export');
  if (binaryShare(text) > BINARY_THRESHOLD) {
    return fail(
      'binary-file',
      'file looks binary (control bytes or invalid UTF-8); expected a text listing or export',
    );
  }
  const parser = options.format ? parserFor(options.format, parsers) : detectFormat(text, parsers)?.parser;
  if (!parser) {
    return fail('unknown-format', `matches no known format; expected one of: ${describeFormats(parsers)}`);
  }
  let result: ReturnType<FormatParser['parse']>;
  try {
    result = parser.parse(text, input.name);
  } catch (error) {
    // Parsers are total by contract; this guards the run against a parser bug on hostile input.
    const reason = error instanceof Error ? error.message : String(error);
    return fail('parser-crash', `the ${parser.description} parser failed (${reason}); file skipped`);
  }
  summary.format = parser.format;
  summary.records = result.records.length;
  const diagnostics =
    result.records.length === 0 && result.diagnostics.length === 0
      ? [noRecordsDiagnostic(input.name, parser.description)]
      : result.diagnostics;
  return { summary, records: result.records, diagnostics };
}

/** Builds a corpus from parsed files: merges duplicate papers and collects distinct authors. */
export function buildCorpus(
  parsed: ParsedFile[],
  thesaurus: ThesaurusRule[] = [],
  hooks: Pick<IngestOptions, 'onRecordsParsed' | 'onPapersMerged'> = {},
): Corpus {
  const records = parsed.flatMap((file) => file.records);
  applyThesaurus(records, thesaurus);
  hooks.onRecordsParsed?.(records);
  const { papers, merges } = mergeDuplicatePapers(records);
  hooks.onPapersMerged?.(papers);
  const { authors, authorOfOccurrence, authorMerges, possibleDuplicateAuthors } = collectAuthorsIndexed(
    papers,
    true,
    thesaurusKeys(thesaurus),
  );
  const corpus: Corpus = {
    papers,
    authors,
    diagnostics: parsed.flatMap((file) => file.diagnostics),
    files: parsed.map((file) => file.summary),
    merges,
  };
  if (authorMerges.length > 0) corpus.authorMerges = authorMerges;
  if (possibleDuplicateAuthors.length > 0) corpus.possibleDuplicateAuthors = possibleDuplicateAuthors;
  rememberAuthorships(corpus, authorOfOccurrence);
  return corpus;
}

/** The whole ingest for texts already in memory (the browser's dropped files, tests). */
export function ingestTexts(inputs: InputText[], options: IngestOptions = {}): Corpus {
  const parsed: ParsedFile[] = [];
  inputs.forEach((input, index) => {
    parsed.push(parseInput(input, options));
    options.onProgress?.(index + 1, inputs.length, input.name);
  });
  return buildCorpus(parsed, options.thesaurus, options);
}
