import { byId } from './dom.ts';

/** Whatever takes the files dropped on the page or picked in the file input. */
interface FileTarget {
  openFiles(files: File[]): Promise<void>;
}

/** Files dropped anywhere on the window or picked in #file-input go to the target (once there is one). */
export function bindFileDrop(target: () => FileTarget | null): void {
  const hint = byId('drop-hint');
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    hint.hidden = false;
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) hint.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    hint.hidden = true;
    void target()?.openFiles([...(e.dataTransfer?.files ?? [])]);
  });
  const input = byId<HTMLInputElement>('file-input');
  input.addEventListener('change', () => {
    void target()?.openFiles([...(input.files ?? [])]);
    input.value = '';
  });
}
