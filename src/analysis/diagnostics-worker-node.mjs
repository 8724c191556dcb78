// The worker thread of diagnostics-worker-node.ts. Plain JavaScript so that Node can start it; it
// then loads the TypeScript sources through tsx, as src/cli/citegraph.mjs does.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runDiagnosticsWorker } = await import('./diagnostics-worker-node.ts');
runDiagnosticsWorker(parentPort, workerData);
