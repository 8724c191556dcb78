/// <reference lib="webworker" />
/**
 * Opened files are read and analysed here, off the page's thread, by the same core as the CLI:
 * ingestTexts (src/ingest/ingest.ts) and analyze (src/analysis/pipeline.ts).
 */
import type { SerializedGraph } from 'graphology-types';
import { analyze } from '../analysis/pipeline.ts';
import type { AnalysisReport } from '../analysis/report.ts';
import { type InputText, ingestTexts } from '../ingest/ingest.ts';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../model/graph-schema.ts';

export type IngestRequest = { files: InputText[] };
export type IngestReply =
  | { type: 'progress'; message: string }
  | {
      type: 'done';
      graph: SerializedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
      report: AnalysisReport;
    }
  | { type: 'error'; message: string };

const post = (reply: IngestReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

self.onmessage = (event: MessageEvent<IngestRequest>) => {
  try {
    post({ type: 'progress', message: `Reading ${event.data.files.length} file(s)…` });
    const corpus = ingestTexts(event.data.files);
    post({ type: 'progress', message: 'Analysing…' });
    const { graph, report } = analyze(corpus, {
      onProgress: (step) => post({ type: 'progress', message: `Analysing: ${step}…` }),
    });
    post({ type: 'done', graph: graph.export(), report });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
