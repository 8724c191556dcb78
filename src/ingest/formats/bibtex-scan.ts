/**
 * The BibTeX tokenizer: one pass over the text that cuts it into entries and their fields, with
 * brace depth counting, `@string` macros and `#` concatenation. Values stay LaTeX (latex-text.ts
 * turns them into text). `@comment` and `@preamble` are skipped, JabRef's groups included.
 *
 * Tolerance: a key may contain spaces (Scopus writes `@ARTICLE{Carmone Jr.1997538,`). An entry
 * must end before the next line that starts an entry (`@type{` at the start of a line): one that
 * does not is reported with its own line and skipped, and reading goes on at that line, so an
 * unclosed brace never swallows the entries after it. After any other error in an entry, reading
 * goes on at the next `@type{`, as BibTeX does. `%` lines between fields are comments.
 */

export interface BibtexEntry {
  /** Lower case: 'article'. */
  type: string;
  /** As written, trimmed; '' when the entry has none. */
  key: string;
  /** Offset of the entry's `@`. */
  offset: number;
  /**
   * Lower-case field names to their LaTeX values, macros expanded; the first of a repeated field.
   * A plain object (fast to build): read only names that Object.prototype does not have.
   */
  fields: Record<string, string>;
}

export interface BibtexProblem {
  /** Offset of the `@` of the entry the problem is in. */
  offset: number;
  /** The entry as `@type{key}` (`@type` before its key is read). */
  entry: string;
  severity: 'error' | 'warning';
  code: 'malformed-entry' | 'truncated' | 'undefined-macro' | 'key-with-space';
  message: string;
}

interface BibtexScan {
  entries: BibtexEntry[];
  problems: BibtexProblem[];
}

/** BibTeX's predefined month macros. */
const MONTH_MACROS: Readonly<Record<string, string>> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

/** Blocks that hold no publication. */
const NOT_RECORDS = new Set(['string', 'comment', 'preamble']);

