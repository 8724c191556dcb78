// The worker thread of layer-worker-node.ts. Plain JavaScript so that Node can start it; it
// then loads the TypeScript sources through tsx, as src/cli/citegraph.mjs does.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runLayerWorker } = await import('./layer-worker-node.ts');
runLayerWorker(parentPort, workerData);
