import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { AnalysedGraph } from '../graph/readable.ts';
import type { CommunityAggregates } from '../model/community-aggregates.ts';
import type {
  AuthorNodeAttributes,
  CommunitySummary,
  GraphAttributes,
  PaperNodeAttributes,
} from '../model/graph-schema.ts';
import { type Random, seededRandom } from '../util/random.ts';
import { communityColor } from './palette.ts';
import type { Analysis } from './pipeline.ts';

/** ForceAtlas2 passes when an overview is laid out again (a few hundred community nodes). */
const OVERVIEW_ITERATIONS = 300;

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Distinct papers with at least one author in each collaborator group. */
function groupPaperCounts(analysis: Analysis, groupCount: number): Uint32Array {
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
interface OverviewParts {
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
function overviewGraph(parts: OverviewParts): AnalysedGraph {
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
  const idOf = (community: number): string =>
    community < themeOffset ? `group-${community}` : `theme-${community - themeOffset}`;
  const nodeOf = (community: number): string =>
    `${community < themeOffset ? 'author' : 'paper'}:${idOf(community)}`;
  for (const { a, b, weight } of parts.edges) {
    const source = nodeOf(a);
    const target = nodeOf(b);
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    const bothGroups = a < themeOffset && b < themeOffset;
    const bothThemes = a >= themeOffset && b >= themeOffset;
    const rounded = Math.round(weight * 1e3) / 1e3;
    // Keys in graph.json's scheme (`kind:a--b`, `authored:a->b`), so the file is the same every run.
    const ends = (separator: string): string => `${idOf(a)}${separator}${idOf(b)}`;
    if (bothGroups)
      graph.addUndirectedEdgeWithKey(`coauthor:${ends('--')}`, source, target, {
        kind: 'coauthor',
        weight: rounded,
        count: rounded,
      });
    else if (bothThemes)
      graph.addUndirectedEdgeWithKey(`similar:${ends('--')}`, source, target, {
        kind: 'similar',
        weight: rounded,
      });
    else
      graph.addDirectedEdgeWithKey(`authored:${ends('->')}`, source, target, {
        kind: 'authored',
        weight: rounded,
      });
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

/** The community level of an analysis, placed where its community-first layout put it. */
export function communityOverview(analysis: Analysis): AnalysedGraph {
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

interface PulledOverview {
  graph: AnalysedGraph;
  groups: number;
  authors: number;
  /** Modularity of the pulled communities on the weighted co-authorship graph in the database. */
  modularity: number;
}

/** Newman modularity from community-to-community weights given in both orientations. */
function modularityOfLinks(links: CommunityAggregates['links']): number {
  let twiceTotal = 0;
  const strength = new Map<number, number>();
  let inside = 0;
  for (const { a, b, weight } of links) {
    twiceTotal += weight;
    strength.set(a, (strength.get(a) ?? 0) + weight);
    if (a === b) inside += weight;
  }
  if (twiceTotal === 0) return 0;
  let expected = 0;
  for (const value of strength.values()) expected += (value / twiceTotal) ** 2;
  return inside / twiceTotal - expected;
}

/**
 * The overview of `previous` (an overview.json) with its collaborator groups replaced by the
 * database's: groups numbered by size (largest first, then database id), labelled by their most
 * connected members, laid out again with the themes (kept, with their links to one another).
 */
export function overviewFromAggregates(
  previous: AnalysedGraph,
  aggregates: CommunityAggregates,
  labelMembers = 3,
): PulledOverview {
  const attributes = previous.getAttributes() as Partial<GraphAttributes>;
  const themes = (attributes.communities ?? []).filter((community) => community.layer === 'theme');
  const ordered = [...aggregates.groups].sort((a, b) => b.size - a.size || a.community - b.community);
  const idOf = new Map(ordered.map((group, id) => [group.community, id]));
  const groups: CommunitySummary[] = ordered.map((group, id) => ({
    id,
    layer: 'collaboration',
    label: group.names.slice(0, labelMembers).join(', ') || `group ${id}`,
    size: group.size,
    members: group.authorIds.map((authorId) => `author:${authorId}`),
    color: communityColor(id),
  }));
  const papersOfGroup = new Array<number>(groups.length).fill(0);
  for (const row of aggregates.papers) {
    const id = idOf.get(row.community);
    if (id !== undefined) papersOfGroup[id] = row.papers;
  }
  const themeOffset = groups.length;
  const edges: { a: number; b: number; weight: number }[] = [];
  for (const { a, b, weight } of aggregates.links) {
    const [from, to] = [idOf.get(a), idOf.get(b)];
    // Each pair comes in both orientations: keep one.
    if (from !== undefined && to !== undefined && from < to) edges.push({ a: from, b: to, weight });
  }
  const themeIds = new Set(themes.map((theme) => theme.id));
  for (const { community, theme, weight } of aggregates.themes) {
    const from = idOf.get(community);
    if (from !== undefined && themeIds.has(theme)) edges.push({ a: from, b: themeOffset + theme, weight });
  }
  previous.forEachUndirectedEdge((_edge, edge, _source, _target, source, target) => {
    if (edge.kind !== 'similar' || source.kind !== 'paper' || target.kind !== 'paper') return;
    if (source.theme === undefined || target.theme === undefined) return;
    edges.push({ a: themeOffset + source.theme, b: themeOffset + target.theme, weight: edge.weight ?? 1 });
  });
  const modularity = modularityOfLinks(aggregates.links);
  const seed = typeof attributes.options?.seed === 'number' ? attributes.options.seed : 42;
  const graph = overviewGraph({
    groups,
    papersOfGroup,
    themes,
    edges,
    modularity: { collaboration: modularity, theme: attributes.modularity?.theme ?? 0 },
    seed,
  });
  graph.mergeAttributes({ name: 'citegraph community overview (communities from Neo4j)' });
  layoutOverview(graph, seededRandom(seed));
  return {
    graph,
    groups: groups.length,
    authors: ordered.reduce((sum, group) => sum + group.size, 0),
    modularity,
  };
}

/** True when a graph is the community level of an analysis (overview.json). */
export function isCommunityOverview(graph: AnalysedGraph): boolean {
  return (graph.getAttributes() as Partial<GraphAttributes>).options?.overview === true;
}

/** ForceAtlas2 on the community graph (hundreds of nodes), from seeded start positions. */
function layoutOverview(graph: AnalysedGraph, random: Random): void {
  graph.forEachNode((node) => {
    graph.mergeNodeAttributes(node, { x: (random() - 0.5) * 100, y: (random() - 0.5) * 100 });
  });
  if (graph.size === 0) return;
  forceAtlas2.assign(graph, {
    iterations: OVERVIEW_ITERATIONS,
    settings: { ...forceAtlas2.inferSettings(graph), adjustSizes: false, scalingRatio: 50 },
    getEdgeWeight: 'weight',
  });
  graph.forEachNode((node, attributes) => {
    graph.mergeNodeAttributes(node, {
      x: Math.round(attributes.x! * 1000) / 1000,
      y: Math.round(attributes.y! * 1000) / 1000,
    });
  });
}
