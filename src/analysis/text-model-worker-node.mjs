// A worker thread of text-model-parallel-node.ts. Plain JavaScript so that Node can start it; it then
// loads the TypeScript sources through tsx, as src/cli/citegraph.mjs does.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTextModelWorker } = await import('./text-model-parallel-node.ts');
runTextModelWorker(workerData);
