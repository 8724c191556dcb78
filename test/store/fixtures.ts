/**
 * Graphs and hand-checked answers for the store tests.
 *
 * The extended sample is test/helpers/sample-graph.ts plus paper p4 "Machines and Minds" (2024, theme 1)
 * by Grace O'Hopper and Alan Turing, which cites p2 and mentions "Wu et al. 2018": Grace (community 0)
 * and Alan (community 1) now bridge the two collaboration groups.
 */
import type { AuthorNodeAttributes, PaperNodeAttributes } from '../../src/model/graph-schema.ts';
import type { QueryParams, Row, StoreValue } from '../../src/store/graph-store.ts';
import { type AnalysedGraph, sampleAnalysedGraph } from '../helpers/sample-graph.ts';

export const NASTY_NAME = `O'Brien" RETURN 1 //`;

export function extendedSampleGraph(): AnalysedGraph {
  const graph = sampleAnalysedGraph();
  const p1 = graph.getNodeAttributes('paper:p1') as PaperNodeAttributes;
  graph.addNode('paper:p4', {
    ...p1,
    paperId: 'p4',
    title: 'Machines and Minds',
    label: 'Machines and Minds',
    year: 2024,
    date: '2024-01-01',
    theme: 1,
    themeLabel: 'computable numbers',
    citedBy: 0,
  });
  graph.mergeNodeAttributes('paper:p2', { citedBy: 1 });
  graph.mergeNodeAttributes('author:grace-ohopper', { paperCount: 2 });
  graph.mergeNodeAttributes('author:alan-turing', { paperCount: 2 });
  graph.addDirectedEdgeWithKey('authored:grace-ohopper->p4', 'author:grace-ohopper', 'paper:p4', {
    kind: 'authored',
    weight: 1,
    position: 1,
  });
  graph.addDirectedEdgeWithKey('authored:alan-turing->p4', 'author:alan-turing', 'paper:p4', {
    kind: 'authored',
    weight: 1,
    position: 2,
  });
  graph.addUndirectedEdgeWithKey(
    'coauthor:alan-turing--grace-ohopper',
    'author:alan-turing',
    'author:grace-ohopper',
    {
      kind: 'coauthor',
      weight: 1,
      count: 1,
      fractional: 1,
      papers: ['p4'],
    },
  );
  graph.addDirectedEdgeWithKey('cites:p4->p2', 'paper:p4', 'paper:p2', {
    kind: 'cites',
    weight: 1,
    origin: 'reference-list',
  });
  graph.addDirectedEdgeWithKey('mentions:p4->wu-2018', 'paper:p4', 'ref:wu-2018', {
    kind: 'mentions',
    weight: 1,
    origin: 'reference-list',
  });
  graph.mergeNodeAttributes('ref:wu-2018', { mentionCount: 2 });
  addMapLinks(graph);
  const communities = graph
    .getAttribute('communities')
    .map((c) =>
      c.layer === 'theme' && c.id === 1 ? { ...c, size: 2, members: ['paper:p3', 'paper:p4'] } : c,
    );
  graph.setAttribute('communities', communities);
  return graph;
}

/**
 * The maps of the extended sample. Cited lists: p3 → {p1, Wu}, p4 → {p2, Wu}. Co-citation: p1–Wu
 * and p2–Wu, one paper each; total link strengths p1 1, p2 1, Wu 2, T = 4, so association
 * strength 1·4/(1·2) = 2. Coupling: p3–p4 share Wu, strength 1·2/(1·1) = 2. Keywords: p1 and p2
 * {analytical engine, computing}, p4 {computing, minds}: analytical engine–computing 2 papers,
 * computing–minds 1; k = 2, 3, 1, T = 6, so both strengths are 2.
 */
function addMapLinks(graph: AnalysedGraph): void {
  const link = (kind: 'cocitation' | 'coupling' | 'cooccurrence', a: string, b: string, count: number) =>
    graph.addUndirectedEdgeWithKey(`${kind}:${a}--${b}`, a, b, {
      kind,
      weight: 2,
      count,
      fractional: count,
      strength: 2,
    });
  link('cocitation', 'paper:p1', 'ref:wu-2018', 1);
  link('cocitation', 'paper:p2', 'ref:wu-2018', 1);
  link('coupling', 'paper:p3', 'paper:p4', 1);
  const keyword = (label: string, occurrences: number) =>
    graph.addNode(`keyword:${label}`, { kind: 'keyword', label, community: 0, occurrences });
  keyword('analytical engine', 2);
  keyword('computing', 3);
  keyword('minds', 1);
  link('cooccurrence', 'keyword:analytical engine', 'keyword:computing', 2);
  link('cooccurrence', 'keyword:computing', 'keyword:minds', 1);
}

/** The sample graph plus an author whose name is made of quotes and Cypher keywords, co-author of Ada. */
export function nastyNameGraph(): AnalysedGraph {
  const graph = sampleAnalysedGraph();
  const ada = graph.getNodeAttributes('author:ada-lovelace') as AuthorNodeAttributes;
  graph.addNode('author:obrien', {
    ...ada,
    authorId: 'obrien',
    name: NASTY_NAME,
    label: NASTY_NAME,
    paperCount: 1,
  });
  graph.addDirectedEdgeWithKey('authored:obrien->p2', 'author:obrien', 'paper:p2', {
    kind: 'authored',
    weight: 1,
    position: 3,
  });
  graph.addUndirectedEdgeWithKey('coauthor:ada-lovelace--obrien', 'author:ada-lovelace', 'author:obrien', {
    kind: 'coauthor',
    weight: 1,
    count: 1,
    fractional: 0.5,
    papers: ['p2'],
  });
  return graph;
}

