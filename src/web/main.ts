import Sigma from 'sigma';
import type {
  CommunityLayer,
  EdgeAttributes,
  GraphAttributes,
  NodeAttributes,
} from '../model/graph-schema.ts';
import { byId, el } from './dom.ts';
import { download, snapshotPng, toGexfText, visibleSubgraph } from './exporting.ts';
import {
  type AnalysedGraph,
  type AnalysedSigma,
  buildIndex,
  type GraphIndex,
  graphFromJSON,
} from './graph-index.ts';
import { LiveLayout } from './layout.ts';
import { analyseFiles, mergeInto, type SerializedAnalysedGraph } from './open-files.ts';
import { buildOverview, type OverviewNode } from './overview.ts';
import { type PanelActions, renderEdgePanel, renderNodePanel } from './panel.ts';
import {
  computeVisibility,
  edgeReducer,
  nodeReducer,
  type ReducerContext,
  sizeScale,
  type Visibility,
} from './reducers.ts';
import {
  type SizeMetric,
  stateFromHash,
  stateToHash,
  VIEWS,
  type ViewName,
  type ViewState,
} from './state.ts';

/** What tests and the bench read from the page (stable, small). */
export interface CitegraphDebug {
  graph: AnalysedGraph;
  state: ViewState;
  visibleNodes(): string[];
  visibleEdges(): string[];
  position(key: string): { x: number; y: number } | null;
  layoutRunning(): boolean;
  /** Page coordinates of a displayed node (also overview nodes), for tests that click or hover. */
  screenPosition(key: string): { x: number; y: number } | null;
  firstFrameAt: number | null;
}
declare global {
  interface Window {
    citegraph?: CitegraphDebug;
  }
}

const params = new URLSearchParams(location.search);
const GRAPH_URL = params.get('graph') ?? 'graph.json';
/** Past this many visible nodes the view starts from the community overview. */
const OVERVIEW_THRESHOLD = Number(params.get('threshold') ?? 5000);
const SEARCH_SUGGESTIONS = 30;

const statusLine = byId('status');
function status(message: string, error = false): void {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', error);
}

class App {
  graph: AnalysedGraph;
  index: GraphIndex;
  state: ViewState;
  vis: Visibility;
  ctx: ReducerContext;
  sigma: AnalysedSigma;
  layout: LiveLayout;
  overviewGraph: ReturnType<typeof buildOverview> | null = null;
  firstFrameAt: number | null = null;
  private playTimer: number | null = null;
  readonly actions: PanelActions = {
    selectNode: (key) => this.selectNode(key, true),
    selectEdge: (edge) => this.selectEdge(edge),
    close: () => this.update({ selectedNode: null, selectedEdge: null }),
  };

  constructor(graph: AnalysedGraph, state: ViewState) {
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
    if (this.vis.nodes.size > OVERVIEW_THRESHOLD) this.state.overview = true;
    if (this.state.overview) this.overviewGraph = buildOverview(graph, this.index, this.vis, state.colorBy);
    const initial = this.overviewGraph ? (this.overviewGraph as unknown as AnalysedGraph) : graph;
    const container = byId('graph');
    this.sigma = new Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>(initial, container, {
      nodeReducer: this.overviewGraph ? null : nodeReducer(this.ctx),
      edgeReducer: this.overviewGraph ? null : edgeReducer(this.ctx),
      labelDensity: 0.07,
      labelGridCellSize: 60,
      labelRenderedSizeThreshold: 7,
      zIndex: true,
      enableEdgeEvents: graph.size < 50_000,
      hideEdgesOnMove: graph.size > 20_000,
      defaultEdgeType: 'line',
    });
    this.sigma.once('afterRender', () => {
      this.firstFrameAt = performance.now();
      document.body.dataset.firstFrame = String(this.firstFrameAt);
    });
    this.layout = new LiveLayout(graph);
    this.bindSigma();
    this.bindControls();
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
    this.syncControls();
    this.renderLegend();
    this.renderPanel();
    byId('visible-nodes').textContent = String(this.vis.nodes.size);
    byId('visible-edges').textContent = String(this.vis.edges.size);
    history.replaceState(null, '', `${location.pathname}${location.search}#${stateToHash(this.state)}`);
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
    this.sigma.setSetting('nodeReducer', null);
    this.sigma.setSetting('edgeReducer', null);
    this.sigma.setGraph(this.overviewGraph as unknown as AnalysedGraph);
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
    this.sigma.setGraph(this.graph);
    this.sigma.setSetting('nodeReducer', nodeReducer(this.ctx));
    this.sigma.setSetting('edgeReducer', edgeReducer(this.ctx));
    status('');
  }

