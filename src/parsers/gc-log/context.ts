// What the two line readers (unified, legacy) share: the runs being built, the line counts and the
// bounded lists of lines that were not GC output.

import { RunBuilder } from './builder.js';
import type { GcLogLine, GcLogReport } from './types.js';
import { COLLECTORS } from '../../knowledge/gc-events.js';
import type { GcCollector } from '../../model/document.js';

export const MAX_LISTED = 200;
export const MAX_EXCERPTS = 5000;

export class ParseContext {
  readonly runs: RunBuilder[] = [];
  run: RunBuilder;
  counts = { lines: 0, events: 0, details: 0, other: 0, cut: 0 };
  unrecognised: GcLogLine[] = [];
  unrecognisedCount = 0;
  otherLines: GcLogLine[] = [];
  problems: GcLogReport['problems'] = [];
  private restartNotes = 0;
  /** Text of the lines findings may cite (every unusual event, the longest pauses, headers), by line. */
  readonly excerpts = new Map<number, string>();
  private readonly longest: number[] = [];
  private readonly causesSeen = new Set<string>();

  constructor() {
    this.run = new RunBuilder(1);
    this.runs.push(this.run);
  }

  /** A JVM restart: the next events belong to a new run (unless the current one is still empty). */
  newRun(line: number, why: string): RunBuilder {
    const cur = this.run;
    const empty = cur.eventCount === 0 && cur.safepoints.count === 0 && cur.concurrentCount === 0;
    if (empty) {
      cur.firstLine = Math.min(cur.firstLine, line);
      return cur;
    }
    this.run = new RunBuilder(line);
    this.runs.push(this.run);
    if (this.restartNotes++ < 20) this.problems.push({ level: 'note', line, text: `a new JVM run starts at line ${line} (${why})` });
    return this.run;
  }

  /** Keeps a line's text for citing (bounded: a 1 GB log keeps a few thousand lines). */
  keep(line: number, text: string): void {
    if (this.excerpts.size < MAX_EXCERPTS) this.excerpts.set(line, text.length > 400 ? text.slice(0, 400) + '…' : text);
  }

  /** After an event was pushed: keep its line when it is not an ordinary young pause, or is among the longest. */
  keepEvent(line: number, text: string, ordinary: boolean, cause: string, durationMs: number): void {
    let keepIt = !ordinary || !this.causesSeen.has(cause);
    this.causesSeen.add(cause);
    if (Number.isFinite(durationMs)) {
      const l = this.longest;
      if (l.length < 20 || durationMs > l[l.length - 1]) {
        keepIt = true;
        l.push(durationMs);
        l.sort((a, b) => b - a);
        if (l.length > 20) l.pop();
      }
    }
    if (keepIt) this.keep(line, text);
  }

  event(): void {
    this.counts.events++;
  }

  detail(): void {
    this.counts.details++;
  }

  other(line: number, text: string): void {
    this.counts.other++;
    if (this.otherLines.length < MAX_LISTED) this.otherLines.push({ line, text: text.slice(0, 300) });
  }

  unknown(line: number, text: string): void {
    this.unrecognisedCount++;
    if (this.unrecognised.length < MAX_LISTED) this.unrecognised.push({ line, text: text.slice(0, 300) });
  }

  cut(line: number, what: string): void {
    this.counts.cut++;
    if (this.counts.cut <= 20) this.problems.push({ level: 'problem', line, text: `line ${line}: ${what}` });
  }

  /** Sets the run's collector from the first hint seen (a banner beats generation names). */
  collector(c: GcCollector, certain = false): void {
    if (this.run.collector === 'Unknown' || certain) this.run.collector = c;
  }

  /** Legacy logs name no collector: the generation names tell. */
  guessCollector(text: string): void {
    if (this.run.collector !== 'Unknown') return;
    for (const c of COLLECTORS) {
      if (c.legacyMarkers.test(text)) {
        this.run.collector = c.collector;
        return;
      }
    }
  }
}
