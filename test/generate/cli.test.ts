import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerGenerateCommand } from '../../src/cli/commands/generate.ts';

const dir = mkdtempSync(join(tmpdir(), 'citegraph-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  const program = new Command('citegraph').exitOverride();
  registerGenerateCommand(program);
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'citegraph', ...args]);
  } finally {
    write.mockRestore();
  }
  return out;
}

describe('citegraph generate', () => {
  it('writes the corpus and an edge list and prints a JSON summary', async () => {
    const file = join(dir, 'corpus.jsonl');
    const edges = join(dir, 'edges.txt');
    const summary = JSON.parse(
      await run([
        'generate',
        '--papers',
        '0.3k',
        '--seed',
        '4',
        '--format',
        'openalex-jsonl',
        '-o',
        file,
        '--edges',
        edges,
        '--json',
      ]),
    );
    expect(summary).toMatchObject({ format: 'openalex-jsonl', papers: 300, seed: 4 });
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(300);
    expect(readFileSync(edges, 'utf8').split('\n')[0]).toBe(
      `# nodes ${summary.edgeList.nodes} edges ${summary.edgeList.edges}`,
    );
  });

  it('rejects a count it cannot read', async () => {
    await expect(run(['generate', '--papers', 'lots', '-o', join(dir, 'x.txt')])).rejects.toThrow(
      /paper count/,
    );
  });
});
