import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { detectCommunities, seedStability, type WeightedGraph } from '../../src/analysis/communities.ts';
import { findMentions } from '../../src/analysis/mentions.ts';
import { buildGraph } from '../../src/graph/build.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';

function twoCliquesJoinedByOneEdge(): WeightedGraph {
  const graph: WeightedGraph = new Graph({ type: 'undirected' });
  const left = ['a1', 'a2', 'a3', 'a4', 'a5'];
  const right = ['b1', 'b2', 'b3', 'b4', 'b5'];
  for (const clique of [left, right]) {
    for (let i = 0; i < clique.length; i++)
      for (let j = i + 1; j < clique.length; j++) graph.mergeEdge(clique[i]!, clique[j]!, { weight: 1 });
  }
  graph.mergeEdge('a1', 'b1', { weight: 1 });
  return graph;
}

describe('Louvain on graphs whose communities are known', () => {
  it('splits two 5-cliques joined by one edge into the two cliques', () => {
    const partition = detectCommunities(twoCliquesJoinedByOneEdge(), { resolution: 1, seed: 7 });
    expect(partition.count).toBe(2);
    const left = partition.membership.get('a1');
    expect(['a2', 'a3', 'a4', 'a5'].every((node) => partition.membership.get(node) === left)).toBe(true);
    expect(['b1', 'b2', 'b3', 'b4', 'b5'].every((node) => partition.membership.get(node) !== left)).toBe(
      true,
    );
    // Q = Σ_c [L_c/m − (d_c/2m)²] with m = 21, L_c = 10, d_c = 21: 2·(10/21 − 1/4).
    expect(partition.modularity).toBeCloseTo(2 * (10 / 21 - 0.25), 10);
  });

  it('is stable across seeds on such a graph, and numbers communities by size', () => {
    const graph = twoCliquesJoinedByOneEdge();
    graph.mergeEdge('c1', 'c2', { weight: 1 });
    const partition = detectCommunities(graph, { resolution: 1, seed: 1 });
    expect(partition.membership.get('c1')).toBe(2);
    expect(seedStability(graph, partition, 5, 1).meanPairStability).toBe(1);
  });
});

describe('co-authorship weights', () => {
  const page = [
    'Fractional Weights',
    'Paper One With Three Authors',
    'Lovelace, Ada, Babbage, Charles, Hopper, Grace',
    'An abstract long enough to be read as prose. It says nothing about anything at all, which is fine for a test of weights. More words follow here to pass the length.',
    'Paper Two With Two Authors',
    'Lovelace, Ada, Babbage, Charles',
    'Another abstract long enough to be read as prose. It also says nothing about anything at all, which is fine for a test. More words follow here to pass the length.',
  ].join('\n');
  const corpus = ingestTexts([{ name: 'weights.txt', text: page }]);

  it("gives joint-paper counts and Newman's fractional weights exactly", () => {
    const { graph } = buildGraph(corpus, {
      maxAuthorsPerPaper: 25,
      coauthorWeight: 'fractional',
      mineAbstracts: false,
    });
    const adaCharles = graph.getEdgeAttributes('coauthor:ada-lovelace--charles-babbage');
    expect(adaCharles.count).toBe(2);
    expect(adaCharles.fractional).toBe(1 / 2 + 1);
    expect(adaCharles.weight).toBe(1.5);
    expect(adaCharles.papers).toHaveLength(2);
    expect(graph.getEdgeAttributes('coauthor:ada-lovelace--grace-hopper')).toMatchObject({
      count: 1,
      fractional: 0.5,
    });
  });

  it('applies the author cap', () => {
    const { graph, report } = buildGraph(corpus, {
      maxAuthorsPerPaper: 2,
      coauthorWeight: 'count',
      mineAbstracts: false,
    });
    expect(report.cappedPapers.map((paper) => paper.authors)).toEqual([3]);
    expect(graph.getEdgeAttributes('coauthor:ada-lovelace--charles-babbage').count).toBe(1);
    expect(graph.hasEdge('coauthor:ada-lovelace--grace-hopper')).toBe(false);
  });
});

describe('in-text mentions', () => {
  it.each([
    ['introduced by Sachs et al. [2022] as', ['Sachs'], 2022, true],
    ['as in (Wu et al., 2018).', ['Wu'], 2018, true],
    ['Rubinfeld and Vasilyan (2023) show', ['Rubinfeld', 'Vasilyan'], 2023, false],
    ['L-Katyusha (Kovalev et al., 2020), are', ['Kovalev'], 2020, true],
    ['methods (see Domke, 2020) compared', ['Domke'], 2020, false],
  ])('reads %s', (text, surnames, year, etAl) => {
    const [mention] = findMentions(text);
    expect(mention).toMatchObject({ kind: 'author-year', surnames, year, etAl });
  });

  it('reads bracket keys, several per bracket', () => {
    expect(
      findMentions('extends [CMM21] and [AB19, XYZ+20].').map((mention) => [mention.key, mention.year]),
    ).toEqual([
      ['CMM21', 2021],
      ['AB19', 2019],
      ['XYZ+20', 2020],
    ]);
  });

  it('reads quoted titles in every quote style, with their sentence', () => {
    const mentions = findMentions(
      'Unlike "Attention Is All You Need", we do more. See ``Fantastic Generalization Measures and Where to Find Them,\'\' too.',
    );
    expect(mentions.map((mention) => mention.title)).toEqual([
      'Attention Is All You Need',
      'Fantastic Generalization Measures and Where to Find Them',
    ]);
    expect(mentions[0]!.sentence).toBe('Unlike "Attention Is All You Need", we do more.');
  });

  it('does not read sentence starts or plain years as citations', () => {
    expect(
      findMentions('In 2020 we did this. The (2021) results and This (2019) are not citations.'),
    ).toEqual([]);
  });
});
