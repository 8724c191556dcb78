/**
 * The OpenAlex stream on two threads, for Node: a worker (openalex-parse-worker-node.mjs) scans
 * blocks of lines while this thread scans others, and this thread takes every block's records in
 * file order. At a million works the scan is most of the ingest, and one thread leaves a second
 * core idle.
 *
 * The one thing the scan cannot do away from this thread is interning: the stream's
 * SharedReferences gives each distinct cited work one object and a number, in the order the works
 * are first cited. So both threads scan with a ReferenceKeyLog, which only notes each reference's
 * key (openAlexKey), and `replayReferences` interns the keys here, block after block in file order.
 * The records, shared references, numbers and distinct-list marks are then exactly those of the
 * one-thread stream.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { openAlexIdOfKey } from '../model/ids.ts';
import type { ReferenceInterner, SharedReferences } from '../model/reference-lists.ts';
import type { CitedReference, Diagnostic, PaperRecord } from '../model/types.ts';
import { parseOpenAlexLine } from './formats/openalex.ts';
import { scanOpenAlexWork } from './formats/openalex-scan.ts';

/**
 * Reads one line: the scanner's result, or the slow way (JSON.parse) when the scanner leaves the
 * line to it. Returns whether the record(s) pushed came from the scanner.
 */
export function parseOpenAlexLineBytes(
  bytes: Buffer,
  start: number,
  end: number,
  file: string,
  line: number,
  interner: ReferenceInterner | undefined,
  records: PaperRecord[],
  diagnostics: Diagnostic[],
): boolean {
  const outcome = scanOpenAlexWork(bytes, start, end, file, line, interner);
  if (outcome === undefined) {
    const result = parseOpenAlexLine(bytes.toString('utf8', start, end), file, line);
    for (const record of result.records) records.push(record);
    for (const item of result.diagnostics) diagnostics.push(item);
    return false;
  }
  if ('record' in outcome) records.push(outcome.record);
  else diagnostics.push(outcome.diagnostic);
  return true;
}

/** A stand-in the key log hands the scanner for the i-th keyed reference of a work. */
const placeholders: CitedReference[] = [];
const placeholder = (slot: number): CitedReference => {
  while (placeholders.length <= slot) placeholders.push(Object.freeze({ openalex: '' }));
  return placeholders[slot]!;
};

/**
 * A ReferenceInterner that interns nothing: it notes the key of each keyed reference the scanner
 * reads on a line and hands it a stand-in for it (no object or string per reference).
 */
class ReferenceKeyLog implements ReferenceInterner {
  /** The keys noted on the current line, in the order read. */
  readonly keys: number[] = [];
  /** Where the current reference list's keys start (a line may list referenced_works twice). */
  listStart = 0;
  sealed = false;

  startLine(): void {
    this.keys.length = 0;
    this.listStart = 0;
    this.sealed = false;
  }

  nextWork(): void {
    this.listStart = this.keys.length;
    this.sealed = false;
  }

  numberOf(key: number): number {
    this.keys.push(key);
    return this.keys.length - 1;
  }

  add(): number {
    throw new Error('ReferenceKeyLog: numberOf never misses');
  }

  reference(slot: number): CitedReference {
    return placeholder(slot);
  }

  cite(): void {}

  sealList(): void {
    this.sealed = true;
  }
}

/** Opens keys the one-thread scan interned but no record cites (see `replayReferences`). */
const INTERN_ONLY = -2;

/** What one block of lines gave, its references still as keys. */
export interface ScannedBlock {
  records: PaperRecord[];
  diagnostics: Diagnostic[];
  /**
   * Per record, in order: -1 when its references need no interning; else the list's length, 1 if
   * the scan sealed it (0 if not), then per reference its key or -1 (then the reference is the
   * next one left in record.references). Before a record or at the end, INTERN_ONLY, a count and
   * that many keys: references read on lines (or lists) that gave no record.
   */
  keys: Float64Array;
}

/**
 * Swaps the stand-ins of a scanned record's references for their keys (in `keys`), leaving in
 * record.references only the references that were not keyed.
 */
function takeKeys(record: PaperRecord, scanned: boolean, log: ReferenceKeyLog, keys: number[]): void {
  const list = record.references;
  if (!scanned || list === undefined || log.keys.length === log.listStart) {
    keys.push(-1);
    return;
  }
  keys.push(list.length, log.sealed ? 1 : 0);
  const others: CitedReference[] = [];
  let slot = log.listStart;
  for (const reference of list) {
    if (slot < log.keys.length && reference === placeholders[slot]) keys.push(log.keys[slot++]!);
    else {
      keys.push(-1);
      others.push(reference);
    }
  }
  record.references = others;
}

/** Scans lines [starts[i], ends[i]) of `bytes`, the first being line `firstLine`. */
export function scanBlock(
  bytes: Buffer,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  firstLine: number,
  file: string,
): ScannedBlock {
  const records: PaperRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const keys: number[] = [];
  const log = new ReferenceKeyLog();
  for (let index = 0; index < starts.length; index++) {
    log.startLine();
    const before = records.length;
    const scanned = parseOpenAlexLineBytes(
      bytes,
      starts[index]!,
      ends[index]!,
      file,
      firstLine + index,
      log,
      records,
      diagnostics,
    );
    // Keys of lists that ended in no record: a line that was no work, or fell back to JSON.parse
    // (the scan had read some references before it gave up), or a list a later one replaced.
    const orphans = scanned && records.length > before ? log.listStart : log.keys.length;
    if (orphans > 0) keys.push(INTERN_ONLY, orphans, ...log.keys.slice(0, orphans));
    for (let at = before; at < records.length; at++) takeKeys(records[at]!, scanned, log, keys);
  }
  // On a SharedArrayBuffer: not counted as external memory where it arrives (see lines-node.ts).
  const shared = new Float64Array(new SharedArrayBuffer(keys.length * Float64Array.BYTES_PER_ELEMENT));
  shared.set(keys);
  return { records, diagnostics, keys: shared };
}

