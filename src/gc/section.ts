// The report document's `sections.gc[]` (issue 12's public contract) from a parsed log and its
// analysis: per run the summary numbers, the pause and cause tables, and the series the charts draw
// (heap before/after, capacity, live set with its trend, pauses, allocation rate), thinned to a
// bounded number of points so a million-event log still makes a small document.

import type { GcRun, GcSection, Series, Table } from '../model/document.js';
import { EVENT_KIND_INFO, EVENT_KINDS } from '../knowledge/gc-events.js';
import type { GcLogReport } from '../parsers/gc-log/types.js';
import { analyzeRuns, type GcRunAnalysis } from './analyze.js';

const cache = new WeakMap<GcLogReport, GcRunAnalysis[]>();

/** The analysis of each run of a parsed log, computed once per report object (rules share it). */
export function analysisOf(report: GcLogReport): GcRunAnalysis[] {
  let a = cache.get(report);
  if (!a) cache.set(report, (a = analyzeRuns(report.runs)));
  return a;
}

/** At most this many points per series: enough for a chart, small in JSON. */
export const MAX_POINTS = 1500;

/** Keeps every point when few; else per bucket the min and max (the shape a chart needs). */
export function thin(points: [number, number][], max = MAX_POINTS): [number, number][] {
  if (points.length <= max) return points;
  const buckets = Math.floor(max / 2);
  const x0 = points[0][0];
  const span = points[points.length - 1][0] - x0 || 1;
  const out: [number, number][] = [];
  let b = -1;
  let lo: [number, number] | undefined;
  let hi: [number, number] | undefined;
  const flush = () => {
    if (!lo || !hi) return;
    if (lo === hi) out.push(lo);
    else if (lo[0] <= hi[0]) out.push(lo, hi);
    else out.push(hi, lo);
  };
  for (const p of points) {
    const pb = Math.min(buckets - 1, Math.floor(((p[0] - x0) / span) * buckets));
    if (pb !== b) {
      flush();
      b = pb;
      lo = hi = p;
    } else {
      if (p[1] < lo![1]) lo = p;
      if (p[1] > hi![1]) hi = p;
    }
  }
  flush();
  return out;
}

export function seriesOf(a: GcRunAnalysis): Series[] {
  const e = a.run.events;
  const before: [number, number][] = [];
  const after: [number, number][] = [];
  const capacity: [number, number][] = [];
  const pauses: [number, number][] = [];
  const alloc: [number, number][] = [];
  let prevAfter = NaN;
  let prevT = NaN;
  for (let i = 0; i < e.count; i++) {
    const t = e.uptimeMs[i];
    if (!Number.isFinite(t)) continue;
    const b = e.heapBefore[i];
    const af = e.heapAfter[i];
    const c = e.heapCapacity[i];
    if (Number.isFinite(b)) before.push([t, b]);
    if (Number.isFinite(af)) after.push([t, af]);
    if (Number.isFinite(c) && (capacity.length === 0 || capacity[capacity.length - 1][1] !== c)) capacity.push([t, c]);
    if (EVENT_KIND_INFO[EVENT_KINDS[e.kind[i]]].pause && Number.isFinite(e.durationMs[i])) pauses.push([t, e.durationMs[i]]);
    if (Number.isFinite(b) && Number.isFinite(prevAfter) && t > prevT && b >= prevAfter) alloc.push([t, ((b - prevAfter) / (t - prevT)) * 1000]);
    if (Number.isFinite(af)) {
      prevAfter = af;
      prevT = t;
    }
  }
  const out: Series[] = [];
  if (before.length) out.push({ name: 'heap before GC', unit: 'bytes', x: 'uptime-ms', points: thin(before), style: 'points' });
  if (after.length) out.push({ name: 'heap after GC', unit: 'bytes', x: 'uptime-ms', points: thin(after), style: 'points' });
  if (capacity.length) out.push({ name: 'heap capacity', unit: 'bytes', x: 'uptime-ms', points: thin(capacity), style: 'step' });
  const ls = a.liveSet;
  if (ls.points.length) {
    const s: Series = { name: ls.basis === 'lower-envelope' ? 'live set (lowest heap after GC)' : 'live set after full/mixed/old GC', unit: 'bytes', x: 'uptime-ms', points: thin(ls.points) };
    // The trend is fitted per hour; the series' x is in ms.
    if (ls.slopeBytesPerHour !== null) s.trend = { slope: ls.slopeBytesPerHour / 3_600_000, intercept: ls.intercept };
    out.push(s);
  }
  if (pauses.length) out.push({ name: 'pause', unit: 'ms', x: 'uptime-ms', points: thin(pauses), style: 'points' });
  if (alloc.length) out.push({ name: 'allocation rate', unit: 'bytes/s', x: 'uptime-ms', points: thin(alloc) });
  return out;
}

