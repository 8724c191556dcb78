/// <reference lib="webworker" />
import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';

/** What this worker expects of the lead's browser-safe core (loaded lazily; may not exist yet). */
interface IngestModule {
  ingestTexts(files: { name: string; text: string }[]): unknown | Promise<unknown>;
}
interface AnalyzedGraphLike {
  export(): SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
}
interface PipelineModule {
  analyze(
    corpus: unknown,
    options?: Record<string, unknown>,
  ): { graph: AnalyzedGraphLike; report?: unknown } | Promise<{ graph: AnalyzedGraphLike; report?: unknown }>;
}

export type IngestRequest = { files: { name: string; text: string }[] };
export type IngestReply =
  | { type: 'progress'; message: string }
  | { type: 'done'; graph: SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>; report: unknown }
  | { type: 'error'; message: string };

const ingestModules = import.meta.glob<IngestModule>('../ingest/ingest.ts');
const pipelineModules = import.meta.glob<PipelineModule>('../analysis/pipeline.ts');

const post = (reply: IngestReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

self.onmessage = async (event: MessageEvent<IngestRequest>) => {
  try {
    const loadIngest = ingestModules['../ingest/ingest.ts'];
    const loadPipeline = pipelineModules['../analysis/pipeline.ts'];
    if (!loadIngest || !loadPipeline) {
      post({
        type: 'error',
        message: 'Opening files needs src/ingest/ingest.ts and src/analysis/pipeline.ts (not in this build).',
      });
      return;
    }
    post({ type: 'progress', message: `Reading ${event.data.files.length} file(s)…` });
    const [{ ingestTexts }, { analyze }] = await Promise.all([loadIngest(), loadPipeline()]);
    const corpus = await ingestTexts(event.data.files);
    post({ type: 'progress', message: 'Analysing…' });
    const { graph, report } = await analyze(corpus, {});
    post({ type: 'done', graph: graph.export(), report: JSON.parse(JSON.stringify(report ?? null)) });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
