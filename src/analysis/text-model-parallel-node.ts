/**
 * The themes' text model built partly on worker threads, for Node: text-model.ts stays browser-safe
 * and takes this as TextModelOptions.parallel.
 * - Reading: this thread builds the texts (only it holds the corpus) and posts batches of them to
 *   the workers while they have room, reading the others itself; each reader numbers words its own
 *   way and mergeBatches (text-token-stream.ts) joins the batches in document order into the stream
 *   one reader would have made. Results come back as messages read synchronously (receiveMessageOnPort), their ids on
 *   SharedArrayBuffers, so the analysis stays synchronous.
 * - Rows: the same workers then share the per-document row steps with this thread, claiming
 *   chunks of documents from a shared counter and writing into the shared arrays in place.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { STALL_MS, waitWhileProgressing } from '../util/stall-wait.ts';
import type { ParallelTextModel } from './text-model-threads.ts';
import { fillRows, groupRows, type RowsJob, type RowsStep } from './text-rows.ts';
import { BatchReader, type ReaderBatch, type TokenBatch } from './text-token-stream.ts';

/** Documents per batch: big enough that posting is rare, small enough to keep the threads even. */
const BATCH = 2048;
/** Below this many documents, starting the workers (they load the TypeScript sources) costs more than they save. */
const MIN_DOCUMENTS = 200_000;
/** Batches posted to a worker and not yet read; more only hold texts in memory. */
const IN_FLIGHT = 2;
/** Documents per claim in a rows step. */
const ROWS_CHUNK = 4096;

/** Control words: a worker failed; then per worker, ready and messages handled (batches, requests, row steps). */
const READY = 0;
const DONE = 1;
const FAILED = 0;
const slot = (worker: number, word: number): number => 1 + worker * 2 + word;

interface TextModelWorkerData {
  control: Int32Array;
  /** This worker's number (1, 2, …; the model's thread is reader 0). */
  reader: number;
  port: MessagePort;
}

interface BatchMessage {
  kind: 'read';
  index: number;
  texts: string[];
}

/** A rows step: documents claimed in chunks from `claim[0]`. */
interface RowsMessage {
  kind: 'rows';
  job: RowsJob;
  step: RowsStep;
  claim: Int32Array;
  chunk: number;
}

/** Takes chunks of the step's documents until none is left to claim. */
function takeClaimed({ job, step, claim, chunk }: Omit<RowsMessage, 'kind'>): void {
  const tf = step === 'fill' ? new Uint32Array(job.kept) : undefined;
  for (;;) {
    const from = Atomics.add(claim, 0, chunk);
    if (from >= job.documentCount) return;
    const to = Math.min(from + chunk, job.documentCount);
    if (tf) fillRows(job, from, to, tf);
    else groupRows(job, from, to);
  }
}

/** Asks a worker for its BatchReader.frequency(), once it has read all its batches. */
interface FrequencyRequest {
  kind: 'frequency';
}

type Reply =
  | { kind: 'read'; index: number; batch: TokenBatch }
  | { kind: 'frequency'; frequency: Uint32Array };

/** A worker's part (text-model-worker-node.mjs): reads each batch posted to it, in order, and takes part in rows steps. */
export function runTextModelWorker({ control, reader, port }: TextModelWorkerData): void {
  const batchReader = new BatchReader();
  port.on('message', (message: BatchMessage | RowsMessage | FrequencyRequest) => {
    try {
      if (message.kind === 'rows') takeClaimed(message);
      else {
        const reply: Reply =
          message.kind === 'read'
            ? { kind: 'read', index: message.index, batch: batchReader.read(message.texts) }
            : { kind: 'frequency', frequency: batchReader.frequency() };
        port.postMessage(reply);
      }
    } catch {
      Atomics.store(control, FAILED, 1);
    } finally {
      Atomics.add(control, slot(reader - 1, DONE), 1);
      Atomics.notify(control, slot(reader - 1, DONE));
    }
  });
  Atomics.store(control, slot(reader - 1, READY), 1);
}

/** Whether the workers would write into the job's own arrays rather than copies. */
function sharedArrays(job: RowsJob): boolean {
  const { rawIds, rawCounts, rawOffsets, keptId, idf, rowLength, groupOf, rowStart, termIds, weights } = job;
  return [rawIds, rawCounts, rawOffsets, keptId, idf, rowLength, groupOf, rowStart, termIds, weights].every(
    (array) => array.buffer instanceof SharedArrayBuffer,
  );
}

interface ParallelTextModelOptions {
  /** Threads, this one included. */
  threads?: number;
  /** Smaller corpora stay on one thread. */
  minDocuments?: number;
  /** Documents per batch. */
  batchSize?: number;
  /** Documents per claim in the rows steps. */
  rowsChunk?: number;
  /** True: wait until the workers are up, then hand them every batch they have room for (for tests). */
  waitForWorkers?: boolean;
  /** False: this thread leaves the rows steps to the workers that are up (for tests). */
  rowsHere?: boolean;
  /** How long with no message handled and no rows claimed means the workers are gone (util/stall-wait.ts). */
  stallMs?: number;
  /** Another worker script (for tests: one that dies). */
  workerUrl?: URL;
}

