// What the GC-log parser returns: per JVM run, the events as columns (typed arrays: a 1 GB log holds
// millions of events, an object per event would cost more than the log), plus the header, safepoints,
// failures and the counts of lines it read, recognised, tolerated or could not place.

import type { GcCollector } from '../../model/document.js';

export type GcLogFormat = 'unified' | 'legacy';

/** Events of one run, column by column; index i across every array is one event. NaN = not printed. */
export interface GcEventColumns {
  count: number;
  /** Milliseconds since JVM start (or since the first wall-clock stamp when the log has no uptime). */
  uptimeMs: Float64Array;
  /** Pause (or cycle) duration in ms. */
  durationMs: Float64Array;
  /** EVENT_KINDS index (src/knowledge/gc-events.ts). */
  kind: Uint8Array;
  /** Index into GcLogRun.causes. */
  cause: Uint16Array;
  /** EVENT_FLAG bits. */
  flags: Uint16Array;
  heapBefore: Float64Array;
  heapAfter: Float64Array;
  heapCapacity: Float64Array;
  /** Young generation before/after (for promotion), old generation after. */
  youngBefore: Float64Array;
  youngAfter: Float64Array;
  oldAfter: Float64Array;
  metaBefore: Float64Array;
  metaAfter: Float64Array;
  metaCapacity: Float64Array;
  /** G1 humongous regions before the pause. */
  humongousBefore: Float64Array;
  /** CPU seconds of the GC threads, and wall seconds (Times: user= sys= real=). */
  user: Float32Array;
  sys: Float32Array;
  real: Float32Array;
  /** 1-based line the event was printed on (its summary line). */
  line: Uint32Array;
}

export interface GcSafepoints {
  count: number;
  totalMs: number;
  maxMs: number;
  maxLine: number;
  /** Time to safepoint (reaching / stopping threads). */
  ttspMaxMs: number;
  ttspMaxLine: number;
  ttspTotalMs: number;
  /** Safepoints whose total exceeded 1 s / whose time to safepoint exceeded 100 ms. */
  overSecond: number;
  ttspOver100Ms: number;
}

export interface GcLogRun {
  firstLine: number;
  lastLine: number;
  collector: GcCollector | 'Unknown';
  jvmVersion?: string;
  /** ISO-8601 start of the run, from date stamps (minus uptime) when the log has them. */
  startedAt?: string;
  /** Wall clock at uptime 0, epoch ms, when known. */
  epochAtZeroMs?: number;
  /** True when the run's first lines are not its start (no header, first uptime well past 0). */
  beginsMidRun: boolean;
  cpus?: number;
  cpusAvailable?: number;
  memoryBytes?: number;
  heapInitialBytes?: number;
  heapMaxBytes?: number;
  regionBytes?: number;
  /** Command-line flags from the header (`CommandLine flags:` / `-Xlog:arguments` JVM Args). */
  flags: string[];
  flagsLine?: number;
  headerLine?: number;
  /** Cause strings, indexed by GcEventColumns.cause (0 = none printed). */
  causes: string[];
  events: GcEventColumns;
  /** Concurrent phases / cycles (not pauses): how many and their summed wall time. */
  concurrent: { count: number; totalMs: number };
  safepoints: GcSafepoints;
  /** ZGC allocation / relocation stalls: threads blocked waiting for memory. */
  stalls: { count: number; totalMs: number; maxMs: number; firstLine: number };
  /** Shenandoah: cancelled concurrent cycles (allocation failure). */
  cancelledCycles: number;
  /** G1 JDK ≤ 16 "To-space exhausted" lines (JDK 17+ marks the pause instead). */
  toSpaceExhaustedLines: number[];
  /** Metaspace / class space allocation failures reported by the JVM. */
  metaspaceOomLines: number[];
  /** Tenuring: samples of (new threshold, max threshold) from -XX:+PrintTenuringDistribution / gc+age. */
  tenuring: { samples: number; belowMax: number; minThreshold: number; maxThreshold: number; firstLowLine: number };
  firstUptimeMs: number;
  lastUptimeMs: number;
}

export interface GcLogLine {
  line: number;
  text: string;
}

export interface GcLogReport {
  format: GcLogFormat;
  runs: GcLogRun[];
  /** Line counts: `events` GC event lines, `details` lines recognised as parts of GC output (phases, heap-at-GC, header …), `other` non-GC lines (application stdout). */
  counts: { lines: number; events: number; details: number; other: number; cut: number };
  /** GC-looking lines the parser could not read (capped): the corpus test wants none. */
  unrecognised: GcLogLine[];
  unrecognisedCount: number;
  /** Non-GC lines (capped): what the corpus test checks against its tolerated list. */
  otherLines: GcLogLine[];
  /** Text of the lines findings cite, by line number (unusual events, the longest pauses, headers; bounded). */
  excerpts: Record<number, string>;
  /** Problems met while reading (cut events, restarts, clock jumps), for the input's notes. */
  problems: { level: 'problem' | 'note'; text: string; line?: number }[];
}
