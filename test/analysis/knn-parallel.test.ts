import { describe, expect, it } from 'vitest';
import { nearestNeighbourTable } from '../../src/analysis/knn.ts';
import { parallelKnn } from '../../src/analysis/knn-parallel-node.ts';
import { similarityOptions } from '../../src/analysis/similarity.ts';
import { buildTextModel } from '../../src/analysis/text-model.ts';
import { parallelTextModel } from '../../src/analysis/text-model-parallel-node.ts';
import { seededRandom } from '../../src/util/random.ts';

/** A worker script (ES module in a data: URL) standing in for the real one. */
const script = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);

const WORDS =
  'graph neural network gradient descent image segment protein fold quantum circuit climate ocean'.split(' ');

/** Documents of random words, every tenth a copy of the one before so that ties occur. */
function corpus(count: number): string[] {
  const random = seededRandom(7);
  const documents: string[] = [];
  for (let index = 0; index < count; index++) {
    const length = 4 + Math.floor(random() * 10);
    const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]);
    documents.push(index % 10 === 9 ? documents[index - 1]! : words.join(' '));
  }
  return documents;
}

describe('parallelKnn', () => {
  it('gives the table one thread gives, whichever threads answer', () => {
    const documents = corpus(3000);
    const model = buildTextModel(documents, documents.length);
    const options = { ...similarityOptions(documents.length, 5, 0.05), maxPostings: 40, termsPerDocument: 6 };
    const single = nearestNeighbourTable(model, options);
    for (const parallel of [
      parallelKnn({ threads: 3, minDocuments: 0, chunk: 7, answerHere: false }),
      parallelKnn({ threads: 2, minDocuments: 0, chunk: 1 }),
    ]) {
      const table = nearestNeighbourTable(model, { ...options, parallel });
      expect(Array.from(table.counts)).toEqual(Array.from(single.counts));
      expect(Array.from(table.indices)).toEqual(Array.from(single.indices));
      expect(Array.from(table.similarities)).toEqual(Array.from(single.similarities));
    }
  }, 30_000);

  it('gives up on a worker that dies holding a chunk, and the table is still complete', () => {
    const documents = corpus(1500);
    const model = buildTextModel(documents, documents.length);
    const options = { ...similarityOptions(documents.length, 5, 0.05), maxPostings: 40, termsPerDocument: 6 };
    // Counts itself busy, claims a chunk, exits without answering it (as a worker out of memory would).
    const dying = script(
      "import { workerData } from 'node:worker_threads'; const { control, chunk } = workerData; Atomics.add(control, 1, 1); Atomics.add(control, 0, chunk); process.exit(1);",
    );
    const parallel = parallelKnn({
      threads: 2,
      minDocuments: 0,
      chunk: 64,
      answerHere: false,
      stallMs: 500,
      workerUrl: dying,
    });
    let answeredInParallel: boolean | undefined;
    const started = Date.now();
    const table = nearestNeighbourTable(model, {
      ...options,
      parallel: (job) => {
        answeredInParallel = parallel(job);
        return answeredInParallel;
      },
    });
    expect(answeredInParallel).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
    const single = nearestNeighbourTable(model, options);
    expect(Array.from(table.indices)).toEqual(Array.from(single.indices));
    expect(Array.from(table.similarities)).toEqual(Array.from(single.similarities));
  }, 30_000);

  it('declines below its minimum corpus size', () => {
    const documents = corpus(50);
    const model = buildTextModel(documents, documents.length);
    let called = false;
    const options = similarityOptions(documents.length, 3, 0.05);
    const decline = parallelKnn({ minDocuments: 100 });
    const table = nearestNeighbourTable(model, {
      ...options,
      parallel: (job) => {
        called = true;
        return decline(job);
      },
    });
    expect(called).toBe(true);
    expect(table).toEqual(nearestNeighbourTable(model, options));
  });
});