/** `@type{` or `@type(`, matched where an `@` is. */
const ENTRY_OPENING = /@[ \t]*[A-Za-z]+[ \t]*[{(]/y;

/** Whether the `@` at `at` starts an entry at the start of a line (after spaces or tabs). */
function startsLineEntry(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && (text.charCodeAt(before) === 32 || text.charCodeAt(before) === 9)) before--;
  const code = text.charCodeAt(before);
  if (before >= 0 && code !== 10 && code !== 13) return false;
  ENTRY_OPENING.lastIndex = at;
  return ENTRY_OPENING.test(text);
}

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9;
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Characters of a field name, a macro name or a type. */
const isNameChar = (code: number): boolean =>
  code > 32 &&
  code !== 123 && // {
  code !== 125 && // }
  code !== 40 && // (
  code !== 41 && // )
  code !== 44 && // ,
  code !== 61 && // =
  code !== 34 && // "
  code !== 35 && // #
  code !== 37; // %

class EntryError extends Error {}

const BRACE_OR_ESCAPE = /[{}\\]/g;
const NON_SPACE = /\S/g;
const LINE_END = /[\n\r]/g;

function describe(text: string, at: number, limit: number): string {
  if (at >= text.length) return 'the end of the file';
  if (at >= limit) return 'the next entry';
  const found = text.slice(at, Math.min(limit, at + 20)).split(/[\r\n]/)[0]!;
  return `'${found}'`;
}

/** Reads one BibTeX file; never throws. */
export function scanBibtex(text: string): BibtexScan {
  const entries: BibtexEntry[] = [];
  const problems: BibtexProblem[] = [];
  // No prototype: a macro or field named `constructor` is only a name.
  const strings: Record<string, string> = Object.assign(Object.create(null), MONTH_MACROS);
  const length = text.length;
  let fence = -1;

  /** The first line-start entry after `from`, or the end of the text (`from` only grows). */
  const fenceAfter = (from: number): number => {
    if (fence > from) return fence;
    let at = text.indexOf('@', from);
    while (at >= 0 && !startsLineEntry(text, at)) at = text.indexOf('@', at + 1);
    fence = at >= 0 ? at : length;
    return fence;
  };

  let at = 0;
  while (at < length) {
    const start = text.indexOf('@', at);
    if (start < 0) break;
    let cursor = start + 1;
    while (cursor < length && (text.charCodeAt(cursor) === 32 || text.charCodeAt(cursor) === 9)) cursor++;
    const typeStart = cursor;
    while (cursor < length && isLetter(text.charCodeAt(cursor))) cursor++;
    const type = text.slice(typeStart, cursor).toLowerCase();
    while (cursor < length && (text.charCodeAt(cursor) === 32 || text.charCodeAt(cursor) === 9)) cursor++;
    const open = text.charCodeAt(cursor);
    if (type === '' || (open !== 123 && open !== 40)) {
      // `@type` or a lone `@` with nothing after it: the file was cut at an entry's start.
      const lineStart = start === 0 || isSpace(text.charCodeAt(start - 1));
      NON_SPACE.lastIndex = cursor;
      if (lineStart && !NON_SPACE.test(text)) {
        problems.push({
          offset: start,
          entry: `@${type}`,
          severity: 'error',
          code: 'truncated',
          message: `expected '{' opening the entry, found the end of the file; entry skipped`,
        });
      }
      at = start + 1;
      continue;
    }
    const limit = fenceAfter(cursor);
    const close = open === 123 ? 125 : 41;
    let label = `@${type}`;
    let reader: EntryReader | undefined;
    try {
      if (type === 'comment' || type === 'preamble') {
        at = skipGroup(text, cursor, limit, close);
        if (at < 0)
          throw new EntryError(
            `expected '${String.fromCharCode(close)}' closing it, found ${describe(text, limit, limit)}`,
          );
        continue;
      }
      reader = new EntryReader(text, cursor + 1, limit, close, strings, start, problems);
      reader.label = label;
      if (type === 'string') {
        reader.readFields((name, value) => {
          strings[name.toLowerCase()] = value;
        });
      } else {
        const key = reader.readKey();
        label = `@${type}{${key}}`;
        reader.label = label;
        const fields: Record<string, string> = {};
        reader.readFields((name, value) => {
          const field = name.toLowerCase();
          if (!Object.hasOwn(fields, field)) fields[field] = value;
        });
        if (/\s/.test(key)) {
          problems.push({
            offset: start,
            entry: label,
            severity: 'warning',
            code: 'key-with-space',
            message: 'the key contains a space; read up to its comma',
          });
        }
        entries.push({ type, key, offset: start, fields });
      }
      at = reader.position;
    } catch (error) {
      const failedAt = reader ? reader.position : limit;
      const truncated = failedAt >= length;
      problems.push({
        offset: start,
        entry: label,
        severity: 'error',
        code: truncated ? 'truncated' : 'malformed-entry',
        // '; entry skipped' counts a lost record (recordsSkipped); @string, @comment and @preamble are none.
        message: `${error instanceof Error ? error.message : String(error)}; ${NOT_RECORDS.has(type) ? '' : 'entry '}skipped`,
      });
      // As BibTeX does: read on from the next entry after the point of the error.
      at = nextEntryStart(text, failedAt, limit);
    }
  }
  return { entries, problems };
}

/** The first `@type{` at or after `from` and before `limit`, else `limit`. */
function nextEntryStart(text: string, from: number, limit: number): number {
  for (let at = text.indexOf('@', from); at >= 0 && at < limit; at = text.indexOf('@', at + 1)) {
    ENTRY_OPENING.lastIndex = at;
    if (ENTRY_OPENING.test(text)) return at;
  }
  return limit;
}

/** The offset after the group opened at `open` (brace-balanced for `{`), or -1 when it is still open at `limit`. */
function skipGroup(text: string, open: number, limit: number, close: number): number {
  let depth = 0;
  for (let at = open; at < limit; at++) {
    const code = text.charCodeAt(at);
    if (code === 123) depth++;
    else if (code === 125) depth--;
    if (close === 41 && code === 41 && depth === 0) return at + 1;
    if (depth === 0 && close === 125) return at + 1;
  }
  return -1;
}

/** Reads the key and the `name = value` list of one entry, between its delimiters. */
class EntryReader {
  position: number;
  /** `@type{key}` once the key is read, for problems found in the fields. */
  label = '';

  constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
    private readonly close: number,
    private readonly strings: Record<string, string>,
    private readonly entryOffset: number,
    private readonly problems: BibtexProblem[],
  ) {
    this.position = start;
  }

  private skipSpace(): void {
    const { text, limit } = this;
    while (this.position < limit && isSpace(text.charCodeAt(this.position))) this.position++;
  }

  private fail(expected: string): never {
    throw new EntryError(`expected ${expected}, found ${describe(this.text, this.position, this.limit)}`);
  }

  /** The key up to its comma (it may contain spaces), or '' when the entry starts with a field. */
  readKey(): string {
    const { text, limit, close } = this;
    const start = this.position;
    let at = start;
    while (at < limit) {
      const code = text.charCodeAt(at);
      if (code === 44 || code === close || code === 61 || code === 123 || code === 125 || code === 34) break;
      at++;
    }
    if (at >= limit) {
      this.position = at;
      this.fail(`',' after the key`);
    }
    const code = text.charCodeAt(at);
    if (code === 61) {
      // `@article{title = …`: no key; the text read is the first field's name.
      return '';
    }
    if (code !== 44 && code !== close) {
      this.position = at;
      this.fail(`',' after the key`);
    }
    this.position = code === 44 ? at + 1 : at;
    return text.slice(start, at).trim();
  }

  /** Calls `field` for each `name = value` until the closing delimiter. */
  readFields(field: (name: string, value: string) => void): void {
    const { text, limit } = this;
    for (;;) {
      this.skipSpace();
      // Commas, and `%` comment lines between fields (biber reads them; BibTeX exports have them).
      for (let code = text.charCodeAt(this.position); code === 44 || code === 37; ) {
        if (code === 44) this.position++;
        else {
          LINE_END.lastIndex = this.position;
          const end = LINE_END.exec(text);
          this.position = !end || end.index > limit ? limit : end.index + 1;
        }
        this.skipSpace();
        code = this.position < limit ? text.charCodeAt(this.position) : -1;
      }
      if (this.position >= limit) this.fail(`'${String.fromCharCode(this.close)}' closing the entry`);
      if (text.charCodeAt(this.position) === this.close) {
        this.position++;
        return;
      }
      const nameStart = this.position;
      while (this.position < limit && isNameChar(text.charCodeAt(this.position))) this.position++;
      const name = text.slice(nameStart, this.position);
      if (name === '') this.fail('a field name');
      this.skipSpace();
      if (text.charCodeAt(this.position) !== 61) this.fail(`'=' after the field name '${name}'`);
      this.position++;
      const value = this.readValue();
      field(name, value);
      this.skipSpace();
      const after = text.charCodeAt(this.position);
      if (this.position < limit && after !== 44 && after !== this.close) {
        this.fail(`',' or '${String.fromCharCode(this.close)}' after the field '${name}'`);
      }
    }
  }

  /** One value: parts joined by `#`, each braced, quoted, a number or a macro name. */
  private readValue(): string {
    let value = '';
    for (;;) {
      this.skipSpace();
      value += this.readPart();
      this.skipSpace();
      if (this.text.charCodeAt(this.position) !== 35) return value;
      this.position++;
    }
  }

  private readPart(): string {
    const { text, limit } = this;
    const code = text.charCodeAt(this.position);
    if (this.position >= limit) this.fail('a value');
    if (code === 123) {
      let depth = 0;
      BRACE_OR_ESCAPE.lastIndex = this.position;
      for (
        let found = BRACE_OR_ESCAPE.exec(text);
        found && found.index < limit;
        found = BRACE_OR_ESCAPE.exec(text)
      ) {
        const char = text.charCodeAt(found.index);
        if (char === 92) BRACE_OR_ESCAPE.lastIndex = found.index + 2;
        else if (char === 123) depth++;
        else if (--depth === 0) {
          const part = text.slice(this.position + 1, found.index);
          this.position = found.index + 1;
          return part;
        }
      }
      this.position = limit;
      this.fail(`'}' closing the value opened with '{'`);
    }
    if (code === 34) {
      let depth = 0;
      for (let at = this.position + 1; at < limit; at++) {
        const char = text.charCodeAt(at);
        if (char === 92) at++;
        else if (char === 123) depth++;
        else if (char === 125) depth--;
        else if (char === 34 && depth <= 0) {
          const part = text.slice(this.position + 1, at);
          this.position = at + 1;
          return part;
        }
      }
      this.position = limit;
      this.fail(`'"' closing the value opened with '"'`);
    }
    const start = this.position;
    while (this.position < limit && isNameChar(text.charCodeAt(this.position))) this.position++;
    const word = text.slice(start, this.position);
    if (word === '') this.fail('a value');
    if (/^\d+$/.test(word)) return word;
    const macro = this.strings[word.toLowerCase()];
    if (macro !== undefined) return macro;
    this.problems.push({
      offset: this.entryOffset,
      entry: this.label,
      severity: 'warning',
      code: 'undefined-macro',
      message: `the @string macro '${word}' is not defined; the field keeps its name`,
    });
    return word;
  }
}
