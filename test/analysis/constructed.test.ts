import { describe, expect, it } from 'vitest';
import { type CsrGraph, undirectedFromEdges } from '../../src/analysis/csr.ts';
import { louvainCsr } from '../../src/analysis/louvain.ts';
import { findMentions } from '../../src/analysis/mentions.ts';
import { seedStability } from '../../src/analysis/partition-diagnostics.ts';
import { analyze } from '../../src/analysis/pipeline.ts';
import { ingestTexts } from '../../src/ingest/ingest.ts';
import { seededRandom } from '../../src/util/random.ts';

/** Two 5-cliques a0..a4 and b0..b4 (nodes 0..4 and 5..9) joined by the edge a0–b0, plus extra edges. */
function twoCliquesJoinedByOneEdge(extra: [number, number][] = []): CsrGraph {
  const sources: number[] = [];
  const targets: number[] = [];
  for (const base of [0, 5])
    for (let i = 0; i < 5; i++)
      for (let j = i + 1; j < 5; j++) {
        sources.push(base + i);
        targets.push(base + j);
      }
  sources.push(0);
  targets.push(5);
  for (const [a, b] of extra) {
    sources.push(a);
    targets.push(b);
  }
  const nodeCount = Math.max(10, ...extra.flat().map((v) => v + 1));
  return undirectedFromEdges(
    nodeCount,
    sources,
    targets,
    sources.map(() => 1),
  );
}

describe('Louvain on graphs whose communities are known', () => {
  it('splits two 5-cliques joined by one edge into the two cliques', () => {
    const partition = louvainCsr(twoCliquesJoinedByOneEdge(), { resolution: 1, random: seededRandom(7) });
    expect(partition.count).toBe(2);
    const left = partition.membership[0];
    expect([1, 2, 3, 4].every((node) => partition.membership[node] === left)).toBe(true);
    expect([5, 6, 7, 8, 9].every((node) => partition.membership[node] !== left)).toBe(true);
    // Q = Σ_c [L_c/m − (d_c/2m)²] with m = 21, L_c = 10, d_c = 21: 2·(10/21 − 1/4).
    expect(partition.modularity).toBeCloseTo(2 * (10 / 21 - 0.25), 10);
  });

  it('is stable across seeds on such a graph, and numbers communities by size', () => {
    const graph = twoCliquesJoinedByOneEdge([[10, 11]]);
    const partition = louvainCsr(graph, { resolution: 1, random: seededRandom(1) });
    expect(partition.membership[10]).toBe(2);
    expect(partition.membership[11]).toBe(2);
    expect(seedStability(graph, partition.membership, 1, 5, 1).meanPairStability).toBe(1);
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
    const { graph } = analyze(corpus, {
      build: { maxAuthorsPerPaper: 25, coauthorWeight: 'fractional', mineAbstracts: false },
      layout: false,
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
    const { graph, report } = analyze(corpus, {
      build: { maxAuthorsPerPaper: 2, coauthorWeight: 'count', mineAbstracts: false },
      layout: false,
    });
    expect(report.coauthorship.cappedPapers.map((paper) => paper.authors)).toEqual([3]);
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
