// The busiest minute of a group of log lines (an exception group, a catalogue error), found while
// streaming in O(1) memory: a log is written in time order, so the occurrences of one minute arrive
// together; we count each run of same-minute occurrences and keep the largest. Exact for a time-ordered
// file; a clock jump back into a minute already left splits that minute in two runs (an undercount).

import type { LogPoint } from './types.js';

const MINUTE_MS = 60_000;

export class BusiestMinute {
  private minute = NaN;
  private count = 0;
  private at: LogPoint | undefined;
  private bestCount = 0;
  private best: LogPoint | undefined;

  /** One occurrence at `p` (ignored when the line had no parseable time). */
  add(p: LogPoint): void {
    if (p.epochMs === undefined) return;
    const m = Math.floor(p.epochMs / MINUTE_MS);
    if (m === this.minute) {
      this.count++;
      return;
    }
    this.commit();
    this.minute = m;
    this.count = 1;
    this.at = p;
  }

  private commit(): void {
    if (this.at && this.count > this.bestCount) {
      this.bestCount = this.count;
      this.best = this.at;
    }
  }

  /** The first occurrence of the busiest minute, with the number of occurrences in that minute (earliest wins a tie). */
  result(): (LogPoint & { count: number }) | undefined {
    this.commit();
    if (!this.best) return undefined;
    const b = this.best;
    return { line: b.line, ...(b.time !== undefined ? { time: b.time } : {}), ...(b.epochMs !== undefined ? { epochMs: b.epochMs } : {}), count: this.bestCount };
  }
}
