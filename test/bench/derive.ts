/**
 * Makes one derived artifact (see `Artifact` in types.ts) in a fresh process with a large heap:
 * `derive.ts <artifact> <output> <inputs json> <papers>`. Started by artifacts.ts; the heavy ones
 * (the analysed graph) take minutes at 100k papers, which is why they are cached.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/pipeline.ts';
import { buildGraph } from '../../src/graph/build.ts';
import { loadCorpus } from '../../src/ingest/read-node.ts';
import type { Corpus } from '../../src/model/types.ts';
import { generateAnalysedGraph } from '../e2e/generate-graph.ts';
import type { Artifact } from './types.ts';

const [artifact, output, inputsJson, papersText] = process.argv.slice(2) as [
  Artifact,
  string,
  string,
  string,
];
const inputs = JSON.parse(inputsJson) as Partial<Record<Artifact, string>>;

function corpus(): Corpus {
  return JSON.parse(readFileSync(inputs['corpus-json']!, 'utf8')) as Corpus;
}

switch (artifact) {
  case 'corpus-json':
    writeFileSync(output, JSON.stringify(await loadCorpus([inputs.listing!])));
    break;
  case 'built-graph':
    writeFileSync(output, JSON.stringify(buildGraph(corpus()).graph.export()));
    break;
  case 'analysed-graph':
    writeFileSync(output, JSON.stringify(analyze(corpus()).graph.export()));
    break;
  case 'data-graph': {
    const dir = mkdtempSync(join(tmpdir(), 'citegraph-bench-data-'));
    try {
      const cli = spawnSync(process.execPath, ['src/cli/citegraph.mjs', 'analyze', 'data/pages', '-o', dir], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      // Exit code 3 = some input could not be read: the graph is still written.
      if (cli.status !== 0 && cli.status !== 3)
        throw new Error(
          `citegraph analyze data/pages: exit ${cli.status}: ${cli.stderr.trim().split('\n').pop()}`,
        );
      copyFileSync(join(dir, 'graph.json'), output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    break;
  }
  case 'web-graph':
    writeFileSync(output, JSON.stringify(generateAnalysedGraph(Number(papersText)).export()));
    break;
  default:
    throw new Error(`derive: '${artifact}' is not a derived artifact`);
}