/**
 * Reads on `threads` threads, this one included. A worker is handed batches only once it is up (it
 * loads the sources first), at most IN_FLIGHT at a time; this thread reads the rest. Declines for
 * small corpora; `finish` gives undefined if a worker failed.
 */
export function parallelTextModel({
  threads = Math.min(availableParallelism(), 4),
  minDocuments = MIN_DOCUMENTS,
  batchSize = BATCH,
  rowsChunk = ROWS_CHUNK,
  waitForWorkers = false,
  rowsHere = true,
  stallMs = STALL_MS,
  workerUrl = new URL('./text-model-worker-node.mjs', import.meta.url),
}: ParallelTextModelOptions = {}): ParallelTextModel {
  return (documentCount) => {
    if (threads < 2 || documentCount < minDocuments) return undefined;
    const workerCount = threads - 1;
    const control = new Int32Array(new SharedArrayBuffer((1 + 2 * workerCount) * 4));
    const channels = Array.from({ length: workerCount }, () => new MessageChannel());
    const workers = channels.map((channel, index) => {
      const workerData: TextModelWorkerData = { control, reader: index + 1, port: channel.port1 };
      return new Worker(workerUrl, {
        workerData,
        transferList: [channel.port1],
      });
    });
    const posted = new Array<number>(workerCount).fill(0);
    if (waitForWorkers)
      for (let worker = 0; worker < workerCount; worker++)
        while (Atomics.load(control, slot(worker, READY)) === 0)
          Atomics.wait(control, slot(worker, READY), 0, 10);
    const failed = (): boolean => Atomics.load(control, FAILED) !== 0;
    /**
     * Blocks until every worker has done all it was posted; if nothing moves (no message handled,
     * `claimed()` unchanged) for stallMs, the workers count as failed and this thread does their part.
     */
    const waitForAll = (claimed: () => number = () => 0): void => {
      const pending = (): boolean =>
        !failed() && posted.some((count, worker) => Atomics.load(control, slot(worker, DONE)) < count);
      const progress = (): number => {
        let sum = claimed();
        for (let worker = 0; worker < workerCount; worker++) sum += Atomics.load(control, slot(worker, DONE));
        return sum;
      };
      if (!waitWhileProgressing(control, slot(0, DONE), pending, progress, stallMs))
        Atomics.store(control, FAILED, 1);
    };
    return {
      batchSize,
      offer(index, texts) {
        if (failed()) return false;
        for (let worker = 0; worker < workerCount; worker++) {
          if (Atomics.load(control, slot(worker, READY)) === 0) continue;
          if (posted[worker]! - Atomics.load(control, slot(worker, DONE)) >= IN_FLIGHT) continue;
          const message: BatchMessage = { kind: 'read', index, texts };
          channels[worker]!.port2.postMessage(message);
          posted[worker]!++;
          return true;
        }
        return false;
      },
      finish() {
        waitForAll();
        const request: FrequencyRequest = { kind: 'frequency' };
        for (let worker = 0; worker < workerCount; worker++) {
          if (posted[worker] === 0) continue;
          channels[worker]!.port2.postMessage(request);
          posted[worker]!++;
        }
        waitForAll();
        const batches = new Map<number, ReaderBatch>();
        const frequencies = new Map<number, Uint32Array>();
        for (let worker = 0; worker < workerCount; worker++) {
          for (let received = receiveMessageOnPort(channels[worker]!.port2); received; ) {
            const reply = received.message as Reply;
            if (reply.kind === 'read') batches.set(reply.index, { reader: worker + 1, batch: reply.batch });
            else frequencies.set(worker + 1, reply.frequency);
            received = receiveMessageOnPort(channels[worker]!.port2);
          }
        }
        return Atomics.load(control, FAILED) === 0 ? { batches, frequencies } : undefined;
      },
      rows(job, step) {
        if (Atomics.load(control, FAILED) !== 0 || !sharedArrays(job)) return false;
        const claim = new Int32Array(new SharedArrayBuffer(4));
        const message: RowsMessage = { kind: 'rows', job, step, claim, chunk: rowsChunk };
        let helpers = 0;
        for (let worker = 0; worker < workerCount; worker++) {
          if (Atomics.load(control, slot(worker, READY)) === 0) continue;
          channels[worker]!.port2.postMessage(message);
          posted[worker]!++;
          helpers++;
        }
        if (rowsHere || helpers === 0) takeClaimed(message);
        waitForAll(() => Atomics.load(claim, 0));
        return Atomics.load(control, FAILED) === 0;
      },
      close() {
        for (const channel of channels) channel.port2.close();
        for (const worker of workers) void worker.terminate();
      },
    };
  };
}
