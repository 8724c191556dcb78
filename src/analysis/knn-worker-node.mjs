// A worker thread of knn-parallel-node.ts. Plain JavaScript so that Node can start it; it then
// loads the TypeScript sources through tsx, as src/cli/citegraph.mjs does.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runKnnWorker } = await import('./knn-parallel-node.ts');
runKnnWorker(workerData);
