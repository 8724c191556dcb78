import { latexToUnicode } from '../ingest/formats/latex-text.ts';
import type { EdgeAttributes, NodeAttributes } from '../model/graph-schema.ts';
import { el } from './dom.ts';
import type { AnalysedGraph, GraphIndex } from './graph-index.ts';
import type { ViewDefinition } from './views.ts';

export interface PanelActions {
  selectNode(key: string): void;
  selectEdge(edge: string): void;
  close(): void;
}

function nodeText(graph: AnalysedGraph, key: string): string {
  const a = graph.getNodeAttributes(key);
  if (a.kind === 'author') return a.name;
  if (a.kind === 'paper') return latexToUnicode(a.title).text + (a.year ? ` (${a.year})` : '');
  return a.kind === 'reference' ? (a.text ?? a.label) : a.label;
}

/** Neighbours of `key` through cites/mentions edges in one direction. */
function citationNeighbours(graph: AnalysedGraph, key: string, direction: 'out' | 'in'): Set<string> {
  const out = new Set<string>();
  const each = direction === 'out' ? graph.forEachOutEdge.bind(graph) : graph.forEachInEdge.bind(graph);
  each(key, (_e, ea, s, t) => {
    if (ea.kind === 'cites' || ea.kind === 'mentions') out.add(direction === 'out' ? t : s);
  });
  return out;
}

/**
 * The documents behind a bibliometric map's edge: the references two coupled documents share, the
 * documents that co-cite two references, or the papers the edge lists.
 */
function edgeDocuments(
  graph: AnalysedGraph,
  kind: string,
  s: string,
  t: string,
  papers?: string[],
): string[] {
  if (papers && papers.length > 0) return papers.map((p) => `paper:${p}`).filter((k) => graph.hasNode(k));
  const direction = kind === 'coupling' ? 'out' : kind === 'cocitation' ? 'in' : null;
  if (!direction) return [];
  const a = citationNeighbours(graph, s, direction);
  return [...citationNeighbours(graph, t, direction)].filter((k) => a.has(k));
}

function link(graph: AnalysedGraph, key: string, actions: PanelActions, extra = ''): HTMLElement {
  const button = el('button', {
    className: `link kind-${graph.getNodeAttribute(key, 'kind')}`,
    text: nodeText(graph, key) + extra,
    attrs: { type: 'button', 'data-key': key },
  });
  button.addEventListener('click', () => actions.selectNode(key));
  return el('li', {}, button);
}

function section(title: string, items: HTMLElement[], testId: string): HTMLElement | null {
  if (items.length === 0) return null;
  return el(
    'section',
    {},
    el('h3', { text: `${title} (${items.length})` }),
    el('ul', { attrs: { 'data-testid': testId } }, ...items),
  );
}

function field(name: string, value: string | number | undefined): HTMLElement | null {
  if (value === undefined || value === '') return null;
  return el(
    'p',
    { className: 'field' },
    el('span', { className: 'field-name', text: `${name}: ` }),
    el('span', { text: String(value) }),
  );
}

function communityLine(index: GraphIndex, key: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const collab = index.communityOf.collaboration.get(key);
  const theme = index.communityOf.theme.get(key);
  if (collab !== undefined) {
    const c = index.communities.collaboration.get(collab);
    out.push(el('li', { className: 'community', text: `Group: ${c?.label ?? collab}` }));
  }
  if (theme !== undefined) {
    const c = index.communities.theme.get(theme);
    out.push(el('li', { className: 'community', text: `Theme: ${c?.label ?? theme}` }));
  }
  return out;
}

