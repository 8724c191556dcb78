import Graph from 'graphology';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../../src/model/graph-schema.ts';

/** Deterministic linear congruential generator (seeded, per STYLE.md habit 5). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A synthetic analysed graph of `authors` authors and as many papers, with co-authorship, authorship and
 * citation edges and stored positions, for first-frame benchmarks at 10k/100k nodes.
 */
export function generateAnalysedGraph(
  nodes: number,
  seed = 42,
): Graph<NodeAttributes, EdgeAttributes, GraphAttributes> {
  const random = lcg(seed);
  const graph = new Graph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: 'mixed', multi: true });
  const groups = Math.max(1, Math.round(Math.sqrt(nodes) / 2));
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  const authors = Math.floor(nodes / 2);
  const papers = nodes - authors;
  const centre = (g: number) => ({ x: Math.cos(g) * g * 10, y: Math.sin(g) * g * 10 });
  graph.replaceAttributes({
    name: `generated-${nodes}`,
    generator: 'citegraph bench',
    schema: 1,
    communities: Array.from({ length: groups }, (_, g) => ({
      id: g,
      layer: 'collaboration' as const,
      label: `Group ${g}`,
      size: 0,
      members: [],
      color: palette[g % palette.length]!,
    })),
    modularity: {},
    options: { seed },
  });
  for (let i = 0; i < authors; i += 1) {
    const g = i % groups;
    const c = centre(g);
    graph.addNode(`author:a${i}`, {
      kind: 'author',
      label: `Author ${i}`,
      authorId: `a${i}`,
      name: `Author ${i}`,
      key: `author ${i}`,
      authorKind: 'person',
      paperCount: 0,
      community: g,
      x: c.x + (random() - 0.5) * 8,
      y: c.y + (random() - 0.5) * 8,
    });
  }
  for (let i = 0; i < papers; i += 1) {
    const first = Math.floor(random() * authors);
    const g = first % groups;
    const c = centre(g);
    const key = `paper:p${i}`;
    graph.addNode(key, {
      kind: 'paper',
      label: `Paper ${i}`,
      paperId: `p${i}`,
      title: `Paper ${i}`,
      year: 2015 + Math.floor(random() * 10),
      sources: [],
      x: c.x + (random() - 0.5) * 8,
      y: c.y + (random() - 0.5) * 8,
    });
    const team = [first];
    for (let k = 1; k < 3; k += 1) team.push((first + groups * Math.floor(random() * 5 + 1)) % authors);
    team.forEach((a, position) => {
      graph.mergeEdgeWithKey(`authored:a${a}->p${i}`, `author:a${a}`, key, {
        kind: 'authored',
        weight: 1,
        position: position + 1,
      });
    });
    for (let x = 0; x < team.length; x += 1)
      for (let y = x + 1; y < team.length; y += 1) {
        const [s, t] = [team[x]!, team[y]!].sort((m, n) => m - n);
        if (s === t) continue;
        const edge = `coauthor:a${s}--a${t}`;
        if (graph.hasEdge(edge)) graph.updateEdgeAttribute(edge, 'weight', (w) => (w ?? 0) + 1);
        else
          graph.addUndirectedEdgeWithKey(edge, `author:a${s}`, `author:a${t}`, {
            kind: 'coauthor',
            weight: 1,
            papers: [`p${i}`],
          });
      }
    if (i > 0) {
      const cited = Math.floor(random() * i);
      graph.addDirectedEdgeWithKey(`cites:p${i}->p${cited}`, key, `paper:p${cited}`, {
        kind: 'cites',
        weight: 1,
      });
    }
  }
  return graph;
}
