import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestNeighbourTable } from '../../src/analysis/knn.ts';
import { distinctiveTerms, similarityEdges, similarityOptions } from '../../src/analysis/similarity.ts';
import { buildTextModel, termText } from '../../src/analysis/text-model.ts';
import { stripMarkup, tokenize } from '../../src/analysis/text-tokens.ts';

const OPTIONS = { k: 3, minSimilarity: 0.05, maxPostings: 300, termsPerDocument: 12 };

/** Straightforward reference: TF-IDF by the definition, cosine of every pair, top k per document. */
function referenceEdges(documents: string[], k: number, minSimilarity: number): Map<string, number> {
  const counts = documents.map((document) => {
    const tokens = tokenize(document);
    const terms = [...tokens, ...tokens.slice(1).map((token, index) => `${tokens[index]} ${token}`)];
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const tf of counts) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = documents.length;
  const vectors = counts.map((tf) => {
    const vector = new Map<string, number>();
    for (const [term, count] of tf)
      if (df.get(term)! >= 2)
        vector.set(term, (1 + Math.log(count)) * (Math.log((1 + n) / (1 + df.get(term)!)) + 1));
    const norm = Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0)) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
  const edges = new Map<string, number>();
  vectors.forEach((vector, doc) => {
    const scored = vectors
      .map((other, index) => {
        let dot = 0;
        for (const [term, weight] of vector) dot += weight * (other.get(term) ?? 0);
        return { index, dot };
      })
      .filter(({ index, dot }) => index !== doc && dot >= minSimilarity)
      .sort((a, b) => b.dot - a.dot || a.index - b.index)
      .slice(0, k);
    for (const { index, dot } of scored)
      edges.set(`${Math.min(doc, index)}-${Math.max(doc, index)}`, Math.round(dot * 1e6) / 1e6);
  });
  return edges;
}

const CORPUS = [
  'Stochastic gradient descent. Stochastic gradient descent converges for convex losses with decaying steps.',
  'Momentum for gradient descent. Momentum accelerates stochastic gradient descent on convex losses.',
  'Adaptive step sizes. Adaptive step sizes for stochastic gradient descent in deep learning.',
  'Object detection with transformers. Transformers detect objects in images without anchors.',
  'Segmentation of medical images. Image segmentation models for medical scans and object boundaries.',
  'Real-time object detection. Fast object detection in video streams with convolutional filters.',
  'Graph neural networks. Message passing on graphs with neural networks for molecules.',
  'Molecule property prediction. Graph networks predict molecule properties from message passing.',
];

describe('similarity edges on constructed corpora', () => {
  it('match an all-pairs reference (small corpora are exact)', () => {
    const { edges } = similarityEdges(CORPUS, CORPUS.length, OPTIONS);
    const found = new Map<string, number>();
    for (let edge = 0; edge < edges.count; edge++)
      found.set(`${edges.sources[edge]}-${edges.targets[edge]}`, edges.weights[edge]!);
    const expected = referenceEdges(CORPUS, OPTIONS.k, OPTIONS.minSimilarity);
    expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [pair, weight] of expected) expect(found.get(pair)).toBeCloseTo(weight, 6);
  });

  it('link the papers of one topic and keep topics apart', () => {
    const { edges } = similarityEdges(CORPUS, CORPUS.length, { ...OPTIONS, k: 2, minSimilarity: 0.1 });
    const topic = (doc: number): number => (doc < 3 ? 0 : doc < 6 ? 1 : 2);
    for (let edge = 0; edge < edges.count; edge++)
      expect(topic(edges.sources[edge]!)).toBe(topic(edges.targets[edge]!));
    expect(edges.count).toBeGreaterThan(0);
  });

  it('accept the documents as a function called once per index, in order', () => {
    const calls: number[] = [];
    const lazy = similarityEdges(
      (index) => {
        calls.push(index);
        return CORPUS[index]!;
      },
      CORPUS.length,
      OPTIONS,
    );
    const eager = similarityEdges(CORPUS, CORPUS.length, OPTIONS);
    expect(calls).toEqual(CORPUS.map((_, index) => index));
    expect(lazy.edges).toEqual(eager.edges);
  });

  it('label themes with their distinctive terms, in order of first document', () => {
    const { model } = similarityEdges(CORPUS, CORPUS.length, OPTIONS);
    const themes = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2]);
    const labels = distinctiveTerms(model, themes, 2);
    expect([...labels.keys()]).toEqual([0, 1, 2]);
    expect(labels).toEqual(
      new Map([
        [0, ['gradient descent', 'stochastic gradient']],
        [1, ['object', 'image']],
        [2, ['molecule', 'graph']],
      ]),
    );
    const none = distinctiveTerms(model, new Int32Array(CORPUS.length).fill(-1), 2);
    expect(none.size).toBe(0);
  });

  it('drop terms of a single document and keep rows sorted and unit length', () => {
    const model = buildTextModel(CORPUS, CORPUS.length);
    for (let id = 0; id < model.termCount; id++)
      expect(model.documentFrequency[id]).toBeGreaterThanOrEqual(2);
    const vocabulary = Array.from({ length: model.termCount }, (_, id) => termText(model, id));
    expect(new Set(vocabulary).size).toBe(model.termCount);
    expect(vocabulary).toContain('gradient descent');
    for (let doc = 0; doc < CORPUS.length; doc++) {
      let norm = 0;
      for (let entry = model.rowStart[doc]!; entry < model.rowEnd[doc]!; entry++) {
        if (entry > model.rowStart[doc]!)
          expect(model.termIds[entry]!).toBeGreaterThan(model.termIds[entry - 1]!);
        norm += model.weights[entry]! ** 2;
      }
      expect(norm).toBeCloseTo(1, 12);
    }
  });

  it('tokenize markup, accents and numbers', () => {
    expect(
      tokenize('Naïve $x^2$ \\textbf{Networks} <b>bold</b> see https://x.org/a 2024 -12- 3-d ﬁlters'),
    ).toEqual(['naive', 'network', 'bold', 'see', '3-d', 'filter']);
    expect(tokenize('Studies of the ANALYSES; classes, bus, axis, theories')).toEqual([
      'analyse',
      'class',
      'bus',
      'axis',
      'theory',
    ]);
  });
});

