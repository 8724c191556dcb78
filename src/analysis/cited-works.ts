/**
 * What a citation points at: a corpus paper (found by identifier, title, first surname and year,
 * or bracket key) or an external work, known by one reference id (`ref:<id>` nodes). Shared by
 * the citation layer (citations.ts) and whoever names its reference nodes (graph-view.ts).
 *
 * Every index here answers with paper numbers (positions in corpus.papers) and is built in typed
 * arrays or one Map per field, so a million papers with twenty million references resolve without
 * a key string per reference; the indexes that only abstract mentions need are built on first use.
 */

import { openAlexIdNumber } from '../model/ids.ts';
import { foldText } from '../model/names.ts';
import { OpenAlexIdMap } from '../model/openalex-id-map.ts';
import type { SharedReferences } from '../model/reference-lists.ts';
import { titleKey } from '../model/titles.ts';
import type { AuthorName, CitedReference, Paper } from '../model/types.ts';
import { bigFloat64, bigInt32, bigUint16, grown } from '../util/big-arrays.ts';
import { IntegerTable } from '../util/integer-table.ts';
import type { Mention } from './mentions.ts';
import { mentionLabel } from './mentions.ts';
import { bibliographicKey } from './reference-key.ts';

/** Papers by one identifier field's value. */
interface IdIndex {
  set(value: string, paper: number): void;
  get(value: string): number | undefined;
}

/** Characters of folded raw text kept in a `raw-` reference id. */
const RAW_ID_LENGTH = 100;
/** Characters of a folded title kept in a `title-` reference id. */
const TITLE_ID_LENGTH = 80;
/** Mention years are four digits (mentions.ts), so papers outside them never match one. */
const YEARS_PER_FAMILY = 10_000;

/** IntegerTable's hash of an integer key below 2^53: both 32-bit halves mixed. */
function mixedHash(key: number): number {
  const hash = Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b);
  return hash ^ (hash >>> 15);
}

/** The family name an author is matched by: the family where known, else the whole name. */
const familyKey = (author: AuthorName): string => foldText(author.family ?? author.name);

/**
 * Finds corpus papers by identifier (DOI, arXiv, OpenAlex, S2), folded title, first-author
 * surname and year, and bracket key. Answers are paper numbers, -1 for none. Where two papers
 * share an identifier or title, the later one answers (as a Map filled in corpus order would).
 */
export class PaperIndex {
  // One index per identifier field (OpenAlex ids in a typed table), each built when a reference
  // first carries that field: OpenAlex references carry no DOI, so a Map of a million paper DOIs
  // would be hashed and kept for nothing.
  private byDoi: Map<string, number> | undefined;
  private byArxiv: Map<string, number> | undefined;
  private byOpenAlex: OpenAlexIdMap | undefined;
  private byS2: Map<string, number> | undefined;
  /** Lens.org and Dimensions ids: their exports' reference lists name corpus works by them. */
  private byLens: Map<string, number> | undefined;
  private byDimensions: Map<string, number> | undefined;
  private byTitle: Map<string, number> | undefined;
  private surnames: SurnameYearIndex | undefined;
  private bracketKeys: Map<string, number[]> | undefined;
  /** Corpus papers by the bibliographic key of a reference that named them otherwise (learnKey). */
  private byKey: Map<string, number> | undefined;

  constructor(private readonly papers: readonly Paper[]) {}

