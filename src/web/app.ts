/**
 * The explorer: one small view state, everything displayed derived from it (visibility, reducers,
 * controls, legend, panel, address, camera), and the switch between the full graph and the overview.
 */
import Graph from 'graphology';
import { type ColorScale, colorScale, sizeRange, sizeScale } from './appearance.ts';
import { type AttributeInfo, attributeCatalogue, attributeLabel, numericValues } from './attributes.ts';
import { CameraControl } from './camera.ts';
import { Choices } from './choices.ts';
import { bindControls, syncControls } from './controls.ts';
import { SYNC_DECLUTTER_NODES, separateNodes, separateNodesInWorker } from './declutter.ts';
import { DensityLayer, densityPoints, MAX_DENSITY_GROUPS } from './density.ts';
import { byId } from './dom.ts';
import { sharedSubgraph, symmetricDifference } from './drawn-graph.ts';
import { bindExportButtons } from './export-buttons.ts';
import {
  type AnalysedGraph,
  type AnalysedSigma,
  buildIndex,
  type GraphIndex,
  nodeYears,
} from './graph-index.ts';
import { LabelLayer } from './labels.ts';
import { LiveLayout } from './layout.ts';
import { renderLegend } from './legend.ts';
import { analyseFiles, mergeInto } from './open-files.ts';
import { buildOverview, type OverviewNode, UNASSIGNED } from './overview.ts';
import { type PanelActions, renderEdgePanel, renderNodePanel } from './panel.ts';
import type { PictureInput } from './picture.ts';
import type { ReducerContext } from './reducers.ts';
import { bindSearch } from './search.ts';
import { bindShareButton, writeStateToUrl } from './share-link.ts';
import { bindSigmaEvents, createSigma, ensurePositions, showGraph, showOverview } from './sigma-view.ts';
import { clearedFilters, type Display, FILTER_KEYS, type ViewState } from './state.ts';
import { status } from './status.ts';
import { type ViewDefinition, viewForKind, viewsOf } from './views.ts';
import { buildLayerIndex, computeVisibility, type LayerIndex, type Visibility } from './visibility.ts';

interface AppOptions {
  /** Past this many visible nodes the view starts from the community overview. */
  overviewThreshold: number;
}

/** Views with more nodes than this keep the analysis's positions as they are (noverlap would take too long). */
const DECLUTTER_LIMIT = 20_000;
/** Graphs larger than this are never handed whole to sigma: it draws the visible subgraph only. */
const SUBGRAPH_THRESHOLD = 20_000;

const KIND_NOUNS: Readonly<Record<string, string>> = {
  author: 'authors',
  paper: 'papers',
  reference: 'references',
  keyword: 'keywords',
};

export class App {
  graph: AnalysedGraph;
  index: GraphIndex;
  views: Map<string, ViewDefinition>;
  state: ViewState;
  vis: Visibility;
  ctx: ReducerContext;
  sigma: AnalysedSigma;
  layout: LiveLayout;
  readonly camera: CameraControl;
  readonly labels = new LabelLayer();
  readonly density: DensityLayer;
  overviewGraph: ReturnType<typeof buildOverview> | null = null;
  firstFrameAt: number | null = null;
  /** Milliseconds the last state change took to apply, in total and by part. */
  lastCommitMs = 0;
  lastCommitParts: Record<string, number> = {};
  /** Milliseconds each step of the start took, up to sigma's first render. */
  readonly bootParts: Record<string, number> = {};
  private readonly layers = new Map<string, LayerIndex>();
  private readonly catalogues = new Map<string, AttributeInfo[]>();
  private choiceRules: Choices | null = null;
  private readonly separated = new Set<string>();
  /** The graph sigma draws outside the overview, and the view it was built for. */
  private drawn: AnalysedGraph;
  private drawnKey = '';
  /** The appearance the drawn graph was last fully refreshed with. */
  private drawnAppearance = '';
  private drawnSelection: { node: string | null; edge: string | null } = { node: null, edge: null };
  /** Stops the noverlap worker of a large view; null when none runs. */
  stopDeclutter: (() => void) | null = null;
  private colorKey = '';
  private sizeKey = '';
  /** Whether sigma draws only the visible subgraph (big graphs). */
  private readonly subgraphMode: boolean;
  readonly actions: PanelActions = {
    selectNode: (key) => this.selectNode(key, true),
    selectEdge: (edge) => this.selectEdge(edge),
    close: () => this.update({ selectedNode: null, selectedEdge: null }),
  };

