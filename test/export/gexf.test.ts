import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { writeGexf } from '../../src/export/gexf.ts';
import { EXPORT_LAYERS } from '../../src/export/layers.ts';
import type { LayerGraph } from '../../src/graph/readable.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import { validateGexf, xmllintSkipReason } from './xmllint.ts';

const read = (xml: string) => parse(Graph, xml);

describe.skipIf(xmllintSkipReason !== undefined)(
  `GEXF against the official 1.3 RELAX NG schema${xmllintSkipReason ? ` (skipped: ${xmllintSkipReason})` : ''}`,
  () => {
    it('accepts the static export of the whole graph', () => {
      const result = validateGexf(writeGexf(sampleAnalysedGraph()));
      expect(result.output).toContain('validates');
      expect(result.ok).toBe(true);
    });

    it('accepts the dynamic export, with and without author end years', () => {
      for (const authorEnd of ['open', 'lastYear'] as const) {
        const graph = sampleAnalysedGraph();
        graph.mergeNodeAttributes('author:ada-lovelace', { firstYear: 2022, lastYear: 2023 });
        const result = validateGexf(writeGexf(graph, { dynamic: true, authorEnd }));
        expect(result.ok, result.output).toBe(true);
      }
    });

    it('accepts every layer, static and dynamic', () => {
      for (const layer of EXPORT_LAYERS) {
        for (const dynamic of [false, true]) {
          const result = validateGexf(writeGexf(sampleAnalysedGraph(), { layer, dynamic }));
          expect(result.ok, `${layer} dynamic=${dynamic}: ${result.output}`).toBe(true);
        }
      }
    });

    it('rejects a document with xsi:schemaLocation, which the schema does not allow (the check can fail)', () => {
      const valid = writeGexf(sampleAnalysedGraph());
      const invalid = valid.replace(
        '<gexf version="1.3"',
        '<gexf version="1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"',
      );
      expect(invalid).not.toBe(valid);
      expect(validateGexf(invalid).ok).toBe(false);
    });

    it('stays valid with hostile labels and values', () => {
      const graph = sampleAnalysedGraph();
      graph.mergeNodeAttributes('paper:p1', {
        label: 'A "quoted" <tag> & \'apostrophe\'\nnew line\u0001',
        abstract: 'tab\there, bell\u0007, emoji 🧮',
        x: Number.NaN,
        color: 'not a colour',
      });
      const xml = writeGexf(graph);
      expect(validateGexf(xml).ok, validateGexf(xml).output).toBe(true);
      expect(read(xml).getNodeAttribute('paper:p1', 'label')).toBe(
        'A "quoted" <tag> & \'apostrophe\'\nnew line',
      );
    });
  },
);

