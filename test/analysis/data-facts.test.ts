import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/pipeline.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { AuthorNodeAttributes, PaperNodeAttributes } from '../../src/model/graph-schema.ts';

const { corpus } = await ingestFiles(['data/pages']);
const FAST = { layout: false, stabilitySeeds: 0 } as const;

describe('hand-checked facts on data/', () => {
  const { graph, report } = analyze(corpus, FAST);
  const papers = graph
    .filterNodes((_node, attributes) => attributes.kind === 'paper')
    .map((node) => graph.getNodeAttributes(node) as PaperNodeAttributes);

  it('finds Lei Wu the most productive and most connected author', () => {
    expect(report.tables.mostProductiveAuthors[0]).toEqual({
      author: 'author:lei-wu',
      name: 'Lei Wu',
      papers: 10,
    });
    expect(report.tables.mostConnectedAuthors[0]!.name).toBe('Lei Wu');
    const leiWu = graph.getNodeAttributes('author:lei-wu') as AuthorNodeAttributes;
    // 11 distinct co-authors once the 88-name paper is capped (hand-counted on the author page).
    expect(leiWu.degree).toBe(11);
    expect(report.collaboration.communities[0]!.label.startsWith('Lei Wu')).toBe(true);
  });

  it('leaves the 88-name challenge paper out of co-authorship by default and says so', () => {
    expect(report.coauthorship.cappedPapers).toEqual([
      {
        id: expect.any(String),
        title:
          'The Brain Tumor Segmentation (BraTS-METS) Challenge 2023: Brain Metastasis Segmentation on Pre-treatment MRI',
        authors: 88,
      },
    ]);
    expect(graph.hasEdge('coauthor:ahmed-w-moawad--anastasia-janas')).toBe(false);
    expect((graph.getNodeAttributes('author:ahmed-w-moawad') as AuthorNodeAttributes).community).toBe(-1);
  });

  it('includes it when the cap is raised: 88 authors give 88·87/2 pairs', () => {
    const raised = analyze(corpus, {
      ...FAST,
      build: { maxAuthorsPerPaper: 100, coauthorWeight: 'count', mineAbstracts: true },
    });
    expect(raised.report.coauthorship.cappedPapers).toEqual([]);
    expect(raised.graph.hasEdge('coauthor:ahmed-w-moawad--anastasia-janas')).toBe(true);
    expect(raised.report.summary.edges.coauthor - report.summary.edges.coauthor).toBe((88 * 87) / 2 - 0);
  });

  it("turns 'Sachs et al. [2022]' into a shared Reference node with the citing sentence", () => {
    const sachs = graph.getNodeAttributes('ref:sachs-etal-2022');
    expect(sachs).toMatchObject({
      kind: 'reference',
      text: 'Sachs et al. 2022',
      year: 2022,
      mentionCount: 1,
    });
    const [edge] = graph.inEdges('ref:sachs-etal-2022');
    const attributes = graph.getEdgeAttributes(edge!);
    expect(attributes).toMatchObject({ kind: 'mentions', origin: 'abstract' });
    expect(attributes.context).toBe(
      'Stochastically Extended Adversarial (SEA) model is introduced by Sachs et al. [2022] as an interpolation between stochastic and adversarial online convex optimization.',
    );
    const citing = graph.getNodeAttributes(graph.source(edge!)) as PaperNodeAttributes;
    expect(citing.title).toBe(
      'Optimistic Online Mirror Descent for Bridging Stochastic and Adversarial Online Convex Optimization',
    );
  });

  it('mines the other mention shapes of the pages', () => {
    for (const reference of [
      'ref:kovalev-etal-2020',
      'ref:rubinfeld-vasilyan-2023',
      'ref:key-cmm21',
      'ref:wu-etal-2018',
    ]) {
      expect(graph.hasNode(reference), reference).toBe(true);
    }
    expect(
      graph.findNode((_node, attributes) => attributes.label === '“Attention Is All You Need”'),
    ).toBeDefined();
    // A quoted two-word term is not a reference.
    expect(graph.findNode((_node, attributes) => attributes.label === '“neural collapse”')).toBeUndefined();
  });

  it('separates segmentation and vision papers from optimisation-theory papers', () => {
    const segmentation = papers.filter((paper) => /segmentation/i.test(paper.title));
    const optimisation = papers.filter((paper) =>
      /gradient descent|SGD|optimi[sz]ation|convex/i.test(paper.title),
    );
    expect(segmentation.length).toBeGreaterThanOrEqual(6);
    expect(optimisation.length).toBeGreaterThanOrEqual(10);
    const mostCommon = (list: PaperNodeAttributes[]): [number, number] => {
      const counts = new Map<number, number>();
      for (const paper of list) counts.set(paper.theme!, (counts.get(paper.theme!) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]!;
    };
    const [segmentationTheme, segmentationCount] = mostCommon(segmentation);
    const [optimisationTheme] = mostCommon(optimisation);
    expect(segmentationCount / segmentation.length).toBeGreaterThanOrEqual(0.75);
    expect(segmentationTheme).not.toBe(optimisationTheme);
    expect(optimisation.filter((paper) => paper.theme === segmentationTheme)).toEqual([]);
    const label = report.themes.communities.find((theme) => theme.id === segmentationTheme)!.label;
    expect(label).toMatch(/segmentation/);
  });

  it('gives authors their theme mix and every node its community colour', () => {
    const leiWu = graph.getNodeAttributes('author:lei-wu') as AuthorNodeAttributes;
    const shares = Object.values(leiWu.themeMix ?? {});
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 2);
    graph.forEachNode((_node, attributes) => expect(attributes.color).toMatch(/^#[0-9a-f]{6}$/));
  });

  it('reports modularity, a resolution sweep and components', () => {
    expect(report.collaboration.modularity).toBeGreaterThan(0.7);
    expect(report.themes.modularity).toBeGreaterThan(0.3);
    expect(report.collaboration.sweep).not.toBe('skipped');
    expect(report.coauthorship.components.largest).toBe(12);
    // Exact on data/ (142 authors): every co-authoring author carries it, the table lists the top.
    expect(report.coauthorship.betweenness.method).toBe('exact');
    const central = report.tables.mostCentralAuthors[0]!;
    expect(graph.getNodeAttributes(central.author).betweenness).toBe(central.betweenness);
    expect(central.betweenness).toBeGreaterThan(0);
  });
});