  /**
   * The paper a reference names by identifier (DOI, arXiv, OpenAlex, S2, Lens, Dimensions, in that
   * order), else by title, else by a bibliographic key learnt from another reference (learnKey).
   * Fields are read by name, not by a loop over field names (a keyed lookup per field).
   */
  byIdentifier(reference: CitedReference): number {
    const { doi, arxiv, openalex, s2, title } = reference;
    if (doi) {
      this.byDoi ??= this.indexBy('doi', new Map());
      const cited = this.byDoi.get(doi);
      if (cited !== undefined) return cited;
    }
    if (arxiv) {
      this.byArxiv ??= this.indexBy('arxiv', new Map());
      const cited = this.byArxiv.get(arxiv);
      if (cited !== undefined) return cited;
    }
    if (openalex) {
      this.byOpenAlex ??= this.indexBy('openalex', new OpenAlexIdMap(this.papers.length));
      const cited = this.byOpenAlex.get(openalex);
      if (cited !== undefined) return cited;
    }
    if (s2) {
      this.byS2 ??= this.indexBy('s2', new Map());
      const cited = this.byS2.get(s2);
      if (cited !== undefined) return cited;
    }
    if (reference.lens) {
      this.byLens ??= this.indexBy('lens', new Map());
      const cited = this.byLens.get(reference.lens);
      if (cited !== undefined) return cited;
    }
    if (reference.dimensions) {
      this.byDimensions ??= this.indexBy('dimensions', new Map());
      const cited = this.byDimensions.get(reference.dimensions);
      if (cited !== undefined) return cited;
    }
    if (title) {
      const cited = this.byTitleText(title);
      if (cited >= 0) return cited;
    }
    if (this.byKey === undefined || reference.year === undefined) return -1;
    const key = bibliographicKey(reference);
    return key === undefined ? -1 : (this.byKey.get(key) ?? -1);
  }

  /**
   * Lets references without an identifier find the paper this one names: papers carry no volume
   * or page, so a bibliographic key (reference-key.ts) is learnt from a reference that also has
   * an identifier or title resolving to a corpus paper. Only references with a year carry a key
   * (OpenAlex reference lists, ids alone, cost one field read).
   */
  learnKey(reference: CitedReference): void {
    if (reference.year === undefined) return;
    const key = bibliographicKey(reference);
    if (key === undefined || this.byKey?.has(key)) return;
    const cited = this.byIdentifier(reference);
    if (cited < 0) return;
    this.byKey ??= new Map();
    this.byKey.set(key, cited);
  }

  private indexBy<T extends IdIndex>(
    field: 'doi' | 'arxiv' | 'openalex' | 's2' | 'lens' | 'dimensions',
    index: T,
  ): T {
    for (let p = 0; p < this.papers.length; p++) {
      const value = this.papers[p]!.ids?.[field];
      if (value) index.set(value, p);
    }
    return index;
  }

  byTitleText(title: string): number {
    // Folding every title costs seconds at a million papers: done when a reference first needs it.
    if (!this.byTitle) {
      this.byTitle = new Map();
      for (let index = 0; index < this.papers.length; index++)
        this.byTitle.set(titleKey(this.papers[index]!.title), index);
    }
    return this.byTitle.get(titleKey(title)) ?? -1;
  }

  /**
   * A mention resolves when its first surname is a person author of exactly one corpus paper of
   * that year that also has every other surname among its authors.
   */
  bySurnames(surnames: readonly string[], year: number): number {
    this.surnames ??= new SurnameYearIndex(this.papers);
    const wanted = surnames.map(foldText);
    let found = -1;
    for (const paper of this.surnames.papersOf(wanted[0]!, year)) {
      const families = this.papers[paper]!.authors.map(familyKey);
      if (!wanted.every((surname) => families.includes(surname))) continue;
      if (found >= 0) return -1;
      found = paper;
    }
    return found;
  }

  /** '[CMM21]': the initials of the family names in order (or the first three of them), and the year. */
  byBracketKey(key: string, year: number): number {
    const letters = key.replace(/\+?\d{2}[a-z]?$/, '').toLowerCase();
    this.bracketKeys ??= bracketKeyIndex(this.papers);
    let found = -1;
    for (const paper of this.bracketKeys.get(`${year}|${letters.slice(0, 3)}`) ?? []) {
      const initials = initialsOf(this.papers[paper]!);
      if (initials !== letters && !(letters.length === 3 && initials.slice(0, 3) === letters)) continue;
      if (found >= 0) return -1;
      found = paper;
    }
    return found;
  }
}

function initialsOf(paper: Paper): string {
  return paper.authors.map((author) => familyKey(author)[0] ?? '').join('');
}