describe('writeGexf', () => {
  it('reads back through graphology-gexf with the same keys, counts and key attributes', () => {
    const graph = sampleAnalysedGraph();
    const back = read(writeGexf(graph));
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    expect(back.nodes().sort()).toEqual(graph.nodes().sort());
    expect(back.edges().sort()).toEqual(graph.edges().sort());

    const p1 = back.getNodeAttributes('paper:p1');
    expect(p1).toMatchObject({
      kind: 'paper',
      label: 'Notes on the Analytical Engine',
      year: 2022,
      theme: 0,
      pagerank: 0.3,
    });
    expect(p1.color).toBe('rgb(44,160,44)');
    expect([p1.x, p1.y, p1.size]).toEqual([0, 0, 5]);
    // Arrays are JSON text: GEXF list types are not portable.
    expect(JSON.parse(p1.sources)).toEqual(['sample.txt:1 (author-page)']);
    expect(back.getNodeAttributes('author:alan-turing')).toMatchObject({
      kind: 'author',
      community: 1,
      communityLabel: 'Alan Turing',
      paperCount: 1,
    });

    const coauthor = back.getEdgeAttributes('coauthor:ada-lovelace--charles-babbage');
    expect(coauthor).toMatchObject({ kind: 'coauthor', weight: 2, count: 2, fractional: 1.5 });
    expect(JSON.parse(coauthor.papers)).toEqual(['p1', 'p2']);
    expect(back.isUndirected('coauthor:ada-lovelace--charles-babbage')).toBe(true);
    expect(back.isDirected('cites:p3->p1')).toBe(true);
    expect(back.source('cites:p3->p1')).toBe('paper:p3');
    expect(back.getEdgeAttributes('similar:p1--p2').weight).toBe(0.8);
  });

  it('declares the schema types even when every value looks whole', () => {
    const graph = sampleAnalysedGraph();
    graph.forEachNode((node) => graph.mergeNodeAttributes(node, { pagerank: 1, betweenness: 0 }));
    const xml = writeGexf(graph);
    expect(xml).toContain('<attribute id="pagerank" title="pagerank" type="double"/>');
    expect(xml).toContain('<attribute id="betweenness" title="betweenness" type="double"/>');
    expect(xml).toContain('<attribute id="year" title="year" type="integer"/>');
    expect(xml).not.toContain('<attribute id="weight"');
  });

  it('writes a graph with both directions the way Gephi reads mixed graphs: no default, every edge typed', () => {
    // Gephi drops every edge whose type differs from a declared defaultedgetype.
    const xml = writeGexf(sampleAnalysedGraph());
    expect(/<graph[^>]*>/.exec(xml)?.[0]).not.toContain('defaultedgetype');
    const edgeTags = xml.match(/<edge (?:[^>"]|"[^"]*")*>/g) ?? [];
    expect(edgeTags).toHaveLength(12);
    for (const tag of edgeTags) expect(tag).toMatch(/ type="(directed|undirected)"/);
    expect(xml).toMatch(/<edge id="cites:p3-(?:>|&gt;)p1" type="directed" source="paper:p3"/);
    expect(xml).toMatch(/<edge id="similar:p1--p2" type="undirected"/);
    // One direction only: the default is declared and edges carry no type.
    const citations = writeGexf(sampleAnalysedGraph(), { layer: 'citations' });
    expect(citations).toContain('defaultedgetype="directed"');
    expect(citations).not.toMatch(/<edge (?:[^>"]|"[^"]*")* type=/);
  });

  it('restricts to one layer', () => {
    const counts = (layer: Parameters<typeof writeGexf>[1]) => {
      const back = read(writeGexf(sampleAnalysedGraph(), layer));
      return [back.order, back.size, back.type];
    };
    expect(counts({ layer: 'coauthorship' })).toEqual([4, 3, 'undirected']);
    expect(counts({ layer: 'citations' })).toEqual([4, 2, 'directed']);
    expect(counts({ layer: 'themes' })).toEqual([3, 1, 'undirected']);
    expect(counts({ layer: 'authorship' })).toEqual([7, 6, 'directed']);
    expect(counts({ layer: 'all' })).toEqual([8, 12, 'mixed']);
  });

  it('sizes nodes by a chosen metric, scaled to [minSize, maxSize]', () => {
    const graph = sampleAnalysedGraph();
    graph.mergeNodeAttributes('paper:p1', { pagerank: 0.1 });
    graph.mergeNodeAttributes('paper:p3', { pagerank: 0.5 });
    const back = read(writeGexf(graph, { sizeBy: 'pagerank', minSize: 1, maxSize: 11 }));
    expect(back.getNodeAttribute('paper:p1', 'size')).toBe(1);
    expect(back.getNodeAttribute('paper:p2', 'size')).toBeCloseTo(6);
    expect(back.getNodeAttribute('paper:p3', 'size')).toBe(11);
    expect(back.getNodeAttribute('author:ada-lovelace', 'size')).toBe(1); // no pagerank: the minimum
  });

  it('writes dynamic spans from years so the timeline plays growth', () => {
    const graph: LayerGraph = sampleAnalysedGraph();
    graph.mergeNodeAttributes('author:alan-turing', { firstYear: 2021, lastYear: 2023 });
    const xml = writeGexf(graph, { dynamic: true });
    expect(xml).toMatch(/<graph mode="dynamic" timeformat="double"[ >]/);
    expect(xml).toMatch(/<node id="paper:p1"[^>]* start="2022"/);
    expect(xml).toMatch(/<node id="ref:wu-2018"[^>]* start="2018"/);
    expect(xml).toMatch(/<node id="author:alan-turing"[^>]* start="2021"/); // firstYear wins over papers
    expect(xml).toMatch(/<node id="author:grace-ohopper"[^>]* start="2022"/); // from her papers
    expect(xml).toMatch(/<edge id="coauthor:ada-lovelace--charles-babbage"[^>]* start="2022"/); // first joint paper
    expect(xml).toMatch(/<edge id="cites:p3-&gt;p1"[^>]* start="2023"/); // when the citing paper appears
    expect(xml).not.toMatch(/ end="/);
    const ended = writeGexf(graph, { dynamic: true, authorEnd: 'lastYear' });
    expect(ended).toMatch(/<node id="author:alan-turing"[^>]* start="2021" end="2023"/);
    expect(writeGexf(graph)).not.toMatch(/ start="/);
  });
});
