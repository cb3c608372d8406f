// What repeated jstat samples say that one sample cannot: how often collections run, what share of the
// wall-clock time goes to GC, and whether the old generation and metaspace keep growing. The counters
// (YGC, FGC, GCT…) are cumulative since JVM start, so rates come from differences between samples; the
// time between samples comes from the -t Timestamp column (seconds since JVM start, exact) or else from
// the interval on the jstat command line (`jstat -gc <pid> 1000 10`: every 1000 ms; "1s" also works).
// Reference: jdk.jcmd sun/tools/jstat/Arguments.java (interval "<n>[ms|s]", default ms; count).

import type { JstatReport, JstatSample } from '../parsers/jstat/types.js';

export interface Trend {
  first: number;
  last: number;
  /** Unit of first/last: 'KB' for capacities/usages, 'percent' for -gcutil columns, 'count' for classes. */
  unit: 'KB' | 'percent' | 'count';
  column: string;
  /** Share of consecutive steps that did not go down (1 = never shrank). */
  steadiness: number;
}

export interface JstatDerived {
  samples: number;
  /** Seconds between the first and last sample, and how it was known. */
  wallSeconds?: number;
  timeBasis?: 'Timestamp column (-t)' | 'interval on the command line';
  youngGcs?: number;
  fullGcs?: number;
  youngGcPerMinute?: number;
  fullGcPerMinute?: number;
  /** GCT difference / wall time between first and last sample, 0…1. */
  gcTimeShare?: number;
  /** Old-generation use across samples (OU in KB, else O %). */
  old?: Trend;
  /** Old-generation use right after each full GC (the live set) when it rose every time. */
  oldAfterFullGcRising?: { values: number[]; unit: 'KB' | 'percent' };
  /** Metaspace committed (MC) or used (MU/M) across samples. */
  metaspace?: Trend;
  /** Classes loaded (-class Loaded) across samples, and unloaded at the end. */
  classes?: Trend & { unloaded?: number };
}

/** The sampling interval in seconds from a jstat command line ("jstat -gc -t 4242 1000 10" → 1). */
export function jstatIntervalSeconds(command: string | undefined): number | undefined {
  if (!command) return undefined;
  const words = command.trim().split(/\s+/);
  const i = words.findIndex((w) => /(^|\/)jstat$/.test(w));
  const rest = words.slice(i + 1).filter((w) => !w.startsWith('-'));
  // rest: vmid, interval, count
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(rest[1] ?? '');
  if (!m) return undefined;
  return m[2] === 's' ? Number(m[1]) : Number(m[1]) / 1000;
}

function trend(samples: JstatSample[], column: string, unit: Trend['unit']): Trend | undefined {
  const values = samples.map((s) => s.values[column]).filter((v): v is number => v != null);
  if (values.length < 2) return undefined;
  let up = 0;
  for (let i = 1; i < values.length; i++) if (values[i] >= values[i - 1]) up++;
  return { first: values[0], last: values[values.length - 1], unit, column, steadiness: up / (values.length - 1) };
}

export function deriveJstat(report: JstatReport): JstatDerived {
  const s = report.samples;
  const out: JstatDerived = { samples: s.length };
  if (s.length < 2) return out;
  const first = s[0];
  const last = s[s.length - 1];
  if (first.timestamp !== undefined && last.timestamp !== undefined && last.timestamp > first.timestamp) {
    out.wallSeconds = last.timestamp - first.timestamp;
    out.timeBasis = 'Timestamp column (-t)';
  } else {
    const interval = jstatIntervalSeconds(report.command?.value);
    if (interval) {
      out.wallSeconds = interval * (s.length - 1);
      out.timeBasis = 'interval on the command line';
    }
  }
  const delta = (col: string) => {
    const a = first.values[col];
    const b = last.values[col];
    return a != null && b != null ? b - a : undefined;
  };
  out.youngGcs = delta('YGC');
  out.fullGcs = delta('FGC');
  if (out.wallSeconds) {
    const perMin = (n: number | undefined) => (n === undefined ? undefined : (n * 60) / out.wallSeconds!);
    out.youngGcPerMinute = perMin(out.youngGcs);
    out.fullGcPerMinute = perMin(out.fullGcs);
    const gct = delta('GCT');
    if (gct !== undefined) out.gcTimeShare = Math.max(0, gct) / out.wallSeconds;
  }
  out.old = trend(s, 'OU', 'KB') ?? trend(s, 'O', 'percent');
  if (out.old) {
    const after: number[] = [];
    for (let i = 1; i < s.length; i++) {
      const f0 = s[i - 1].values.FGC;
      const f1 = s[i].values.FGC;
      const v = s[i].values[out.old.column];
      if (f0 != null && f1 != null && f1 > f0 && v != null) after.push(v);
    }
    if (after.length >= 2 && after.every((v, i) => i === 0 || v > after[i - 1])) out.oldAfterFullGcRising = { values: after, unit: out.old.unit === 'percent' ? 'percent' : 'KB' };
  }
  out.metaspace = trend(s, 'MC', 'KB') ?? trend(s, 'MU', 'KB') ?? trend(s, 'M', 'percent');
  const classes = trend(s, 'Loaded', 'count');
  if (classes) out.classes = { ...classes, ...(last.values.Unloaded != null ? { unloaded: last.values.Unloaded } : {}) };
  return out;
}

/** A trend that grew by at least `minShare` and mostly never shrank. */
export function growing(t: Trend | undefined, minShare = 0.2): boolean {
  return !!t && t.first >= 0 && t.last > t.first * (1 + minShare) && t.steadiness >= 0.7;
}