/** Fills the side panel for a node: every related item is a button that moves the selection there. */
export function renderNodePanel(
  root: HTMLElement,
  graph: AnalysedGraph,
  index: GraphIndex,
  key: string,
  actions: PanelActions,
): void {
  const a: NodeAttributes = graph.getNodeAttributes(key);
  const parts: (HTMLElement | null)[] = [];
  if (a.kind === 'author') {
    parts.push(el('h2', { text: a.name, attrs: { 'data-testid': 'panel-title' } }));
    parts.push(
      field('Papers', a.paperCount),
      field('Years', a.firstYear ? `${a.firstYear}–${a.lastYear ?? ''}` : undefined),
    );
    const papers: [number, string][] = [];
    const collaborators: [number, string, string][] = [];
    graph.forEachOutEdge(key, (_e, ea, _s, t) => {
      const ta = graph.getNodeAttributes(t);
      if (ea.kind === 'authored') papers.push([ta.kind === 'paper' ? (ta.year ?? 0) : 0, t]);
    });
    graph.forEachEdge(key, (e, ea, s, t) => {
      if (ea.kind === 'coauthor') collaborators.push([ea.count ?? ea.weight, s === key ? t : s, e]);
    });
    papers.sort((x, y) => y[0] - x[0]);
    collaborators.sort((x, y) => y[0] - x[0]);
    parts.push(
      section(
        'Papers',
        papers.map(([, p]) => link(graph, p, actions)),
        'panel-papers',
      ),
    );
    parts.push(
      section(
        'Collaborators',
        collaborators.map(([n, c, e]) => {
          const li = link(graph, c, actions, ` ×${n}`);
          const edgeButton = el('button', {
            className: 'edge-link',
            text: 'joint papers',
            attrs: { type: 'button' },
          });
          edgeButton.addEventListener('click', () => actions.selectEdge(e));
          li.append(' ', edgeButton);
          return li;
        }),
        'panel-collaborators',
      ),
    );
    parts.push(section('Communities', communityLine(index, key), 'panel-communities'));
  } else if (a.kind === 'paper') {
    parts.push(el('h2', { text: latexToUnicode(a.title).text, attrs: { 'data-testid': 'panel-title' } }));
    parts.push(
      field('Date', a.date ?? a.partialDate ?? a.year),
      field('Venue', a.venue),
      field('DOI', a.doi),
    );
    const authors: [number, string][] = [];
    graph.forEachInEdge(key, (_e, ea, s) => {
      if (ea.kind === 'authored') authors.push([ea.position ?? 0, s]);
    });
    authors.sort((x, y) => x[0] - y[0]);
    parts.push(
      section(
        'Authors',
        authors.map(([, s]) => link(graph, s, actions)),
        'panel-authors',
      ),
    );
    if (a.abstract) parts.push(el('p', { className: 'abstract', text: latexToUnicode(a.abstract).text }));
    const refs: HTMLElement[] = [];
    const citing: HTMLElement[] = [];
    graph.forEachOutEdge(key, (e, ea, _s, t) => {
      if (ea.kind === 'cites' || ea.kind === 'mentions') refs.push(edgeLink(graph, e, t, actions));
    });
    graph.forEachInEdge(key, (e, ea, s) => {
      if (ea.kind === 'cites') citing.push(edgeLink(graph, e, s, actions));
    });
    parts.push(section('References', refs, 'panel-references'));
    parts.push(section('Cited by', citing, 'panel-citing'));
    parts.push(section('Communities', communityLine(index, key), 'panel-communities'));
    parts.push(
      section(
        'Sources',
        (a.sources ?? []).map((s) => el('li', { text: s })),
        'panel-sources',
      ),
    );
  } else if (a.kind !== 'reference') {
    // A keyword, country or institution of a bibliometric map.
    parts.push(el('h2', { text: a.label, attrs: { 'data-testid': 'panel-title' } }));
    parts.push(field('Documents', a.occurrences));
  } else {
    parts.push(el('h2', { text: a.text, attrs: { 'data-testid': 'panel-title' } }));
    parts.push(field('Year', a.year), field('Mentioned by', a.mentionCount));
    const citing: HTMLElement[] = [];
    graph.forEachInEdge(key, (e, _ea, s) => {
      citing.push(edgeLink(graph, e, s, actions));
    });
    parts.push(section('Mentioned in', citing, 'panel-citing'));
  }
  fill(root, parts, actions);
}

function edgeLink(graph: AnalysedGraph, edge: string, other: string, actions: PanelActions): HTMLElement {
  const li = link(graph, other, actions);
  const context = graph.getEdgeAttribute(edge, 'context');
  if (context) {
    const quote = el('button', { className: 'edge-link', text: 'context', attrs: { type: 'button' } });
    quote.addEventListener('click', () => actions.selectEdge(edge));
    li.append(' ', quote);
  }
  return li;
}

/** Fills the side panel for an edge: joint papers for co-authorship, the citing sentence for citations. */
export function renderEdgePanel(
  root: HTMLElement,
  graph: AnalysedGraph,
  edge: string,
  views: Map<string, ViewDefinition>,
  actions: PanelActions,
): void {
  const a: EdgeAttributes = graph.getEdgeAttributes(edge);
  const [s, t] = graph.extremities(edge);
  const view = [...views.values()].find((v) => v.edgeKinds.has(a.kind));
  const parts: (HTMLElement | null)[] = [
    el('h2', { text: `${view?.label ?? a.kind} edge`, attrs: { 'data-testid': 'panel-title' } }),
    view
      ? el('p', { className: 'meaning', text: view.edgeMeaning, attrs: { 'data-testid': 'panel-meaning' } })
      : null,
    el('ul', {}, link(graph, s, actions), link(graph, t, actions)),
  ];
  if (a.kind === 'coauthor') {
    parts.push(field('Joint papers', a.count ?? a.papers?.length), field('Weight', a.weight));
    const papers = (a.papers ?? []).map((p) => `paper:${p}`).filter((k) => graph.hasNode(k));
    parts.push(
      section(
        'Joint papers',
        papers.map((p) => link(graph, p, actions)),
        'panel-joint-papers',
      ),
    );
  } else if (a.kind === 'cites' || a.kind === 'mentions') {
    parts.push(field('Found in', a.origin));
    if (a.context)
      parts.push(
        el('blockquote', { text: latexToUnicode(a.context).text, attrs: { 'data-testid': 'panel-context' } }),
      );
  } else if (a.kind === 'authored' || a.kind === 'similar') {
    parts.push(field('Weight', Math.round(a.weight * 1000) / 1000), field('Author position', a.position));
  } else {
    const extra = a as unknown as Record<string, unknown>;
    const round = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : undefined);
    parts.push(
      field('Count', round(extra.count)),
      field('Fractional', round(extra.fractional)),
      field('Association strength', round(extra.strength)),
      field('Weight', round(a.weight)),
    );
    const docs = edgeDocuments(graph, a.kind, s, t, a.papers);
    const title =
      a.kind === 'coupling' ? 'Shared references' : a.kind === 'cocitation' ? 'Co-cited by' : 'Documents';
    parts.push(
      section(
        title,
        docs.map((d) => link(graph, d, actions)),
        'panel-edge-documents',
      ),
    );
  }
  fill(root, parts, actions);
}

function fill(root: HTMLElement, parts: (HTMLElement | null)[], actions: PanelActions): void {
  const close = el('button', { className: 'close', text: '×', title: 'Close', attrs: { type: 'button' } });
  close.addEventListener('click', () => actions.close());
  root.replaceChildren(close, ...parts.filter((p): p is HTMLElement => p !== null));
  root.hidden = false;
}
