import { byId } from './dom.ts';
import { download, snapshotPng, toGexfText, visibleSubgraph } from './exporting.ts';
import type { AnalysedGraph, AnalysedSigma } from './graph-index.ts';
import type { ViewState } from './state.ts';
import { status } from './status.ts';
import type { Visibility } from './visibility.ts';

/** What the export buttons read: the graph, what is visible and how it is drawn. */
export interface ExportHost {
  readonly graph: AnalysedGraph;
  readonly sigma: AnalysedSigma;
  readonly vis: Visibility;
  readonly state: ViewState;
}

/** The GEXF and PNG buttons: both export what is visible now. */
export function bindExportButtons(host: ExportHost): void {
  byId('export-gexf').addEventListener('click', async () => {
    const text = await toGexfText(visibleSubgraph(host.graph, host.sigma, host.vis));
    download(`citegraph-${host.state.view}.gexf`, text, 'application/gexf+xml');
    status(`Exported ${host.vis.nodes.size} nodes and ${host.vis.edges.size} edges as GEXF.`);
  });
  byId('export-png').addEventListener('click', async () => {
    download(`citegraph-${host.state.view}.png`, await snapshotPng(host.sigma));
  });
}
