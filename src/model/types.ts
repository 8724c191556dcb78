/**
 * The corpus model shared by every parser, the graph builders, the CLI and the web view.
 * Nothing here imports from `node:` so the browser uses it as it is.
 */

/** Every format citegraph reads. Listing-page formats first, then bibliographic exports. */
export type SourceFormat =
  | 'author-page'
  | 'hf-listing'
  | 'hf-titles'
  | 'topic-listing'
  | 'bibtex'
  | 'ris'
  | 'csl-json'
  | 'openalex'
  | 'semantic-scholar'
  | 'arxiv-atom'
  | 'wos'
  | 'scopus'
  | 'pubmed'
  | 'lens'
  | 'crossref'
  | 'openalex-csv'
  | 'dimensions'
  | 'corpus-json';

/** Where a piece of data came from: the file, the 1-based line its record starts at, and the format. */
export interface Provenance {
  file: string;
  line: number;
  format: SourceFormat;
}

export type AuthorKind = 'person' | 'group';

export interface AuthorName {
  /** Corpus author id, set when records are merged into a corpus. */
  id?: string;
  /** Display name in 'First Last' order with diacritics kept ("Aurélien Bellet"). */
  name: string;
  /** Matching key: diacritics folded, lower case, punctuation removed ("aurelien bellet"). */
  key: string;
  kind: AuthorKind;
  /** Family name where the source separates it, or the last token. Empty for groups. */
  family?: string;
  given?: string;
  orcid?: string;
  /** Source-specific author ids: { openalex: 'A123', s2: '456', scopus: '789' }. */
  ids?: Record<string, string>;
  affiliations?: string[];
}

/** A date whose precision is explicit: a listing date without a year keeps month and day and no year. */
export interface PartialDate {
  year?: number;
  month?: number;
  day?: number;
  /** The text the date was read from ("Jun 16", "Nov 26, 2023"). */
  raw: string;
}

/** A reference as a source states it (WoS CR line, OpenAlex referenced work, S2 reference) and its ids. */
export interface CitedReference
  extends Pick<PaperIds, 'doi' | 'arxiv' | 'openalex' | 's2' | 'pmid' | 'lens' | 'dimensions'> {
  /** Free text as given, e.g. "Wu L, 2018, ADV NEUR IN". */
  raw?: string;
  title?: string;
  firstAuthorFamily?: string;
  year?: number;
  /** Source title as cited (journal abbreviation or full name). */
  source?: string;
  volume?: string;
  /** First page or article number. */
  page?: string;
}

/** Identifiers that decide identity when present. All normalised (DOI lower case, no URL prefix). */
export interface PaperIds {
  doi?: string;
  arxiv?: string;
  openalex?: string;
  s2?: string;
  /** Semantic Scholar CorpusId (numeric, a different id space from the S2 paperId). */
  s2CorpusId?: string;
  wos?: string;
  scopus?: string;
  pmid?: string;
  /** Lens.org id ('000-928-794-577-264'). */
  lens?: string;
  /** Dimensions publication id ('pub.1090870034'). */
  dimensions?: string;
  citationKey?: string;
}

/** One record as read from one source, before merging. */
export interface PaperRecord {
  title: string;
  authors: AuthorName[];
  /** Count of authors where a source gives only a count (Hugging Face listings), or authors.length. */
  authorCount?: number;
  date?: PartialDate;
  abstract?: string;
  /** Free-text notes such as '41 pages', 'ICML 2023 camera ready', 'Project Website: URL'. */
  notes?: string[];
  upvotes?: number;
  venue?: string;
  /** Author keywords (WoS DE, Scopus Author Keywords, OpenAlex keywords). */
  keywords?: string[];
  /** Keywords a database assigns (WoS ID "Keywords Plus", Scopus Index Keywords, MeSH terms). */
  indexKeywords?: string[];
  /** Times cited anywhere, as the source counts it (WoS TC, Scopus Cited by, OpenAlex cited_by_count). */
  globalCitations?: number;
  ids?: PaperIds;
  references?: CitedReference[];
  type?: string;
  provenance: Provenance;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A one-line, user-readable problem report. Parsers return these; they never print or throw. */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  file: string;
  line: number;
  /** Short machine code: 'unknown-format', 'empty-file', 'binary-file', 'unexpected-line', 'truncated-record'… */
  code: string;
  message: string;
}

export interface ParseResult {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
}

/** A value on which sources disagree, kept as data rather than dropped. */
export interface Conflict {
  field: string;
  values: { value: string; source: Provenance }[];
}

/** A paper after merging duplicates across sources: a record's fields, merged. */
export interface Paper extends Omit<PaperRecord, 'date' | 'provenance'> {
  id: string;
  /** ISO YYYY-MM-DD (or YYYY-MM, YYYY) when the year is known. */
  date?: string;
  /** Month-day without year ("--06-16", ISO 8601 style) when no source gives the year. */
  partialDate?: string;
  year?: number;
  /** The highest global citation count any source gives. */
  globalCitations?: number;
  sources: Provenance[];
  conflicts?: Conflict[];
}

/** A distinct person or group across the corpus: an author name's fields, with its papers. */
export interface Author extends Pick<AuthorName, 'name' | 'key' | 'kind' | 'orcid' | 'ids' | 'affiliations'> {
  id: string;
  /** Other spellings seen for the same key. */
  variants?: string[];
  papers: string[];
}

export interface MergeEvent {
  into: string;
  title: string;
  sources: Provenance[];
  reason: 'title' | 'doi' | 'arxiv' | 'openalex' | 's2' | 'other-id';
}

/** Name variants joined as one author because their papers share evidence. */
export interface AuthorMerge {
  /** The author id they became. */
  into: string;
  /** Every spelling joined, the displayed one first. */
  names: string[];
  /** The author's papers. */
  papers: number;
  evidence: { sharedCoauthors: string[]; sharedAffiliations: string[]; sharedVenues: string[] };
}

/** Two authors whose names could be one person's but whose papers share nothing: not joined. */
export interface PossibleDuplicateAuthors {
  authors: [string, string];
  names: [string, string];
  papers: [number, number];
}

export interface FileSummary {
  file: string;
  format: SourceFormat | 'unknown';
  records: number;
  /** Records the reader could not keep (each has an error diagnostic). */
  skipped?: number;
  diagnostics: number;
  bytes: number;
}

export interface Corpus {
  papers: Paper[];
  authors: Author[];
  diagnostics: Diagnostic[];
  files: FileSummary[];
  merges: MergeEvent[];
  /** Name variants joined as one author (ingest/author-identity.ts). */
  authorMerges?: AuthorMerge[];
  /** Compatible names left apart for want of evidence: for the user to confirm with a thesaurus. */
  possibleDuplicateAuthors?: PossibleDuplicateAuthors[];
}