/**
 * Rows in a comparable form: lists made by collect() come back in engine order, so every list is
 * sorted except those named in `ordered` (e.g. a path).
 */
export function normalizeRows(rows: Row[], ordered: string[] = ['path', 'members']): Row[] {
  const sortValue = (value: StoreValue): StoreValue =>
    Array.isArray(value)
      ? [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      : value;
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, ordered.includes(k) ? v : sortValue(v)])),
  );
}

export interface QueryCase {
  query: string;
  params: QueryParams;
  expected: Row[];
}

const ADA = 'Ada Lovelace';
const CHARLES = 'Charles Babbage';
const GRACE = "Grace O'Hopper";
const ALAN = 'Alan Turing';
const P1 = 'Notes on the Analytical Engine';
const P2 = 'The Analytical Engine, continued';
const P3 = 'On Computable Numbers';
const P4 = 'Machines and Minds';

/** Answers worked out by hand from the extended sample (see the comment at the top). */
export const EXTENDED_SAMPLE_CASES: QueryCase[] = [
  {
    query: 'top-collaborators',
    params: { name: GRACE, limit: 10 },
    expected: [
      { collaborator: ADA, papers: 1, weight: 1 },
      { collaborator: ALAN, papers: 1, weight: 1 },
      { collaborator: CHARLES, papers: 1, weight: 1 },
    ],
  },
  {
    query: 'top-collaborators',
    params: { name: ADA, limit: 1 },
    expected: [{ collaborator: CHARLES, papers: 2, weight: 2 }],
  },
  {
    query: 'collaboration-path',
    params: { from: ADA, to: ALAN },
    expected: [{ path: [ADA, GRACE, ALAN], hops: 2 }],
  },
  {
    query: 'communities',
    params: { layer: 'collaboration' },
    expected: [
      { community: 0, label: 'Ada Lovelace, Charles Babbage', size: 3, members: [ADA, CHARLES, GRACE] },
      { community: 1, label: ALAN, size: 1, members: [ALAN] },
    ],
  },
  {
    query: 'communities',
    params: { layer: 'theme' },
    expected: [
      { community: 0, label: 'analytical engine', size: 2, members: [P1, P2] },
      { community: 1, label: 'computable numbers', size: 2, members: [P4, P3] },
    ],
  },
  {
    query: 'most-connected-authors',
    params: { limit: 10 },
    expected: [
      { author: GRACE, coauthors: 3, weight: 3, papers: 2 },
      { author: ADA, coauthors: 2, weight: 3, papers: 2 },
      { author: CHARLES, coauthors: 2, weight: 3, papers: 2 },
      { author: ALAN, coauthors: 1, weight: 1, papers: 2 },
    ],
  },
  {
    query: 'most-bridging-authors',
    params: { limit: 2 },
    expected: [
      { author: ALAN, community: 1, otherCommunities: 1, outsideCoauthors: 1, betweenness: 0 },
      { author: GRACE, community: 0, otherCommunities: 1, outsideCoauthors: 1, betweenness: 0 },
    ],
  },
  {
    query: 'papers-linking-themes',
    params: { themeA: 0, themeB: 1 },
    expected: [
      { paper: P1, linkedPaper: P3, link: 'cited by' },
      { paper: P2, linkedPaper: P4, link: 'cited by' },
    ],
  },
  {
    query: 'papers-linking-themes',
    params: { themeA: 0, themeB: 0 },
    expected: [
      { paper: P1, linkedPaper: P2, link: 'similar' },
      { paper: P2, linkedPaper: P1, link: 'similar' },
    ],
  },
  {
    query: 'most-mentioned-references',
    params: { limit: 10 },
    expected: [{ reference: 'Wu et al. 2018', year: 2018, papers: 2, mentionedBy: [P4, P3] }],
  },
  {
    query: 'coauthor-triangles',
    params: { limit: 50 },
    expected: [{ first: ADA, second: CHARLES, third: GRACE }],
  },
  {
    query: 'ego-network',
    params: { name: GRACE },
    expected: [
      { coauthor: ADA, weight: 1, papers: 1, alsoWith: [CHARLES] },
      { coauthor: ALAN, weight: 1, papers: 1, alsoWith: [] },
      { coauthor: CHARLES, weight: 1, papers: 1, alsoWith: [ADA] },
    ],
  },
  {
    query: 'community-papers-by-year',
    params: { community: 0 },
    expected: [
      { year: 2022, papers: 1, titles: [P1] },
      { year: 2023, papers: 1, titles: [P2] },
      { year: 2024, papers: 1, titles: [P4] },
    ],
  },
  {
    query: 'community-papers-by-year',
    params: { community: 1 },
    expected: [
      { year: 2023, papers: 1, titles: [P3] },
      { year: 2024, papers: 1, titles: [P4] },
    ],
  },
  {
    query: 'top-cocited-pairs',
    params: { limit: 10 },
    expected: [
      { first: P1, second: 'Wu et al. 2018', papers: 1, strength: 2 },
      { first: P2, second: 'Wu et al. 2018', papers: 1, strength: 2 },
    ],
  },
  {
    query: 'top-coupled-pairs',
    params: { limit: 10 },
    expected: [{ first: P3, second: P4, sharedReferences: 1, strength: 2 }],
  },
  {
    query: 'top-cooccurring-keywords',
    params: { limit: 1 },
    expected: [{ first: 'analytical engine', second: 'computing', papers: 2, strength: 2 }],
  },
  {
    query: 'citations-between-communities',
    params: {},
    expected: [{ citingTheme: 'computable numbers', citedTheme: 'analytical engine', citations: 2 }],
  },
];
