/** The view and filter controls of the side bar: they change the state, and show it back. */
import type { CommunityLayer } from '../model/graph-schema.ts';
import { byId, el } from './dom.ts';
import type { GraphIndex } from './graph-index.ts';
import type { LiveLayout } from './layout.ts';
import { type SizeMetric, VIEWS, type ViewName, type ViewState } from './state.ts';

/** What the controls read and change. */
export interface ControlsHost {
  readonly state: ViewState;
  readonly index: GraphIndex;
  readonly layout: LiveLayout;
  update(change: Partial<ViewState>): void;
  toggleOverview(): void;
}

/** Wires the view, colour, size, year, degree, weight and community controls and the play, layout and overview buttons. */
export function bindControls(host: ControlsHost): void {
  const view = byId<HTMLSelectElement>('view');
  view.addEventListener('change', () => {
    const v = view.value as ViewName;
    host.update({ view: v, colorBy: VIEWS[v].layer, hiddenCommunities: new Set(), community: null });
  });
  const color = byId<HTMLSelectElement>('color-by');
  color.addEventListener('change', () =>
    host.update({ colorBy: color.value as CommunityLayer, hiddenCommunities: new Set(), community: null }),
  );
  const size = byId<HTMLSelectElement>('size-by');
  size.addEventListener('change', () => host.update({ sizeBy: size.value as SizeMetric }));
  const num = (id: string): number | null => {
    const v = byId<HTMLInputElement>(id).value;
    return v === '' || !Number.isFinite(Number(v)) ? null : Number(v);
  };
  byId('year-min').addEventListener('change', () => host.update({ yearMin: num('year-min') }));
  byId('year-max').addEventListener('change', () => host.update({ yearMax: num('year-max') }));
  byId('year-slider').addEventListener('input', () => host.update({ yearMax: num('year-slider') }));
  byId('min-degree').addEventListener('change', () => host.update({ minDegree: num('min-degree') ?? 0 }));
  byId('min-weight').addEventListener('change', () => host.update({ minWeight: num('min-weight') ?? 0 }));
  const community = byId<HTMLSelectElement>('community-filter');
  community.addEventListener('change', () =>
    host.update({ community: community.value === '' ? null : Number(community.value) }),
  );
  bindYearPlayer(host);

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

/** Shows the state in the controls (leaving alone a number field the user is typing in). */
export function syncControls(state: ViewState, index: GraphIndex, inOverview: boolean): void {
  byId<HTMLSelectElement>('view').value = state.view;
  byId<HTMLSelectElement>('color-by').value = state.colorBy;
  byId<HTMLSelectElement>('size-by').value = state.sizeBy;
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
  setNum('min-degree', state.minDegree);
  setNum('min-weight', state.minWeight);
  const select = byId<HTMLSelectElement>('community-filter');
  const communities = [...index.communities[state.colorBy].values()].sort((a, b) => b.size - a.size);
  select.replaceChildren(
    el('option', { text: 'All', attrs: { value: '' } }),
    ...communities.map((c) =>
      el('option', { text: `${c.label} (${c.size})`, attrs: { value: String(c.id) } }),
    ),
  );
  select.value = state.community === null ? '' : String(state.community);
  byId('overview-toggle').textContent = inOverview ? 'All nodes' : 'Overview';
}
