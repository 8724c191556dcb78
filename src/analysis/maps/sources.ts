/**
 * The incidences the maps are counted from, read from the corpus and the citation layer: papers
 * and the works their reference lists cite (co-citation, and transposed, bibliographic coupling),
 * papers and their keywords, papers and the countries and institutions of their authors.
 */
import { foldText } from '../../model/names.ts';
import type { Corpus, Paper } from '../../model/types.ts';
import { bigFloat64, bigUint32 } from '../../util/big-arrays.ts';
import { type CompactCitations, ORIGIN_REFERENCE_LIST } from '../citations.ts';
import type { KeywordSource } from '../options.ts';
import { terms } from '../text-tokens.ts';
import { type Incidence, incidenceFromRows } from './incidence.ts';

/**
 * Per paper, the nodes of the citation layer its reference list cites (corpus papers 0..P-1 and
 * external works P..): mentions mined from abstracts are left out, as no database counts them.
 */
export function citedWorksIncidence(citations: CompactCitations): Incidence {
  const { graph, origin, paperCount } = citations;
  const offsets = bigFloat64(paperCount + 1);
  let listed = 0;
  for (let arc = 0; arc < origin.length; arc++) if (origin[arc] === ORIGIN_REFERENCE_LIST) listed++;
  const items = bigUint32(listed);
  let write = 0;
  for (let p = 0; p < paperCount; p++) {
    offsets[p] = write;
    for (let arc = graph.offsets[p]!, end = graph.offsets[p + 1]!; arc < end; arc++)
      if (origin[arc] === ORIGIN_REFERENCE_LIST) items[write++] = graph.targets[arc]!;
  }
  offsets[paperCount] = write;
  return { containerCount: paperCount, itemCount: graph.nodeCount, offsets, items };
}

/** Items met by name (keywords, countries, institutions): their labels, numbered in the order met. */
export interface NamedIncidence {
  incidence: Incidence;
  labels: string[];
}

/**
 * Rows of names, one row per paper (`namesOf` visits a paper's names), numbered by folded name; a
 * name's label is its first spelling. Each distinct spelling is folded once: at a million papers the
 * twenty million cited authors and sources are mostly repeats, or empty.
 */
function namedIncidence(
  papers: readonly Paper[],
  namesOf: (paper: Paper, visit: (name: string | undefined) => void) => void,
): NamedIncidence {
  const numberOfKey = new Map<string, number>();
  /** Spelling → its number, or -1 when it folds to nothing. */
  const numberOfName = new Map<string, number>();
  const labels: string[] = [];
  let row: number[] = [];
  const visit = (name: string | undefined): void => {
    if (!name) return;
    let number = numberOfName.get(name);
    if (number === undefined) {
      const key = foldText(name);
      number = key ? numberOfKey.get(key) : -1;
      if (number === undefined) {
        number = labels.length;
        numberOfKey.set(key, number);
        labels.push(name);
      }
      numberOfName.set(name, number);
    }
    if (number >= 0) row.push(number);
  };
  const rows = papers.map((paper) => {
    row = [];
    namesOf(paper, visit);
    return row;
  });
  return { incidence: incidenceFromRows(rows, labels.length), labels };
}

/** A keyword as mapped: lower case, spaces collapsed (VOSviewer shows keywords in lower case). */
export function keywordLabel(keyword: string): string {
  return keyword.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A paper's keywords from the chosen source, through the thesaurus (folded label → replacement; '' drops it). */
function paperKeywords(
  paper: Paper,
  source: KeywordSource,
  thesaurus: ReadonlyMap<string, string>,
): string[] {
  const raw =
    source === 'author'
      ? (paper.keywords ?? [])
      : source === 'index'
        ? (paper.indexKeywords ?? [])
        : terms(`${paper.title}. ${paper.abstract ?? ''}`);
  const keywords: string[] = [];
  for (const keyword of raw) {
    const label = keywordLabel(keyword);
    const replaced = thesaurus.get(foldText(label));
    const mapped = replaced === undefined ? label : keywordLabel(replaced);
    if (mapped) keywords.push(mapped);
  }
  return keywords;
}

export function keywordIncidence(
  corpus: Corpus,
  source: KeywordSource,
  thesaurus: Readonly<Record<string, string>>,
): NamedIncidence {
  const rules = new Map(
    Object.entries(thesaurus).map(([label, replacement]) => [foldText(label), replacement]),
  );
  return namedIncidence(corpus.papers, (paper, visit) => {
    for (const keyword of paperKeywords(paper, source, rules)) visit(keyword);
  });
}

/** Postal codes and state codes before a country ('CA 94305 USA', '100084 Peoples R China'). */
const POSTAL_PREFIX = /^(?:[A-Z]{2}\s+)?(?:[A-Z]{0,2}-?\d[\dA-Z-]*\s+)+/;

/** An affiliation's comma-separated parts, without the final full stop. */
const affiliationParts = (affiliation: string): string[] =>
  affiliation
    .replace(/\.$/, '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The country of an affiliation: its last comma-separated part, without postal code ('Univ X,
 * Berkeley, CA 94720 USA' → 'USA', 'Tsinghua Univ, Beijing 100084, Peoples R China' → 'Peoples R China').
 */
export function affiliationCountry(affiliation: string): string | undefined {
  const parts = affiliationParts(affiliation);
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1]!;
  if (/\bUSA$/.test(last)) return 'USA';
  const country = last.replace(POSTAL_PREFIX, '').trim();
  return country && !/\d/.test(country) ? country : undefined;
}

const ORGANISATION =
  /\b(?:univ|university|universit[éeàä]t?|inst|institute|college|hosp|hospital|acad|academy|ctr|center|centre|lab|laboratory|sch|school|corp|inc|ltd|gmbh|council|agency|minist|foundation)\b/i;

/** The institution of an affiliation: its first part naming an organisation, else its first part. */
export function affiliationInstitution(affiliation: string): string | undefined {
  const parts = affiliationParts(affiliation);
  return parts.find((part) => ORGANISATION.test(part)) ?? parts[0];
}

/** Per paper, what `read` makes of its authors' affiliations, each distinct affiliation read once. */
function affiliationIncidence(
  corpus: Corpus,
  read: (affiliation: string) => string | undefined,
): NamedIncidence {
  // null: read, and nothing found.
  const readOnce = new Map<string, string | null>();
  return namedIncidence(corpus.papers, (paper, visit) => {
    for (const author of paper.authors)
      for (const affiliation of author.affiliations ?? []) {
        let value = readOnce.get(affiliation);
        if (value === undefined) {
          value = read(affiliation) ?? null;
          readOnce.set(affiliation, value);
        }
        if (value !== null) visit(value);
      }
  });
}

/** Per paper, the first authors of the works its reference list cites ('Garfield'), as the reference gives them. */
export function citedAuthorIncidence(corpus: Corpus): NamedIncidence {
  return namedIncidence(corpus.papers, (paper, visit) => {
    for (const reference of paper.references ?? []) visit(reference.firstAuthorFamily);
  });
}

/** Per paper, the sources (journals) of the works its reference list cites ('J INFORMETR'). */
export function citedSourceIncidence(corpus: Corpus): NamedIncidence {
  return namedIncidence(corpus.papers, (paper, visit) => {
    for (const reference of paper.references ?? []) visit(reference.source);
  });
}

export function countryIncidence(corpus: Corpus): NamedIncidence {
  return affiliationIncidence(corpus, affiliationCountry);
}

export function institutionIncidence(corpus: Corpus): NamedIncidence {
  return affiliationIncidence(corpus, affiliationInstitution);
}
