/**
 * What the text model asks of the threads that share its work (TextModelOptions.parallel). The
 * model stays browser-safe; Node's threads are text-model-parallel-node.ts.
 */

import type { RowsJob, RowsStep } from './text-rows.ts';
import type { ReaderBatch } from './text-token-stream.ts';

/**
 * Threads building one corpus's text model (Node: see text-model-parallel-node.ts): reading
 * the texts in batches (consecutive runs of `batchSize` documents, numbered from 0), then the row steps.
 */
export interface TextModelThreads {
  batchSize: number;
  /** Hands a batch to another thread if one is free; false: the caller reads it. */
  offer(index: number, texts: string[]): boolean;
  /**
   * Waits for every batch handed over: their readings by batch index and each worker's
   * BatchReader.frequency() by reader number, or undefined if a thread failed.
   */
  finish(): { batches: Map<number, ReaderBatch>; frequencies: Map<number, Uint32Array> } | undefined;
  /**
   * Takes a step over all documents, sharing them with the threads that are up; false if it
   * cannot (then the caller takes the whole step: each step writes the same whoever takes it).
   */
  rows(job: RowsJob, step: RowsStep): boolean;
  /** Ends the threads. */
  close(): void;
}

/** Starts threads to read a corpus of `documentCount` documents and build its rows, or declines (undefined). */
export type ParallelTextModel = (documentCount: number) => TextModelThreads | undefined;
