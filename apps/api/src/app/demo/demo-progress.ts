import { SingleBar } from 'cli-progress';

/** Progress of a long demo step: a bar on a TTY, otherwise a plain line every 10%. */
export interface Progress {
  update(done: number, label?: string): void;
  stop(): void;
}

export function progressBar(title: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: `${title} [{bar}] {percentage}% | {elapsed}s | {label}`, hideCursor: true, etaBuffer: 50 });
    bar.start(total, 0, { label: '' });
    return {
      update: (done, label) => bar.update(Math.min(done, total), { label: label ?? '' }),
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(done, label) {
      const tenth = Math.floor((Math.min(done, total) / Math.max(1, total)) * 10);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`${title}: ${tenth * 10}% (${((Date.now() - started) / 1000).toFixed(0)} s)${label ? ` ${label}` : ''}\n`);
    },
    stop: () => undefined,
  };
}

/** For tests and `--quiet`: no output. */
export const NO_PROGRESS = (): Progress => ({ update: () => undefined, stop: () => undefined });
