import Graph from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { type GexfStreamOptions, writeGexf, writeGexfStream } from '../../src/export/gexf.ts';
import { EXPORT_LAYERS } from '../../src/export/layers.ts';
import { sampleAnalysedGraph } from '../helpers/sample-graph.ts';
import { validateGexf, xmllintSkipReason } from './xmllint.ts';

async function streamed(options: GexfStreamOptions = {}) {
  const chunks: string[] = [];
  const counts = await writeGexfStream(
    sampleAnalysedGraph(),
    (chunk) => {
      chunks.push(chunk);
    },
    options,
  );
  return { xml: chunks.join(''), chunks, counts };
}

describe.skipIf(xmllintSkipReason !== undefined)(
  `streamed GEXF against the 1.3 RELAX NG schema${xmllintSkipReason ? ` (skipped: ${xmllintSkipReason})` : ''}`,
  () => {
    it('is valid for every layer, static and dynamic', async () => {
      for (const layer of EXPORT_LAYERS) {
        for (const dynamic of [false, true]) {
          const { xml } = await streamed({ layer, dynamic });
          const result = validateGexf(xml);
          expect(result.ok, `${layer} dynamic=${dynamic}: ${result.output}`).toBe(true);
        }
      }
    });
  },
);

describe('writeGexfStream', () => {
  it('writes the same graph as writeGexf (parsed back: identical nodes, edges and attributes)', async () => {
    for (const layer of EXPORT_LAYERS) {
      for (const dynamic of [false, true]) {
        const { xml, counts } = await streamed({ layer, dynamic, sizeBy: 'pagerank' });
        const fromStream = parse(Graph, xml);
        const fromDocument = parse(
          Graph,
          writeGexf(sampleAnalysedGraph(), { layer, dynamic, sizeBy: 'pagerank' }),
        );
        expect(fromStream.order).toBe(fromDocument.order);
        expect(fromStream.size).toBe(fromDocument.size);
        expect(counts).toEqual({ nodes: fromDocument.order, edges: fromDocument.size });
        expect(fromStream.export()).toEqual(fromDocument.export());
      }
    }
  });

  it('writes the same declarations and spans as writeGexf', async () => {
    const unescapeGt = (text: string) => text.replace(/&gt;/g, '>');
    const declarations = (xml: string) =>
      (xml.match(/<attribute id[^>]*>|<(node|edge) (?:[^>"]|"[^"]*")*>/g) ?? []).map((tag) =>
        tag.startsWith('<attribute')
          ? tag
          : `${unescapeGt(/ id="([^"]*)"/.exec(tag)?.[1] ?? '')} ${/ start="([^"]*)"/.exec(tag)?.[1] ?? '-'}`,
      );
    const { xml } = await streamed({ dynamic: true });
    expect(declarations(xml)).toEqual(declarations(writeGexf(sampleAnalysedGraph(), { dynamic: true })));
  });

  it('writes a graph with both directions without a default edge type, every edge typed (as Gephi reads it)', async () => {
    const { xml } = await streamed();
    expect(/<graph[^>]*>/.exec(xml)?.[0]).not.toContain('defaultedgetype');
    const edgeTags = xml.match(/<edge (?:[^>"]|"[^"]*")*>/g) ?? [];
    expect(edgeTags).toHaveLength(12);
    for (const tag of edgeTags) expect(tag).toMatch(/ type="(directed|undirected)"/);
    const { xml: coauthorship } = await streamed({ layer: 'coauthorship' });
    expect(coauthorship).toContain('defaultedgetype="undirected"');
    expect(coauthorship).not.toMatch(/<edge (?:[^>"]|"[^"]*")* type=/);
  });

  it('hands the document over in chunks and waits for an async sink', async () => {
    const { chunks } = await streamed({ chunkSize: 200 });
    expect(chunks.length).toBeGreaterThan(5);
    let pending = 0;
    let maxPending = 0;
    await writeGexfStream(
      sampleAnalysedGraph(),
      async () => {
        pending++;
        maxPending = Math.max(maxPending, pending);
        await new Promise((resolve) => setTimeout(resolve, 1));
        pending--;
      },
      { chunkSize: 200 },
    );
    expect(maxPending).toBe(1);
  });
});
