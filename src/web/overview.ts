import Graph from 'graphology';
import { type ColorScale, NO_VALUE_COLOR } from './appearance.ts';
import type { AnalysedGraph } from './graph-index.ts';
import type { Visibility } from './visibility.ts';

export interface OverviewNode {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** The category of the colouring, or UNASSIGNED. */
  community: string;
  members: number;
}

export const UNASSIGNED = '';

/**
 * One node per category of the colouring among the visible nodes (at the members' centroid, sized by
 * member count) and one edge per pair of categories joined by visible edges: a readable start for
 * graphs too big to draw whole. `positions` names a bibliometric map's own layout attributes.
 */
export function buildOverview(
  graph: AnalysedGraph,
  colors: ColorScale,
  vis: Visibility,
  positions?: { x: string; y: string },
): Graph<OverviewNode> {
  const overview = new Graph<OverviewNode>({ type: 'undirected' });
  const acc = new Map<string, { x: number; y: number; n: number }>();
  const of = (key: string) => colors.categoryOf(key) ?? UNASSIGNED;
  const summaries = new Map(colors.categories.map((c) => [c.id, c]));
  for (const key of vis.nodes) {
    const c = of(key);
    const a = graph.getNodeAttributes(key) as unknown as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const cur = acc.get(c) ?? { x: 0, y: 0, n: 0 };
    cur.x += (positions && num(a[positions.x])) ?? num(a.x) ?? 0;
    cur.y += (positions && num(a[positions.y])) ?? num(a.y) ?? 0;
    cur.n += 1;
    acc.set(c, cur);
  }
  const max = Math.max(1, ...[...acc.values()].map((v) => v.n));
  for (const [c, v] of acc) {
    const summary = summaries.get(c);
    overview.addNode(`community:${c}`, {
      label: `${summary?.label ?? (c === UNASSIGNED ? 'No community' : `Community ${c}`)} (${v.n})`,
      x: v.x / v.n,
      y: v.y / v.n,
      size: 4 + 26 * Math.sqrt(v.n / max),
      color: summary?.color ?? NO_VALUE_COLOR,
      community: c,
      members: v.n,
    });
  }
  for (const edge of vis.edges) {
    const [s, t] = graph.extremities(edge);
    const cs = `community:${of(s)}`;
    const ct = `community:${of(t)}`;
    if (cs === ct) continue;
    overview.updateEdge(cs, ct, (attr) => ({ ...attr, weight: ((attr.weight as number) ?? 0) + 1 }));
  }
  let maxW = 1;
  overview.forEachEdge((_e, a) => {
    maxW = Math.max(maxW, a.weight as number);
  });
  overview.forEachEdge((e, a) => {
    overview.setEdgeAttribute(e, 'size', 0.5 + 5 * ((a.weight as number) / maxW));
  });
  return overview;
}
