/**
 * At scale (from 200k papers, `--sizes 1m`), the whole network leaves the analysis through the
 * view the exports and stores stream from (what `citegraph analyze --export` writes): one
 * analysis of the listing, then each writer timed as its own row. graph.json is not written there
 * (--graph-limit), so these are the ways out for a million papers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analysisView, analyzeCorpus } from '../../../src/analysis/pipeline.ts';
import { writeStreamingExport } from '../../../src/cli/commands/export.ts';
import { loadCorpus } from '../../../src/ingest/read-node.ts';
import { KuzuStore } from '../../../src/store/kuzu-store.ts';
import { adminImportInvocation, LAUNCHER_CLASSPATH } from '../../neo4j/admin-import.ts';
import { since } from '../graphs.ts';
import { defineSteps } from '../registry.ts';
import type { StepPhase } from '../types.ts';

const SCALE_FROM = 200_000;

/** The real neo4j-admin import of an export folder into a fresh offline store under `home`. */
function neo4jAdminImport(folder: string, home: string): { ok: boolean; output: string } {
  const invocation = adminImportInvocation(folder, home, ['-Xmx4g']);
  const child = spawnSync(invocation.command, invocation.args, {
    cwd: invocation.cwd,
    env: invocation.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: child.status === 0, output: `${child.stdout ?? ''}${child.stderr ?? ''}` };
}

defineSteps({
  name: 'export: analysis view → gexf, neo4j-import, kuzu',
  minPapers: SCALE_FROM,
  group: 'export',
  unit: 'papers',
  needs: ['listing'],
  maxRuns: 1,
  async run({ files, scratchDir }) {
    const corpus = await loadCorpus([files.listing!]);
    const started = performance.now();
    // No layout: the writers' time does not depend on it, and it is timed in the analyze rows.
    const analysis = analyzeCorpus(corpus, { layout: false });
    const analysisSeconds = since(started);
    const view = analysisView(analysis);
    const { summary, collaboration, themes } = analysis.report;
    const elements =
      summary.papers +
      summary.authors +
      summary.references +
      Object.values(summary.edges).reduce((sum, count) => sum + count, 0);
    const phases: StepPhase[] = [];
    const timed = async (step: string, work: () => Promise<string | undefined>) => {
      const phaseStarted = performance.now();
      const note = await work();
      phases.push({ step, seconds: since(phaseStarted), items: elements, unit: 'elements', note });
    };
    await timed('export: gexf (stream from the view)', async () => {
      await writeStreamingExport(view, 'gexf', join(scratchDir, 'graph.gexf'), { layer: 'all' });
      return undefined;
    });
    const importFolder = join(scratchDir, 'neo4j-import');
    await timed('export: neo4j-import csv (stream from the view)', async () => {
      await writeStreamingExport(view, 'neo4j-import', importFolder, { layer: 'all' });
      return undefined;
    });
    await timed('store: kuzu load (from the view)', async () => {
      const store = new KuzuStore(join(scratchDir, 'graph.kuzu'));
      try {
        const loaded = await store.loadGraph(view, {
          communities: [...collaboration.communities, ...themes.communities],
        });
        return `Kùzu COPY: ${loaded.nodes} nodes, ${loaded.relationships} relationships`;
      } finally {
        await store.close();
      }
    });
    if (existsSync(LAUNCHER_CLASSPATH))
      await timed('store: neo4j-admin import', async () => {
        const result = neo4jAdminImport(importFolder, join(scratchDir, 'neo4j-home'));
        if (!result.ok) return `FAILED: ${result.output.trim().split('\n').slice(-1)[0] ?? ''}`;
        const imported = /Imported:\s+(\d+) nodes\s+(\d+) relationships/.exec(result.output);
        return `Neo4j 5.26 neo4j-admin into an offline store: ${imported?.[1]} nodes, ${imported?.[2]} relationships`;
      });
    return {
      items: corpus.papers.length,
      seconds: analysisSeconds,
      note: `the analysis the writers read (no layout)${existsSync(LAUNCHER_CLASSPATH) ? '' : `; no neo4j-admin row: no ${LAUNCHER_CLASSPATH} (npm run neo4j builds it)`}`,
      phases,
    };
  },
});
