/**
 * What the databases write into their BibTeX exports beyond BibTeX's own fields: Web of Science
 * `Times-Cited` and `Keywords-Plus` (its author keywords are in `Keywords`); Scopus `note = {Cited
 * by: N; …}` and `author_keywords`, beside which its `keywords` are the index keywords. Nothing
 * here imports from `node:`.
 */
import type { PaperRecord } from '../../model/types.ts';
import { countFromText, uniqueNonEmpty } from './format-helpers.ts';

const SCOPUS_CITED_BY = /\bCited by:\s*(\d+)/i;

/**
 * Sets the record's global citations and index keywords (and, for Scopus, its author keywords)
 * from an entry's fields (lower-case names); `convert` turns a field's LaTeX into text.
 */
export function addDatabaseFields(
  record: PaperRecord,
  fields: Readonly<Record<string, string>>,
  convert: (value: string) => string,
): void {
  const list = (value: string | undefined): string[] =>
    value === undefined ? [] : uniqueNonEmpty(value.split(';').map(convert));
  const citations =
    countFromText(fields['times-cited']?.replace(/[{}]/g, '')) ??
    (fields.note === undefined ? undefined : countFromText(SCOPUS_CITED_BY.exec(fields.note)?.[1]));
  if (citations !== undefined) record.globalCitations = citations;
  const indexKeywords = list(fields['keywords-plus']);
  if (fields.author_keywords !== undefined) {
    const authorKeywords = list(fields.author_keywords);
    if (authorKeywords.length > 0) record.keywords = authorKeywords;
    else delete record.keywords;
    indexKeywords.push(...list(fields.keywords));
  }
  if (indexKeywords.length > 0) record.indexKeywords = uniqueNonEmpty(indexKeywords);
}
