import { byId, el } from './dom.ts';
import type { GraphIndex } from './graph-index.ts';
import type { ViewState } from './state.ts';

/** How many communities the legend lists; the rest are counted in one line. */
const LEGEND_COMMUNITIES = 40;

/**
 * The legend of the `colorBy` layer, largest communities first: a checkbox hides a community, 'only'
 * shows it alone (or all again).
 */
export function renderLegend(
  state: ViewState,
  index: GraphIndex,
  update: (change: Partial<ViewState>) => void,
): void {
  const legend = byId('legend');
  const layer = index.communities[state.colorBy];
  const communities = [...layer.values()].sort((a, b) => b.size - a.size);
  const shown = communities.slice(0, LEGEND_COMMUNITIES);
  const items = shown.map((c) => {
    const box = el('input', { attrs: { type: 'checkbox', 'data-community': String(c.id) } });
    box.checked = !state.hiddenCommunities.has(c.id);
    box.addEventListener('change', () => {
      const hidden = new Set(state.hiddenCommunities);
      if (box.checked) hidden.delete(c.id);
      else hidden.add(c.id);
      update({ hiddenCommunities: hidden });
    });
    const swatch = el('span', { className: 'swatch' });
    swatch.style.background = c.color;
    const only = el('button', { className: 'only', text: 'only', attrs: { type: 'button' } });
    only.addEventListener('click', () =>
      update({ community: state.community === c.id ? null : c.id, hiddenCommunities: new Set() }),
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
