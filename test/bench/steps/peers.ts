/**
 * Peers: python-igraph, NetworKit and networkx on the identical edge list (what `citegraph
 * generate --edges` writes), through peers.py. Each run is its own Python process, so its time
 * and peak RSS are its own. A peer that is not installed gives a 'missing' row, never no row.
 *
 * The community peers give two rows from one run: loading the edge list + Louvain (what
 * `citegraph analyze` is set against, in analyze.ts) and, as its phase, Louvain alone (what our
 * Louvain on the same CSR is set against).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchStep, StepContext, StepResult } from '../types.ts';

const SCRIPT = fileURLToPath(new URL('../peers.py', import.meta.url));

interface PeerOutput {
  seconds: number;
  load_seconds: number;
  modularity?: number;
  communities?: number;
  nodes: number;
  edges: number;
  max_rss_bytes: number;
  note?: string;
}

function runPeer(
  tool: string,
  task: 'louvain' | 'leiden' | 'pagerank',
  label: string,
  { files, seed, python, peers }: StepContext,
): PeerOutput | StepResult {
  if (!python || !peers.includes(tool))
    return { items: 0, status: 'missing', note: `${label} not installed in .bench/venv` };
  const child = spawnSync(
    python,
    [SCRIPT, '--tool', tool, '--task', task, '--edges', files.edges!, '--seed', String(seed)],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) {
    const reason = (child.stderr || child.error?.message || '').trim().split('\n').pop();
    return { items: 0, status: 'failed', note: reason };
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as PeerOutput;
}

/** One peer task timed alone (loading reported in the note), e.g. 'pagerank: igraph'. */
export function peerStep(
  tool: string,
  task: 'louvain' | 'leiden' | 'pagerank',
  label: string,
  maxPapers?: number,
): BenchStep {
  return {
    name: `${task}: ${tool}`,
    group: task,
    unit: 'edges',
    needs: ['edges'],
    maxPapers,
    run(context): StepResult {
      const output = runPeer(tool, task, label, context);
      if (!('max_rss_bytes' in output)) return output;
      return {
        items: output.edges,
        seconds: output.seconds,
        peakRssBytes: output.max_rss_bytes,
        modularity: output.modularity,
        communities: output.communities,
        note: [`load ${output.load_seconds.toFixed(2)} s`, output.note].filter(Boolean).join('; '),
      };
    },
  };
}

/**
 * 'analyze: <tool> load + louvain': reading the edge list, building the tool's graph and its
 * Louvain, timed as one; the Louvain alone is its phase row 'louvain: <tool>'.
 */
export function peerLoadAndLouvainStep(tool: string, label: string): BenchStep {
  return {
    name: `analyze: ${tool} load + louvain`,
    group: 'analyze',
    unit: 'edges',
    needs: ['edges'],
    run(context): StepResult {
      const output = runPeer(tool, 'louvain', label, context);
      if (!('max_rss_bytes' in output)) return output;
      const note = [output.note, `${output.nodes} nodes`].filter(Boolean).join('; ');
      return {
        items: output.edges,
        seconds: output.load_seconds + output.seconds,
        peakRssBytes: output.max_rss_bytes,
        modularity: output.modularity,
        communities: output.communities,
        note: `read + build ${output.load_seconds.toFixed(2)} s, louvain ${output.seconds.toFixed(2)} s; ${note}`,
        phases: [
          {
            step: `louvain: ${tool}`,
            seconds: output.seconds,
            items: output.edges,
            unit: 'edges',
            modularity: output.modularity,
            communities: output.communities,
            note: `${label} alone`,
          },
        ],
      };
    },
  };
}
