/**
 * docs/benchmarks.md, a generated file: one section per set of sizes (the default 10k,100k run,
 * the `--sizes 1m` run, …), each with the machine, date and command that produced it. A run
 * replaces its own section and keeps the others.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatCount, parseCount } from '../../src/generate/count.ts';

export const BENCH_DOC = 'docs/benchmarks.md';

/** What a run was: everything in its section but the tables. */
export interface RunFacts {
  /** Sizes of the run, smallest first: the section's key. */
  sizes: number[];
  command: string;
  date: string;
  /** The commit measured (and whether src/ had changes). */
  code: string;
  machine: string;
  peers: string;
  totalSeconds: number;
  preparationSeconds: number;
}

export interface DocSection extends RunFacts {
  /** The analyze rows set against the peers, as a Markdown table. */
  headline: string;
  /** Every row, as a Markdown table. */
  table: string;
}

const BEGIN = /^<!-- bench:begin sizes=([\w,.]+) -->$/;
const END = '<!-- bench:end -->';

const HEADER = `# Benchmarks

This file is written by \`npm run bench\` (test/bench/run.ts); run the bench again rather than
editing it. Each section below is one run of the bench on the machine it names.

How to read the tables:
- Every row is a fresh process per run; \`median s\` is the median of its runs (\`runs\`), and
  \`peak RSS MB\` the largest peak of them. \`citegraph analyze\` rows run the real CLI
  (\`node src/cli/citegraph.mjs analyze <file> -o <dir>\`): wall time with start-up, and the peak
  of its whole process tree.
- The peers read the same weighted co-authorship edge list that \`citegraph generate --edges\`
  writes for the same corpus: python-igraph (\`community_multilevel\`), NetworKit (PLM, one thread)
  and networkx, each timed in its own Python process. \`load + louvain\` is reading the edge list,
  building the graph and finding communities; \`louvain: <peer>\` is the algorithm alone.
- \`vs baseline\` is the row's median divided by the named row's median, measured in the same run.
  The speed goals (\`analyze\` within 30x of igraph's load + Louvain at 10k papers, 8x at
  100k, 2x at a million; peak memory under 2.5 GB at 100k and 8 GB at a million) are information,
  not a test.
- The machines are shared and have two cores: single runs move by 10–20 %; compare medians and
  ratios, not single figures.
`;

function sectionKey(sizes: number[]): string {
  return sizes.map(formatCount).join(',');
}

function sectionText(section: DocSection): string {
  const sizes = section.sizes.map(formatCount).join(', ');
  return [
    `<!-- bench:begin sizes=${sectionKey(section.sizes)} -->`,
    `## ${sizes} papers`,
    '',
    `- Command: \`${section.command}\``,
    `- Date: ${section.date}; ${section.totalSeconds.toFixed(0)} s in all, ${section.preparationSeconds.toFixed(0)} s of it making input files`,
    `- Code: ${section.code}`,
    `- Machine: ${section.machine}`,
    `- Peers: ${section.peers}`,
    '',
    '### citegraph analyze and its peers',
    '',
    section.headline,
    '',
    '### Every row',
    '',
    section.table,
    END,
  ].join('\n');
}

/** The sections already in the file, by key. */
function existingSections(text: string): Map<string, { first: number; text: string }> {
  const sections = new Map<string, { first: number; text: string }>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = BEGIN.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(END, i);
    if (end < 0) break;
    const key = match[1]!;
    const first = parseCount(key.split(',')[0] ?? '') ?? 0;
    sections.set(key, { first, text: lines.slice(i, end + 1).join('\n') });
    i = end;
  }
  return sections;
}

/** Writes `section` into the file at `path`, replacing the section of the same sizes. */
export function writeBenchDoc(path: string, section: DocSection): void {
  const sections = existsSync(path) ? existingSections(readFileSync(path, 'utf8')) : new Map();
  sections.set(sectionKey(section.sizes), { first: section.sizes[0] ?? 0, text: sectionText(section) });
  const ordered = [...sections.values()].sort((a, b) => a.first - b.first).map((entry) => entry.text);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${HEADER}\n${ordered.join('\n\n')}\n`);
}
