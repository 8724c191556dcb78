import { byId } from './dom.ts';

const statusLine = byId('status');

/** Shows one line of news in the status bar; `error` marks it as a failure. */
export function status(message: string, error = false): void {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', error);
}