  private inOverview(): boolean {
    return this.state.overview && this.overviewGraph !== null;
  }

  // ---- sigma events -----------------------------------------------------------------------------------

  private bindSigma(): void {
    this.sigma.on('enterNode', ({ node }) => {
      if (this.inOverview()) return;
      this.state.hoveredNode = node;
      this.ctx.focus = this.focusSet();
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on('leaveNode', () => {
      if (this.inOverview()) return;
      this.state.hoveredNode = null;
      this.ctx.focus = null;
      this.sigma.refresh({ skipIndexation: true });
    });
    this.sigma.on('clickNode', ({ node }) => {
      if (this.inOverview() && this.overviewGraph) {
        const c = (this.overviewGraph.getNodeAttributes(node) as OverviewNode).community;
        this.leaveOverview();
        this.update({ community: c < 0 ? null : c });
        return;
      }
      this.selectNode(node, false);
    });
    this.sigma.on('clickEdge', ({ edge }) => {
      if (!this.inOverview()) this.selectEdge(edge);
    });
    this.sigma.on('clickStage', () => {
      if (this.state.selectedNode || this.state.selectedEdge)
        this.update({ selectedNode: null, selectedEdge: null });
    });
  }

  // ---- controls ---------------------------------------------------------------------------------------

  private bindControls(): void {
    const view = byId<HTMLSelectElement>('view');
    view.addEventListener('change', () => {
      const v = view.value as ViewName;
      this.update({ view: v, colorBy: VIEWS[v].layer, hiddenCommunities: new Set(), community: null });
    });
    const color = byId<HTMLSelectElement>('color-by');
    color.addEventListener('change', () =>
      this.update({ colorBy: color.value as CommunityLayer, hiddenCommunities: new Set(), community: null }),
    );
    const size = byId<HTMLSelectElement>('size-by');
    size.addEventListener('change', () => this.update({ sizeBy: size.value as SizeMetric }));
    const num = (id: string): number | null => {
      const v = byId<HTMLInputElement>(id).value;
      return v === '' || !Number.isFinite(Number(v)) ? null : Number(v);
    };
    byId('year-min').addEventListener('change', () => this.update({ yearMin: num('year-min') }));
    byId('year-max').addEventListener('change', () => this.update({ yearMax: num('year-max') }));
    byId('year-slider').addEventListener('input', () => this.update({ yearMax: num('year-slider') }));
    byId('min-degree').addEventListener('change', () => this.update({ minDegree: num('min-degree') ?? 0 }));
    byId('min-weight').addEventListener('change', () => this.update({ minWeight: num('min-weight') ?? 0 }));
    const community = byId<HTMLSelectElement>('community-filter');
    community.addEventListener('change', () =>
      this.update({ community: community.value === '' ? null : Number(community.value) }),
    );
    byId('play').addEventListener('click', () => this.togglePlay());

    const layoutButton = byId<HTMLButtonElement>('layout-toggle');
    layoutButton.addEventListener('click', () => {
      if (this.layout.isRunning()) this.layout.stop();
      else this.layout.start();
      layoutButton.textContent = this.layout.isRunning() ? 'Stop layout' : 'Run layout';
      layoutButton.dataset.running = String(this.layout.isRunning());
    });
    byId('overview-toggle').addEventListener('click', () => {
      if (this.inOverview()) this.leaveOverview();
      else this.enterOverview();
      this.commit({ filters: false });
    });

    this.bindSearch();
    byId('export-gexf').addEventListener('click', async () => {
      const text = await toGexfText(visibleSubgraph(this.graph, this.sigma, this.vis));
      download(`citegraph-${this.state.view}.gexf`, text, 'application/gexf+xml');
      status(`Exported ${this.vis.nodes.size} nodes and ${this.vis.edges.size} edges as GEXF.`);
    });
    byId('export-png').addEventListener('click', async () => {
      download(`citegraph-${this.state.view}.png`, await snapshotPng(this.sigma));
    });
    byId('share').addEventListener('click', async () => {
      const url = byId<HTMLInputElement>('share-url');
      url.value = location.href;
      url.hidden = false;
      url.select();
      try {
        await navigator.clipboard.writeText(location.href);
        status('Link copied.');
      } catch {
        status('Copy the link from the box on the left.');
      }
    });
  }

  private bindSearch(): void {
    const input = byId<HTMLInputElement>('search');
    const list = byId<HTMLDataListElement>('search-options');
    const byText = () => new Map(this.index.searchEntries.map((e) => [e.text, e.key]));
    let lookup = byText();
    let indexed = this.index;
    input.addEventListener('input', () => {
      if (indexed !== this.index) {
        lookup = byText();
        indexed = this.index;
      }
      const q = input.value.trim().toLowerCase();
      if (q.length < 2) return list.replaceChildren();
      const starts: string[] = [];
      const contains: string[] = [];
      for (const e of this.index.searchEntries) {
        const t = e.text.toLowerCase();
        if (t.startsWith(q)) starts.push(e.text);
        else if (contains.length < SEARCH_SUGGESTIONS && t.includes(q)) contains.push(e.text);
        if (starts.length >= SEARCH_SUGGESTIONS) break;
      }
      list.replaceChildren(
        ...[...starts, ...contains]
          .slice(0, SEARCH_SUGGESTIONS)
          .map((t) => el('option', { attrs: { value: t } })),
      );
    });
    const choose = () => {
      if (indexed !== this.index) {
        lookup = byText();
        indexed = this.index;
      }
      const text = input.value.trim();
      if (!text) return;
      let key = lookup.get(text);
      if (!key) {
        const q = text.toLowerCase();
        key = this.index.searchEntries.find((e) => e.text.toLowerCase() === q)?.key;
        key ??= this.index.searchEntries.find((e) => e.text.toLowerCase().includes(q))?.key;
      }
      if (key) {
        this.selectNode(key, true);
        status(`Selected ${this.graph.getNodeAttribute(key, 'label')}.`);
      } else status(`Nothing matches “${text}”.`);
    };
    input.addEventListener('change', choose);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') choose();
    });
  }

