/**
 * The explorer: one small view state, everything displayed derived from it (visibility, reducers,
 * controls, legend, panel, address), and the switch between the full graph and the overview.
 */
import { bindControls, syncControls } from './controls.ts';
import { byId } from './dom.ts';
import { bindExportButtons } from './export-buttons.ts';
import { type AnalysedGraph, type AnalysedSigma, buildIndex, type GraphIndex } from './graph-index.ts';
import { LiveLayout } from './layout.ts';
import { renderLegend } from './legend.ts';
import { analyseFiles, mergeInto } from './open-files.ts';
import { buildOverview, type OverviewNode } from './overview.ts';
import { type PanelActions, renderEdgePanel, renderNodePanel } from './panel.ts';
import { computeVisibility, type ReducerContext, sizeScale, type Visibility } from './reducers.ts';
import { bindSearch } from './search.ts';
import { bindShareButton, writeStateToUrl } from './share-link.ts';
import { bindSigmaEvents, createSigma, ensurePositions, showGraph, showOverview } from './sigma-view.ts';
import { VIEWS, type ViewName, type ViewState } from './state.ts';
import { status } from './status.ts';

export interface AppOptions {
  /** Past this many visible nodes the view starts from the community overview. */
  overviewThreshold: number;
}

export class App {
  graph: AnalysedGraph;
  index: GraphIndex;
  state: ViewState;
  vis: Visibility;
  ctx: ReducerContext;
  sigma: AnalysedSigma;
  layout: LiveLayout;
  overviewGraph: ReturnType<typeof buildOverview> | null = null;
  firstFrameAt: number | null = null;
  readonly actions: PanelActions = {
    selectNode: (key) => this.selectNode(key, true),
    selectEdge: (edge) => this.selectEdge(edge),
    close: () => this.update({ selectedNode: null, selectedEdge: null }),
  };

  constructor(graph: AnalysedGraph, state: ViewState, options: AppOptions) {
    this.graph = graph;
    ensurePositions(graph);
    this.index = buildIndex(graph);
    this.state = state;
    this.vis = computeVisibility(graph, this.index, state);
    this.ctx = {
      graph,
      index: this.index,
      state,
      visible: this.vis,
      size: sizeScale(graph, this.vis, state.sizeBy),
      focus: null,
    };
    // Big graphs start from the overview without ever handing the full graph to sigma (fast first frame).
    if (this.vis.nodes.size > options.overviewThreshold) this.state.overview = true;
    if (this.state.overview) this.overviewGraph = buildOverview(graph, this.index, this.vis, state.colorBy);
    const initial = this.overviewGraph ? (this.overviewGraph as unknown as AnalysedGraph) : graph;
    this.sigma = createSigma(initial, graph, this.overviewGraph ? null : this.ctx);
    this.sigma.once('afterRender', () => {
      this.firstFrameAt = performance.now();
      document.body.dataset.firstFrame = String(this.firstFrameAt);
    });
    this.layout = new LiveLayout(graph);
    bindSigmaEvents(this.sigma, {
      hoverNode: (node) => this.hoverNode(node),
      clickNode: (node) => this.clickNode(node),
      clickEdge: (edge) => {
        if (!this.inOverview()) this.selectEdge(edge);
      },
      clickStage: () => {
        if (this.state.selectedNode || this.state.selectedEdge)
          this.update({ selectedNode: null, selectedEdge: null });
      },
    });
    bindControls(this);
    bindSearch(this);
    bindExportButtons(this);
    bindShareButton();
    this.commit({ filters: false });
    this.overviewStatus();
    if (this.state.selectedNode && graph.hasNode(this.state.selectedNode))
      this.selectNode(this.state.selectedNode, true);
    else if (this.state.selectedEdge && graph.hasEdge(this.state.selectedEdge))
      this.selectEdge(this.state.selectedEdge);
  }

  /** Applies a state change and derives everything else from it. */
  update(change: Partial<ViewState>): void {
    const filterKeys: (keyof ViewState)[] = [
      'view',
      'colorBy',
      'yearMin',
      'yearMax',
      'hiddenCommunities',
      'community',
      'minDegree',
      'minWeight',
      'sizeBy',
    ];
    const filters = filterKeys.some((k) => k in change && change[k] !== this.state[k]);
    Object.assign(this.state, change);
    this.commit({ filters });
  }

  private commit({ filters }: { filters: boolean }): void {
    if (filters) {
      this.vis = computeVisibility(this.graph, this.index, this.state);
      this.ctx.visible = this.vis;
      this.ctx.index = this.index;
      this.ctx.size = sizeScale(this.graph, this.vis, this.state.sizeBy);
    }
    this.ctx.focus = this.focusSet();
    if (this.state.overview && filters) this.enterOverview();
    this.sigma.refresh();
    syncControls(this.state, this.index, this.inOverview());
    renderLegend(this.state, this.index, (change) => this.update(change));
    this.renderPanel();
    byId('visible-nodes').textContent = String(this.vis.nodes.size);
    byId('visible-edges').textContent = String(this.vis.edges.size);
    writeStateToUrl(this.state);
  }

