/**
 * Input files for the steps, generated once per (generator version, size, seed) and cached under
 * .bench/data/. The generator version is a hash of src/generate, so editing it regenerates.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { coauthorshipEdges } from '../../src/generate/edges.ts';
import { writeCorpusFile, writeEdgeListFile } from '../../src/generate/write-file-node.ts';
import { fnv1a } from '../../src/model/hash.ts';
import type { Artifact } from './types.ts';

const GENERATOR_DIR = 'src/generate';

function generatorVersion(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(readFileSync(path, 'utf8'));
    }
  };
  walk(GENERATOR_DIR);
  return fnv1a(files.join('\u0000'));
}

export const ARTIFACT_FILES: Record<Artifact, string> = {
  listing: 'corpus-listing.txt',
  'topic-listing': 'corpus-topic-listing.txt',
  'openalex-jsonl': 'corpus-openalex.jsonl',
  bibtex: 'corpus.bib',
  edges: 'coauthorship-edges.txt',
};

export async function prepareArtifacts(
  root: string,
  papers: number,
  seed: number,
  needed: Iterable<Artifact>,
  log: (message: string) => void,
): Promise<Partial<Record<Artifact, string>>> {
  const dir = join(root, 'data', generatorVersion(), `${papers}-s${seed}`);
  mkdirSync(dir, { recursive: true });
  const files: Partial<Record<Artifact, string>> = {};
  const corpus = generateCorpus({ papers, seed });
  for (const artifact of new Set(needed)) {
    const path = join(dir, ARTIFACT_FILES[artifact]);
    files[artifact] = path;
    if (existsSync(path)) continue;
    const started = performance.now();
    const partial = `${path}.partial`;
    if (artifact === 'edges') await writeEdgeListFile(coauthorshipEdges(corpus), partial);
    else await writeCorpusFile(corpus, artifact, partial);
    renameSync(partial, path);
    log(`prepared ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return files;
}
