/**
 * The themes (themes.ts) on a worker thread, for Node: they need only the papers' titles and
 * abstracts, so `citegraph analyze` starts them as soon as the papers are merged and this thread
 * goes on collecting authors, building co-authorship, collaborator groups, citations and PageRank
 * meanwhile (analyzeCorpusOverlapped in pipeline.ts waits for them at the 'themes' step).
 *
 * The texts are posted in chunks of separate title and abstract arrays: cloning strings is a
 * copy, building the joined texts here would allocate as much again. The worker uses threads of
 * its own for the text model and the neighbour search, as the analysis does on this thread, and
 * gives the same themes. Its result's typed arrays are on SharedArrayBuffers (util/big-arrays.ts)
 * or transferred, so nothing large is copied back.
 */
import { getHeapStatistics } from 'node:v8';
import { type MessagePort, Worker } from 'node:worker_threads';
import { parallelKnn } from './knn-parallel-node.ts';
import { parallelTextModel } from './text-model-parallel-node.ts';
import { analyzeThemes, type CompactThemes, type ThemesSettings, themeText } from './themes.ts';

/** What the themes read of a paper (or of a record, before the merge). */
export interface ThemesText {
  title: string;
  abstract?: string;
}

/**
 * Below this many papers the themes stay on the analysis' thread: what is left to overlap is short
 * next to starting the worker (it loads the TypeScript sources). At 100k papers it saved 1.8 s of
 * 13 s on OpenAlex JSONL, nothing on the listing; at 1M, 19 s.
 */
export const THEMES_WORKER_FROM = 100_000;
/** Papers per posted message (4k to 64k made no difference): posting 1M titles and abstracts costs this thread 1.0-1.3 s. */
const CHUNK = 16_384;
const MB = 1024 * 1024;

export interface ThemesWorkerData {
  settings: ThemesSettings;
  documentCount: number;
  chunk: number;
}

interface TextsMessage {
  titles: string[];
  abstracts: string[];
}

/** A worker's part (themes-worker-node.mjs): collects the texts, computes the themes, posts them back once. */
export function runThemesWorker(
  port: MessagePort,
  { settings, documentCount, chunk }: ThemesWorkerData,
): void {
  const titles: string[][] = [];
  const abstracts: string[][] = [];
  let received = 0;
  const computeWhenComplete = (): void => {
    if (received < documentCount) return;
    const themes = analyzeThemes(
      (index) => {
        const part = Math.floor(index / chunk);
        const at = index - part * chunk;
        return themeText(titles[part]![at]!, abstracts[part]![at]);
      },
      documentCount,
      settings,
      {
        parallelKnn: parallelKnn(),
        parallelTextModel: parallelTextModel(),
        // The texts are not needed once read: ~1 GB at a million papers.
        textsRead: () => {
          titles.length = 0;
          abstracts.length = 0;
        },
        // Present when Node runs with --expose-gc, as the CLI's large-heap restart does.
        collect: globalThis.gc,
      },
    );
    port.postMessage(themes, transferables(themes));
    port.close();
  };
  port.on('message', (message: TextsMessage) => {
    titles.push(message.titles);
    abstracts.push(message.abstracts);
    received += message.titles.length;
    computeWhenComplete();
  });
  if (documentCount === 0) computeWhenComplete();
}

