import { authorFromDisplayName, nameKey } from '../model/names.ts';
import { titleKey } from '../model/titles.ts';
import type { Diagnostic, PaperRecord } from '../model/types.ts';
import { FileDiagnostics } from './diagnostics.ts';
import { splitLines } from './lines.ts';

/**
 * A thesaurus file in VOSviewer's layout: a header line `label<TAB>replace by`, then one rule a
 * line. Here rules apply to author names: 'Wu, L.<TAB>Lei Wu' merges a spelling into one person; a
 * third column limits a rule to papers whose title contains that text, which splits a homonym
 * ('Lei Wu<TAB>Lei Wu (robotics)<TAB>9DTact'). An empty replacement removes the name.
 */
export interface ThesaurusRule {
  /** Matching key of the name to replace. */
  key: string;
  replacement: string;
  /** Folded title fragment the rule is limited to. */
  titleContains?: string;
  line: number;
}

/** The rule lines of a VOSviewer thesaurus file: 1-based line number and tab-separated columns. */
export function* thesaurusLines(text: string): Generator<{ line: number; columns: string[] }> {
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const columns = raw.split('\t');
    if (line === 1 && /^label$/i.test(columns[0]!.trim())) continue;
    yield { line, columns };
  }
}

export function parseThesaurus(
  text: string,
  file: string,
): { rules: ThesaurusRule[]; diagnostics: Diagnostic[] } {
  const rules: ThesaurusRule[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = new FileDiagnostics(file, diagnostics);
  for (const { line, columns } of thesaurusLines(text)) {
    if (columns.length < 2) {
      report.error(
        line,
        'thesaurus-line',
        "expected 'name<TAB>replacement[<TAB>title contains]'; line skipped",
      );
      continue;
    }
    const rule: ThesaurusRule = { key: nameKey(columns[0]!), replacement: columns[1]!.trim(), line };
    const scope = columns[2]?.trim();
    if (scope) rule.titleContains = titleKey(scope);
    rules.push(rule);
  }
  return { rules, diagnostics };
}

/** Applies the rules to the author lists of records (before merging), in place; returns how many names changed. */
export function applyThesaurus(records: PaperRecord[], rules: ThesaurusRule[]): number {
  if (rules.length === 0) return 0;
  const byKey = new Map<string, ThesaurusRule[]>();
  for (const rule of rules) byKey.set(rule.key, [...(byKey.get(rule.key) ?? []), rule]);
  let changed = 0;
  for (const record of records) {
    const title = titleKey(record.title);
    const authors = [];
    for (const author of record.authors) {
      const candidates = byKey.get(author.key) ?? [];
      const rule =
        candidates.find((candidate) => candidate.titleContains && title.includes(candidate.titleContains)) ??
        candidates.find((candidate) => !candidate.titleContains);
      if (!rule) {
        authors.push(author);
        continue;
      }
      changed++;
      if (rule.replacement === '') continue;
      const replaced = authorFromDisplayName(rule.replacement);
      if (replaced)
        authors.push({ ...author, ...replaced, kind: author.kind === 'group' ? 'group' : replaced.kind });
    }
    record.authors = authors;
    if (record.authorCount !== undefined && record.authorCount < authors.length)
      record.authorCount = authors.length;
  }
  return changed;
}

/**
 * The name keys a thesaurus names on either side of a rule. The user's rules decide for these
 * names: the automatic joining of name variants (author-identity.ts) leaves them alone, so a rule
 * mapping a name to itself ('V. Saab<TAB>V. Saab') keeps it apart from its variants.
 */
export function thesaurusKeys(rules: readonly ThesaurusRule[]): Set<string> {
  const keys = new Set<string>();
  for (const rule of rules) {
    keys.add(rule.key);
    if (rule.replacement) keys.add(nameKey(rule.replacement));
  }
  return keys;
}
