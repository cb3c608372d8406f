// What a log says about its time zone. Container runtimes stamp each line in UTC (docker --timestamps,
// json-file "time", CRI), while the JVM's own log stamps carry no zone (Tomcat's OneLineFormatter,
// Logback's and Log4j2's default patterns print the JVM's default-zone wall clock). Where one line holds
// both, their difference is the server's UTC offset — what the diagnosis needs to put this log and other
// zone-less logs on one time line with UTC ones (rules/log-timeline.ts, diagnosis/log-clocks.ts).
//
// Reference: moby daemon/logger (docker --timestamps and json-file "time": UTC, RFC3339Nano); Kubernetes
// CRI log format (RFC3339Nano with the node's offset); org.apache.juli.OneLineFormatter and
// java.util.logging.SimpleFormatter (local time of java.util.TimeZone.getDefault()).

import type { LogPoint, LogZone } from './types.js';
import { parseStamp } from './timestamps.js';

/** Lines sampled: the offset shows on the first lines; later ones only cost time. */
const MAX_SAMPLES = 64;
const MAX_TRIES = 1000;
const QUARTER_HOUR_MS = 15 * 60_000;
/** Zone offsets on Earth lie within UTC-12 … UTC+14; a larger difference is not a zone (a replayed or delayed line). */
const MAX_OFFSET_MINUTES = 14 * 60;

export class ZoneEvidence {
  private samples = 0;
  /** Lines offered: bounded too, so a log whose inner "stamps" never parse stops costing parses. */
  private tries = 0;
  private readonly byOffset = new Map<number, { count: number; line: number; text: string }>();

  /** A line with the runtime's zoned stamp `wrapperTime` whose inner text (the JVM's line) starts with its own stamp. */
  both(wrapperTime: string, inner: string, lineNo: number): void {
    if (this.samples >= MAX_SAMPLES || this.tries++ >= MAX_TRIES) return;
    const outer = parseStamp(wrapperTime);
    const own = parseStamp(inner);
    if (!outer?.zoned || outer.epochMs === undefined || !own || own.zoned || own.epochMs === undefined) return;
    this.samples++;
    // The runtime stamps the line a few ms after the JVM wrote it: round to the quarter hour zones use.
    const minutes = (Math.round((own.epochMs - outer.epochMs) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS) / 60_000;
    if (Math.abs(minutes) > MAX_OFFSET_MINUTES) return;
    const known = this.byOffset.get(minutes);
    if (known) known.count++;
    else this.byOffset.set(minutes, { count: 1, line: lineNo, text: `${wrapperTime} ${own.time}` });
  }

  /** The log's zone: whether its points are UTC instants (from first and last), and the inferred offset. */
  result(first: LogPoint | undefined, last: LogPoint | undefined): LogZone | undefined {
    const kinds = [first, last].filter((p): p is LogPoint => p?.time !== undefined).map((p) => (parseStamp(p.time!)?.zoned ? 'utc' : 'local'));
    if (kinds.length === 0) return undefined;
    const zone: LogZone = { kind: kinds.every((k) => k === kinds[0]) ? kinds[0] : 'mixed' };
    let best: [number, { count: number; line: number; text: string }] | undefined;
    for (const e of this.byOffset) if (!best || e[1].count > best[1].count) best = e;
    // Most sampled lines must agree: a log whose inner stamps wander (replayed, buffered) tells nothing.
    if (best && best[1].count * 2 > this.samples) {
      zone.utcOffsetMinutes = best[0];
      zone.offsetEvidence = { line: best[1].line, text: best[1].text, samples: this.samples, agreeing: best[1].count };
    }
    return zone;
  }
}
