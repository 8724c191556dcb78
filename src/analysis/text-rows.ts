/**
 * The per-document steps that weigh the text model's rows (sublinear tf times idf, L2-normalised),
 * over plain typed arrays so that threads can share them (text-model-parallel-node.ts).
 */

/** Sublinear tf weights 1 + log(tf) for small counts, so the hot loops need no Math.log. */
const LOG_TF = Float64Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));
const logTf = (tf: number): number => (tf < 256 ? LOG_TF[tf]! : 1 + Math.log(tf));

/**
 * What the per-document steps of the model read and write, as plain typed arrays on
 * SharedArrayBuffers where the platform has them, so that threads can share the steps.
 */
export interface RowsJob {
  documentCount: number;
  /** Kept terms; their ids are below this. */
  kept: number;
  /** Candidate counts per document (see CandidateCounts). */
  rawIds: Uint32Array;
  rawCounts: Uint16Array | Uint32Array;
  rawOffsets: Float64Array;
  /** Candidate id → kept term id, or -1. */
  keptId: Int32Array;
  idf: Float64Array;
  /** Written by groupRows: each document's number of kept terms and heaviest term (`kept` if none). */
  rowLength: Uint32Array;
  groupOf: Uint32Array;
  /** Read by fillRows, which writes the rows' termIds and weights. */
  rowStart: Uint32Array;
  termIds: Uint32Array;
  weights: Float64Array;
}

/** The steps a thread can take over: each writes only its documents' entries. */
export type RowsStep = 'group' | 'fill';

/** Each of documents [from, to): its kept term count and heaviest term (ties: lower id). */
export function groupRows(job: RowsJob, from: number, to: number): void {
  const { kept, rawIds, rawCounts, rawOffsets, keptId, idf, rowLength, groupOf } = job;
  for (let doc = from; doc < to; doc++) {
    let heaviest = kept;
    let heaviestWeight = 0;
    let length = 0;
    for (let entry = rawOffsets[doc]!, end = rawOffsets[doc + 1]!; entry < end; entry++) {
      const id = keptId[rawIds[entry]!]!;
      if (id < 0) continue;
      length++;
      const weight = logTf(rawCounts[entry]!) * idf[id]!;
      if (weight > heaviestWeight || (weight === heaviestWeight && id < heaviest)) {
        heaviest = id;
        heaviestWeight = weight;
      }
    }
    rowLength[doc] = length;
    groupOf[doc] = heaviest;
  }
}

/** Rows of documents [from, to): kept term ids ascending, weights L2-normalised. `tf`: scratch, one entry per term. */
export function fillRows(job: RowsJob, from: number, to: number, tf = new Uint32Array(job.kept)): void {
  const { rawIds, rawCounts, rawOffsets, keptId, idf, rowStart, termIds, weights } = job;
  for (let doc = from; doc < to; doc++) {
    const start = rowStart[doc]!;
    let write = start;
    for (let entry = rawOffsets[doc]!, end = rawOffsets[doc + 1]!; entry < end; entry++) {
      const id = keptId[rawIds[entry]!]!;
      if (id < 0) continue;
      tf[id] = rawCounts[entry]!;
      termIds[write++] = id;
    }
    termIds.subarray(start, write).sort();
    let norm = 0;
    for (let position = start; position < write; position++) {
      const id = termIds[position]!;
      const weight = logTf(tf[id]!) * idf[id]!;
      weights[position] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let position = start; position < write; position++) weights[position]! /= norm;
  }
}
