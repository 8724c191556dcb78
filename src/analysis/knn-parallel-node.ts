/**
 * Nearest-neighbour queries on worker threads, for Node: knn.ts stays browser-safe and takes this
 * as KnnOptions.parallel. The model, postings and output table are typed arrays on
 * SharedArrayBuffers (see util/big-arrays.ts), so the workers read and write them in place and
 * nothing is copied. Threads claim chunks of documents from a shared counter; each document's
 * answer depends only on the model, so the table is the same whatever thread answers it and
 * however many there are.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { STALL_MS, waitWhileProgressing } from '../util/stall-wait.ts';
import { answerQueries, type KnnJob, knnScratch, type ParallelKnn } from './knn.ts';

/** Documents per claim: claiming stays rare, and threads finish within a chunk of each other. */
const CHUNK = 2048;
/** Below this many documents, starting the workers (they load the TypeScript sources) costs more than they save. */
const MIN_DOCUMENTS = 200_000;

/** Control words: the next document position to claim, workers busy, a worker failed, chunks answered. */
const NEXT = 0;
const BUSY = 1;
const FAILED = 2;
const ANSWERED = 3;

interface KnnWorkerData {
  job: KnnJob;
  control: Int32Array;
  chunk: number;
}

interface ParallelKnnOptions {
  /** Threads, this one included. */
  threads?: number;
  /** Smaller corpora stay on one thread. */
  minDocuments?: number;
  /** Documents per claim. */
  chunk?: number;
  /** False: this thread only waits while the workers answer everything (for tests). */
  answerHere?: boolean;
  /** How long without an answered chunk means the workers are gone (util/stall-wait.ts). */
  stallMs?: number;
  /** Another worker script (for tests: one that dies). */
  workerUrl?: URL;
}

/** Answers chunks of the job's documents until none is left to claim. */
function answerClaimed(job: KnnJob, control: Int32Array, chunk: number): void {
  const scratch = knnScratch(job);
  for (;;) {
    const from = Atomics.add(control, NEXT, chunk);
    if (from >= job.documentCount) return;
    answerQueries(job, from, Math.min(from + chunk, job.documentCount), scratch);
    Atomics.add(control, ANSWERED, 1);
  }
}

/** A worker's part (knn-worker-node.mjs): it counts itself busy before its first claim. */
export function runKnnWorker({ job, control, chunk }: KnnWorkerData): void {
  Atomics.add(control, BUSY, 1);
  try {
    answerClaimed(job, control, chunk);
  } catch {
    Atomics.store(control, FAILED, 1);
  } finally {
    Atomics.sub(control, BUSY, 1);
    Atomics.notify(control, BUSY);
  }
}

const isShared = (array: ArrayBufferView): boolean => array.buffer instanceof SharedArrayBuffer;

/**
 * Splits the queries over `threads` threads, this one included: it answers chunks too, then
 * blocks (Atomics.wait) until the workers still answering are done, so the analysis stays
 * synchronous. A worker that has not started by then finds nothing left to claim. Declines
 * (returns false) for small corpora, arrays not on SharedArrayBuffers, or if a worker failed.
 */
export function parallelKnn({
  threads = Math.min(availableParallelism(), 4),
  minDocuments = MIN_DOCUMENTS,
  chunk = CHUNK,
  answerHere = true,
  stallMs = STALL_MS,
  workerUrl = new URL('./knn-worker-node.mjs', import.meta.url),
}: ParallelKnnOptions = {}): ParallelKnn {
  return (job) => {
    if (threads < 2 || job.documentCount < minDocuments) return false;
    const { postings, table } = job;
    const arrays: ArrayBufferView[] = [job.rowStart, job.rowEnd, job.order, job.termIds, job.weights];
    arrays.push(
      postings.offsets,
      postings.docs,
      postings.weights,
      table.counts,
      table.indices,
      table.similarities,
    );
    if (!arrays.every(isShared)) return false;
    const control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
    const workerData: KnnWorkerData = { job, control, chunk };
    const workers = Array.from({ length: threads - 1 }, () => new Worker(workerUrl, { workerData }));
    if (answerHere) answerClaimed(job, control, chunk);
    const answered = (): number => Atomics.load(control, ANSWERED);
    const finished =
      waitWhileProgressing(
        control,
        BUSY,
        () => Atomics.load(control, NEXT) < job.documentCount,
        answered,
        stallMs,
      ) && waitWhileProgressing(control, BUSY, () => Atomics.load(control, BUSY) > 0, answered, stallMs);
    for (const worker of workers) void worker.terminate();
    // Given up: the caller answers every query on this thread (the same answers, if a slow worker
    // still writes some).
    return finished && Atomics.load(control, FAILED) === 0;
  };
}