/** The buffers of the result's typed arrays that are not shared: moved rather than copied. */
function transferables(themes: CompactThemes): ArrayBuffer[] {
  const { similarity, partition, strength, bridging } = themes;
  const arrays: ArrayBufferView[] = [
    similarity.offsets,
    similarity.targets,
    similarity.weights,
    partition.membership,
    strength,
    bridging,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}

export interface ThemesWorkerOptions {
  /** The worker's heap limit; default this thread's (the CLI raises it for large corpora). */
  heapMb?: number;
  /** Papers per posted message. */
  chunk?: number;
  /** Another worker script (for tests: one that fails). */
  workerUrl?: URL;
}

/** Themes being computed on a worker. */
export interface ThemesJob {
  /** The themes; rejects if the worker fails or exits before posting them. */
  result: Promise<CompactThemes>;
  /** Ends the worker (when its result is no longer wanted). */
  stop(): void;
}

/**
 * Starts computing the themes of `papers` (their titles and abstracts, read now) on a worker.
 * The settings must be those of the analysis that will use them (themesSettings in pipeline.ts).
 */
export function startThemes(
  papers: readonly ThemesText[],
  settings: ThemesSettings,
  {
    heapMb = Math.ceil(getHeapStatistics().heap_size_limit / MB),
    chunk = CHUNK,
    workerUrl,
  }: ThemesWorkerOptions = {},
): ThemesJob {
  const workerData: ThemesWorkerData = { settings, documentCount: papers.length, chunk };
  const worker = new Worker(workerUrl ?? new URL('./themes-worker-node.mjs', import.meta.url), {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  const result = new Promise<CompactThemes>((resolve, reject) => {
    worker.once('message', (themes: CompactThemes) => resolve(themes));
    worker.once('error', (error) => reject(new Error(`the themes worker failed: ${error.message}`)));
    worker.once('exit', (code) =>
      reject(new Error(`the themes worker exited (code ${code}) before posting the themes`)),
    );
  });
  // Awaited only after the rest of the analysis: an earlier failure is not an unhandled rejection.
  result.catch(() => undefined);
  for (let from = 0; from < papers.length; from += chunk) {
    const to = Math.min(from + chunk, papers.length);
    const message: TextsMessage = { titles: new Array(to - from), abstracts: new Array(to - from) };
    for (let index = from; index < to; index++) {
      message.titles[index - from] = papers[index]!.title;
      message.abstracts[index - from] = papers[index]!.abstract ?? '';
    }
    worker.postMessage(message);
  }
  return { result, stop: () => void worker.terminate() };
}

/** Whether the themes of `papers` are those of `records`: the same texts, in the same order. */
function sameTexts(records: readonly ThemesText[], papers: readonly ThemesText[]): boolean {
  if (records.length !== papers.length) return false;
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const paper = papers[index]!;
    if (record.title !== paper.title || (record.abstract ?? '') !== (paper.abstract ?? '')) return false;
  }
  return true;
}

/**
 * The themes started as early as they can be: from the parsed records, before the merge (at a
 * million works the merge is ~14 s on one core, which the themes can use), and kept if the merge
 * gave each record its own paper, in order, with the same title and abstract (an OpenAlex
 * snapshot, a generated corpus). Otherwise the worker is stopped and started again from the
 * merged papers. Pass `onRecordsParsed` and `onPapersMerged` to the ingest (IngestOptions).
 */
export class EarlyThemes {
  private job: ThemesJob | undefined;
  private records: readonly ThemesText[] | undefined;
  /** Where the running worker's texts came from. */
  startedFrom: 'records' | 'papers' | undefined;

  /** `wanted(count)`: whether themes of that many papers should run on a worker at all. */
  constructor(
    private readonly settings: ThemesSettings,
    private readonly wanted: (count: number) => boolean,
    private readonly options: ThemesWorkerOptions = {},
  ) {}

  readonly onRecordsParsed = (records: readonly ThemesText[]): void => {
    if (!this.wanted(records.length)) return;
    this.records = records;
    this.start(records, 'records');
  };

  readonly onPapersMerged = (papers: readonly ThemesText[]): void => {
    const records = this.records;
    this.records = undefined;
    if (this.job && records && sameTexts(records, papers)) return;
    this.stop();
    if (this.wanted(papers.length)) this.start(papers, 'papers');
  };

  /** The themes of the merged papers, if a worker computes them. */
  get result(): Promise<CompactThemes> | undefined {
    return this.records === undefined ? this.job?.result : undefined;
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
    this.startedFrom = undefined;
  }

  private start(texts: readonly ThemesText[], from: 'records' | 'papers'): void {
    this.job = startThemes(texts, this.settings, this.options);
    this.startedFrom = from;
  }
}
