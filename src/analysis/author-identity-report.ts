/**
 * The report's account of author identity: name variants joined as one person (with the evidence
 * their papers share) and compatible names left apart for want of evidence, which the user can
 * join or keep apart with a thesaurus (ingest/thesaurus.ts).
 */
import type { AuthorMerge, Corpus, PossibleDuplicateAuthors } from '../model/types.ts';
import { inert } from './markdown-table.ts';

export interface AuthorIdentityReport {
  /** Name variants joined, most papers first (the first options.listedAuthorVariants). */
  authorMerges: AuthorMerge[];
  authorMergeCount: number;
  /** Compatible names not joined, most papers first (the first options.listedAuthorVariants). */
  possibleDuplicateAuthors: PossibleDuplicateAuthors[];
  possibleDuplicateAuthorCount: number;
}

export function authorIdentityReport(corpus: Corpus, listed: number): AuthorIdentityReport {
  const merges = corpus.authorMerges ?? [];
  const duplicates = corpus.possibleDuplicateAuthors ?? [];
  const total = (entry: PossibleDuplicateAuthors): number => entry.papers[0] + entry.papers[1];
  return {
    authorMerges: [...merges]
      .sort((x, y) => y.papers - x.papers || (x.into < y.into ? -1 : 1))
      .slice(0, listed),
    authorMergeCount: merges.length,
    possibleDuplicateAuthors: [...duplicates]
      .sort((x, y) => total(y) - total(x) || (x.names.join() < y.names.join() ? -1 : 1))
      .slice(0, listed),
    possibleDuplicateAuthorCount: duplicates.length,
  };
}

const listOf = (items: string[]): string => items.map(inert).join(', ');

/** The report.md sections, empty when nothing was joined or left apart. */
export function authorIdentityMarkdown(report: AuthorIdentityReport): string[] {
  const parts: string[] = [];
  const more = (count: number, shown: number): string[] =>
    count > shown
      ? ['', `${count} in all; the ${shown} with the most papers are listed here and in report.json.`]
      : [];
  if (report.authorMerges.length > 0) {
    parts.push(
      '',
      '## Name variants joined',
      '',
      'Names that differ only in how much of the given name is written, joined as one author because their papers share a co-author, an affiliation or two venues. To keep a name apart, add a thesaurus line mapping it to itself (`V. Saab<TAB>V. Saab`): names a thesaurus rule names are never joined automatically.',
      ...more(report.authorMergeCount, report.authorMerges.length),
      '',
    );
    for (const merge of report.authorMerges) {
      const { sharedCoauthors, sharedAffiliations, sharedVenues } = merge.evidence;
      const evidence = [
        sharedCoauthors.length > 0 ? `co-authors ${listOf(sharedCoauthors)}` : '',
        sharedAffiliations.length > 0 ? `affiliations ${listOf(sharedAffiliations)}` : '',
        sharedVenues.length > 0 ? `venues ${listOf(sharedVenues)}` : '',
      ].filter(Boolean);
      parts.push(
        `- **${inert(merge.names[0]!)}** (${merge.papers} papers): ${listOf(merge.names.slice(1))}; shared ${evidence.join('; ')}`,
      );
    }
  }
  if (report.possibleDuplicateAuthors.length > 0) {
    parts.push(
      '',
      '## Possible duplicate authors',
      '',
      'Names that could be one person (same family name, given names compatible initial by initial) but whose papers share no co-author, no affiliation and at most one venue: not joined. If they are one person, add a thesaurus line `short name<TAB>full name`.',
      ...more(report.possibleDuplicateAuthorCount, report.possibleDuplicateAuthors.length),
      '',
    );
    for (const entry of report.possibleDuplicateAuthors)
      parts.push(
        `- ${inert(entry.names[0])} (${entry.papers[0]} papers) and ${inert(entry.names[1])} (${entry.papers[1]} papers)`,
      );
  }
  return parts;
}
