import { byId } from './dom.ts';
import { download, toGexfText, visibleSubgraph } from './exporting.ts';
import type { AnalysedGraph, AnalysedSigma } from './graph-index.ts';
import { type PictureInput, picturePng, pictureSvg } from './picture.ts';
import type { ViewState } from './state.ts';
import { status } from './status.ts';
import type { Visibility } from './visibility.ts';

/** What the export buttons read: the graph, what is visible and how it is drawn. */
interface ExportHost {
  readonly graph: AnalysedGraph;
  readonly sigma: AnalysedSigma;
  readonly vis: Visibility;
  readonly state: ViewState;
  /** What is on screen, for the PNG and SVG pictures. */
  picture(): PictureInput;
  /** The density layer's canvas (hidden outside the density view). */
  densityCanvas(): HTMLCanvasElement;
}

/** The GEXF, PNG and SVG buttons: all export what is visible now. */
export function bindExportButtons(host: ExportHost): void {
  byId('export-gexf').addEventListener('click', async () => {
    const text = await toGexfText(visibleSubgraph(host.graph, host.sigma, host.vis));
    download(`citegraph-${host.state.view}.gexf`, text, 'application/gexf+xml');
    status(`Exported ${host.vis.nodes.size} nodes and ${host.vis.edges.size} edges as GEXF.`);
  });
  byId('export-png').addEventListener('click', async () => {
    const scale = Number(byId<HTMLSelectElement>('png-scale').value) || 1;
    host.sigma.refresh();
    const blob = await picturePng(host.picture(), host.densityCanvas(), scale);
    download(`citegraph-${host.state.view}.png`, blob);
    status(`Exported the view as PNG at ${scale}×.`);
  });
  byId('export-svg').addEventListener('click', () => {
    host.sigma.refresh();
    download(`citegraph-${host.state.view}.svg`, pictureSvg(host.picture()).svg, 'image/svg+xml');
    status('Exported the view as SVG.');
  });
}
