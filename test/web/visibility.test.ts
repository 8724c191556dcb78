import { describe, expect, it } from 'vitest';
import { buildIndex, nodeYears } from '../../src/web/graph-index.ts';
import { defaultState, type ViewState } from '../../src/web/state.ts';
import { viewsOf } from '../../src/web/views.ts';
import { buildLayerIndex, computeVisibility } from '../../src/web/visibility.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';

const graph = sampleAnalysedGraph();
const index = buildIndex(graph);
const views = viewsOf(graph);

function visible(view: string, change: Partial<ViewState> = {}) {
  const layer = buildLayerIndex(graph, index, views.get(view)!);
  const state = { ...defaultState(), view, ...change };
  const v = computeVisibility(layer, state, {
    yearsOf: (k) => nodeYears(graph.getNodeAttributes(k)),
    categoryOf: (k) => {
      const c = index.communityOf.theme.get(k);
      return c === undefined ? undefined : String(c);
    },
    rangeValues: null,
  });
  return { nodes: [...v.nodes].sort(), edges: v.edges.size, isolated: layer.isolated };
}

describe('visibility of a view', () => {
  it('lists the views of the edge kinds the graph holds', () => {
    expect([...views.keys()]).toEqual(['coauthor', 'citations', 'themes', 'authorship']);
  });

  it('hides authors without a co-author until asked, and counts them', () => {
    expect(visible('coauthor')).toEqual({
      nodes: ['author:ada-lovelace', 'author:charles-babbage', 'author:grace-ohopper'],
      edges: 3,
      isolated: 1,
    });
    expect(visible('coauthor', { showIsolated: true }).nodes).toContain('author:alan-turing');
  });

  it('a year bound hides nodes without a year unless they are asked for', () => {
    // p1 is 2022; the reference (2018) goes with p3 (2023), the only paper citing it.
    expect(visible('citations', { yearMax: 2022 }).nodes).toEqual(['paper:p1']);
    const g = sampleAnalysedGraph();
    g.updateNodeAttributes('paper:p3', (a) => ({ ...a, year: undefined }));
    const layer = buildLayerIndex(g, buildIndex(g), viewsOf(g).get('citations')!);
    const run = (noYear: 'hide' | 'show') =>
      [
        ...computeVisibility(
          layer,
          { ...defaultState(), view: 'citations', yearMax: 2022, noYear },
          {
            yearsOf: (k) => nodeYears(g.getNodeAttributes(k)),
            categoryOf: () => undefined,
            rangeValues: null,
          },
        ).nodes,
      ].sort();
    expect(run('hide')).toEqual(['paper:p1']);
    expect(run('show')).toEqual(['paper:p1', 'paper:p3', 'ref:wu-2018']);
  });

  it('k-core keeps the triangle; the ego network follows the selection', () => {
    expect(visible('coauthor', { kcore: 2, showIsolated: true }).nodes).toHaveLength(3);
    expect(visible('coauthor', { kcore: 3 }).nodes).toEqual([]);
    // Author–paper: Grace wrote p1 only; at depth 1 her ego network is Grace and p1.
    expect(visible('authorship', { egoDepth: 1, selectedNode: 'author:grace-ohopper' }).nodes).toEqual([
      'author:grace-ohopper',
      'paper:p1',
    ]);
    expect(visible('authorship', { egoDepth: 2, selectedNode: 'author:grace-ohopper' }).nodes).toEqual([
      'author:ada-lovelace',
      'author:charles-babbage',
      'author:grace-ohopper',
      'paper:p1',
    ]);
  });

  it('hiding a category drops its nodes', () => {
    expect(visible('citations', { hiddenCommunities: new Set(['1']) }).nodes).toEqual(['paper:p1']);
  });
});
