import Graph from 'graphology';
import type { AnalysedGraph } from '../../graph/build.ts';
import type {
  AuthorNodeAttributes,
  CommunitySummary,
  PaperNodeAttributes,
} from '../../model/graph-schema.ts';
import { communityColor } from '../palette.ts';
import type { CompactAnalysis } from './pipeline.ts';

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Distinct papers with at least one author in each collaborator group. */
function groupPaperCounts(analysis: CompactAnalysis, groupCount: number): Uint32Array {
  const { index, collaboration } = analysis;
  const counts = new Uint32Array(groupCount);
  const lastPaper = new Int32Array(groupCount).fill(-1);
  for (let p = 0; p < index.paperCount; p++)
    for (let i = index.paperOffsets[p]!; i < index.paperOffsets[p + 1]!; i++) {
      const group = collaboration.membership[index.paperAuthors[i]!]!;
      if (group < 0 || lastPaper[group] === p) continue;
      lastPaper[group] = p;
      counts[group]!++;
    }
  return counts;
}

/** What the community level is made of, whoever computed the communities. */
export interface OverviewParts {
  groups: CommunitySummary[];
  /** Distinct papers per group, by group id. */
  papersOfGroup: ArrayLike<number>;
  themes: CommunitySummary[];
  /** Links between communities: groups are 0..groups-1, theme t is groups.length + t. */
  edges: { a: number; b: number; weight: number }[];
  /** Positions by the same community numbering (missing ones start at the origin). */
  positions?: Map<number, { x: number; y: number }>;
  modularity: { collaboration: number; theme: number };
  seed: number;
}

/**
 * The community level as a small analysed graph the view opens directly: one author-kind node per
 * collaborator group, one paper-kind node per theme; 'coauthor' edges between groups, 'similar'
 * edges between themes and 'authored' edges from groups to the themes they write in, weighted by
 * the links between their members.
 */
export function overviewGraph(parts: OverviewParts): AnalysedGraph {
  const { groups, themes, positions } = parts;
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  const themeOffset = groups.length;
  for (const group of groups) {
    const position = positions?.get(group.id);
    const attributes: AuthorNodeAttributes = {
      kind: 'author',
      label: `${group.label} (${group.size.toLocaleString('en')} authors)`,
      authorId: `group-${group.id}`,
      name: group.label,
      key: `group ${group.id}`,
      authorKind: 'group',
      paperCount: parts.papersOfGroup[group.id] ?? 0,
      community: group.id,
      communityLabel: group.label,
      size: round2(2 + Math.sqrt(group.size)),
      color: communityColor(group.id),
      x: position?.x ?? 0,
      y: position?.y ?? 0,
    };
    graph.addNode(`author:group-${group.id}`, attributes);
  }
  for (const theme of themes) {
    const position = positions?.get(themeOffset + theme.id);
    const attributes: PaperNodeAttributes = {
      kind: 'paper',
      label: `${theme.label} (${theme.size.toLocaleString('en')} papers)`,
      paperId: `theme-${theme.id}`,
      title: theme.label,
      sources: [],
      theme: theme.id,
      themeLabel: theme.label,
      size: round2(2 + Math.sqrt(theme.size)),
      color: communityColor(theme.id),
      x: position?.x ?? 0,
      y: position?.y ?? 0,
    };
    graph.addNode(`paper:theme-${theme.id}`, attributes);
  }
  const nodeOf = (community: number): string =>
    community < themeOffset ? `author:group-${community}` : `paper:theme-${community - themeOffset}`;
  for (const { a, b, weight } of parts.edges) {
    const source = nodeOf(a);
    const target = nodeOf(b);
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    const bothGroups = a < themeOffset && b < themeOffset;
    const bothThemes = a >= themeOffset && b >= themeOffset;
    const rounded = Math.round(weight * 1e3) / 1e3;
    if (bothGroups)
      graph.addUndirectedEdge(source, target, { kind: 'coauthor', weight: rounded, count: rounded });
    else if (bothThemes) graph.addUndirectedEdge(source, target, { kind: 'similar', weight: rounded });
    else graph.addDirectedEdge(source, target, { kind: 'authored', weight: rounded });
  }
  graph.replaceAttributes({
    name: 'citegraph community overview',
    generator: 'citegraph',
    schema: 1,
    communities: [...groups, ...themes],
    modularity: parts.modularity,
    options: { seed: parts.seed, overview: true },
  });
  return graph;
}

/** The community level of a compact analysis, placed where its community-first layout put it. */
export function communityOverview(analysis: CompactAnalysis): AnalysedGraph {
  const { report, layout } = analysis;
  const groups = report.collaboration.communities;
  return overviewGraph({
    groups,
    papersOfGroup: groupPaperCounts(analysis, groups.length),
    themes: report.themes.communities,
    edges: layout?.groupEdges ?? [],
    positions: new Map(layout?.groups.map((group) => [group.group, group]) ?? []),
    modularity: { collaboration: report.collaboration.modularity, theme: report.themes.modularity },
    seed: report.options.seed,
  });
}