  constructor(graph: AnalysedGraph, state: ViewState, options: AppOptions) {
    let mark = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      this.bootParts[name] = Math.round(now - mark);
      mark = now;
    };
    this.graph = graph;
    ensurePositions(graph);
    this.index = buildIndex(graph);
    lap('index');
    this.views = viewsOf(graph);
    this.state = state;
    this.subgraphMode = graph.order > SUBGRAPH_THRESHOLD;
    this.normaliseState(state.view === '' || !this.views.has(state.view));
    const colors = this.colorScale();
    this.ctx = {
      graph,
      index: this.index,
      state,
      visible: { nodes: new Set(), edges: new Set() },
      colors,
      sizes: this.sizes(),
      maxWeight: this.index.maxWeight,
      focus: null,
    };
    lap('appearance');
    this.declutter();
    this.vis = this.visibility();
    this.ctx.visible = this.vis;
    lap('visibility');
    // Big graphs start from the overview without ever handing the full graph to sigma (fast first frame).
    if (this.vis.nodes.size > options.overviewThreshold) this.state.overview = true;
    if (this.state.overview)
      this.overviewGraph = buildOverview(graph, this.ctx.colors, this.vis, this.view.positions);
    // In the overview the drawn graph is built when a community is expanded.
    this.drawn = this.overviewGraph ? new Graph({ type: 'mixed', multi: true }) : this.displayGraph();
    const initial = this.overviewGraph ? (this.overviewGraph as unknown as AnalysedGraph) : this.drawn;
    lap('overview');
    this.sigma = createSigma(initial, graph, this.overviewGraph ? null : this.ctx, this.labels);
    lap('sigma');
    this.camera = new CameraControl(() => this.sigma);
    byId<HTMLInputElement>('animate').checked = this.camera.animate;
    this.density = new DensityLayer(byId('graph'));
    this.sigma.on('afterRender', () => this.drawDensity());
    this.sigma.once('afterRender', () => {
      this.firstFrameAt = performance.now();
      document.body.dataset.firstFrame = String(this.firstFrameAt);
    });
    this.layout = new LiveLayout(this.drawn);
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
      userMove: () => this.camera.skip(),
    });
    window.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.camera.skip();
    });
    bindControls(this);
    bindSearch(this);
    bindExportButtons(this);
    bindShareButton();
    this.commit({ filters: false });
    this.overviewStatus();
    this.fitVisible(false);
    if (this.state.selectedNode && graph.hasNode(this.state.selectedNode))
      this.selectNode(this.state.selectedNode, true);
    else if (this.state.selectedEdge && graph.hasEdge(this.state.selectedEdge))
      this.selectEdge(this.state.selectedEdge);
  }

  // ---- derived pieces, each rebuilt only when its inputs change ------------------------------------------

  get view(): ViewDefinition {
    return this.views.get(this.state.view)!;
  }

  get layer(): LayerIndex {
    let layer = this.layers.get(this.state.view);
    if (!layer) {
      layer = buildLayerIndex(this.graph, this.index, this.view);
      this.layers.set(this.state.view, layer);
    }
    return layer;
  }

  get catalogue(): AttributeInfo[] {
    return this.catalogueFor(this.state.view);
  }

  /** Which colouring, display and size a state change leads to, for this graph. */
  get choices(): Choices {
    this.choiceRules ??= new Choices(this.views, (view) => this.catalogueFor(view));
    return this.choiceRules;
  }

  private catalogueFor(view: string): AttributeInfo[] {
    let catalogue = this.catalogues.get(view);
    if (!catalogue) {
      const layer = this.layers.get(view) ?? buildLayerIndex(this.graph, this.index, this.views.get(view)!);
      this.layers.set(view, layer);
      catalogue = attributeCatalogue(this.graph, layer.nodes);
      this.catalogues.set(view, catalogue);
    }
    return catalogue;
  }

  /** Puts the state in terms of this graph: a view it has (one with links first), and its appearance. */
  private normaliseState(pickView: boolean): void {
    const s = this.state;
    if (pickView) {
      const withEdges = [...this.views.values()].filter(
        (v) => buildLayerIndex(this.graph, this.index, v).edges.length > 0,
      );
      s.view = (
        withEdges.find((v) => v.id === 'coauthor') ??
        withEdges[0] ??
        this.views.values().next().value!
      ).id;
    }
    this.choices.normalise(s);
  }

  viewChange(id: string): Partial<ViewState> {
    return this.choices.viewChange(this.state, id);
  }

  displayChange(display: Display): Partial<ViewState> {
    return this.choices.displayChange(this.state, display);
  }

  colorChange(colorBy: string): Partial<ViewState> {
    return this.choices.colorChange(this.state, colorBy);
  }

  private colorScale(): ColorScale {
    return colorScale(
      this.graph,
      this.index,
      this.layer.nodes,
      this.state.colorBy,
      this.choices.isNumeric(this.state.view, this.state.colorBy),
      this.state.view,
    );
  }

  private sizes(): Map<string, number> {
    return sizeScale(this.graph, this.layer.nodes, this.state.sizeBy);
  }

  /** Rebuilds the colour and size scales when the view or the choice changed. */
  private refreshAppearance(): void {
    const colorKey = `${this.state.view}\u0001${this.state.colorBy}`;
    if (colorKey !== this.colorKey) {
      this.ctx.colors = this.colorScale();
      this.colorKey = colorKey;
    }
    const sizeKey = `${this.state.view}\u0001${this.state.sizeBy}`;
    if (sizeKey !== this.sizeKey) {
      this.ctx.sizes = this.sizes();
      this.sizeKey = sizeKey;
    }
  }

  /** Moves overlapping discs of the view apart, once per view (positions are data). */
  private declutter(): void {
    // A bibliometric map keeps its own layout (VOS mapping spaces its items already).
    const skip = this.layer.nodes.length > DECLUTTER_LIMIT || this.view.positions !== undefined;
    if (this.separated.has(this.state.view) || skip) return;
    this.separated.add(this.state.view);
    const nodes = this.layer.nodes;
    const sizes = sizeScale(this.graph, nodes, 'degree');
    if (nodes.length <= SYNC_DECLUTTER_NODES) separateNodes(this.graph, nodes, sizes);
    else {
      // After the first frame, so the worker does not delay it.
      this.stopDeclutter?.();
      const timer = setTimeout(() => {
        this.stopDeclutter = separateNodesInWorker(this.graph, nodes, sizes, () => {
          this.stopDeclutter = null;
          if (!this.inOverview()) this.sigma.refresh();
        });
      }, 0);
      this.stopDeclutter = () => clearTimeout(timer);
    }
  }

  private visibility(): Visibility {
    const range = this.state.range;
    return computeVisibility(this.layer, this.state, {
      yearsOf: (key) => nodeYears(this.graph.getNodeAttributes(key)),
      categoryOf: (key) => this.ctx.colors.categoryOf(key),
      rangeValues: range ? numericValues(this.graph, this.layer.nodes, range.attribute) : null,
    });
  }

  /**
   * What sigma is given: the view's layer (its nodes and edges), or for big graphs only what is
   * visible. Attribute objects are shared with the analysed graph, so positions stay one set.
   */
  private displayGraph(): AnalysedGraph {
    this.drawnKey = this.subgraphMode ? '' : this.state.view;
    const positions = this.view.positions;
    return this.subgraphMode
      ? sharedSubgraph(this.graph, this.vis.nodes, this.vis.edges, positions)
      : sharedSubgraph(this.graph, this.layer.nodes, this.layer.edges, positions);
  }

  // ---- state changes --------------------------------------------------------------------------------------

  /** Applies a state change and derives everything else from it. */
  update(change: Partial<ViewState>): void {
    const differs = (k: keyof ViewState) => k in change && !sameValue(change[k], this.state[k]);
    let filters = FILTER_KEYS.some(differs) || differs('display');
    if (this.state.egoDepth > 0 && differs('selectedNode')) filters = true;
    const newView = differs('view');
    Object.assign(this.state, change);
    if (newView) this.declutter();
    this.commit({ filters });
  }

  private commit({ filters }: { filters: boolean }): void {
    const started = performance.now();
    const parts: Record<string, number> = {};
    let mark = started;
    const lap = (name: string) => {
      const now = performance.now();
      parts[name] = now - mark;
      mark = now;
    };
    let moved = false;
    const before = this.vis;
    if (filters) {
      this.refreshAppearance();
      this.vis = this.visibility();
      this.ctx.visible = this.vis;
      this.ctx.index = this.index;
      moved = !sameSet(before.nodes, this.vis.nodes);
    }
    lap('visibility');
    this.ctx.focus = this.focusSet();
    if (this.state.overview && filters) this.enterOverview();
    else if (this.inOverview()) this.sigma.refresh();
    else this.redraw(before, filters);
    lap('sigma');
    this.syncControls();
    lap('controls');
    renderLegend(
      { state: this.state, colors: this.ctx.colors, densityOf: this.densityWeightLabel() },
      (change) => this.update(change),
    );
    lap('legend');
    this.renderPanel();
    lap('panel');
    this.renderNotice();
    byId('visible-nodes').textContent = String(this.vis.nodes.size);
    byId('visible-edges').textContent = String(this.vis.edges.size);
    writeStateToUrl(this.state);
    lap('rest');
    if (moved) this.fitVisible(true);
    lap('fit');
    this.lastCommitMs = performance.now() - started;
    this.lastCommitParts = parts;
  }

  /**
   * Brings sigma up to date with as little work as the change needs: a new drawn graph for another
   * view (or big graphs' visible part), every node again when the appearance changed, else only the
   * nodes and edges whose visibility or selection changed.
   */
  private redraw(before: Visibility, filters: boolean): void {
    const appearance = [
      this.state.view,
      this.state.colorBy,
      this.state.sizeBy,
      this.state.labelBy,
      this.state.display,
    ].join('\u0001');
    const selection = { node: this.state.selectedNode, edge: this.state.selectedEdge };
    const changedSelection = (): { nodes: string[]; edges: string[] } => {
      const nodes = [this.drawnSelection.node, selection.node].filter(
        (k): k is string => k !== null && this.drawn.hasNode(k),
      );
      const edges = [this.drawnSelection.edge, selection.edge].filter(
        (k): k is string => k !== null && this.drawn.hasEdge(k),
      );
      return { nodes, edges };
    };
    if (this.drawnKey !== this.state.view || (this.subgraphMode && filters)) {
      this.drawn = this.displayGraph();
      this.sigma.setGraph(this.drawn);
      this.layout.rebind(this.drawn);
    } else if (appearance !== this.drawnAppearance) this.sigma.refresh();
    else if (filters) {
      const { nodes, edges } = changedSelection();
      nodes.push(...symmetricDifference(before.nodes, this.vis.nodes));
      edges.push(...symmetricDifference(before.edges, this.vis.edges));
      this.sigma.refresh({ partialGraph: { nodes, edges } });
    } else this.sigma.refresh({ partialGraph: changedSelection(), skipIndexation: true });
    this.drawnAppearance = appearance;
    this.drawnSelection = selection;
  }

  private syncControls(): void {
    const kinds = [...this.view.nodeKinds];
    syncControls(this.state, this.index, {
      views: this.views,
      catalogue: this.catalogue,
      categories: this.ctx.colors.categories,
      isolated: this.layer.isolated,
      isolatedNoun:
        kinds.length === 1 && this.view.id === 'coauthor'
          ? 'authors without co-authors'
          : `${kinds.map((k) => KIND_NOUNS[k] ?? k).join(' and ')} without links here`,
      inOverview: this.inOverview(),
    });
  }

  /** Says why the view is empty, or that nodes without links are hidden. */
  private renderNotice(): void {
    const notice = byId('notice');
    const layer = this.layer;
    let text = '';
    if (layer.edges.length === 0 && layer.nodes.length > 0) {
      text = `${this.view.label}: no links. ${this.view.emptyReason}`;
      if (!this.state.showIsolated)
        text += ` Its ${layer.nodes.length} nodes are hidden; tick “Show … without links” to see them.`;
    } else if (layer.nodes.length === 0) text = `${this.view.label}: this graph has no nodes of this view.`;
    else if (this.vis.nodes.size === 0) text = 'No node passes the filters.';
    notice.textContent = text;
    notice.hidden = text === '';
  }

  private densityWeightLabel(): string {
    return attributeLabel(this.state.sizeBy).toLowerCase();
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

  // ---- camera ---------------------------------------------------------------------------------------------

  /** Fits what is drawn: the overview's communities, or the visible nodes. */
  fitVisible(animate: boolean): void {
    const keys = this.inOverview() ? undefined : [...this.vis.nodes];
    const was = this.camera.animate;
    if (!animate) this.camera.animate = false;
    void this.camera.fit(keys);
    this.camera.animate = was;
  }

  fit(): void {
    this.fitVisible(true);
  }

  resetCamera(): void {
    void this.camera.reset();
  }

  setAnimate(on: boolean): void {
    this.camera.animate = on;
  }

  // ---- pictures -------------------------------------------------------------------------------------------

  picture(): PictureInput {
    const density = this.state.display === 'density' && !this.inOverview();
    return {
      sigma: this.sigma,
      labels: this.labels.drawn,
      colors: this.ctx.colors,
      title: byId('legend-title').textContent ?? '',
      density,
    };
  }

  densityCanvas(): HTMLCanvasElement {
    return this.density.canvas;
  }

  // ---- density --------------------------------------------------------------------------------------------

  private drawDensity(): void {
    if (this.state.display !== 'density' || this.inOverview()) {
      this.density.hide();
      return;
    }
    const { width, height } = this.sigma.getDimensions();
    const colors = this.ctx.colors;
    const byCluster = this.state.densityByCluster && colors.type === 'categorical';
    const groups = byCluster ? colors.categories.slice(0, MAX_DENSITY_GROUPS) : null;
    const points = densityPoints(
      this.sigma,
      this.vis.nodes,
      this.ctx.sizes,
      sizeRange(this.layer.nodes.length),
      groups,
      colors,
    );
    this.density.draw(
      points,
      width,
      height,
      this.sigma.getCamera().getState().ratio,
      groups?.map((g) => g.color) ?? null,
    );
  }

  // ---- selection ------------------------------------------------------------------------------------------

  /** Selects a node, switching view or clearing filters when needed so it can be seen, and centres on it. */
  selectNode(key: string, center: boolean): void {
    if (!this.graph.hasNode(key)) return;
    if (this.inOverview()) this.leaveOverview();
    const change: Partial<ViewState> = { selectedNode: key, selectedEdge: null };
    if (!this.vis.nodes.has(key)) {
      const kind = this.graph.getNodeAttribute(key, 'kind');
      const view = viewForKind(this.views, this.state.view, kind);
      if (view !== this.state.view) Object.assign(change, this.viewChange(view));
      const trial = { ...this.state, ...change };
      const layer =
        this.layers.get(trial.view) ?? buildLayerIndex(this.graph, this.index, this.views.get(trial.view)!);
      const visible = computeVisibility(layer, trial, {
        yearsOf: (k) => nodeYears(this.graph.getNodeAttributes(k)),
        categoryOf: (k) =>
          trial.view === this.state.view && trial.colorBy === this.state.colorBy
            ? this.ctx.colors.categoryOf(k)
            : undefined,
        rangeValues: null,
      });
      if (!visible.nodes.has(key)) {
        Object.assign(change, {
          ...clearedFilters(),
          showIsolated: this.state.showIsolated || !layer.layerDegree.has(key),
        });
      }
    }
    this.update(change);
    if (center) void this.camera.focus(key);
  }

  selectEdge(edge: string): void {
    if (!this.graph.hasEdge(edge)) return;
    this.update({ selectedEdge: edge, selectedNode: null });
  }

  private renderPanel(): void {
    const panel = byId('panel');
    if (this.state.selectedNode && this.graph.hasNode(this.state.selectedNode)) {
      renderNodePanel(panel, this.graph, this.index, this.state.selectedNode, this.actions);
    } else if (this.state.selectedEdge && this.graph.hasEdge(this.state.selectedEdge)) {
      renderEdgePanel(panel, this.graph, this.state.selectedEdge, this.views, this.actions);
    } else {
      panel.hidden = true;
      panel.replaceChildren();
    }
  }

  // ---- overview for large graphs ----------------------------------------------------------------------------

  private enterOverview(): void {
    this.state.overview = true;
    this.overviewGraph = buildOverview(this.graph, this.ctx.colors, this.vis, this.view.positions);
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
    this.drawn = this.displayGraph();
    showGraph(this.sigma, this.drawn, this.ctx);
    this.layout.rebind(this.drawn);
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
    this.fitVisible(true);
  }

  // ---- sigma events -----------------------------------------------------------------------------------------

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
      this.state.overview = false;
      this.overviewGraph = null;
      this.state.community = c === UNASSIGNED ? null : c;
      this.vis = this.visibility();
      this.ctx.visible = this.vis;
      this.drawn = this.displayGraph();
      showGraph(this.sigma, this.drawn, this.ctx);
      this.layout.rebind(this.drawn);
      status('');
      this.commit({ filters: false });
      this.fitVisible(true);
      return;
    }
    this.selectNode(node, false);
  }

  // ---- files ------------------------------------------------------------------------------------------------

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
      this.views = viewsOf(this.graph);
      this.layers.clear();
      this.catalogues.clear();
      this.colorKey = '';
      this.sizeKey = '';
      this.ctx.maxWeight = this.index.maxWeight;
      this.drawnKey = '';
      this.commit({ filters: true });
      this.layout = new LiveLayout(this.drawn);
      if (wasRunning) this.layout.start();
      status(`Added ${nodes} nodes and ${edges} edges from ${files.length} file(s).`);
    } catch (error) {
      status(error instanceof Error ? error.message : String(error), true);
    }
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}

/** Equality of state values: sets by members, range objects by fields. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Set && b instanceof Set) return sameSet(a as Set<string>, b as Set<string>);
  if (a && b && typeof a === 'object' && typeof b === 'object')
    return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