export function tablesOf(a: GcRunAnalysis): Table[] {
  const stat = (label: string) => [
    { label, type: 'text' as const, key: label.toLowerCase() },
    { label: 'Count', type: 'count' as const, key: 'count' },
    { label: 'Total', type: 'duration' as const, key: 'totalMs' },
    { label: 'p50', type: 'duration' as const, key: 'p50Ms' },
    { label: 'p95', type: 'duration' as const, key: 'p95Ms' },
    { label: 'p99', type: 'duration' as const, key: 'p99Ms' },
    { label: 'Max', type: 'duration' as const, key: 'maxMs' },
  ];
  const pauseTable: Table = {
    title: 'Pauses by kind',
    columns: stat('Kind'),
    rows: a.byKind.map((k) => [k.label, k.count, k.totalMs, k.p50Ms, k.p95Ms, k.p99Ms, k.maxMs]),
  };
  const causeTable: Table = {
    title: 'GC causes',
    columns: [...stat('Cause'), { label: 'Concurrent cycles', type: 'count', key: 'cycles' }],
    rows: a.byCause.map((c) => [c.cause, c.count, c.totalMs, c.p50Ms, c.p95Ms, c.p99Ms, c.maxMs, c.cycles]),
  };
  return [pauseTable, causeTable];
}

export function gcRunOf(a: GcRunAnalysis): GcRun {
  const r = a.run;
  const out: GcRun = {
    collector: r.collector,
    events: a.events,
    pauses: { count: a.pauses.count, totalMs: a.pauses.totalMs, maxMs: a.pauses.maxMs, p50Ms: a.pauses.p50Ms, p95Ms: a.pauses.p95Ms, p99Ms: a.pauses.p99Ms },
    throughputPercent: a.throughputPercent,
    liveSet: { points: thin(a.liveSet.points), slopeBytesPerHour: a.liveSet.slopeBytesPerHour, confidence: a.liveSet.confidence },
    tables: tablesOf(a),
    series: seriesOf(a),
  };
  out.verdict = { kind: a.verdict.kind, confidence: a.verdict.confidence, reason: a.verdict.reason, hoursToOom: a.liveSet.hoursToOom };
  out.lines = { first: r.firstLine, last: r.lastLine };
  out.summary = {
    wallMs: a.wallMs,
    concurrentMs: a.concurrentMs,
    allocationBytesPerSec: a.allocationBytesPerSec,
    promotionBytesPerSec: a.promotionBytesPerSec,
    heapMaxBytes: a.heap.limitBytes || null,
    heapMaxAfterBytes: a.heap.maxAfterBytes,
    liveSetBasis: a.liveSet.basis,
    liveSetLastBytes: a.liveSet.lastBytes,
    fullGcs: a.full.count,
    explicitGcs: a.explicit.count,
    toSpaceExhausted: a.failures.toSpaceExhausted,
    promotionFailed: a.failures.promotionFailed,
    concurrentModeFailures: a.failures.concurrentModeFailure,
    degenerated: a.failures.degenerated,
    humongousPauses: a.humongous.pauses,
    metaspaceMaxBytes: a.metaspace.maxAfterBytes,
    metaspaceThresholdGcs: a.metaspace.thresholdGcs,
    safepoints: r.safepoints.count,
    safepointTotalMs: Math.round(r.safepoints.totalMs * 1000) / 1000,
    safepointMaxMs: r.safepoints.maxMs,
    timeToSafepointMaxMs: r.safepoints.ttspMaxMs,
    allocationStalls: r.stalls.count,
    beginsMidRun: r.beginsMidRun,
    cpus: r.cpus ?? null,
  };
  if (r.flags.length) out.flags = r.flags;
  if (r.jvmVersion) out.jvmVersion = r.jvmVersion;
  if (r.startedAt) out.startedAt = r.startedAt;
  return out;
}

export function gcSectionOf(file: string, report: GcLogReport): GcSection {
  return { file, runs: analysisOf(report).map(gcRunOf) };
}
