// Progress reporting for long work (reading a 2 GB dump, a 1 GB log).
// Analyses receive a ProgressSink and never print themselves: the CLI decides whether to draw
// (a TTY) or stay silent (--json, pipes, tests). Same idea as devtools' heap snapshot worker,
// whose phases announce themselves to an injected progress object.

export interface ProgressSink {
  /** A new named phase starts ("Reading catalina.out", "Building dominators"). */
  phase(name: string, totalBytes?: number): void;
  /** `bytes` more were processed in the current phase. */
  advance(bytes: number): void;
  /** All work is over: clear whatever was drawn. */
  done(): void;
}

export const silentProgress: ProgressSink = {
  phase() {},
  advance() {},
  done() {},
};

import { formatBytes } from './bytes.js';

/** Draws one self-overwriting status line on a TTY stream, at most ~10 times a second. */
export function ttyProgress(stream: NodeJS.WriteStream): ProgressSink {
  let name = '';
  let total = 0;
  let done = 0;
  let lastDraw = 0;
  let started = Date.now();
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const secs = ((now - started) / 1000).toFixed(1);
    const amount = total > 0
      ? `${formatBytes(done)} / ${formatBytes(total)} (${Math.min(100, (100 * done) / total).toFixed(0)}%)`
      : done > 0 ? formatBytes(done) : '';
    const text = `${name}${amount ? ' — ' + amount : ''} ${secs}s`;
    const width = (stream.columns || 80) - 1;
    stream.write('\r\x1b[2K' + text.slice(0, width));
  };
  return {
    phase(n, totalBytes) {
      name = n;
      total = totalBytes ?? 0;
      done = 0;
      started = Date.now();
      draw(true);
    },
    advance(bytes) {
      done += bytes;
      draw();
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

/** The sink the CLI should use: drawn on an interactive stderr, silent otherwise. */
export function progressFor(opts: { quiet: boolean }): ProgressSink {
  const err = process.stderr;
  if (opts.quiet || !err.isTTY || process.env.CI) return silentProgress;
  return ttyProgress(err);
}