const VOCABULARY = [
  ...WORDS,
  ...'the of networks studies analyses theories class axis bus 3-d 2024 naïve ﬁlter $x$ \\emph{bold} <i>tag</i>'.split(
    ' ',
  ),
  ...Array.from({ length: 300 }, (_, index) => `word${index.toString(36)}`),
];

/** Documents whose words come and go through the corpus, so each reader numbers them its own way. */
function varied(count: number): string[] {
  const random = seededRandom(11);
  return Array.from({ length: count }, (_, index) => {
    const length = Math.floor(random() * 16);
    const offset = Math.floor((index / count) * (VOCABULARY.length - 40));
    return Array.from({ length }, () => VOCABULARY[offset + Math.floor(random() * 40)]).join(' ');
  });
}

describe('parallelTextModel', () => {
  it('gives the text model one thread gives, whichever threads read which batches and build which rows', () => {
    const documents = varied(2000);
    const single = buildTextModel(documents, documents.length);
    for (const parallel of [
      parallelTextModel({ threads: 3, minDocuments: 0, batchSize: 7, rowsChunk: 5, waitForWorkers: true }),
      parallelTextModel({ threads: 2, minDocuments: 0, batchSize: 1, waitForWorkers: true, rowsHere: false }),
      parallelTextModel({ threads: 2, minDocuments: 0, batchSize: 500 }),
    ]) {
      const calls: number[] = [];
      const model = buildTextModel(
        (index) => {
          calls.push(index);
          return documents[index]!;
        },
        documents.length,
        { parallel },
      );
      expect(calls).toEqual(documents.map((_, index) => index));
      expect(model.words).toEqual(single.words);
      for (const key of ['rowStart', 'rowEnd', 'order', 'termIds', 'weights', 'documentFrequency'] as const)
        expect(Array.from(model[key])).toEqual(Array.from(single[key]));
      expect(Array.from(model.termLeft)).toEqual(Array.from(single.termLeft));
      expect(Array.from(model.termRight)).toEqual(Array.from(single.termRight));
    }
  }, 60_000);

  it('hands batches to the workers when they have room', () => {
    const documents = varied(600);
    const reading = parallelTextModel({ threads: 2, minDocuments: 0, batchSize: 10, waitForWorkers: true })(
      documents.length,
    )!;
    let handed = 0;
    for (let index = 0; index * 10 < documents.length; index++)
      if (reading.offer(index, documents.slice(index * 10, index * 10 + 10))) handed++;
    const { batches, frequencies } = reading.finish()!;
    reading.close();
    expect(handed).toBeGreaterThan(0);
    expect(batches.size).toBe(handed);
    for (const { reader, batch } of batches.values()) {
      expect(reader).toBe(1);
      expect(batch.ends.length).toBe(10);
    }
    expect([...frequencies.keys()]).toEqual([1]);
  }, 30_000);

  it('gives up on a worker that dies with a batch, and reads it on this thread instead', () => {
    const documents = varied(600);
    const single = buildTextModel(documents, documents.length);
    // Says it is ready, then exits on its first message without handling it.
    const dying = script(
      "import { workerData } from 'node:worker_threads'; const { control, reader, port } = workerData; port.on('message', () => process.exit(1)); Atomics.store(control, 1 + (reader - 1) * 2, 1);",
    );
    const parallel = parallelTextModel({
      threads: 2,
      minDocuments: 0,
      batchSize: 50,
      waitForWorkers: true,
      stallMs: 500,
      workerUrl: dying,
    });
    const started = Date.now();
    const model = buildTextModel((index) => documents[index]!, documents.length, { parallel });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(model.words).toEqual(single.words);
    for (const key of ['rowStart', 'rowEnd', 'termIds', 'weights'] as const)
      expect(Array.from(model[key])).toEqual(Array.from(single[key]));
  }, 30_000);

  it('declines below its minimum corpus size or with one thread', () => {
    expect(parallelTextModel({ minDocuments: 100 })(99)).toBeUndefined();
    expect(parallelTextModel({ threads: 1, minDocuments: 0 })(1000)).toBeUndefined();
  });
});
