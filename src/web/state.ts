import type { CommunityLayer } from '../model/graph-schema.ts';

/** The four ways of looking at the analysed graph; each is a node/edge filter over the same graph. */
export type ViewName = 'coauthor' | 'citations' | 'themes' | 'authorship';
export type SizeMetric = 'degree' | 'pagerank' | 'paperCount' | 'betweenness';

export interface ViewDefinition {
  label: string;
  nodeKinds: ReadonlySet<string>;
  edgeKinds: ReadonlySet<string>;
  /** The community layer that fits this view best (default colouring). */
  layer: CommunityLayer;
}

export const VIEWS: Record<ViewName, ViewDefinition> = {
  coauthor: {
    label: 'Co-authorship',
    nodeKinds: new Set(['author']),
    edgeKinds: new Set(['coauthor']),
    layer: 'collaboration',
  },
  citations: {
    label: 'Citations',
    nodeKinds: new Set(['paper', 'reference']),
    edgeKinds: new Set(['cites', 'mentions']),
    layer: 'theme',
  },
  themes: { label: 'Themes', nodeKinds: new Set(['paper']), edgeKinds: new Set(['similar']), layer: 'theme' },
  authorship: {
    label: 'Author–paper',
    nodeKinds: new Set(['author', 'paper']),
    edgeKinds: new Set(['authored']),
    layer: 'collaboration',
  },
};

export const SIZE_METRICS: readonly SizeMetric[] = ['degree', 'pagerank', 'paperCount', 'betweenness'];

/** The whole UI state: everything displayed derives from it through the reducers (sigma habit). */
export interface ViewState {
  view: ViewName;
  colorBy: CommunityLayer;
  sizeBy: SizeMetric;
  /** Inclusive year range; null = open end. */
  yearMin: number | null;
  yearMax: number | null;
  /** Community ids of the `colorBy` layer hidden from the legend. */
  hiddenCommunities: Set<number>;
  /** Show only this community of the `colorBy` layer (null = all). */
  community: number | null;
  minDegree: number;
  minWeight: number;
  selectedNode: string | null;
  selectedEdge: string | null;
  hoveredNode: string | null;
  /** Community-level overview for large graphs. */
  overview: boolean;
}

export function defaultState(): ViewState {
  return {
    view: 'coauthor',
    colorBy: 'collaboration',
    sizeBy: 'degree',
    yearMin: null,
    yearMax: null,
    hiddenCommunities: new Set(),
    community: null,
    minDegree: 0,
    minWeight: 0,
    selectedNode: null,
    selectedEdge: null,
    hoveredNode: null,
    overview: false,
  };
}

const isView = (v: string | null): v is ViewName => v !== null && v in VIEWS;
const isMetric = (v: string | null): v is SizeMetric => SIZE_METRICS.includes(v as SizeMetric);
const int = (v: string | null): number | null => {
  if (v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Encodes the shareable part of the state (view, filters, selection) as URL hash parameters. */
export function stateToHash(state: ViewState): string {
  const p = new URLSearchParams();
  p.set('view', state.view);
  p.set('color', state.colorBy);
  p.set('size', state.sizeBy);
  if (state.yearMin !== null) p.set('from', String(state.yearMin));
  if (state.yearMax !== null) p.set('to', String(state.yearMax));
  if (state.hiddenCommunities.size > 0) p.set('hide', [...state.hiddenCommunities].join(','));
  if (state.community !== null) p.set('community', String(state.community));
  if (state.minDegree > 0) p.set('deg', String(state.minDegree));
  if (state.minWeight > 0) p.set('weight', String(state.minWeight));
  if (state.selectedNode) p.set('node', state.selectedNode);
  if (state.selectedEdge) p.set('edge', state.selectedEdge);
  return p.toString();
}

/** Restores what stateToHash wrote; unknown or malformed values fall back to the defaults. */
export function stateFromHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s = defaultState();
  const view = p.get('view');
  if (isView(view)) {
    s.view = view;
    s.colorBy = VIEWS[view].layer;
  }
  const color = p.get('color');
  if (color === 'collaboration' || color === 'theme') s.colorBy = color;
  const size = p.get('size');
  if (isMetric(size)) s.sizeBy = size;
  s.yearMin = int(p.get('from'));
  s.yearMax = int(p.get('to'));
  s.hiddenCommunities = new Set(
    (p.get('hide') ?? '')
      .split(',')
      .map(int)
      .filter((n): n is number => n !== null),
  );
  s.community = int(p.get('community'));
  s.minDegree = int(p.get('deg')) ?? 0;
  s.minWeight = int(p.get('weight')) ?? 0;
  s.selectedNode = p.get('node');
  s.selectedEdge = p.get('edge');
  return s;
}
