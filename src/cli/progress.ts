import cliProgress from 'cli-progress';

interface ProgressReporter {
  update(done: number, total: number, detail?: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; nothing at all otherwise (pipes, CI, --json). */
export function progressBar(label: string, enabled = process.stderr.isTTY === true): ProgressReporter {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | {detail}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done, total, detail = '') {
      if (!running) {
        bar.start(total, 0, { detail, rate: '0' });
        running = true;
      }
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.setTotal(total);
      bar.update(done, { detail, rate: (done / seconds).toFixed(0) });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