  private focusSet(): Set<string> | null {
    const hovered = this.state.hoveredNode;
    if (!hovered || !this.vis.nodes.has(hovered)) return null;
    const focus = new Set([hovered]);
    this.graph.forEachEdge(hovered, (edge, _a, s, t) => {
      if (this.vis.edges.has(edge)) focus.add(s === hovered ? t : s);
    });
    return focus;
  }

  // ---- selection -------------------------------------------------------------------------------------

  /** Selects a node, switching view or clearing filters when needed so it can be seen, and centres on it. */
  selectNode(key: string, center: boolean): void {
    if (!this.graph.hasNode(key)) return;
    if (this.inOverview()) this.leaveOverview();
    const change: Partial<ViewState> = { selectedNode: key, selectedEdge: null };
    if (!this.vis.nodes.has(key)) {
      const kind = this.graph.getNodeAttribute(key, 'kind');
      if (!VIEWS[this.state.view].nodeKinds.has(kind)) {
        const view: ViewName = kind === 'author' ? 'coauthor' : 'citations';
        Object.assign(change, {
          view,
          colorBy: VIEWS[view].layer,
          hiddenCommunities: new Set(),
          community: null,
        });
      }
      const trial = { ...this.state, ...change };
      if (!computeVisibility(this.graph, this.index, trial).nodes.has(key)) {
        Object.assign(change, {
          yearMin: null,
          yearMax: null,
          hiddenCommunities: new Set<number>(),
          community: null,
          minDegree: 0,
          minWeight: 0,
        });
      }
    }
    this.update(change);
    if (center) this.centerOn(key);
  }

  selectEdge(edge: string): void {
    if (!this.graph.hasEdge(edge)) return;
    this.update({ selectedEdge: edge, selectedNode: null });
  }

  private centerOn(key: string): void {
    // Display data exists after a refresh; defer one frame so it reflects the latest state.
    requestAnimationFrame(() => {
      const d = this.sigma.getNodeDisplayData(key);
      if (d) void this.sigma.getCamera().animate({ x: d.x, y: d.y, ratio: 0.4 }, { duration: 400 });
    });
  }

  private renderPanel(): void {
    const panel = byId('panel');
    if (this.state.selectedNode && this.graph.hasNode(this.state.selectedNode)) {
      renderNodePanel(panel, this.graph, this.index, this.state.selectedNode, this.actions);
    } else if (this.state.selectedEdge && this.graph.hasEdge(this.state.selectedEdge)) {
      renderEdgePanel(panel, this.graph, this.state.selectedEdge, this.actions);
    } else {
      panel.hidden = true;
      panel.replaceChildren();
    }
  }

  // ---- overview for large graphs -----------------------------------------------------------------------

  private enterOverview(): void {
    this.state.overview = true;
    this.overviewGraph = buildOverview(this.graph, this.index, this.vis, this.state.colorBy);
    showOverview(this.sigma, this.overviewGraph);
    this.overviewStatus();
  }

  private overviewStatus(): void {
    if (!this.overviewGraph) return;
    status(
      `Overview: ${this.overviewGraph.order} communities for ${this.vis.nodes.size} nodes. Click a community to expand it.`,
    );
  }

  private leaveOverview(): void {
    this.state.overview = false;
    this.overviewGraph = null;
    showGraph(this.sigma, this.graph, this.ctx);
    status('');
  }

  private inOverview(): boolean {
    return this.state.overview && this.overviewGraph !== null;
  }

  /** Switches between the community overview and the full graph. */
  toggleOverview(): void {
    if (this.inOverview()) this.leaveOverview();
    else this.enterOverview();
    this.commit({ filters: false });
  }

  // ---- sigma events -----------------------------------------------------------------------------------

  private hoverNode(node: string | null): void {
    if (this.inOverview()) return;
    this.state.hoveredNode = node;
    this.ctx.focus = node === null ? null : this.focusSet();
    this.sigma.refresh({ skipIndexation: true });
  }

  /** In the overview a click expands the community; otherwise it selects the node. */
  private clickNode(node: string): void {
    if (this.inOverview() && this.overviewGraph) {
      const c = (this.overviewGraph.getNodeAttributes(node) as OverviewNode).community;
      this.leaveOverview();
      this.update({ community: c < 0 ? null : c });
      return;
    }
    this.selectNode(node, false);
  }

  // ---- files -----------------------------------------------------------------------------------------

  /** Adds dropped or picked files: parsed and analysed in a worker, then merged into the graph. */
  async openFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    try {
      const added = await analyseFiles(files, (m) => status(m));
      const wasRunning = this.layout.isRunning();
      this.layout.kill();
      const { nodes, edges } = mergeInto(this.graph, added);
      ensurePositions(this.graph);
      this.index = buildIndex(this.graph);
      this.layout = new LiveLayout(this.graph);
      if (wasRunning) this.layout.start();
      this.commit({ filters: true });
      status(`Added ${nodes} nodes and ${edges} edges from ${files.length} file(s).`);
    } catch (error) {
      status(error instanceof Error ? error.message : String(error), true);
    }
  }
}
