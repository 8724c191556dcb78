import { describe, expect, it } from 'vitest';
import { parallelKnn } from '../../src/analysis/compact/knn-parallel-node.ts';
import { similarityOptions } from '../../src/analysis/compact/similarity.ts';
import { nearestNeighbourTable } from '../../src/analysis/knn.ts';
import { buildTextModel } from '../../src/analysis/text.ts';
import { seededRandom } from '../../src/util/random.ts';

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
