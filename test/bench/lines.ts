/** Streaming line reading shared by the floor steps: memory stays flat at any file size. */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Calls `onLine` for each line (without '\n'); returns the line count. */
export async function forEachLine(path: string, onLine: (line: string) => void): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let count = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      onLine(text.slice(start, end));
      count++;
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) {
    onLine(rest);
    count++;
  }
  return count;
}

/** A weighted edge list held in typed arrays, as the edge-list artifact stores it. */
export interface LoadedEdges {
  nodes: number;
  edges: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

/** Reads '# nodes N edges M' then 'u v w' lines into typed arrays. */
export async function loadEdgeList(path: string): Promise<LoadedEdges> {
  let nodes = 0;
  let source = new Int32Array(0);
  let target = new Int32Array(0);
  let weight = new Float64Array(0);
  let edges = 0;
  await forEachLine(path, (line) => {
    if (line.charCodeAt(0) === 35 /* # */) {
      const match = /nodes (\d+) edges (\d+)/.exec(line);
      if (match) {
        nodes = Number(match[1]);
        const capacity = Number(match[2]);
        source = new Int32Array(capacity);
        target = new Int32Array(capacity);
        weight = new Float64Array(capacity);
      }
      return;
    }
    if (!line) return;
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    source[edges] = Number(line.slice(0, first));
    target[edges] = Number(line.slice(first + 1, second));
    weight[edges] = Number(line.slice(second + 1));
    edges++;
  });
  return { nodes, edges, source, target, weight };
}
