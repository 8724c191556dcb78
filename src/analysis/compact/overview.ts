import Graph from 'graphology';
import type { AnalysedGraph } from '../../graph/build.ts';
import type { AuthorNodeAttributes, PaperNodeAttributes } from '../../model/graph-schema.ts';
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

/**
 * The community level of a compact analysis as a small analysed graph the view opens directly:
 * one author-kind node per collaborator group, one paper-kind node per theme, placed where the
 * community-first layout put them; 'coauthor' edges between groups, 'similar' edges between
 * themes and 'authored' edges from groups to the themes they write in, weighted by the links
 * between their members.
 */
export function communityOverview(analysis: CompactAnalysis): AnalysedGraph {
  const { report, layout } = analysis;
  const graph: AnalysedGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  const groups = report.collaboration.communities;
  const themes = report.themes.communities;
  const centre = new Map(layout?.groups.map((group) => [group.group, group]) ?? []);
  const themeOffset = groups.length;
  const papersOfGroup = groupPaperCounts(analysis, groups.length);
  for (const group of groups) {
    const position = centre.get(group.id);
    const attributes: AuthorNodeAttributes = {
      kind: 'author',
      label: `${group.label} (${group.size.toLocaleString('en')} authors)`,
      authorId: `group-${group.id}`,
      name: group.label,
      key: `group ${group.id}`,
      authorKind: 'group',
      paperCount: papersOfGroup[group.id]!,
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
    const position = centre.get(themeOffset + theme.id);
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
  const nodeOf = (group: number): string =>
    group < themeOffset ? `author:group-${group}` : `paper:theme-${group - themeOffset}`;
  for (const { a, b, weight } of layout?.groupEdges ?? []) {
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
    modularity: { collaboration: report.collaboration.modularity, theme: report.themes.modularity },
    options: { seed: report.options.seed, overview: true },
  });
  return graph;
}
