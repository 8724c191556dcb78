/**
 * The weighted co-authorship edge list of a synthetic corpus, the input every community-detection
 * peer in the benchmark reads: one edge per pair of authors who share a paper, weight = number of
 * joint papers. Papers with more than `maxTeam` authors are left out (a 500-author paper would
 * add 125k edges that say nothing about collaboration).
 */
import type { SyntheticCorpus } from './corpus.ts';

export interface WeightedEdgeList {
  /** Nodes are renumbered 0..nodes-1 in order of first appearance; isolated authors are absent. */
  nodes: number;
  source: Int32Array;
  target: Int32Array;
  weight: Uint32Array;
  /** Author index of each node. */
  authorOfNode: Int32Array;
}

interface EdgeListOptions {
  /** Papers with more authors are left out. Default 25. */
  maxTeam?: number;
}

export function coauthorshipEdges(corpus: SyntheticCorpus, options: EdgeListOptions = {}): WeightedEdgeList {
  const maxTeam = options.maxTeam ?? 25;
  const authors = corpus.shape.authors;
  const nodeOfAuthor = new Int32Array(authors).fill(-1);
  const authorOfNodeList: number[] = [];
  // Pairs packed as one double (lower node × authors + higher node), sorted, then counted in runs.
  let pairs = new Float64Array(1024);
  let pairCount = 0;
  for (const paper of corpus.papers({ text: false })) {
    const team = paper.authors;
    if (team.length < 2 || team.length > maxTeam) continue;
    const nodes: number[] = [];
    for (const author of team) {
      let node = nodeOfAuthor[author]!;
      if (node < 0) {
        node = authorOfNodeList.length;
        nodeOfAuthor[author] = node;
        authorOfNodeList.push(author);
      }
      nodes.push(node);
    }
    const needed = (team.length * (team.length - 1)) / 2;
    if (pairCount + needed > pairs.length) {
      const grown = new Float64Array(Math.max(pairs.length * 2, pairCount + needed));
      grown.set(pairs.subarray(0, pairCount));
      pairs = grown;
    }
    for (let x = 0; x < nodes.length; x++) {
      for (let y = x + 1; y < nodes.length; y++) {
        const u = nodes[x]!;
        const v = nodes[y]!;
        pairs[pairCount++] = u < v ? u * authors + v : v * authors + u;
      }
    }
  }
  const sorted = pairs.subarray(0, pairCount).sort();
  let edges = 0;
  for (let p = 0; p < pairCount; p++) if (p === 0 || sorted[p] !== sorted[p - 1]) edges++;
  const source = new Int32Array(edges);
  const target = new Int32Array(edges);
  const weight = new Uint32Array(edges);
  let edge = -1;
  for (let p = 0; p < pairCount; p++) {
    const key = sorted[p]!;
    if (p === 0 || key !== sorted[p - 1]) {
      edge++;
      source[edge] = Math.floor(key / authors);
      target[edge] = key % authors;
    }
    weight[edge]!++;
  }
  return {
    nodes: authorOfNodeList.length,
    source,
    target,
    weight,
    authorOfNode: Int32Array.from(authorOfNodeList),
  };
}

/** The edge list as text: a '# nodes N edges M' comment, then 'u v w' lines. Streamed in chunks. */
export function* edgeListChunks(
  list: WeightedEdgeList,
  linesPerChunk = 65536,
): Generator<string, void, undefined> {
  yield `# nodes ${list.nodes} edges ${list.source.length}\n`;
  for (let from = 0; from < list.source.length; from += linesPerChunk) {
    const to = Math.min(list.source.length, from + linesPerChunk);
    let chunk = '';
    for (let e = from; e < to; e++) chunk += `${list.source[e]} ${list.target[e]} ${list.weight[e]}\n`;
    yield chunk;
  }
}
