/**
 * Semantic Scholar Academic Graph API responses (https://api.semanticscholar.org/api-docs/graph):
 * a paper object, an author object with `papers[]`, a `{data: [...]}` page (search results,
 * `/paper/{id}/citations` with `citingPaper`, `/paper/{id}/references` with `citedPaper`, author
 * search), a batch array, a single citation/reference element, or JSON Lines of any of these.
 *
 * Decisions:
 * - Every paper seen becomes a record, once per `paperId` within a file; later sightings only add
 *   references. A citation element holding both `citingPaper` and `citedPaper`, and a paper's own
 *   `citations[]`, add a reference from the citing record to the cited paper.
 * - In `/citations` and `/references` pages the queried paper itself is not in the response, so the
 *   relation to it cannot be recorded; only the listed papers become records.
 * - An author's `papers[]` entry without an `authors` field gets that author as its one known author.
 * - `externalIds.CorpusId` goes to `ids.s2CorpusId`; DOI, ArXiv and PubMed to their ids.
 */
import { parseIsoLikeDate } from '../../model/dates.ts';
import { normaliseArxivId, normaliseDoi } from '../../model/ids.ts';
import { authorFromDisplayName } from '../../model/names.ts';
import { plainText } from '../../model/plain-text.ts';
import type {
  AuthorName,
  CitedReference,
  PaperIds,
  PaperRecord,
  ParseResult,
  PartialDate,
} from '../../model/types.ts';
import { FileDiagnostics } from '../diagnostics.ts';
import type { FormatParser } from '../format.ts';
import { stripBom } from '../lines.ts';
import {
  array,
  collapseWhitespace,
  count,
  forwardLineFinder,
  idText,
  integer,
  isObject,
  type JsonObject,
  readJsonSource,
  text,
} from './format-helpers.ts';

function s2Author(value: unknown): AuthorName | undefined {
  if (!isObject(value)) return undefined;
  const name = text(value.name);
  const author = name ? authorFromDisplayName(name) : undefined;
  if (!author) return undefined;
  const authorId = idText(value.authorId);
  if (authorId) author.ids = { s2: authorId };
  const affiliations = array(value.affiliations).filter((item): item is string => text(item) !== undefined);
  if (affiliations.length > 0) author.affiliations = affiliations.map((item) => item.trim());
  return author;
}

function paperIds(paper: JsonObject): PaperIds {
  const external = isObject(paper.externalIds) ? paper.externalIds : {};
  const ids: PaperIds = {};
  const s2 = text(paper.paperId);
  if (s2) ids.s2 = s2;
  const doi = normaliseDoi(idText(external.DOI));
  if (doi) ids.doi = doi;
  const arxiv = normaliseArxivId(idText(external.ArXiv));
  if (arxiv) ids.arxiv = arxiv;
  const pmid = idText(external.PubMed);
  if (pmid) ids.pmid = pmid;
  const corpus = idText(external.CorpusId) ?? idText(paper.corpusId);
  if (corpus) ids.s2CorpusId = corpus;
  return ids;
}

function paperDate(paper: JsonObject): PartialDate | undefined {
  const date = parseIsoLikeDate(text(paper.publicationDate));
  if (date) return date;
  const year = integer(paper.year);
  return year === undefined ? undefined : { year, raw: String(year) };
}

function paperVenue(paper: JsonObject): string | undefined {
  const journal = isObject(paper.journal) ? paper.journal : {};
  const publicationVenue = isObject(paper.publicationVenue) ? paper.publicationVenue : {};
  return text(paper.venue) ?? text(journal.name) ?? text(publicationVenue.name);
}

/** A reference to another S2 paper, with whatever identifies it. */
function citedReferenceFromPaper(paper: JsonObject): CitedReference | undefined {
  const ids = paperIds(paper);
  const reference: CitedReference = {};
  if (ids.s2) reference.s2 = ids.s2;
  if (ids.doi) reference.doi = ids.doi;
  if (ids.arxiv) reference.arxiv = ids.arxiv;
  const title = text(paper.title);
  if (title) reference.title = plainText(title);
  const year = integer(paper.year);
  if (year !== undefined) reference.year = year;
  const first = s2Author(array(paper.authors)[0]);
  if (first?.family) reference.firstAuthorFamily = first.family;
  return Object.keys(reference).length > 0 ? reference : undefined;
}

function isPaper(value: JsonObject): boolean {
  return 'paperId' in value || ('title' in value && !('authorId' in value));
}

function isAuthor(value: JsonObject): boolean {
  return 'authorId' in value && !('paperId' in value);
}

function sameReference(a: CitedReference, b: CitedReference): boolean {
  if (a.s2 || b.s2) return a.s2 === b.s2;
  if (a.doi || b.doi) return a.doi === b.doi;
  return a.title === b.title && a.year === b.year;
}

/** Collects records from any S2 shape, one per paperId, with references added as they are met. */
class Collector extends FileDiagnostics {
  readonly records: PaperRecord[] = [];
  private readonly byS2 = new Map<string, PaperRecord>();