  private togglePlay(): void {
    const button = byId('play');
    if (this.playTimer !== null) {
      clearInterval(this.playTimer);
      this.playTimer = null;
      button.textContent = '▶';
      return;
    }
    const years = this.index.years;
    if (!years) return;
    let year = this.state.yearMin ?? years.min;
    button.textContent = '⏸';
    this.update({ yearMax: year });
    this.playTimer = window.setInterval(() => {
      year += 1;
      this.update({ yearMax: year });
      if (year >= years.max) this.togglePlay();
    }, 700);
  }

  private syncControls(): void {
    byId<HTMLSelectElement>('view').value = this.state.view;
    byId<HTMLSelectElement>('color-by').value = this.state.colorBy;
    byId<HTMLSelectElement>('size-by').value = this.state.sizeBy;
    const setNum = (id: string, v: number | null) => {
      const input = byId<HTMLInputElement>(id);
      if (document.activeElement !== input) input.value = v === null ? '' : String(v);
    };
    const years = this.index.years;
    for (const id of ['year-min', 'year-max', 'year-slider']) {
      const input = byId<HTMLInputElement>(id);
      input.min = years ? String(years.min) : '';
      input.max = years ? String(years.max) : '';
    }
    setNum('year-min', this.state.yearMin);
    setNum('year-max', this.state.yearMax);
    setNum('year-slider', this.state.yearMax ?? years?.max ?? null);
    setNum('min-degree', this.state.minDegree);
    setNum('min-weight', this.state.minWeight);
    const select = byId<HTMLSelectElement>('community-filter');
    const communities = [...this.index.communities[this.state.colorBy].values()].sort(
      (a, b) => b.size - a.size,
    );
    select.replaceChildren(
      el('option', { text: 'All', attrs: { value: '' } }),
      ...communities.map((c) =>
        el('option', { text: `${c.label} (${c.size})`, attrs: { value: String(c.id) } }),
      ),
    );
    select.value = this.state.community === null ? '' : String(this.state.community);
    byId('overview-toggle').textContent = this.inOverview() ? 'All nodes' : 'Overview';
  }

