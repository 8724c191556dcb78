/**
 * Node attributes as the appearance and filter controls see them (as Gephi Lite does): every attribute
 * of a view's nodes is numeric or categorical, and two overlay scores are derived when the graph lacks
 * them (VOSviewer's "Average year" and "Average normalised citations").
 */
import type { AnalysedGraph } from './graph-index.ts';

export type AttributeType = 'numeric' | 'categorical';

export interface AttributeInfo {
  name: string;
  label: string;
  type: AttributeType;
}

/** The overlay scores, named as VOSviewer names them; read from the node or derived from its papers. */
const OVERLAY_SCORES: Readonly<Record<string, string>> = {
  avgYear: 'Average year',
  avgNormCitations: 'Average normalised citations',
};

/** The attribute a paper carries for each overlay score. */
const PAPER_SCORE: Readonly<Record<string, string>> = { avgYear: 'year', avgNormCitations: 'normCitations' };

/** Attributes that hold identifiers, text or positions: never offered for colour, size or filters. */
const NOT_OFFERED = new Set([
  'x',
  'y',
  'label',
  'color',
  'size',
  'key',
  'paperId',
  'authorId',
  'referenceId',
  'title',
  'name',
  'text',
  'abstract',
  'sources',
  'doi',
  'date',
  'partialDate',
  'themeMix',
  'members',
  'firstAuthorFamily',
]);

/** Numbers that name a group, not a quantity. */
const GROUP_IDS = /^(community|theme|cluster)$|Cluster$|Community$/;

/** Text attributes with more distinct values than this are not offered as categories. */
const MAX_CATEGORIES = 60;

const LABELS: Readonly<Record<string, string>> = {
  kind: 'Node kind',
  year: 'Year',
  degree: 'Degree',
  weightedDegree: 'Weighted degree',
  betweenness: 'Betweenness',
  bridging: 'Bridging',
  pagerank: 'PageRank',
  citedBy: 'Cited by (corpus)',
  paperCount: 'Papers',
  firstYear: 'First year',
  lastYear: 'Last year',
  mentionCount: 'Mentioned by',
  globalCitations: 'Global citations',
  localCitations: 'Local citations',
  normCitations: 'Normalised citations',
  hIndex: 'h-index',
  gIndex: 'g-index',
  authorCount: 'Authors',
  venue: 'Venue',
  community: 'Collaboration group',
  theme: 'Theme',
  cluster: 'Cluster',
  authorKind: 'Author kind',
};

export function attributeLabel(name: string): string {
  return OVERLAY_SCORES[name] ?? LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Most nodes read to decide which attributes a view offers (evenly spread over its nodes). */
const CATALOGUE_SAMPLE = 5000;

/** The numeric and categorical attributes of these nodes, overlay scores first. */
export function attributeCatalogue(graph: AnalysedGraph, nodes: readonly string[]): AttributeInfo[] {
  const numeric = new Map<string, boolean>();
  const distinct = new Map<string, Set<string>>();
  let hasYear = false;
  let hasNorm = false;
  const step = Math.max(1, Math.floor(nodes.length / CATALOGUE_SAMPLE));
  for (let i = 0; i < nodes.length; i += step) {
    const key = nodes[i]!;
    const a = graph.getNodeAttributes(key) as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(a)) {
      if (NOT_OFFERED.has(name) || value === undefined || value === null) continue;
      if (typeof value === 'number') {
        if (!numeric.has(name)) numeric.set(name, true);
        if (GROUP_IDS.test(name)) addDistinct(distinct, name, String(value));
      } else if (typeof value === 'string' || typeof value === 'boolean') {
        numeric.set(name, false);
        addDistinct(distinct, name, String(value));
      } else numeric.set(name, false);
    }
    hasYear ||= typeof a.year === 'number' || typeof a.avgYear === 'number' || a.kind === 'author';
    hasNorm ||= typeof a.normCitations === 'number' || typeof a.avgNormCitations === 'number';
  }
  const out: AttributeInfo[] = [];
  if (hasYear) out.push({ name: 'avgYear', label: OVERLAY_SCORES.avgYear!, type: 'numeric' });
  if (hasNorm)
    out.push({ name: 'avgNormCitations', label: OVERLAY_SCORES.avgNormCitations!, type: 'numeric' });
  const names = [...numeric.keys()].filter((n) => !(n in OVERLAY_SCORES)).sort();
  for (const name of names) {
    const values = distinct.get(name);
    if (GROUP_IDS.test(name) || numeric.get(name) === false) {
      if (values && values.size <= MAX_CATEGORIES && values.size > 0)
        out.push({ name, label: attributeLabel(name), type: 'categorical' });
    } else out.push({ name, label: attributeLabel(name), type: 'numeric' });
  }
  return out;
}

function addDistinct(distinct: Map<string, Set<string>>, name: string, value: string): void {
  let set = distinct.get(name);
  if (!set) {
    set = new Set();
    distinct.set(name, set);
  }
  if (set.size <= MAX_CATEGORIES) set.add(value);
}

/** The numeric value of an attribute for each node that has one (overlay scores derived when absent). */
export function numericValues(
  graph: AnalysedGraph,
  nodes: Iterable<string>,
  name: string,
): Map<string, number> {
  const out = new Map<string, number>();
  const paperScore = PAPER_SCORE[name];
  for (const key of nodes) {
    const a = graph.getNodeAttributes(key) as unknown as Record<string, unknown>;
    let v = a[name];
    if (typeof v !== 'number' && paperScore) {
      v = a[paperScore];
      if (typeof v !== 'number' && a.kind === 'author') v = meanOverPapers(graph, key, paperScore);
    }
    if (typeof v === 'number' && Number.isFinite(v)) out.set(key, v);
  }
  return out;
}

/** The mean of an attribute over the papers an author wrote (authored edges), undefined when none has it. */
function meanOverPapers(graph: AnalysedGraph, author: string, name: string): number | undefined {
  let sum = 0;
  let n = 0;
  graph.forEachOutEdge(author, (_e, ea, _s, _t, _sa, ta) => {
    if (ea.kind !== 'authored') return;
    const v = (ta as unknown as Record<string, unknown>)[name];
    if (typeof v === 'number' && Number.isFinite(v)) {
      sum += v;
      n += 1;
    }
  });
  return n > 0 ? sum / n : undefined;
}

/** The category of each node that has the attribute, as text. */
export function categoryValues(
  graph: AnalysedGraph,
  nodes: Iterable<string>,
  name: string,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of nodes) {
    const v = (graph.getNodeAttributes(key) as unknown as Record<string, unknown>)[name];
    if (typeof v === 'number' && GROUP_IDS.test(name) && v < 0) continue;
    if (v !== undefined && v !== null && v !== '') out.set(key, String(v));
  }
  return out;
}

/** The value at quantile q (0..1) of sorted numbers. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}
