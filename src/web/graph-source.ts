/**
 * Where `?graph=` may load a graph from: this page's own server without asking; anywhere else
 * (another site, a data: URL) only after the page has said where it comes from and the user has
 * agreed, so a crafted link cannot show a stranger's graph as if it were the user's.
 */

/** True when `url` (resolved against `base`) is on the page's own origin; a data: URL never is. */
export function isSameOrigin(url: string, base: string): boolean {
  try {
    const target = new URL(url, base);
    return target.origin !== 'null' && target.origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/** Where a graph URL leads, in words a user can judge (a data: URL by its size, not its content). */
export function describeSource(url: string, base: string): string {
  try {
    const target = new URL(url, base);
    if (target.protocol === 'data:') return `a data: URL inside the link itself (${url.length} characters)`;
    const shown = target.href.length > 200 ? `${target.href.slice(0, 199)}…` : target.href;
    return `${target.origin === 'null' ? target.protocol : target.host} (${shown})`;
  } catch {
    return url.slice(0, 200);
  }
}

/**
 * Resolves true at once for a same-origin URL; otherwise shows a dialog naming the source with a
 * Load and a Cancel button, and resolves with the user's choice.
 */
export function confirmGraphSource(url: string, base = location.href): Promise<boolean> {
  if (isSameOrigin(url, base)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const dialog = document.createElement('div');
    dialog.id = 'graph-source';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.style.cssText =
      'position:fixed;inset:auto 0 0 0;margin:auto;top:30%;max-width:36em;padding:1em 1.2em;z-index:1000;' +
      'background:#fff;color:#111;border:2px solid #b00;border-radius:6px;box-shadow:0 4px 24px #0006;font:14px sans-serif';
    const text = document.createElement('p');
    text.textContent = `This link asks to show a graph from another source: ${describeSource(url, base)}. It is not from the server of this page. Load it?`;
    const load = document.createElement('button');
    load.id = 'graph-source-load';
    load.textContent = 'Load it';
    const cancel = document.createElement('button');
    cancel.id = 'graph-source-cancel';
    cancel.textContent = 'Cancel';
    cancel.style.marginLeft = '0.5em';
    const choose = (agreed: boolean) => () => {
      dialog.remove();
      resolve(agreed);
    };
    load.addEventListener('click', choose(true));
    cancel.addEventListener('click', choose(false));
    dialog.append(text, load, cancel);
    document.body.append(dialog);
    cancel.focus();
  });
}
