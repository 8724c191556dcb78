/** The URL hash holds the shareable state (view, filters, selection): the address is always a link to this view. */
import { byId } from './dom.ts';
import { stateFromHash, stateToHash, type ViewState } from './state.ts';
import { status } from './status.ts';

/** The state the page's address describes (defaults for whatever it leaves out). */
export function stateFromUrl(): ViewState {
  return stateFromHash(location.hash);
}

/** Rewrites the address for the state without adding a history entry. */
export function writeStateToUrl(state: ViewState): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#${stateToHash(state)}`);
}

/** The share button: shows the address in a box and copies it when the browser allows. */
export function bindShareButton(): void {
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
