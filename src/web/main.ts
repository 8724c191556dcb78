import { App } from './app.ts';
import { exposeDebugHandle } from './debug-handle.ts';
import { bindFileDrop } from './file-drop.ts';
import { type AnalysedGraph, graphFromJSON } from './graph-index.ts';
import { confirmGraphSource } from './graph-source.ts';
import type { SerializedAnalysedGraph } from './open-files.ts';
import { stateFromUrl } from './share-link.ts';
import { status } from './status.ts';

const params = new URLSearchParams(location.search);
const GRAPH_URL = params.get('graph') ?? 'graph.json';
/** Past this many visible nodes the view starts from the community overview. */
const OVERVIEW_THRESHOLD = Number(params.get('threshold') ?? 5000);

async function boot(): Promise<void> {
  let app: App | null = null;
  bindFileDrop(() => app);
  status(`Loading ${GRAPH_URL}…`);
  let graph: AnalysedGraph;
  try {
    if (!(await confirmGraphSource(GRAPH_URL))) throw new Error('not loaded: you chose Cancel');
    const response = await fetch(GRAPH_URL);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    graph = graphFromJSON((await response.json()) as SerializedAnalysedGraph);
    status('');
  } catch (error) {
    graph = graphFromJSON({ nodes: [], edges: [] } as unknown as SerializedAnalysedGraph);
    status(
      `Could not load ${GRAPH_URL} (${error instanceof Error ? error.message : String(error)}). Drop files to start.`,
      true,
    );
  }
  app = new App(graph, stateFromUrl(), { overviewThreshold: OVERVIEW_THRESHOLD });
  exposeDebugHandle(app);
  document.body.dataset.ready = 'true';
}

void boot();