  /** Adds a paper as a record (or finds the one already made) and returns it. */
  paper(paper: JsonObject, line: number, fallbackAuthor?: AuthorName): PaperRecord | undefined {
    const ids = paperIds(paper);
    const known = ids.s2 ? this.byS2.get(ids.s2) : undefined;
    const record = known ?? this.newRecord(paper, ids, line, fallbackAuthor);
    if (!record) return undefined;
    for (const entry of array(paper.references)) {
      const cited = isObject(entry) ? (isObject(entry.citedPaper) ? entry.citedPaper : entry) : undefined;
      const reference = cited ? citedReferenceFromPaper(cited) : undefined;
      if (reference) this.addReference(record, reference);
    }
    const self = citedReferenceFromPaper(paper);
    for (const entry of array(paper.citations)) {
      const citing = isObject(entry) ? (isObject(entry.citingPaper) ? entry.citingPaper : entry) : undefined;
      const citingRecord = citing ? this.paper(citing, line) : undefined;
      if (citingRecord && self) this.addReference(citingRecord, self);
    }
    return record;
  }

  private newRecord(
    paper: JsonObject,
    ids: PaperIds,
    line: number,
    fallbackAuthor: AuthorName | undefined,
  ): PaperRecord | undefined {
    const title = text(paper.title);
    if (!title) {
      this.warn(
        line,
        'missing-title',
        `expected a title for Semantic Scholar paper ${ids.s2 ?? '(no paperId)'}, found none; paper skipped`,
      );
      return undefined;
    }
    const authors =
      'authors' in paper || !fallbackAuthor
        ? array(paper.authors)
            .map(s2Author)
            .filter((author): author is AuthorName => author !== undefined)
        : [{ ...fallbackAuthor }];
    const record: PaperRecord = {
      title: plainText(title),
      authors,
      provenance: { file: this.file, line, format: 'semantic-scholar' },
    };
    if ('authors' in paper) record.authorCount = authors.length;
    const date = paperDate(paper);
    if (date) record.date = date;
    const abstract = text(paper.abstract);
    if (abstract) record.abstract = plainText(abstract);
    const venue = paperVenue(paper);
    if (venue) record.venue = collapseWhitespace(venue);
    if (Object.keys(ids).length > 0) record.ids = ids;
    const citations = count(paper.citationCount);
    if (citations !== undefined) record.globalCitations = citations;
    const type = text(array(paper.publicationTypes)[0]);
    if (type) record.type = type;
    this.records.push(record);
    if (ids.s2) this.byS2.set(ids.s2, record);
    return record;
  }

  private addReference(record: PaperRecord, reference: CitedReference): void {
    record.references ??= [];
    if (!record.references.some((known) => sameReference(known, reference)))
      record.references.push(reference);
  }

  /** One element of a `/citations` or `/references` page. */
  relation(element: JsonObject, line: number): void {
    const citing = isObject(element.citingPaper) ? this.paper(element.citingPaper, line) : undefined;
    if (isObject(element.citedPaper)) {
      this.paper(element.citedPaper, line);
      const reference = citedReferenceFromPaper(element.citedPaper);
      if (citing && reference) this.addReference(citing, reference);
    }
  }

  /** Any value: dispatches on its shape. */
  item(value: unknown, line: number): void {
    if (value === null) return; // batch endpoints answer null for unknown ids
    if (Array.isArray(value)) {
      for (const element of value) this.item(element, line);
      return;
    }
    if (!isObject(value)) {
      this.unexpected(line, typeof value);
      return;
    }
    if ('citingPaper' in value || 'citedPaper' in value) this.relation(value, line);
    else if (Array.isArray(value.data)) for (const element of value.data) this.item(element, line);
    else if (isAuthor(value)) {
      const author = s2Author(value);
      for (const paper of array(value.papers)) {
        if (isObject(paper)) this.paper(paper, line, author);
      }
    } else if (isPaper(value)) this.paper(value, line);
    else if (typeof value.error === 'string' || typeof value.message === 'string') {
      const message = text(value.error) ?? text(value.message) ?? '';
      this.error(line, 'api-error', `expected Semantic Scholar data, found an API error: ${message}`);
    } else this.unexpected(line, 'an object without paperId, authorId or data');
  }

  private unexpected(line: number, found: string): void {
    this.error(
      line,
      'unexpected-record',
      `expected a Semantic Scholar paper, author or page, found ${found}`,
    );
  }
}

export function parseSemanticScholar(input: string, file: string): ParseResult {
  const source = readJsonSource(input, file, 'Semantic Scholar');
  if (source.kind === 'invalid') return { records: [], diagnostics: source.diagnostics };
  const collector = new Collector(file);
  if (source.kind === 'lines') {
    collector.list.push(...source.diagnostics);
    for (const { value, line } of source.values) collector.item(value, line);
    collector.list.sort((a, b) => a.line - b.line);
    return { records: collector.records, diagnostics: collector.list };
  }
  collector.item(source.value, 1);
  // Pretty-printed documents: point each record at its paperId.
  if (source.text.includes('\n')) {
    const lineOfPaper = forwardLineFinder(source.text, source.lineOf, 'paperId');
    for (const record of collector.records) record.provenance.line = lineOfPaper(record.ids?.s2);
  }
  return { records: collector.records, diagnostics: collector.list };
}

export const semanticScholarParser: FormatParser = {
  format: 'semantic-scholar',
  description: 'Semantic Scholar Graph API JSON (paper, author with papers, citation/reference pages)',
  sniff(head: string): number {
    const start = stripBom(head).trimStart();
    if (!start.startsWith('{') && !start.startsWith('[')) return 0;
    if (/"paperId"\s*:/.test(head))
      return /"citingPaper"|"citedPaper"|"externalIds"|"corpusId"/.test(head) ? 0.95 : 0.85;
    if (/"authorId"\s*:/.test(head) && /"papers"\s*:/.test(head)) return 0.85;
    return 0;
  },
  parse: parseSemanticScholar,
};
