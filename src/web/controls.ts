/** The view, appearance and filter controls: they change the state, and show it back. */
import { COMMUNITY_LAYERS } from './appearance.ts';
import type { AttributeInfo } from './attributes.ts';
import { byId, el } from './dom.ts';
import type { GraphIndex } from './graph-index.ts';
import type { LiveLayout } from './layout.ts';
import { type Display, SIZE_METRICS, type ViewState } from './state.ts';
import type { ViewDefinition } from './views.ts';

/** What the controls read and change. */
interface ControlsHost {
  readonly state: ViewState;
  readonly index: GraphIndex;
  readonly layout: LiveLayout;
  update(change: Partial<ViewState>): void;
  /** The state change that shows view `id` with its own colouring. */
  viewChange(id: string): Partial<ViewState>;
  /** The state change that shows a map style (overlay picks a numeric colouring). */
  displayChange(display: Display): Partial<ViewState>;
  colorChange(colorBy: string): Partial<ViewState>;
  toggleOverview(): void;
  fit(): void;
  resetCamera(): void;
  setAnimate(on: boolean): void;
}

const SIZE_LABELS: Readonly<Record<string, string>> = {
  degree: 'Degree',
  pagerank: 'PageRank',
  paperCount: 'Papers / citations',
  betweenness: 'Betweenness',
};

const num = (id: string): number | null => {
  const v = byId<HTMLInputElement>(id).value;
  return v === '' || !Number.isFinite(Number(v)) ? null : Number(v);
};

/** Wires every control of the toolbar and the filters. */
export function bindControls(host: ControlsHost): void {
  const view = byId<HTMLSelectElement>('view');
  view.addEventListener('change', () => host.update(host.viewChange(view.value)));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-display]')) {
    button.addEventListener('click', () =>
      host.update(host.displayChange(button.dataset.display as Display)),
    );
  }
  const clusters = byId<HTMLInputElement>('density-clusters');
  clusters.addEventListener('change', () => host.update({ densityByCluster: clusters.checked }));
  const color = byId<HTMLSelectElement>('color-by');
  color.addEventListener('change', () => host.update(host.colorChange(color.value)));
  const size = byId<HTMLSelectElement>('size-by');
  size.addEventListener('change', () => host.update({ sizeBy: size.value }));
  const label = byId<HTMLSelectElement>('label-by');
  label.addEventListener('change', () => host.update({ labelBy: label.value }));
  byId('year-min').addEventListener('change', () => host.update({ yearMin: num('year-min') }));
  byId('year-max').addEventListener('change', () => host.update({ yearMax: num('year-max') }));
  byId('year-slider').addEventListener('input', () => host.update({ yearMax: num('year-slider') }));
  const noYear = byId<HTMLSelectElement>('no-year');
  noYear.addEventListener('change', () => host.update({ noYear: noYear.value === 'show' ? 'show' : 'hide' }));
  const isolated = byId<HTMLInputElement>('show-isolated');
  isolated.addEventListener('change', () => host.update({ showIsolated: isolated.checked }));
  byId('min-degree').addEventListener('change', () => host.update({ minDegree: num('min-degree') ?? 0 }));
  byId('min-weight').addEventListener('change', () => host.update({ minWeight: num('min-weight') ?? 0 }));
  byId('kcore').addEventListener('change', () => host.update({ kcore: num('kcore') ?? 0 }));
  byId('ego-depth').addEventListener('change', () => host.update({ egoDepth: num('ego-depth') ?? 0 }));
  const rangeAttribute = byId<HTMLSelectElement>('range-attribute');
  const updateRange = () =>
    host.update({
      range: rangeAttribute.value
        ? { attribute: rangeAttribute.value, min: num('range-min'), max: num('range-max') }
        : null,
    });
  rangeAttribute.addEventListener('change', () => {
    byId<HTMLInputElement>('range-min').value = '';
    byId<HTMLInputElement>('range-max').value = '';
    updateRange();
  });
  byId('range-min').addEventListener('change', updateRange);
  byId('range-max').addEventListener('change', updateRange);
  const community = byId<HTMLSelectElement>('community-filter');
  community.addEventListener('change', () =>
    host.update({ community: community.value === '' ? null : community.value }),
  );
  bindYearPlayer(host);

  byId('fit').addEventListener('click', () => host.fit());
  byId('reset-camera').addEventListener('click', () => host.resetCamera());
  const animate = byId<HTMLInputElement>('animate');
  animate.addEventListener('change', () => host.setAnimate(animate.checked));
  const layoutButton = byId<HTMLButtonElement>('layout-toggle');
  layoutButton.addEventListener('click', () => {
    if (host.layout.isRunning()) host.layout.stop();
    else host.layout.start();
    layoutButton.textContent = host.layout.isRunning() ? 'Stop layout' : 'Run layout';
    layoutButton.dataset.running = String(host.layout.isRunning());
  });
  byId('overview-toggle').addEventListener('click', () => host.toggleOverview());
}