/** Papers that can answer a bracket key: with a year and a person among the authors. */
function bracketKeyIndex(papers: readonly Paper[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  papers.forEach((paper, p) => {
    if (paper.year === undefined || !paper.authors.some((author) => author.kind === 'person')) return;
    const key = `${paper.year}|${initialsOf(paper).slice(0, 3)}`;
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  });
  return index;
}

/**
 * Papers by (folded family name of a person author, year), as chains in two Int32 arrays with a
 * typed table of chain heads: a million papers have millions of authorships, and a Map keyed by
 * `family|year` strings would hold one string and one array per pair.
 */
class SurnameYearIndex {
  private readonly families = new Map<string, number>();
  private readonly heads = new IntegerTable(1 << 10);
  private paperOf = bigInt32(1 << 10);
  private nextOf = bigInt32(1 << 10);
  private count = 0;

  constructor(papers: readonly Paper[]) {
    papers.forEach((paper, p) => {
      const year = paper.year;
      if (year === undefined || !Number.isInteger(year) || year < 0 || year >= YEARS_PER_FAMILY) return;
      for (const author of paper.authors) {
        if (author.kind !== 'person') continue;
        const family = familyKey(author);
        let id = this.families.get(family);
        if (id === undefined) {
          id = this.families.size;
          this.families.set(family, id);
        }
        const key = id * YEARS_PER_FAMILY + year;
        const head = this.heads.get(key);
        // Two authors of one paper with the same family name list the paper once.
        if (head >= 0 && this.paperOf[head] === p) continue;
        this.add(key, p, head);
      }
    });
  }

  *papersOf(family: string, year: number): Generator<number> {
    const id = this.families.get(family);
    if (id === undefined || !Number.isInteger(year) || year < 0 || year >= YEARS_PER_FAMILY) return;
    for (let entry = this.heads.get(id * YEARS_PER_FAMILY + year); entry >= 0; entry = this.nextOf[entry]!)
      yield this.paperOf[entry]!;
  }

  private add(key: number, paper: number, head: number): void {
    if (this.count === this.paperOf.length) {
      this.paperOf = grown(this.paperOf, this.count + 1);
      this.nextOf = grown(this.nextOf, this.count + 1);
    }
    this.paperOf[this.count] = paper;
    this.nextOf[this.count] = head;
    this.heads.set(key, this.count++);
  }
}

/**
 * The reference id of a work named in a reference list: its first identifier (DOI, OpenAlex, S2,
 * arXiv, PubMed, Lens, Dimensions), else its bibliographic key (reference-key.ts: 'cit-kamada-1989-v31-p7'), else its
 * folded text. A work met under several of these (a DOI in one record, only author, year, volume
 * and page in another) is one work of ExternalWorkIndex, whose node takes the id of a sighting
 * with a DOI when there is one.
 */
export function citedReferenceId(reference: CitedReference): string {
  if (reference.doi) return `doi-${reference.doi}`;
  if (reference.openalex) return `openalex-${reference.openalex}`;
  if (reference.s2) return `s2-${reference.s2}`;
  if (reference.arxiv) return `arxiv-${reference.arxiv}`;
  if (reference.pmid) return `pmid-${reference.pmid}`;
  if (reference.lens) return `lens-${reference.lens}`;
  if (reference.dimensions) return `dimensions-${reference.dimensions}`;
  const key = bibliographicKey(reference);
  return key === undefined ? `raw-${rawIdText(reference)}` : `cit-${key}`;
}

function rawIdText(reference: CitedReference): string {
  return foldText(reference.raw ?? reference.title ?? '')
    .replace(/ /g, '-')
    .slice(0, RAW_ID_LENGTH);
}

/** A reference's readable label: 'Wu 2018' when author and year are known, else its title, text or id. */
function citedReferenceLabel(reference: CitedReference): string {
  if (reference.firstAuthorFamily && reference.year)
    return `${reference.firstAuthorFamily} ${reference.year}`;
  return (
    reference.title ?? reference.raw ?? reference.doi ?? reference.openalex ?? reference.s2 ?? 'reference'
  );
}

/** The reference id of an unresolved mention: 'sachs-etal-2022', 'key-cmm21', 'title-attentionisallyouneed'. */
export function mentionReferenceId(mention: Mention): string {
  if (mention.kind === 'bracket-key') return `key-${mention.key!.toLowerCase()}`;
  if (mention.kind === 'quoted-title') return `title-${titleKey(mention.title!).slice(0, TITLE_ID_LENGTH)}`;
  const names = mention.surnames.map((surname) => foldText(surname).replace(/ /g, '-')).join('-');
  return `${names}${mention.etAl ? '-etal' : ''}-${mention.year}`;
}

/** An external work first met as a mention in an abstract: what its node shows. */
export class MentionedWork {
  readonly id: string;
  readonly text: string;
  readonly year: number | undefined;
  readonly family: string | undefined;

  constructor(mention: Mention) {
    this.id = mentionReferenceId(mention);
    this.text = mentionLabel(mention);
    this.year = mention.year;
    this.family = mention.surnames[0];
  }
}

/**
 * An external work as first met: the reference of a list (its id and label are derived when
 * asked, not kept as strings) or a mention.
 */
type ExternalWork = CitedReference | MentionedWork;

/** Works first met in no shared table (tableOf 0): numberOf indexes `loose`. */
const LOOSE = 0;

/**
 * The external works in the order first met, each kept as where it was first met: a shared
 * reference as its table and number (6 bytes a work in typed arrays, sized up front from the
 * tables), any other reference or mention as an object. Millions of works cost no growing JS
 * array, whose copies a heap of millions of papers would have to collect.
 */
export class ExternalWorkList {
  private tableOf: Uint16Array;
  private numberOf: Int32Array;
  private readonly loose: ExternalWork[] = [];
  private count = 0;

  /** `tables`: the shared tables works may come from, by index; `capacity`: the works expected. */
  constructor(
    private readonly tables: readonly SharedReferences[],
    capacity: number,
  ) {
    this.tableOf = bigUint16(Math.max(capacity, 16));
    this.numberOf = bigInt32(Math.max(capacity, 16));
  }

  get length(): number {
    return this.count;
  }

  /** Adds reference `number` of tables[table]. */
  addShared(table: number, number: number): void {
    this.add(table + 1, number);
  }

  addLoose(work: ExternalWork): void {
    this.add(LOOSE, this.loose.length);
    this.loose.push(work);
  }

  /** Makes reference `number` of tables[table] what work r shows (a sighting that knows more). */
  replaceShared(r: number, table: number, number: number): void {
    this.tableOf[r] = table + 1;
    this.numberOf[r] = number;
  }

  replaceLoose(r: number, work: ExternalWork): void {
    this.tableOf[r] = LOOSE;
    this.numberOf[r] = this.loose.length;
    this.loose.push(work);
  }

  at(r: number): ExternalWork {
    const table = this.tableOf[r]!;
    const number = this.numberOf[r]!;
    return table === LOOSE ? this.loose[number]! : this.tables[table - 1]!.references[number]!;
  }

  private add(table: number, number: number): void {
    if (this.count === this.tableOf.length) {
      const length = Math.ceil(this.count * 1.5);
      const tableOf = bigUint16(length);
      tableOf.set(this.tableOf);
      this.tableOf = tableOf;
      const numberOf = bigInt32(length);
      numberOf.set(this.numberOf);
      this.numberOf = numberOf;
    }
    this.tableOf[this.count] = table;
    this.numberOf[this.count++] = number;
  }
}

export function externalWorkId(work: ExternalWork): string {
  return work instanceof MentionedWork ? work.id : citedReferenceId(work);
}

/** What a Reference node shows: label text, year and first-author family, from the first sighting. */
export function externalWorkText(work: ExternalWork): string {
  return work instanceof MentionedWork ? work.text : citedReferenceLabel(work);
}

export function externalWorkFamily(work: ExternalWork): string | undefined {
  return work instanceof MentionedWork ? work.family : work.firstAuthorFamily;
}

/** The id prefixes citedReferenceId writes, each kept in a Map of its own keyed by the rest. */
const CITED_PREFIXES = [
  'doi',
  'openalex',
  's2',
  'arxiv',
  'pmid',
  'lens',
  'dimensions',
  'cit',
  'raw',
] as const;
/** A reference's identifiers besides DOI and OpenAlex, in the order they name a work. */
const OTHER_ID_FIELDS = ['s2', 'arxiv', 'pmid', 'lens', 'dimensions'] as const;

function hasOtherId(reference: CitedReference): boolean {
  return !!(reference.s2 || reference.arxiv || reference.pmid || reference.lens || reference.dimensions);
}
type IdPrefix = (typeof CITED_PREFIXES)[number] | 'other';
/** Open-addressing table load above which it doubles. */
const MAX_LOAD = 0.75;

/**
 * External works numbered 0, 1, … in the order they are first met, one number per reference id
 * (citedReferenceId, mentionReferenceId: one namespace, as `ref:<id>` node keys are).
 *
 * Most works at scale are OpenAlex ids: those live in an open-addressing table of work numbers,
 * with each work's id integer kept beside it (20 to 40 bytes a work, where an IntegerTable takes
 * 32 to 64 and a Map a string and an entry). Other ids go to one Map per prefix keyed by the
 * identifier itself, so no `doi-…` string is built per reference.
 */
export class ExternalWorkIndex {
  private readonly byPrefix = new Map<IdPrefix, Map<string, number>>();
  /**
   * OpenAlex-numbered works by hash of the id's integer, two Int32 per slot: the hash (a
   * fingerprint) and the work number (-1: empty). A probe reads the work's key only when the
   * fingerprint matches, so inserting a new work touches one cache line instead of one per probe.
   */
  private slots = bigInt32(2 << 10).fill(-1);
  private numbered = 0;
  /** Per work: its OpenAlex id integer (NaN for works without a numbered OpenAlex id). */
  private keyOfWork: Float64Array;
  private works = 0;
  /** The DOI of each work named by one (works known only otherwise are absent). */
  private readonly doiOfWork = new Map<number, string>();
  /** Whether the last internCited gave a work met before its first DOI. */
  improved = false;

  /** `expected`: how many works to make room for up front (more only cost a copy). */
  constructor(expected = 1 << 10) {
    this.keyOfWork = bigFloat64(Math.max(expected, 16)).fill(Number.NaN);
  }

  /** Works numbered so far (the next new work gets this number). */
  get size(): number {
    return this.works;
  }

  /**
   * The number of the work a reference list entry names; a new one (size before the call) if
   * unseen. A reference is known by each of its identifiers and by its bibliographic key: the
   * first of them already known (in citedReferenceId's order) names the work, and the others
   * become names of that work too, so a work cited with a DOI in one record and by author, year,
   * volume and page in another is one work, whichever comes first. A bibliographic key never
   * joins a reference to a work with another DOI. Sets `improved` when this reference brought a
   * work met before its first DOI (its node should then take this reference's id).
   */
  internCited(reference: CitedReference): number {
    this.improved = false;
    const { doi, openalex } = reference;
    const otherId = hasOtherId(reference);
    // OpenAlex reference lists name works by id alone: one lookup on the million-work path.
    if (openalex && !doi && !otherId && reference.year === undefined) return this.internOpenAlex(openalex);
    const key = bibliographicKey(reference);
    if (!doi && !openalex && !otherId)
      return key === undefined ? this.internText('raw', rawIdText(reference)) : this.internText('cit', key);

    const before = this.works;
    let work = -1;
    if (doi) work = this.find('doi', doi);
    if (work < 0 && openalex) work = this.findOpenAlex(openalex);
    for (const field of OTHER_ID_FIELDS) {
      if (work >= 0) break;
      const value = reference[field];
      if (value) work = this.find(field, value);
    }
    if (work < 0 && key !== undefined) {
      const byKey = this.find('cit', key);
      const known = byKey >= 0 ? this.doiOfWork.get(byKey) : undefined;
      if (byKey >= 0 && (!doi || known === undefined || known === doi)) work = byKey;
    }
    if (work < 0) work = this.newWork(Number.NaN);
    // Each name of the reference not taken yet becomes a name of the work.
    if (doi) {
      if (this.find('doi', doi) < 0) this.name('doi', doi, work);
      if (!this.doiOfWork.has(work)) {
        this.doiOfWork.set(work, doi);
        this.improved = work < before;
      }
    }
    if (openalex && this.findOpenAlex(openalex) < 0) this.nameOpenAlex(openalex, work);
    for (const field of OTHER_ID_FIELDS) {
      const value = reference[field];
      if (value && this.find(field, value) < 0) this.name(field, value, work);
    }
    if (key !== undefined && this.find('cit', key) < 0) this.name('cit', key, work);
    return work;
  }

  /** The number of the work with this reference id (a mention's); a new one if unseen. */
  internId(id: string): number {
    this.improved = false;
    const dash = id.indexOf('-');
    const prefix = id.slice(0, dash);
    // A mention id spelled like a cited one ('doi-…') names the same node, as one key space would.
    if (dash > 0 && (CITED_PREFIXES as readonly string[]).includes(prefix)) {
      const rest = id.slice(dash + 1);
      return prefix === 'openalex' ? this.internOpenAlex(rest) : this.internText(prefix as IdPrefix, rest);
    }
    return this.internText('other', id);
  }

  private find(prefix: IdPrefix, text: string): number {
    return this.byPrefix.get(prefix)?.get(text) ?? -1;
  }

  private name(prefix: IdPrefix, text: string, work: number): void {
    let map = this.byPrefix.get(prefix);
    if (!map) {
      map = new Map();
      this.byPrefix.set(prefix, map);
    }
    map.set(text, work);
  }

  private internText(prefix: IdPrefix, text: string): number {
    const known = this.find(prefix, text);
    if (known >= 0) return known;
    this.name(prefix, text, this.works);
    return this.newWork(Number.NaN);
  }

  private findOpenAlex(id: string): number {
    const key = openAlexIdNumber(id);
    if (key < 0) return this.find('openalex', id);
    const slot = this.slotOf(key);
    return this.slots[2 * slot + 1]!;
  }

  /** Names `work` by OpenAlex id `id` (unseen), unless the work has a numbered OpenAlex id already. */
  private nameOpenAlex(id: string, work: number): void {
    const key = openAlexIdNumber(id);
    if (key < 0) {
      this.name('openalex', id, work);
      return;
    }
    if (!Number.isNaN(this.keyOfWork[work]!)) return;
    this.keyOfWork[work] = key;
    this.place(key, work);
  }

  private internOpenAlex(id: string): number {
    const key = openAlexIdNumber(id);
    if (key < 0) return this.internText('openalex', id);
    if ((this.numbered + 1) / (this.slots.length / 2) > MAX_LOAD) this.grow();
    const slot = this.slotOf(key);
    const known = this.slots[2 * slot + 1]!;
    if (known >= 0) return known;
    this.numbered++;
    this.slots[2 * slot] = mixedHash(key);
    this.slots[2 * slot + 1] = this.works;
    return this.newWork(key);
  }

  /** The slot holding OpenAlex key `key`, or the empty slot where it would go. */
  private slotOf(key: number): number {
    const hash = mixedHash(key);
    const slots = this.slots;
    const mask = slots.length / 2 - 1;
    let slot = hash & mask;
    for (let work = slots[2 * slot + 1]!; work >= 0; work = slots[2 * slot + 1]!) {
      if (slots[2 * slot] === hash && this.keyOfWork[work] === key) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Puts `work` (whose keyOfWork is `key`, not in the table yet) in the table. */
  private place(key: number, work: number): void {
    if ((this.numbered + 1) / (this.slots.length / 2) > MAX_LOAD) this.grow();
    const slot = this.slotOf(key);
    this.numbered++;
    this.slots[2 * slot] = mixedHash(key);
    this.slots[2 * slot + 1] = work;
  }

  private newWork(key: number): number {
    if (this.works === this.keyOfWork.length) {
      const keys = bigFloat64(Math.ceil(this.keyOfWork.length * 1.5)).fill(Number.NaN);
      keys.set(this.keyOfWork);
      this.keyOfWork = keys;
    }
    this.keyOfWork[this.works] = key;
    return this.works++;
  }

  private grow(): void {
    const old = this.slots;
    const slots = bigInt32(old.length * 2).fill(-1);
    const mask = slots.length / 2 - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1]! < 0) continue;
      let slot = old[from]! & mask;
      while (slots[2 * slot + 1]! >= 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[from]!;
      slots[2 * slot + 1] = old[from + 1]!;
    }
    this.slots = slots;
  }
}
