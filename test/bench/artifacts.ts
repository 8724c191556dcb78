/**
 * Input files for the steps, generated once per (generator version, size, seed) and cached under
 * .bench/data/. The generator version is a hash of src/generate, so editing it regenerates.
 * Derived artifacts (analysed graphs) also depend on the rest of src/ and on
 * test/e2e/generate-graph.ts: they live in a `derived-<hash of those>` folder, made in
 * a child process (derive.ts) each, and an older derived folder is removed when a new one is made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../src/generate/corpus.ts';
import { coauthorshipEdges } from '../../src/generate/edges.ts';
import { writeCorpusFile, writeEdgeListFile } from '../../src/generate/write-file-node.ts';
import { fnv1a } from '../../src/model/hash.ts';
import type { Artifact } from './types.ts';

const GENERATOR_DIR = 'src/generate';
/** What derived artifacts depend on besides the generated files. */
const DERIVED_SOURCES = ['src', 'test/e2e/generate-graph.ts', 'test/bench/derive.ts', 'data/pages'];

function sourceVersion(paths: string[]): string {
  const files: string[] = [];
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const child = join(path, entry.name);
        if (entry.isDirectory()) walk(child);
        else if (/\.(ts|txt|mjs)$/.test(child)) files.push(child, readFileSync(child, 'utf8'));
      }
    } else files.push(path, readFileSync(path, 'utf8'));
  };
  for (const path of paths) walk(path);
  return fnv1a(files.join('\u0000'));
}

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

type GeneratedArtifact = 'listing' | 'topic-listing' | 'openalex-jsonl' | 'bibtex' | 'edges';
type DerivedArtifact = Exclude<Artifact, GeneratedArtifact>;

/** Each derived artifact and what it is made from, in the order they must be made. */
const DERIVED: Record<DerivedArtifact, Artifact[]> = {
  'analysed-graph': ['listing'],
  'data-graph': [],
  'web-graph': [],
};

/** Seconds spent making input files this run (generated corpora, derived graphs): later runs reuse them. */
export const preparation = { seconds: 0 };

export const ARTIFACT_FILES: Record<Artifact, string> = {
  listing: 'corpus-listing.txt',
  'topic-listing': 'corpus-topic-listing.txt',
  'openalex-jsonl': 'corpus-openalex.jsonl',
  bibtex: 'corpus.bib',
  edges: 'coauthorship-edges.txt',
  'analysed-graph': 'analysed-graph.json',
  'data-graph': 'data-pages-graph.json',
  'web-graph': 'web-graph.json',
};

function isDerived(artifact: Artifact): artifact is DerivedArtifact {
  return Object.hasOwn(DERIVED, artifact);
}

/** The needed artifacts plus what they are made from, inputs first. */
function withInputs(needed: Iterable<Artifact>): Artifact[] {
  const ordered: Artifact[] = [];
  const visit = (artifact: Artifact) => {
    if (ordered.includes(artifact)) return;
    if (isDerived(artifact)) for (const input of DERIVED[artifact]) visit(input);
    ordered.push(artifact);
  };
  for (const artifact of needed) visit(artifact);
  return ordered;
}

export async function prepareArtifacts(
  root: string,
  papers: number,
  seed: number,
  needed: Iterable<Artifact>,
  log: (message: string) => void,
): Promise<Partial<Record<Artifact, string>>> {
  const dir = join(root, 'data', generatorVersion(), `${papers}-s${seed}`);
  const derivedName = `derived-${sourceVersion(DERIVED_SOURCES)}`;
  const derivedDir = join(dir, derivedName);
  mkdirSync(dir, { recursive: true });
  const files: Partial<Record<Artifact, string>> = {};
  // Generated only when a file must be written: at a million papers it takes seconds and a
  // few hundred MB that the harness would otherwise hold for the whole run.
  let corpus: ReturnType<typeof generateCorpus> | undefined;
  const generated = () => {
    corpus ??= generateCorpus({ papers, seed });
    return corpus;
  };
  for (const artifact of withInputs(needed)) {
    const derived = isDerived(artifact);
    if (derived && !existsSync(derivedDir)) {
      for (const entry of readdirSync(dir))
        if (entry.startsWith('derived-')) rmSync(join(dir, entry), { recursive: true, force: true });
      mkdirSync(derivedDir, { recursive: true });
    }
    const path = join(derived ? derivedDir : dir, ARTIFACT_FILES[artifact]);
    if (existsSync(path)) {
      files[artifact] = path;
      continue;
    }
    const started = performance.now();
    const partial = `${path}.partial`;
    if (derived) {
      const inputs = Object.fromEntries(DERIVED[artifact].map((input) => [input, files[input]]));
      if (DERIVED[artifact].some((input) => !files[input])) {
        log(`cannot prepare ${artifact}: an input is missing`);
        continue;
      }
      const child = spawnSync(
        process.execPath,
        [
          'src/cli/run-ts.mjs',
          'test/bench/derive.ts',
          artifact,
          partial,
          JSON.stringify(inputs),
          String(papers),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      if (child.status !== 0) {
        const reason = (child.stderr || child.error?.message || '').trim().split('\n').slice(-2).join(' | ');
        log(`cannot prepare ${artifact}: ${reason}`);
        rmSync(partial, { force: true });
        continue;
      }
    } else if (artifact === 'edges') await writeEdgeListFile(coauthorshipEdges(generated()), partial);
    else await writeCorpusFile(generated(), artifact, partial);
    renameSync(partial, path);
    files[artifact] = path;
    const seconds = (performance.now() - started) / 1000;
    preparation.seconds += seconds;
    log(`prepared ${path} in ${seconds.toFixed(1)} s`);
  }
  return files;
}
