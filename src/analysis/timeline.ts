import Graph from 'graphology';
import type { AnalysedGraph } from '../graph/build.ts';
import { detectCommunities, type WeightedGraph } from './communities.ts';

export interface TimelineOptions {
  /** Most recent slices kept (one per year with papers). */
  maxSlices: number;
  /** Share of a community's members that must carry over for two slices' communities to be linked. */
  minOverlap: number;
  resolution: number;
  seed: number;
}

export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = {
  maxSlices: 12,
  minOverlap: 0.3,
  resolution: 1,
  seed: 42,
};

export type TimelineEvent = 'born' | 'continued' | 'grew' | 'shrank' | 'merged' | 'split';

export interface SliceCommunity {
  id: number;
  size: number;
  /** Ids of linked communities in the previous slice. */
  from: number[];
  event: TimelineEvent;
  /** Two most collaborative members' names. */
  label: string;
}

export interface TimeSlice {
  /** The collaboration network as it stood at the end of this year (cumulative). */
  year: number;
  authors: number;
  communities: SliceCommunity[];
}

/**
 * Collaboration communities per year (the network up to the end of each year), linked across
 * consecutive years by shared members, with what happened to each: born, grew, merged, split.
 */
export function collaborationTimeline(
  graph: AnalysedGraph,
  options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS,
): TimeSlice[] {
  const paperYear = new Map<string, number>();
  graph.forEachNode((_node, attributes) => {
    if (attributes.kind === 'paper' && attributes.year !== undefined)
      paperYear.set(attributes.paperId, attributes.year);
  });
  const years = [...new Set(paperYear.values())].sort((a, b) => a - b).slice(-options.maxSlices);
  const slices: TimeSlice[] = [];
  let previous: Map<string, number> | undefined;
  let previousSizes = new Map<number, number>();
  for (const year of years) {
    const layer: WeightedGraph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
    graph.forEachEdge((_edge, attributes, source, target) => {
      if (attributes.kind !== 'coauthor') return;
      const joint = (attributes.papers ?? []).filter(
        (paper) => (paperYear.get(paper) ?? Number.POSITIVE_INFINITY) <= year,
      );
      if (joint.length === 0) return;
      layer.mergeNode(source);
      layer.mergeNode(target);
      layer.mergeEdge(source, target, { weight: joint.length });
    });
    const partition = detectCommunities(layer, { resolution: options.resolution, seed: options.seed });
    const members = new Map<number, string[]>();
    for (const [node, id] of partition.membership) {
      const list = members.get(id) ?? [];
      list.push(node);
      members.set(id, list);
    }
    const successorsOfPrevious = new Map<number, number>();
    const communities: SliceCommunity[] = [];
    for (const [id, nodes] of [...members].sort((a, b) => a[0] - b[0])) {
      const overlap = new Map<number, number>();
      for (const node of nodes) {
        const before = previous?.get(node);
        if (before !== undefined) overlap.set(before, (overlap.get(before) ?? 0) + 1);
      }
      const from = [...overlap]
        .filter(
          ([before, shared]) =>
            shared / Math.min(previousSizes.get(before) ?? shared, nodes.length) >= options.minOverlap,
        )
        .map(([before]) => before)
        .sort((a, b) => a - b);
      for (const before of from)
        successorsOfPrevious.set(before, (successorsOfPrevious.get(before) ?? 0) + 1);
      const names = nodes
        .map((node) => ({ name: graph.getNodeAttribute(node, 'label'), degree: layer.degree(node) }))
        .sort((a, b) => b.degree - a.degree || (a.name < b.name ? -1 : 1))
        .slice(0, 2)
        .map((entry) => entry.name);
      let event: TimelineEvent = 'born';
      if (from.length > 1) event = 'merged';
      else if (from.length === 1) {
        const before = previousSizes.get(from[0]!) ?? 0;
        event = nodes.length > before ? 'grew' : nodes.length < before ? 'shrank' : 'continued';
      }
      communities.push({ id, size: nodes.length, from, event, label: names.join(', ') });
    }
    for (const community of communities) {
      if (community.from.length === 1 && (successorsOfPrevious.get(community.from[0]!) ?? 0) > 1)
        community.event = 'split';
    }
    slices.push({ year, authors: layer.order, communities });
    previous = partition.membership;
    previousSizes = new Map([...members].map(([id, nodes]) => [id, nodes.length]));
  }
  return slices;
}
