/**
 * The impact step of the analysis on its own (citation counts and indices, sources, Lotka, the
 * historiograph and bursts), from the citation layer of an ingested OpenAlex corpus.
 */
import { buildCitations, citationPagerank } from '../../../src/analysis/citations.ts';
import { indexCorpus } from '../../../src/analysis/corpus-index.ts';
import { analyzeImpact } from '../../../src/analysis/impact/impact.ts';
import { DEFAULT_ANALYZE_OPTIONS } from '../../../src/analysis/options.ts';
import { loadCorpus } from '../../../src/ingest/read-node.ts';
import { since } from '../graphs.ts';
import { defineSteps } from '../registry.ts';

defineSteps({
  name: 'analyze: impact',
  group: 'analyze',
  unit: 'papers',
  needs: ['openalex-jsonl'],
  maxRuns: 1,
  async run({ files }) {
    const loaded = performance.now();
    const corpus = await loadCorpus([files['openalex-jsonl']!]);
    const index = indexCorpus(corpus);
    const citations = buildCitations(corpus, { mineAbstracts: false });
    const pagerank = citationPagerank(citations, DEFAULT_ANALYZE_OPTIONS.metrics.pagerankAlpha);
    const loadSeconds = since(loaded);
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    const impact = analyzeImpact(
      { corpus, index, citations, pagerank },
      DEFAULT_ANALYZE_OPTIONS.impact,
      DEFAULT_ANALYZE_OPTIONS.metrics.topN,
    );
    return {
      items: corpus.papers.length,
      seconds: since(started),
      note: `${impact.report.bursts.references.length} reference bursts, ${impact.report.historiograph.nodes.length} papers in the historiograph; ingest and citation layer ${loadSeconds.toFixed(1)} s untimed`,
    };
  },
});
