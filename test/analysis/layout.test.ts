import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/pipeline.ts';
import { ingestFiles } from '../../src/ingest/read-node.ts';
import type { NodeAttributes } from '../../src/model/graph-schema.ts';

const { corpus } = await ingestFiles(['data/pages']);

function meanDistance(points: { x: number; y: number }[][], same: boolean): number {
  let total = 0;
  let count = 0;
  for (const [i, group] of points.entries()) {
    for (const [j, other] of points.entries()) {
      if ((i === j) !== same) continue;
      for (const a of group)
        for (const b of other) {
          if (a === b) continue;
          total += Math.hypot(a.x - b.x, a.y - b.y);
          count++;
        }
    }
  }
  return total / count;
}

describe('community-first layout for large graphs', () => {
  it('places every node, members of a theme close together, and says which layout ran', () => {
    // Force the coarse layout on data/ by lowering its threshold.
    const { graph, report } = analyze(corpus, { stabilitySeeds: 0, layout: { coarseAbove: 10 } });
    expect(report.layout).toEqual({ iterations: 300, method: 'coarse' });
    const byTheme = new Map<number, { x: number; y: number }[]>();
    graph.forEachNode((_node, attributes: NodeAttributes) => {
      expect(Number.isFinite(attributes.x) && Number.isFinite(attributes.y)).toBe(true);
      if (attributes.kind === 'paper' && (attributes.theme ?? -1) >= 0) {
        const list = byTheme.get(attributes.theme!) ?? [];
        list.push({ x: attributes.x!, y: attributes.y! });
        byTheme.set(attributes.theme!, list);
      }
    });
    const groups = [...byTheme.values()];
    expect(meanDistance(groups, true)).toBeLessThan(meanDistance(groups, false) / 2);
  });

  it('keeps ForceAtlas2 on small graphs', () => {
    const { report } = analyze(corpus, { stabilitySeeds: 0 });
    expect(report.layout).toEqual({ iterations: 300, method: 'forceatlas2' });
  });
});
