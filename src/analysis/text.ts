/**
 * Text features for theme detection: LaTeX and markup stripped, stop words removed, unigrams and
 * bigrams, TF-IDF weighted, L2-normalised sparse vectors.
 */

const STOP_WORDS = new Set(
  `a about above across after again against all almost also although always among an and another any are around as at
  be because been before being below between both but by can cannot could did do does doing done down during each
  either else enough even ever every few for from further had has have having he her here hers herself him himself his
  how however i if in into is it its itself just least less let like made make many may me might more most much must my
  neither no nor not now of off often on once one only or other others otherwise our ours ourselves out over own per
  perhaps rather same several shall she should since so some such than that the their theirs them themselves then there
  therefore these they this those though through thus to too toward towards under until up upon us use used using very via
  was we well were what whatever when where whereas whether which while who whom whose why will with within without would
  yet you your yours yourself
  paper papers propose proposed proposes present presents show shows shown study studies work works result results
  approach approaches method methods new novel based problem problems provide provides first two three also however
  furthermore moreover specifically particular existing recent recently demonstrate demonstrates experiments
  experimental performance state art significantly significant achieve achieves various different well known finally
  et al e g i e can may able given obtain obtained further introduce introduces analysis analyze analyzes`.split(
    /\s+/,
  ),
);

/** Removes inline math, LaTeX commands, URLs and markup, keeping the words a reader sees. */
export function stripMarkup(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\\[[\s\S]*?\\\]/g, ' ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[{}_^~\\]/g, ' ');
}

/** Lower-case word tokens of 3+ letters (digits allowed inside), stop words dropped. */
export function tokenize(text: string): string[] {
  const words = stripMarkup(text)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9-]+/);
  const tokens: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/^-+|-+$/g, '');
    if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    tokens.push(stem(word));
  }
  return tokens;
}

/** A light plural stemmer: enough to make 'networks'/'network' one term without mangling words. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (
    word.length > 4 &&
    word.endsWith('s') &&
    !word.endsWith('ss') &&
    !word.endsWith('us') &&
    !word.endsWith('is')
  )
    return word.slice(0, -1);
  return word;
}

/** Unigrams plus adjacent bigrams ("gradient descent"). */
export function terms(text: string): string[] {
  const tokens = tokenize(text);
  const result = [...tokens];
  for (let index = 0; index + 1 < tokens.length; index++)
    result.push(`${tokens[index]} ${tokens[index + 1]}`);
  return result;
}

/** A sparse vector: parallel arrays of term ids and weights, term ids ascending. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

export interface TfIdfModel {
  vocabulary: string[];
  documentFrequency: Int32Array;
  vectors: SparseVector[];
}

/**
 * TF-IDF with sublinear tf (1 + log tf) and smoothed idf, L2-normalised. Terms seen in fewer than
 * `minDocumentFrequency` documents are dropped (they cannot link two papers).
 */
export function tfIdf(documents: string[], minDocumentFrequency = 2): TfIdfModel {
  // Terms get ids as they are first seen; a bigram is found by its two unigram ids, so no bigram
  // string is built until it enters the vocabulary.
  const unigramIds = new Map<string, number>();
  const bigramIds = new Map<number, number>();
  const tokenIds = new Map<string, number>();
  const vocabulary: string[] = [];
  const counts: Map<number, number>[] = [];
  const frequency: number[] = [];
  const termId = (make: () => string): number => {
    vocabulary.push(make());
    frequency.push(0);
    return vocabulary.length - 1;
  };
  for (const document of documents) {
    const tf = new Map<number, number>();
    const count = (id: number): void => {
      const previous = tf.get(id);
      if (previous === undefined) frequency[id]!++;
      tf.set(id, (previous ?? 0) + 1);
    };
    const tokens = tokenize(document);
    let previousToken = -1;
    let previousText = '';
    for (const token of tokens) {
      let unigram = unigramIds.get(token);
      if (unigram === undefined) {
        unigram = termId(() => token);
        unigramIds.set(token, unigram);
      }
      count(unigram);
      let tokenId = tokenIds.get(token);
      if (tokenId === undefined) {
        tokenId = tokenIds.size;
        tokenIds.set(token, tokenId);
      }
      if (previousToken >= 0) {
        const pair = previousToken * 4_194_304 + tokenId;
        let bigram = bigramIds.get(pair);
        if (bigram === undefined) {
          const first = previousText;
          bigram = termId(() => `${first} ${token}`);
          bigramIds.set(pair, bigram);
        }
        count(bigram);
      }
      previousToken = tokenId;
      previousText = token;
    }
    counts.push(tf);
  }
  const n = documents.length;
  const idf = frequency.map((df) => Math.log((1 + n) / (1 + df)) + 1);
  const vectors = counts.map((tf) => {
    let kept = 0;
    for (const id of tf.keys()) if (frequency[id]! >= minDocumentFrequency) kept++;
    const ids = new Int32Array(kept);
    let index = 0;
    for (const id of tf.keys()) if (frequency[id]! >= minDocumentFrequency) ids[index++] = id;
    ids.sort();
    const weights = new Float64Array(kept);
    let norm = 0;
    for (let position = 0; position < kept; position++) {
      const id = ids[position]!;
      const weight = (1 + Math.log(tf.get(id)!)) * idf[id]!;
      weights[position] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let position = 0; position < kept; position++) weights[position]! /= norm;
    return { ids, weights };
  });
  return { vocabulary, documentFrequency: Int32Array.from(frequency), vectors };
}