/** The play button: moves the upper year bound one year at a time up to the last year. */
function bindYearPlayer(host: ControlsHost): void {
  let playTimer: number | null = null;
  const togglePlay = (): void => {
    const button = byId('play');
    if (playTimer !== null) {
      clearInterval(playTimer);
      playTimer = null;
      button.textContent = '▶';
      return;
    }
    const years = host.index.years;
    if (!years) return;
    let year = host.state.yearMin ?? years.min;
    button.textContent = '⏸';
    host.update({ yearMax: year });
    playTimer = window.setInterval(() => {
      year += 1;
      host.update({ yearMax: year });
      if (year >= years.max) togglePlay();
    }, 700);
  };
  byId('play').addEventListener('click', () => togglePlay());
}

function options(select: HTMLSelectElement, entries: [value: string, text: string][], value: string): void {
  const key = entries.map((e) => e.join('\u0001')).join('\u0002');
  if (select.dataset.options !== key) {
    select.replaceChildren(...entries.map(([v, t]) => el('option', { text: t, attrs: { value: v } })));
    select.dataset.options = key;
  }
  select.value = value;
}

/** What the controls show besides the state. */
interface ControlsView {
  views: Map<string, ViewDefinition>;
  catalogue: AttributeInfo[];
  categories: { id: string; label: string; size: number }[];
  /** Nodes of the view without any edge in its layer. */
  isolated: number;
  isolatedNoun: string;
  inOverview: boolean;
}

/** Shows the state in the controls (leaving alone a number field the user is typing in). */
export function syncControls(state: ViewState, index: GraphIndex, shown: ControlsView): void {
  options(
    byId<HTMLSelectElement>('view'),
    [...shown.views.values()].map((v) => [v.id, v.label]),
    state.view,
  );
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-display]'))
    button.setAttribute('aria-pressed', String(button.dataset.display === state.display));
  byId('density-clusters-label').hidden = state.display !== 'density';
  byId<HTMLInputElement>('density-clusters').checked = state.densityByCluster;
  const numeric = shown.catalogue.filter((a) => a.type === 'numeric');
  const categorical = shown.catalogue.filter((a) => a.type === 'categorical');
  options(
    byId<HTMLSelectElement>('color-by'),
    [
      ...Object.entries(COMMUNITY_LAYERS),
      ...categorical.map((a): [string, string] => [a.name, a.label]),
      ...numeric.map((a): [string, string] => [a.name, a.label]),
    ],
    state.colorBy,
  );
  const sizeEntries: [string, string][] = SIZE_METRICS.map((m) => [m, SIZE_LABELS[m]!]);
  for (const a of numeric)
    if (!SIZE_METRICS.includes(a.name) && !a.name.startsWith('avg')) sizeEntries.push([a.name, a.label]);
  options(byId<HTMLSelectElement>('size-by'), sizeEntries, state.sizeBy);
  options(
    byId<HTMLSelectElement>('label-by'),
    [
      ['label', 'Name or title'],
      ...shown.catalogue
        .filter((a) => !a.name.startsWith('avg'))
        .map((a): [string, string] => [a.name, a.label]),
    ],
    state.labelBy,
  );
  options(
    byId<HTMLSelectElement>('range-attribute'),
    [['', 'None'], ...numeric.map((a): [string, string] => [a.name, a.label])],
    state.range?.attribute ?? '',
  );
  const setNum = (id: string, v: number | null) => {
    const input = byId<HTMLInputElement>(id);
    if (document.activeElement !== input) input.value = v === null ? '' : String(v);
  };
  const years = index.years;
  for (const id of ['year-min', 'year-max', 'year-slider']) {
    const input = byId<HTMLInputElement>(id);
    input.min = years ? String(years.min) : '';
    input.max = years ? String(years.max) : '';
  }
  setNum('year-min', state.yearMin);
  setNum('year-max', state.yearMax);
  setNum('year-slider', state.yearMax ?? years?.max ?? null);
  byId<HTMLSelectElement>('no-year').value = state.noYear;
  byId<HTMLInputElement>('show-isolated').checked = state.showIsolated;
  byId('isolated-label').textContent = `Show ${shown.isolatedNoun} (${shown.isolated})`;
  setNum('min-degree', state.minDegree);
  setNum('min-weight', state.minWeight);
  setNum('kcore', state.kcore);
  setNum('ego-depth', state.egoDepth);
  setNum('range-min', state.range?.min ?? null);
  setNum('range-max', state.range?.max ?? null);
  options(
    byId<HTMLSelectElement>('community-filter'),
    [['', 'All'], ...shown.categories.map((c): [string, string] => [c.id, `${c.label} (${c.size})`])],
    state.community ?? '',
  );
  byId('overview-toggle').textContent = shown.inOverview ? 'All nodes' : 'Overview';
}
