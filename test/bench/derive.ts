/**
 * Makes one derived artifact (see `Artifact` in types.ts) in a fresh process:
 * `derive.ts <artifact> <output> <inputs json> <papers>`. Started by artifacts.ts; the analysed
 * graph takes a CLI run of the analysis, which is why it is cached.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAnalysedGraph } from '../e2e/generate-graph.ts';
import type { Artifact } from './types.ts';

const [artifact, output, inputsJson, papersText] = process.argv.slice(2) as [
  Artifact,
  string,
  string,
  string,
];
const inputs = JSON.parse(inputsJson) as Partial<Record<Artifact, string>>;

/** The graph.json `citegraph analyze <input>` writes, copied to `output`. */
function analysedGraphOf(input: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'citegraph-bench-analyze-'));
  try {
    const cli = spawnSync(
      process.execPath,
      ['src/cli/citegraph.mjs', 'analyze', input, '-o', dir, '--quiet'],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // Exit code 3 = some input could not be read: the graph is still written.
    if (cli.status !== 0 && cli.status !== 3)
      throw new Error(
        `citegraph analyze ${input}: exit ${cli.status}: ${cli.stderr.trim().split('\n').pop()}`,
      );
    copyFileSync(join(dir, 'graph.json'), output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

switch (artifact) {
  case 'analysed-graph':
    analysedGraphOf(inputs.listing!);
    break;
  case 'data-graph':
    analysedGraphOf('data/pages');
    break;
  case 'web-graph':
    writeFileSync(output, JSON.stringify(generateAnalysedGraph(Number(papersText)).export()));
    break;
  default:
    throw new Error(`derive: '${artifact}' is not a derived artifact`);
}