export interface Neighbour {
  index: number;
  similarity: number;
}

export interface KnnOptions {
  k: number;
  minSimilarity: number;
  /** Each term keeps only its this-many highest-weighted documents as candidates (impact-ordered postings). */
  maxPostings: number;
  /** Only a document's strongest terms propose candidates; keeps large corpora near-linear. */
  termsPerDocument: number;
}

/** Candidates ranked by partial dot product; this many per neighbour wanted get an exact cosine. */
const RERANK_FACTOR = 4;

/**
 * k nearest neighbours by cosine. Candidates come from an inverted index whose posting lists are
 * truncated to each term's strongest documents and are scored by their partial dot product over the
 * document's strongest terms; the best candidates are then re-scored exactly. On small corpora
 * (postings shorter than the cap) this is exact.
 */
export function nearestNeighbours(model: TfIdfModel, options: KnnOptions): Neighbour[][] {
  const postingDocs: number[][] = model.vocabulary.map(() => []);
  const postingWeights: number[][] = model.vocabulary.map(() => []);
  model.vectors.forEach((vector, doc) => {
    vector.ids.forEach((id, position) => {
      postingDocs[id]!.push(doc);
      postingWeights[id]!.push(vector.weights[position]!);
    });
  });
  for (let id = 0; id < postingDocs.length; id++) {
    const docs = postingDocs[id]!;
    if (docs.length <= options.maxPostings) continue;
    // Keep the term's strongest documents: the weight threshold comes from a native numeric sort.
    const weights = postingWeights[id]!;
    const sorted = Float64Array.from(weights).sort();
    const threshold = sorted[sorted.length - options.maxPostings]!;
    const keptDocs: number[] = [];
    const keptWeights: number[] = [];
    for (let index = 0; index < docs.length && keptDocs.length < options.maxPostings; index++) {
      if (weights[index]! > threshold) {
        keptDocs.push(docs[index]!);
        keptWeights.push(weights[index]!);
      }
    }
    for (let index = 0; index < docs.length && keptDocs.length < options.maxPostings; index++) {
      if (weights[index] === threshold) {
        keptDocs.push(docs[index]!);
        keptWeights.push(weights[index]!);
      }
    }
    postingDocs[id] = keptDocs;
    postingWeights[id] = keptWeights;
  }
  const scores = new Float64Array(model.vectors.length);
  const touched: number[] = [];
  return model.vectors.map((vector, doc) => {
    for (const position of strongestPositions(vector.weights, options.termsPerDocument)) {
      const id = vector.ids[position]!;
      const weight = vector.weights[position]!;
      const docs = postingDocs[id]!;
      const weights = postingWeights[id]!;
      for (let index = 0; index < docs.length; index++) {
        const other = docs[index]!;
        if (other === doc) continue;
        if (scores[other] === 0) touched.push(other);
        scores[other]! += weight * weights[index]!;
      }
    }
    const shortlist = topByScore(touched, scores, options.k * RERANK_FACTOR);
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
    const neighbours: Neighbour[] = [];
    for (const other of shortlist) {
      const similarity = cosine(vector, model.vectors[other]!);
      if (similarity >= options.minSimilarity) neighbours.push({ index: other, similarity });
    }
    neighbours.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
    return neighbours.slice(0, options.k);
  });
}

/** Positions of the `count` largest weights. */
function strongestPositions(weights: Float64Array, count: number): number[] {
  if (weights.length <= count) return [...weights.keys()];
  const threshold = Float64Array.from(weights).sort()[weights.length - count]!;
  const positions: number[] = [];
  for (let position = 0; position < weights.length && positions.length < count; position++)
    if (weights[position]! >= threshold) positions.push(position);
  return positions;
}

/** The `count` items with the highest score (ties: lower index first), without sorting all of them. */
function topByScore(items: number[], scores: Float64Array, count: number): number[] {
  const top: number[] = [];
  const topScores: number[] = [];
  for (const item of items) {
    const score = scores[item]!;
    const full = top.length === count;
    if (full && score <= topScores[count - 1]!) continue;
    let position = full ? count - 1 : top.length;
    // Earlier (lower) items win ties because they are visited in insertion order and kept ahead.
    while (position > 0 && score > topScores[position - 1]!) {
      top[position] = top[position - 1]!;
      topScores[position] = topScores[position - 1]!;
      position--;
    }
    top[position] = item;
    topScores[position] = score;
  }
  return top;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}
