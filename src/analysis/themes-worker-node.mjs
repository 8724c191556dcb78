// The worker thread of themes-worker-node.ts. Plain JavaScript so that Node can start it; it then
// loads the TypeScript sources through tsx, as src/cli/citegraph.mjs does.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runThemesWorker } = await import('./themes-worker-node.ts');
runThemesWorker(parentPort, workerData);