  private renderLegend(): void {
    const legend = byId('legend');
    const layer = this.index.communities[this.state.colorBy];
    const communities = [...layer.values()].sort((a, b) => b.size - a.size);
    const shown = communities.slice(0, 40);
    const items = shown.map((c) => {
      const box = el('input', { attrs: { type: 'checkbox', 'data-community': String(c.id) } });
      box.checked = !this.state.hiddenCommunities.has(c.id);
      box.addEventListener('change', () => {
        const hidden = new Set(this.state.hiddenCommunities);
        if (box.checked) hidden.delete(c.id);
        else hidden.add(c.id);
        this.update({ hiddenCommunities: hidden });
      });
      const swatch = el('span', { className: 'swatch' });
      swatch.style.background = c.color;
      const only = el('button', { className: 'only', text: 'only', attrs: { type: 'button' } });
      only.addEventListener('click', () =>
        this.update({ community: this.state.community === c.id ? null : c.id, hiddenCommunities: new Set() }),
      );
      return el(
        'li',
        {},
        el('label', {}, box, swatch),
        el('span', { className: 'name', text: `${c.label} (${c.size})`, title: (c.terms ?? []).join(', ') }),
        only,
      );
    });
    if (communities.length > shown.length) {
      items.push(el('li', { text: `… and ${communities.length - shown.length} smaller communities` }));
    }
    if (communities.length === 0) items.push(el('li', { text: 'No communities in this graph.' }));
    legend.replaceChildren(...items);
  }

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

/** Nodes without stored positions get a deterministic spiral so the first frame is immediate. */
function ensurePositions(graph: AnalysedGraph): void {
  let i = 0;
  graph.forEachNode((key, a) => {
    if (typeof a.x === 'number' && typeof a.y === 'number') return;
    i += 1;
    const angle = i * 2.399963;
    const r = Math.sqrt(i) * 10;
    graph.mergeNodeAttributes(key, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
}

function bindDrop(app: () => App | null): void {
  const hint = byId('drop-hint');
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    hint.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) hint.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    hint.hidden = true;
    void app()?.openFiles([...(e.dataTransfer?.files ?? [])]);
  });
  const input = byId<HTMLInputElement>('file-input');
  input.addEventListener('change', () => {
    void app()?.openFiles([...(input.files ?? [])]);
    input.value = '';
  });
}

async function boot(): Promise<void> {
  let app: App | null = null;
  bindDrop(() => app);
  status(`Loading ${GRAPH_URL}…`);
  let graph: AnalysedGraph;
  try {
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
  app = new App(graph, stateFromHash(location.hash));
  const current = app;
  window.citegraph = {
    get graph() {
      return current.graph;
    },
    get state() {
      return current.state;
    },
    visibleNodes: () => [...current.vis.nodes],
    visibleEdges: () => [...current.vis.edges],
    position: (key) => {
      if (!current.graph.hasNode(key)) return null;
      const a = current.graph.getNodeAttributes(key);
      return { x: a.x ?? 0, y: a.y ?? 0 };
    },
    layoutRunning: () => current.layout.isRunning(),
    screenPosition: (key) => {
      const d = current.sigma.getNodeDisplayData(key);
      if (!d) return null;
      const p = current.sigma.framedGraphToViewport(d);
      const box = byId('graph').getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    get firstFrameAt() {
      return current.firstFrameAt;
    },
  };
  document.body.dataset.ready = 'true';
}

void boot();
