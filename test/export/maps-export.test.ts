import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/pipeline.ts';
import { renderMarkdownReport } from '../../src/analysis/report-markdown.ts';
import { writeCsv } from '../../src/export/csv.ts';
import { writeGexf } from '../../src/export/gexf.ts';
import { layerEdges, layerNodes, projectLayer } from '../../src/export/layers.ts';
import { vosviewerExport } from '../../src/export/vosviewer.ts';
import { vosviewerFiles } from '../../src/export/vosviewer-files.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { MapGraphAttributes } from '../../src/model/graph-schema.ts';
import { vosviewerRuleViolations } from './vosviewer-rules.ts';

const { corpus } = await ingestFiles(['test/fixtures/wos/bibliometrix-wos-sample-8.txt']);
const { graph, report } = analyze(corpus, {
  stabilitySeeds: 0,
  sweepResolutions: [1],
  themes: { enabled: false },
  timeline: false,
});
const cocitation = report.maps.cocitation;
if (cocitation === 'off') throw new Error('co-citation map missing');

describe('the maps as export layers', () => {
  it('holds exactly the kept items and their links in each map layer', () => {
    for (const name of ['cocitation', 'coupling', 'cooccurrence', 'countries'] as const) {
      const map = report.maps[name];
      if (map === 'off') throw new Error(`${name} missing`);
      expect([...layerNodes(graph, name)], name).toHaveLength(map.items);
      expect([...layerEdges(graph, name)], name).toHaveLength(map.links);
      const projected = projectLayer(graph, name);
      expect([projected.order, projected.size], name).toEqual([map.items, map.links]);
    }
  });

  it('writes VOSviewer map and network files with the map layout and clusters', () => {
    const { map, network } = vosviewerFiles(graph, { layer: 'cocitation' });
    const [header, ...rows] = map
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(header!.slice(0, 5)).toEqual(['id', 'label', 'x', 'y', 'cluster']);
    expect(header).toContain('weight<Total link strength>');
    expect(rows).toHaveLength(cocitation.items);
    expect(network.trimEnd().split('\n')).toHaveLength(cocitation.links);
    // Each row is a node of the map, at its place in the map's own layout, in its map cluster.
    const nodes = [...layerNodes(graph, 'cocitation')];
    rows.forEach((row, index) => {
      const attributes = nodes[index]!.attributes as unknown as Record<string, number>;
      expect(Number(row[2])).toBeCloseTo(attributes.cocitationX!, 5);
      expect(Number(row[3])).toBeCloseTo(attributes.cocitationY!, 5);
      expect(Number(row[4])).toBe(attributes.cocitationCluster! + 1);
    });
    // Links are full counts weighted by association strength: the network file's third column.
    const [a, b, strength] = network.split('\n')[0]!.split('\t');
    const edge = [...layerEdges(graph, 'cocitation')].find(
      (entry) =>
        (entry.source === nodes[Number(a) - 1]!.key && entry.target === nodes[Number(b) - 1]!.key) ||
        (entry.target === nodes[Number(a) - 1]!.key && entry.source === nodes[Number(b) - 1]!.key),
    );
    expect(Number(strength)).toBeCloseTo(edge!.attributes.strength!, 5);
  });

  it('writes a VOSviewer JSON map that VOSviewer Online accepts, with the map clusters and their labels', () => {
    const { map } = vosviewerExport(graph, { layer: 'cooccurrence' });
    expect(vosviewerRuleViolations(map)).toEqual([]);
    const maps = graph.getAttribute('maps') as Record<string, MapGraphAttributes>;
    const labels = maps.cooccurrence!.communities.map((community) => community.label);
    expect(map.network.clusters.map((cluster) => cluster.label)).toEqual(labels);
    expect(map.config.terminology).toMatchObject({ item: 'keyword' });
    const bibliometrix = map.network.items.find((item) => item.label === 'bibliometrix')!;
    expect(bibliometrix.weights.Documents).toBe(6);
    expect(bibliometrix.scores['Avg. pub. year']).toEqual(expect.any(Number));
    expect(vosviewerRuleViolations(vosviewerExport(graph, { layer: 'cocitation' }).map)).toEqual([]);
  });

  it('writes GEXF and CSV of one map layer', () => {
    const gexf = writeGexf(graph, { layer: 'coupling' });
    expect(gexf.match(/<edge /g)).toHaveLength(report.summary.edges.coupling);
    const { nodes, edges } = writeCsv(graph, { layer: 'countries' });
    expect(nodes.trimEnd().split('\n')).toHaveLength(
      1 + (report.maps.countries === 'off' ? 0 : report.maps.countries.items),
    );
    expect(edges).toContain('countryCoauthor');
  });
});

describe('the maps in report.md', () => {
  it('shows each map with Leiden and Louvain side by side', () => {
    const markdown = renderMarkdownReport(report, (node) => node);
    expect(markdown).toContain('## Co-citation of cited works (layer `cocitation`)');
    expect(markdown).toContain(
      `| Leiden \\(networkanalysis-ts\\) | CPM, association strength | 1 | ${cocitation.leiden.communities} | ${cocitation.leiden.modularity.toFixed(3)} |`,
    );
    expect(markdown).toContain(
      `| Louvain | modularity | 1 | ${cocitation.louvain.communities} | ${cocitation.louvain.modularity.toFixed(3)} |`,
    );
    expect(markdown).toContain('## Co-occurrence of keywords (layer `cooccurrence`)');
  });
});
