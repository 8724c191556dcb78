import type { Diagnostic } from '../model/types.ts';
import { diagnostic } from './diagnostics.ts';
import { thesaurusLines } from './thesaurus.ts';

/**
 * A VOSviewer thesaurus file for terms and keywords: a header line `label<TAB>replace by`, then one
 * rule a line. 'machine-learning<TAB>machine learning' merges a spelling into another; an empty
 * replacement removes the keyword from the maps. Rules are keyed as written; the keyword map
 * matches them folded (maps/sources.ts).
 */
export function parseKeywordThesaurus(
  text: string,
  file: string,
): { rules: Record<string, string>; diagnostics: Diagnostic[] } {
  const rules: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const { line, columns } of thesaurusLines(text)) {
    const label = columns[0]!.trim();
    if (columns.length < 2 || !label) {
      diagnostics.push(
        diagnostic('error', file, line, 'thesaurus-line', "expected 'label<TAB>replace by'; line skipped"),
      );
      continue;
    }
    rules[label] = columns[1]!.trim();
  }
  return { rules, diagnostics };
}