/** The regular-expression definition the character loop of `tokenize` must agree with. */
function referenceTokenize(text: string): string[] {
  const words = stripMarkup(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9-]+/);
  return words
    .map((raw) => raw.replace(/^-+|-+$/g, ''))
    .filter((word) => word.length >= 3 && !/^\d+$/.test(word))
    .flatMap((word) => tokenize(word));
}

describe('tokenize', () => {
  it('agrees with the regular-expression definition on any text', () => {
    const piece = fc.constantFrom(
      ...'abcXYZ019-- .,;$\\{}<>_^~:/éÉİ℡Ｆﬁ\u0301\u00a0'.split(''),
      'https://',
      '\\[',
      '\\]',
      'the',
      'networks',
      'studies',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tokenize(text)).toEqual(referenceTokenize(text));
      }),
      { numRuns: 2000 },
    );
  });
});

const WORDS = ['graph', 'neural', 'network', 'gradient', 'descent', 'image', 'segment', 'protein-fold'];

describe('similarity edges, properties', () => {
  const corpus = fc.array(
    fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 12 }).map((words) => words.join(' ')),
    { minLength: 1, maxLength: 30 },
  );

  it('give each pair once with source < target, weights in (0, 1], at most k choices per document', () => {
    fc.assert(
      fc.property(corpus, fc.integer({ min: 1, max: 4 }), (documents, k) => {
        const options = { ...OPTIONS, k, minSimilarity: 0.01 };
        const { edges, model } = similarityEdges(documents, documents.length, options);
        const table = nearestNeighbourTable(model, options);
        const choices = new Set<string>();
        for (let doc = 0; doc < documents.length; doc++) {
          expect(table.counts[doc]).toBeLessThanOrEqual(k);
          for (let slot = doc * k; slot < doc * k + table.counts[doc]!; slot++)
            choices.add(`${doc}-${table.indices[slot]}`);
        }
        const pairs = new Set<string>();
        for (let edge = 0; edge < edges.count; edge++) {
          const source = edges.sources[edge]!;
          const target = edges.targets[edge]!;
          const weight = edges.weights[edge]!;
          expect(source).toBeLessThan(target);
          expect(weight).toBeGreaterThan(0);
          expect(weight).toBeLessThanOrEqual(1);
          expect(pairs.has(`${source}-${target}`)).toBe(false);
          pairs.add(`${source}-${target}`);
          expect(choices.has(`${source}-${target}`) || choices.has(`${target}-${source}`)).toBe(true);
        }
        for (const choice of choices) {
          const [a, b] = choice.split('-').map(Number) as [number, number];
          expect(pairs.has(`${Math.min(a, b)}-${Math.max(a, b)}`)).toBe(true);
        }
      }),
    );
  });

  it('make documents with identical text each other’s nearest neighbours', () => {
    fc.assert(
      fc.property(corpus, fc.nat(), (documents, pick) => {
        // Only the twins hold 'protein fold' (hyphenless), so no other document can tie with them.
        const text = `${documents[pick % documents.length]} protein fold`;
        const all = [...documents, text, text];
        const { edges } = similarityEdges(all, all.length, { ...OPTIONS, k: 1, minSimilarity: 0.01 });
        const twin = all.length - 2;
        let linked = false;
        for (let edge = 0; edge < edges.count; edge++)
          if (edges.sources[edge] === twin && edges.targets[edge] === twin + 1) {
            linked = true;
            expect(edges.weights[edge]).toBe(1);
          }
        expect(linked).toBe(true);
      }),
    );
  });
});

