/**
 * `crossref` inheritance as BibLaTeX's default data model defines it: a child takes each field of
 * its parent that it lacks, and a book-like parent's title becomes the child's `booktitle`
 * (`maintitle` from a multi-volume work, `journaltitle` from a periodical) instead of its title.
 */
import type { BibtexEntry } from './bibtex-scan.ts';

type FieldMap = Readonly<Record<string, string>>;

const BOOK_TITLE: FieldMap = { booktitle: 'title', booksubtitle: 'subtitle', booktitleaddon: 'titleaddon' };
const MAIN_TITLE: FieldMap = { maintitle: 'title', mainsubtitle: 'subtitle', maintitleaddon: 'titleaddon' };
const BOOK_AUTHOR: FieldMap = { author: 'author', bookauthor: 'author' };
const JOURNAL_TITLE: FieldMap = { journaltitle: 'title', journalsubtitle: 'subtitle' };

/** Child type → parent type → child field → parent field. */
const MAPPINGS: Readonly<Record<string, Readonly<Record<string, FieldMap>>>> = {
  article: { periodical: JOURNAL_TITLE },
  suppperiodical: { periodical: JOURNAL_TITLE },
  book: { mvbook: MAIN_TITLE },
  bookinbook: { book: { ...BOOK_AUTHOR, ...BOOK_TITLE }, mvbook: { ...BOOK_AUTHOR, ...MAIN_TITLE } },
  inbook: { book: { ...BOOK_AUTHOR, ...BOOK_TITLE }, mvbook: { ...BOOK_AUTHOR, ...MAIN_TITLE } },
  suppbook: { book: { ...BOOK_AUTHOR, ...BOOK_TITLE }, mvbook: { ...BOOK_AUTHOR, ...MAIN_TITLE } },
  collection: { mvcollection: MAIN_TITLE, mvreference: MAIN_TITLE },
  reference: { mvcollection: MAIN_TITLE, mvreference: MAIN_TITLE },
  proceedings: { mvproceedings: MAIN_TITLE },
  incollection: {
    collection: BOOK_TITLE,
    reference: BOOK_TITLE,
    mvcollection: MAIN_TITLE,
    mvreference: MAIN_TITLE,
  },
  inreference: {
    collection: BOOK_TITLE,
    reference: BOOK_TITLE,
    mvcollection: MAIN_TITLE,
    mvreference: MAIN_TITLE,
  },
  suppcollection: {
    collection: BOOK_TITLE,
    reference: BOOK_TITLE,
    mvcollection: MAIN_TITLE,
    mvreference: MAIN_TITLE,
  },
  inproceedings: { proceedings: BOOK_TITLE, mvproceedings: MAIN_TITLE },
};

/** Fields that name or sort the parent itself; never inherited. */
const NEVER_INHERITED = new Set([
  'ids',
  'crossref',
  'xref',
  'entryset',
  'entrysubtype',
  'execute',
  'label',
  'options',
  'presort',
  'related',
  'relatedoptions',
  'relatedstring',
  'relatedtype',
  'shorthand',
  'shorthandintro',
  'sortkey',
  'shorttitle',
  'sorttitle',
  'indextitle',
  'indexsorttitle',
]);

/**
 * Applies `crossref` to every entry that has one, in place (a parent's own parent first).
 * `keep` lists fields that describe the parent, not the child (its abstract, DOI), so a child
 * never takes them. An entry whose parent is missing keeps its own fields.
 */
export function applyCrossref(entries: BibtexEntry[], keep: ReadonlySet<string>): void {
  if (!entries.some((entry) => entry.fields.crossref !== undefined)) return;
  const byKey = new Map<string, BibtexEntry>();
  for (const entry of entries) {
    const key = entry.key.toLowerCase();
    if (key !== '' && !byKey.has(key)) byKey.set(key, entry);
  }
  const done = new Set<BibtexEntry>();
  const resolve = (entry: BibtexEntry, seen: Set<BibtexEntry>): void => {
    if (done.has(entry) || seen.has(entry)) return;
    seen.add(entry);
    const parentKey = entry.fields.crossref?.trim().toLowerCase();
    const parent = parentKey ? byKey.get(parentKey) : undefined;
    if (parent && parent !== entry) {
      resolve(parent, seen);
      inherit(entry, parent, keep);
    }
    done.add(entry);
  };
  for (const entry of entries) {
    if (entry.fields.crossref !== undefined) resolve(entry, new Set());
  }
}

function inherit(child: BibtexEntry, parent: BibtexEntry, keep: ReadonlySet<string>): void {
  const mapping = MAPPINGS[child.type]?.[parent.type];
  const mapped = new Set<string>();
  if (mapping) {
    for (const [childField, parentField] of Object.entries(mapping)) {
      mapped.add(parentField);
      const value = parent.fields[parentField];
      if (child.fields[childField] === undefined && value !== undefined) child.fields[childField] = value;
    }
  }
  for (const [field, value] of Object.entries(parent.fields)) {
    if (child.fields[field] !== undefined || NEVER_INHERITED.has(field) || keep.has(field)) continue;
    if (mapped.has(field)) continue;
    child.fields[field] = value;
  }
}
