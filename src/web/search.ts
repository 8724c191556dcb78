import { byId, el } from './dom.ts';
import type { AnalysedGraph, GraphIndex } from './graph-index.ts';
import { status } from './status.ts';

/** How many suggestions the search box offers: prefix matches first, then other matches. */
const SEARCH_SUGGESTIONS = 30;

/** What the search box reads and does. */
interface SearchHost {
  readonly graph: AnalysedGraph;
  readonly index: GraphIndex;
  selectNode(key: string, center: boolean): void;
}

/**
 * The search box: suggests node labels as the user types, and on Enter or a picked suggestion
 * selects the node with that label (else the first whose label contains the text).
 */
export function bindSearch(host: SearchHost): void {
  const input = byId<HTMLInputElement>('search');
  const list = byId<HTMLDataListElement>('search-options');
  const byText = () => new Map(host.index.searchEntries.map((e) => [e.text, e.key]));
  let lookup = byText();
  let indexed = host.index;
  input.addEventListener('input', () => {
    if (indexed !== host.index) {
      lookup = byText();
      indexed = host.index;
    }
    const q = input.value.trim().toLowerCase();
    if (q.length < 2) return list.replaceChildren();
    const starts: string[] = [];
    const contains: string[] = [];
    for (const e of host.index.searchEntries) {
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
    if (indexed !== host.index) {
      lookup = byText();
      indexed = host.index;
    }
    const text = input.value.trim();
    if (!text) return;
    let key = lookup.get(text);
    if (!key) {
      const q = text.toLowerCase();
      key = host.index.searchEntries.find((e) => e.text.toLowerCase() === q)?.key;
      key ??= host.index.searchEntries.find((e) => e.text.toLowerCase().includes(q))?.key;
    }
    if (key) {
      host.selectNode(key, true);
      status(`Selected ${host.graph.getNodeAttribute(key, 'label')}.`);
    } else status(`Nothing matches “${text}”.`);
  };
  input.addEventListener('change', choose);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') choose();
  });
}
