import { tfIdf, nearestNeighbours } from '/work/main/src/analysis/text.ts';
import { loadCorpus } from '/work/main/src/ingest/read-node.ts';
const corpus = await loadCorpus([process.argv[2]!]);
let t = performance.now();
const docs = corpus.papers.map((p) => `${p.title}. ${p.title}. ${p.abstract ?? ''}`);
const model = tfIdf(docs);
console.log('tfidf', Math.round(performance.now() - t), model.vocabulary.length); t = performance.now();
const nn = nearestNeighbours(model, { k: 5, minSimilarity: 0.08, maxPostings: 300, termsPerDocument: 12 });
console.log('knn', Math.round(performance.now() - t), nn.length);
