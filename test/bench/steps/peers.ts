/**
 * Peers: python-igraph, NetworKit and networkx on the identical edge list, through peers.py.
 * Each run is its own Python process, so its time and peak RSS are its own. A peer that is not
 * installed gives a 'missing' row, never no row.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineSteps } from '../registry.ts';
import type { BenchStep, StepResult } from '../types.ts';

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

function peerStep(tool: string, task: 'louvain' | 'pagerank', label: string, maxPapers?: number): BenchStep {
  return {
    name: `${task}: ${tool}`,
    group: task,
    unit: 'edges',
    needs: ['edges'],
    maxPapers,
    run({ files, seed, python, peers }): StepResult {
      if (!python || !peers.includes(tool))
        return { items: 0, status: 'missing', note: `${label} not installed in .bench/venv` };
      const child = spawnSync(
        python,
        [SCRIPT, '--tool', tool, '--task', task, '--edges', files.edges!, '--seed', String(seed)],
        {
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      if (child.status !== 0) {
        const reason = (child.stderr || child.error?.message || '').trim().split('\n').pop();
        return { items: 0, status: 'failed', note: reason };
      }
      const output = JSON.parse(child.stdout.trim().split('\n').pop()!) as PeerOutput;
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

defineSteps(
  peerStep('igraph', 'louvain', 'python-igraph community_multilevel'),
  peerStep('networkit', 'louvain', 'NetworKit PLM'),
  peerStep('networkx', 'louvain', 'networkx louvain_communities', 10_000),
  peerStep('igraph', 'pagerank', 'python-igraph pagerank'),
);
