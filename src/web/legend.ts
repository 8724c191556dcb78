import type { ColorScale } from './appearance.ts';
import { cssGradient } from './colors.ts';
import { byId, el } from './dom.ts';
import type { ViewState } from './state.ts';

/** How many categories the legend lists; the rest are counted in one line. */
const LEGEND_CATEGORIES = 40;

/** What the legend shows: the colouring, and the density's ramp in the density view. */
interface LegendInput {
  state: ViewState;
  colors: ColorScale;
  /** Label of the node weight the density sums. */
  densityOf: string;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
}

/**
 * The legend of the colouring: categories largest first (a checkbox hides one, 'only' shows it alone,
 * or all again), or a colour bar for a numeric attribute; in the density view, the density's ramp.
 */
export function renderLegend(input: LegendInput, update: (change: Partial<ViewState>) => void): void {
  const { state, colors } = input;
  const legend = byId('legend');
  const bar = byId('colour-bar');
  const density = state.display === 'density';
  byId('legend-title').textContent = density
    ? `Density of ${input.densityOf}${state.densityByCluster ? `, per ${colors.label.toLowerCase()}` : ''}`
    : colors.label;
  const items: HTMLElement[] = [];
  // Per cluster, the clusters' colours are the legend; the ramp is for one total density.
  const ramp = density ? !state.densityByCluster || colors.type !== 'categorical' : colors.type === 'numeric';
  if (ramp) {
    bar.hidden = false;
    const gradient = el('div', { className: 'bar' });
    gradient.style.background = cssGradient(density ? 'density' : 'viridis');
    const [lo, hi] = colors.domain ?? [0, 0];
    bar.replaceChildren(
      el('div', { className: 'caption', text: density ? 'Low to high density' : colors.label }),
      gradient,
      el(
        'div',
        { className: 'ticks' },
        el('span', { text: density ? 'low' : `≤ ${formatNumber(lo)}` }),
        el('span', { text: density ? 'high' : `≥ ${formatNumber(hi)}` }),
      ),
    );
    if (!density && colors.missing > 0)
      items.push(el('li', { text: `No value: ${colors.missing} nodes (grey)` }));
  } else {
    bar.hidden = true;
    bar.replaceChildren();
  }
  if (colors.type === 'categorical' && (!density || state.densityByCluster)) {
    const shown = colors.categories.slice(0, LEGEND_CATEGORIES);
    for (const c of shown) {
      const box = el('input', {
        attrs: { type: 'checkbox', 'data-community': c.id, 'aria-label': `Show ${c.label}` },
      });
      box.checked = !state.hiddenCommunities.has(c.id);
      box.addEventListener('change', () => {
        const hidden = new Set(state.hiddenCommunities);
        if (box.checked) hidden.delete(c.id);
        else hidden.add(c.id);
        update({ hiddenCommunities: hidden });
      });
      const swatch = el('span', { className: 'swatch' });
      swatch.style.background = c.color;
      const only = el('button', {
        className: 'only',
        text: 'only',
        attrs: { type: 'button', 'aria-label': `Only ${c.label}` },
      });
      only.addEventListener('click', () =>
        update({ community: state.community === c.id ? null : c.id, hiddenCommunities: new Set() }),
      );
      items.push(
        el(
          'li',
          {},
          el('label', {}, box, swatch),
          el('span', { className: 'name', text: `${c.label} (${c.size})`, title: c.title ?? '' }),
          only,
        ),
      );
    }
    if (colors.categories.length > shown.length)
      items.push(el('li', { text: `… and ${colors.categories.length - shown.length} smaller categories` }));
    if (colors.categories.length === 0) items.push(el('li', { text: 'No categories among these nodes.' }));
    else if (colors.missing > 0) items.push(el('li', { text: `None: ${colors.missing} nodes (grey)` }));
  }
  legend.replaceChildren(...items);
}
