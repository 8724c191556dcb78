/** The map styles VOSviewer offers: the network, the overlay (colour by a score) and the density. */
export type Display = 'network' | 'overlay' | 'density';
const DISPLAYS: readonly Display[] = ['network', 'overlay', 'density'];

/** The size menu's metrics; any other size choice is a numeric node attribute. */
export const SIZE_METRICS: readonly string[] = ['degree', 'pagerank', 'paperCount', 'betweenness'];

/** The whole UI state: everything displayed derives from it through the reducers (sigma habit). */
export interface ViewState {
  /** A view id (see views.ts): one layer of the graph. */
  view: string;
  /** A community layer ('collaboration', 'theme') or a node attribute. */
  colorBy: string;
  /** A metric of SIZE_METRICS or a numeric node attribute. */
  sizeBy: string;
  /** 'label' or a node attribute. */
  labelBy: string;
  display: Display;
  /** Density view: one density of all nodes, or one per cluster of the colouring. */
  densityByCluster: boolean;
  /** Inclusive year range; null = open end. */
  yearMin: number | null;
  yearMax: number | null;
  /** Whether nodes without a year stay visible once a year bound is set. */
  noYear: 'hide' | 'show';
  /** Whether nodes without any edge in the view's layer are shown. */
  showIsolated: boolean;
  /** Categories of the colouring hidden from the legend. */
  hiddenCommunities: Set<string>;
  /** Show only this category of the colouring (null = all). */
  community: string | null;
  minDegree: number;
  minWeight: number;
  /** A numeric attribute's range (null ends are open). */
  range: { attribute: string; min: number | null; max: number | null } | null;
  /** Keep the k-core (0 = off). */
  kcore: number;
  /** Keep the nodes within this many edges of the selection (0 = off). */
  egoDepth: number;
  selectedNode: string | null;
  selectedEdge: string | null;
  hoveredNode: string | null;
  /** Community-level overview for large graphs. */
  overview: boolean;
}

/** The filters that can hide a node, each off (as at the start, and when a hidden node is selected). */
export function clearedFilters() {
  return {
    yearMin: null,
    yearMax: null,
    hiddenCommunities: new Set<string>(),
    community: null,
    minDegree: 0,
    minWeight: 0,
    range: null,
    kcore: 0,
    egoDepth: 0,
  } satisfies Partial<ViewState>;
}

export function defaultState(): ViewState {
  return {
    view: 'coauthor',
    colorBy: 'collaboration',
    sizeBy: 'degree',
    labelBy: 'label',
    display: 'network',
    densityByCluster: false,
    noYear: 'hide',
    showIsolated: false,
    ...clearedFilters(),
    selectedNode: null,
    selectedEdge: null,
    hoveredNode: null,
    overview: false,
  };
}

/** The state keys whose change alters what is visible or how it is coloured and sized. */
export const FILTER_KEYS: readonly (keyof ViewState)[] = [
  'view',
  'colorBy',
  'sizeBy',
  'labelBy',
  'yearMin',
  'yearMax',
  'noYear',
  'showIsolated',
  'hiddenCommunities',
  'community',
  'minDegree',
  'minWeight',
  'range',
  'kcore',
  'egoDepth',
  'densityByCluster',
];

const int = (v: string | null): number | null => {
  if (v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Encodes the shareable part of the state (view, appearance, filters, selection) as URL hash parameters. */
export function stateToHash(state: ViewState): string {
  const p = new URLSearchParams();
  p.set('view', state.view);
  p.set('color', state.colorBy);
  p.set('size', state.sizeBy);
  if (state.labelBy !== 'label') p.set('label', state.labelBy);
  if (state.display !== 'network') p.set('display', state.display);
  if (state.densityByCluster) p.set('clusters', '1');
  if (state.yearMin !== null) p.set('from', String(state.yearMin));
  if (state.yearMax !== null) p.set('to', String(state.yearMax));
  if (state.noYear === 'show') p.set('noyear', 'show');
  if (state.showIsolated) p.set('isolated', '1');
  if (state.hiddenCommunities.size > 0) p.set('hide', [...state.hiddenCommunities].join(','));
  if (state.community !== null) p.set('community', state.community);
  if (state.minDegree > 0) p.set('deg', String(state.minDegree));
  if (state.minWeight > 0) p.set('weight', String(state.minWeight));
  if (state.range)
    p.set('range', `${state.range.attribute},${state.range.min ?? ''},${state.range.max ?? ''}`);
  if (state.kcore > 0) p.set('kcore', String(state.kcore));
  if (state.egoDepth > 0) p.set('ego', String(state.egoDepth));
  if (state.selectedNode) p.set('node', state.selectedNode);
  if (state.selectedEdge) p.set('edge', state.selectedEdge);
  return p.toString();
}

/**
 * Restores what stateToHash wrote; unknown or malformed values fall back to the defaults. A view or
 * attribute the graph lacks is corrected by the app once the graph is known.
 */
export function stateFromHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s = defaultState();
  s.view = p.get('view') || s.view;
  s.colorBy = p.get('color') || '';
  s.sizeBy = p.get('size') || s.sizeBy;
  s.labelBy = p.get('label') || s.labelBy;
  const display = p.get('display');
  if (DISPLAYS.includes(display as Display)) s.display = display as Display;
  s.densityByCluster = p.get('clusters') === '1';
  s.yearMin = int(p.get('from'));
  s.yearMax = int(p.get('to'));
  s.noYear = p.get('noyear') === 'show' ? 'show' : 'hide';
  s.showIsolated = p.get('isolated') === '1';
  s.hiddenCommunities = new Set((p.get('hide') ?? '').split(',').filter((v) => v !== ''));
  s.community = p.get('community') || null;
  s.minDegree = int(p.get('deg')) ?? 0;
  s.minWeight = int(p.get('weight')) ?? 0;
  const range = (p.get('range') ?? '').split(',');
  if (range.length === 3 && range[0])
    s.range = { attribute: range[0], min: int(range[1]!), max: int(range[2]!) };
  s.kcore = int(p.get('kcore')) ?? 0;
  s.egoDepth = int(p.get('ego')) ?? 0;
  s.selectedNode = p.get('node');
  s.selectedEdge = p.get('edge');
  return s;
}