/** Interns (and cites, as the scan did) keys that no record cites; returns where the keys go on. */
function internOrphans(keys: Float64Array, at: number, shared: SharedReferences): number {
  while (keys[at] === INTERN_ONLY) {
    const count = keys[at + 1]!;
    at += 2;
    shared.nextWork();
    for (const stop = at + count; at < stop; at++) shared.cite(internKey(keys[at]!, shared));
  }
  return at;
}

function internKey(key: number, shared: SharedReferences): number {
  const number = shared.numberOf(key);
  return number >= 0 ? number : shared.add(key, { openalex: openAlexIdOfKey(key) });
}

/**
 * Interns a scanned block's references into `shared`, as the one-thread scan would have when it
 * read those lines, and puts each record's references back in place.
 */
export function replayReferences(block: ScannedBlock, shared: SharedReferences): void {
  const { keys } = block;
  let at = 0;
  for (const record of block.records) {
    at = internOrphans(keys, at, shared);
    const length = keys[at++]!;
    if (length < 0) continue;
    const sealed = keys[at++] === 1;
    const others = record.references!;
    const list: CitedReference[] = [];
    let other = 0;
    shared.nextWork();
    for (let index = 0; index < length; index++) {
      const key = keys[at++]!;
      if (key < 0) {
        list.push(others[other++]!);
        continue;
      }
      const number = internKey(key, shared);
      list.push(shared.reference(number));
      shared.cite(number);
    }
    if (sealed) shared.sealList(list);
    record.references = list;
  }
  internOrphans(keys, at, shared);
}

// ---------------------------------------------------------------------------------------------
// The worker and its protocol.

interface ParseWorkerData {
  file: string;
  port: MessagePort;
  /** [0]: blocks the worker has answered (it notifies on it). */
  answered: Int32Array;
}

interface BlockRequest {
  bytes: Uint8Array;
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  firstLine: number;
}

type BlockAnswer = ScannedBlock | { error: string };

/** The worker's loop (openalex-parse-worker-node.mjs): scan each block posted, answer in order. */
export function runOpenAlexParseWorker({ file, port, answered }: ParseWorkerData): void {
  port.on('message', (request: BlockRequest) => {
    let answer: BlockAnswer;
    try {
      const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      answer = scanBlock(bytes, request.starts, request.ends, request.firstLine, file);
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
    Atomics.add(answered, 0, 1);
    Atomics.notify(answered, 0);
  });
}

/**
 * Blocks posted to the worker and not yet taken back. This thread scans a block itself only when
 * the worker has this many; its scan of a block is the slower one (its heap holds every record),
 * so a short queue leaves the worker waiting for work while this thread scans.
 */
const WORKER_QUEUE = 6;

/**
 * The second thread of the stream. `post` hands it a block; `take` gives its answers back in the
 * order posted. Answers are read off the port directly (receiveMessageOnPort), so one that is
 * ready is taken without an event-loop turn. A worker that fails or exits makes `take` throw
 * instead of waiting forever.
 */
export class OpenAlexParseWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private posted = 0;
  private taken = 0;
  private failure: string | undefined;

  constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: ParseWorkerData = { file, port: port2, answered: this.answered };
    this.worker = new Worker(new URL('./openalex-parse-worker-node.mjs', import.meta.url), {
      workerData,
      transferList: [port2],
    });
    this.worker.on('error', (error) => this.fail(`the parse worker failed: ${error.message}`));
    this.worker.on('exit', (code) => this.fail(`the parse worker exited (code ${code})`));
  }

  get pending(): number {
    return this.posted - this.taken;
  }

  /** Whether the worker has room for another block. */
  get hasRoom(): boolean {
    return this.pending < WORKER_QUEUE;
  }

  /** Whether the oldest block posted has been answered (take() would not wait). */
  get hasAnswer(): boolean {
    return this.pending > 0 && Atomics.load(this.answered, 0) > this.taken;
  }

  post(bytes: Buffer, starts: readonly number[], ends: readonly number[], firstLine: number): void {
    // A chunk on a SharedArrayBuffer (lines-node.ts) is shared as it is; others are copied onto one
    // (a new ArrayBuffer per block would count as external memory and start full GCs).
    let shared: Uint8Array = bytes;
    if (!(bytes.buffer instanceof SharedArrayBuffer)) {
      shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
    }
    const request: BlockRequest = {
      bytes: shared,
      starts: Int32Array.from(starts),
      ends: Int32Array.from(ends),
      firstLine,
    };
    this.port.postMessage(request, [request.starts.buffer, request.ends.buffer]);
    this.posted++;
  }

  /** The answer to the oldest block posted, waiting for it if need be. */
  async take(): Promise<ScannedBlock> {
    // Waiting asynchronously lets the worker's 'error' and 'exit' events in: a worker that dies
    // fails the stream instead of leaving it waiting.
    while (!this.hasAnswer) {
      if (this.failure !== undefined) throw new Error(this.failure);
      const wait = Atomics.waitAsync(this.answered, 0, this.taken, 1000);
      if (wait.async) await wait.value;
    }
    const message = receiveMessageOnPort(this.port);
    if (message === undefined) throw new Error('the parse worker answered but sent nothing');
    this.taken++;
    const answer = message.message as BlockAnswer;
    if ('error' in answer) throw new Error(`the parse worker failed: ${answer.error}`);
    return answer;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  private fail(reason: string): void {
    this.failure ??= reason;
  }
}