describe('text model vocabulary', () => {
  /** Kept terms by the definition: every term numbered at first sight (a unigram before the bigram it closes), then the rare ones dropped. */
  function referenceVocabulary(documents: string[]): string[] {
    const order: string[] = [];
    const frequency = new Map<string, number>();
    for (const document of documents) {
      const tokens = tokenize(document);
      const seen = new Set<string>();
      tokens.forEach((token, index) => {
        const found = index > 0 ? [token, `${tokens[index - 1]} ${token}`] : [token];
        for (const term of found) {
          if (!frequency.has(term)) order.push(term);
          if (!seen.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
          seen.add(term);
        }
      });
    }
    return order.filter((term) => frequency.get(term)! >= 2);
  }

  it('numbers kept terms in order of first appearance, though rare words are dropped before bigrams are counted', () => {
    const word = fc.constantFrom(...WORDS, 'rare', 'once', 'twice', 'the', 'of');
    const documents = fc.array(
      fc.array(word, { maxLength: 10 }).map((words) => words.join(' ')),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(documents, (texts) => {
        const model = buildTextModel(texts, texts.length);
        const vocabulary = Array.from({ length: model.termCount }, (_, id) => termText(model, id));
        expect(vocabulary).toEqual(referenceVocabulary(texts));
      }),
      { numRuns: 300 },
    );
  });
});

describe('text model term counts', () => {
  it('count a term past 65,535 occurrences in one document', () => {
    const texts = [`${'alpha '.repeat(70_000)}beta`, 'alpha beta'];
    const model = buildTextModel(texts, texts.length);
    const weightOf = (doc: number, term: string): number => {
      for (let entry = model.rowStart[doc]!; entry < model.rowEnd[doc]!; entry++)
        if (termText(model, model.termIds[entry]!) === term) return model.weights[entry]!;
      return 0;
    };
    // Every kept term is in both documents (the same idf), so weights go as 1 + ln(tf).
    expect(weightOf(0, 'alpha') / weightOf(0, 'beta')).toBeCloseTo(1 + Math.log(70_000), 9);
    expect(weightOf(1, 'alpha') / weightOf(1, 'beta')).toBeCloseTo(1, 9);
  });
});

describe('similarity options', () => {
  it('tighten the candidate limits above 20,000 documents', () => {
    expect(similarityOptions(20_000, 5, 0.08)).toEqual({
      k: 5,
      minSimilarity: 0.08,
      maxPostings: 300,
      termsPerDocument: 12,
    });
    expect(similarityOptions(20_001, 5, 0.08)).toMatchObject({ maxPostings: 100, termsPerDocument: 8 });
  });
});
