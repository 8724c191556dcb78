import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function runAnalyze(output: string, ...extra: string[]): Promise<number> {
  return main(['node', 'citegraph', 'analyze', 'data/pages', '-o', output, '-q', ...extra]);
}

describe('citegraph analyze', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives byte-identical output for the same input and seed', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const first = mkdtempSync(join(tmpdir(), 'citegraph-a-'));
    const second = mkdtempSync(join(tmpdir(), 'citegraph-b-'));
    expect(await runAnalyze(first)).toBe(0);
    expect(await runAnalyze(second)).toBe(0);
    for (const file of ['graph.json', 'report.json', 'report.md', 'corpus.json']) {
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
    }
    const graph = JSON.parse(readFileSync(join(first, 'graph.json'), 'utf8'));
    expect(graph.options).toMatchObject({ type: 'mixed', multi: true });
    expect(
      graph.nodes.every((node: { attributes: { x?: number } }) => typeof node.attributes.x === 'number'),
    ).toBe(true);
    const report = JSON.parse(readFileSync(join(first, 'report.json'), 'utf8'));
    expect(report.provenance.inputs).toHaveLength(5);
    expect(report.provenance.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.provenance.versions['graphology-communities-louvain']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.options.seed).toBe(42);
  }, 120_000);

  it('changes the layout with the seed', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const first = mkdtempSync(join(tmpdir(), 'citegraph-c-'));
    const second = mkdtempSync(join(tmpdir(), 'citegraph-d-'));
    await runAnalyze(first, '--seed', '1');
    await runAnalyze(second, '--seed', '2');
    expect(readFileSync(join(first, 'graph.json'), 'utf8')).not.toBe(
      readFileSync(join(second, 'graph.json'), 'utf8'),
    );
  }, 120_000);

  it('rejects an unknown weighting with a usage error', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runAnalyze(mkdtempSync(join(tmpdir(), 'citegraph-e-')), '--weight', 'heavy')).not.toBe(0);
  });
});
