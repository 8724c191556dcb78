import Graph from 'graphology';
import type {
  AuthorNodeAttributes,
  EdgeAttributes,
  GraphAttributes,
  NodeAttributes,
  PaperNodeAttributes,
  ReferenceNodeAttributes,
} from '../../src/model/graph-schema.ts';

export type AnalysedGraph = Graph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/**
 * A small analysed graph, written by hand to the schema of src/model/graph-schema.ts, for tests of
 * consumers (exports, stores, view) that should not depend on the analysis pipeline.
 *
 * Papers p1 (2022, Ada Lovelace + Charles Babbage + Grace O'Hopper), p2 (2023, Ada + Charles),
 * p3 (2023, Alan Turing, cites p1, mentions "Wu et al. 2018"). Collaboration communities:
 * 0 = {Ada, Charles, Grace}, 1 = {Alan}. Themes: 0 = {p1, p2}, 1 = {p3}.
 */
export function sampleAnalysedGraph(): AnalysedGraph {
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  graph.replaceAttributes({
    name: 'sample',
    generator: 'citegraph test',
    schema: 1,
    communities: [
      {
        id: 0,
        layer: 'collaboration',
        label: 'Ada Lovelace, Charles Babbage',
        size: 3,
        members: ['author:ada-lovelace', 'author:charles-babbage', 'author:grace-ohopper'],
        color: '#1f77b4',
      },
      {
        id: 1,
        layer: 'collaboration',
        label: 'Alan Turing',
        size: 1,
        members: ['author:alan-turing'],
        color: '#ff7f0e',
      },
      {
        id: 0,
        layer: 'theme',
        label: 'analytical engine',
        size: 2,
        members: ['paper:p1', 'paper:p2'],
        terms: ['analytical engine', 'engine'],
        color: '#2ca02c',
      },
      {
        id: 1,
        layer: 'theme',
        label: 'computable numbers',
        size: 1,
        members: ['paper:p3'],
        terms: ['computable numbers'],
        color: '#d62728',
      },
    ],
    modularity: { collaboration: 0.0, theme: 0.0 },
    options: { seed: 42 },
  });

  const paper = (
    id: string,
    title: string,
    year: number,
    theme: number,
    x: number,
    y: number,
  ): PaperNodeAttributes => ({
    kind: 'paper',
    label: title,
    paperId: id,
    title,
    year,
    date: `${year}-01-01`,
    abstract: `Abstract of ${title}.`,
    sources: [`sample.txt:1 (author-page)`],
    theme,
    themeLabel: theme === 0 ? 'analytical engine' : 'computable numbers',
    x,
    y,
    size: 5,
    color: theme === 0 ? '#2ca02c' : '#d62728',
    pagerank: 0.3,
    citedBy: 0,
  });
  const author = (
    id: string,
    name: string,
    paperCount: number,
    community: number,
    x: number,
    y: number,
  ): AuthorNodeAttributes => ({
    kind: 'author',
    label: name,
    authorId: id,
    name,
    key: name.toLowerCase().replace(/[^a-z ]/g, ''),
    authorKind: 'person',
    paperCount,
    community,
    communityLabel: community === 0 ? 'Ada Lovelace, Charles Babbage' : 'Alan Turing',
    x,
    y,
    size: 4 + paperCount,
    color: community === 0 ? '#1f77b4' : '#ff7f0e',
  });

  graph.addNode('paper:p1', paper('p1', 'Notes on the Analytical Engine', 2022, 0, 0, 0));
  graph.addNode('paper:p2', paper('p2', 'The Analytical Engine, continued', 2023, 0, 1, 0));
  graph.addNode('paper:p3', { ...paper('p3', 'On Computable Numbers', 2023, 1, 5, 5), citedBy: 0 });
  graph.mergeNodeAttributes('paper:p1', { citedBy: 1 });
  graph.addNode('author:ada-lovelace', author('ada-lovelace', 'Ada Lovelace', 2, 0, 0, 1));
  graph.addNode('author:charles-babbage', author('charles-babbage', 'Charles Babbage', 2, 0, 1, 1));
  graph.addNode('author:grace-ohopper', author('grace-ohopper', "Grace O'Hopper", 1, 0, 0.5, 2));
  graph.addNode('author:alan-turing', author('alan-turing', 'Alan Turing', 1, 1, 5, 6));
  const reference: ReferenceNodeAttributes = {
    kind: 'reference',
    label: 'Wu et al. 2018',
    referenceId: 'wu-2018',
    text: 'Wu et al. 2018',
    year: 2018,
    firstAuthorFamily: 'Wu',
    mentionCount: 1,
    x: 6,
    y: 4,
    size: 3,
    color: '#999999',
  };
  graph.addNode('ref:wu-2018', reference);

  const authored: [string, string, number][] = [
    ['ada-lovelace', 'p1', 1],
    ['charles-babbage', 'p1', 2],
    ['grace-ohopper', 'p1', 3],
    ['ada-lovelace', 'p2', 1],
    ['charles-babbage', 'p2', 2],
    ['alan-turing', 'p3', 1],
  ];
  for (const [a, p, position] of authored) {
    graph.addDirectedEdgeWithKey(`authored:${a}->${p}`, `author:${a}`, `paper:${p}`, {
      kind: 'authored',
      weight: 1,
      position,
    });
  }
  graph.addUndirectedEdgeWithKey(
    'coauthor:ada-lovelace--charles-babbage',
    'author:ada-lovelace',
    'author:charles-babbage',
    {
      kind: 'coauthor',
      weight: 2,
      count: 2,
      fractional: 1.5,
      papers: ['p1', 'p2'],
    },
  );
  graph.addUndirectedEdgeWithKey(
    'coauthor:ada-lovelace--grace-ohopper',
    'author:ada-lovelace',
    'author:grace-ohopper',
    {
      kind: 'coauthor',
      weight: 1,
      count: 1,
      fractional: 0.5,
      papers: ['p1'],
    },
  );
  graph.addUndirectedEdgeWithKey(
    'coauthor:charles-babbage--grace-ohopper',
    'author:charles-babbage',
    'author:grace-ohopper',
    { kind: 'coauthor', weight: 1, count: 1, fractional: 0.5, papers: ['p1'] },
  );
  graph.addDirectedEdgeWithKey('cites:p3->p1', 'paper:p3', 'paper:p1', {
    kind: 'cites',
    weight: 1,
    origin: 'abstract',
    context: 'As shown in the Notes on the Analytical Engine (Lovelace et al., 2022), engines compute.',
  });
  graph.addDirectedEdgeWithKey('mentions:p3->wu-2018', 'paper:p3', 'ref:wu-2018', {
    kind: 'mentions',
    weight: 1,
    origin: 'abstract',
    context: 'We follow (Wu et al., 2018).',
  });
  graph.addUndirectedEdgeWithKey('similar:p1--p2', 'paper:p1', 'paper:p2', { kind: 'similar', weight: 0.8 });
  return graph;
}
