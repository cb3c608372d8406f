// GC-log analysis: one pass over each run's event columns (typed arrays, no object per event) gives
// what the issue asks per JVM run — pauses (count, total, percentiles) by cause and by kind,
// throughput, concurrent time, allocation and promotion rates, heap before/after/capacity, the live set
// after each full/mixed/old collection with its least-squares trend, confidence and time to OOM,
// metaspace, humongous allocations, failures, safepoints, CPU anomalies and explicit GCs. Rules read
// this; the `gc` command renders it.

import { EVENT_FLAG, EVENT_KINDS, EVENT_KIND_INFO, KIND_CODE, causeEntry, type CauseCategory } from '../knowledge/gc-events.js';
import type { GcLogRun } from '../parsers/gc-log/types.js';

export interface PauseStats {
  count: number;
  totalMs: number;
  maxMs: number;
  /** Line of the longest pause. */
  maxLine: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface CauseRow extends PauseStats {
  cause: string;
  category: CauseCategory | 'none';
  /** Events of this cause that are not pauses (ZGC cycles). */
  cycles: number;
  firstLine: number;
}

export interface KindRow extends PauseStats {
  kind: string;
  label: string;
}

export interface LiveSet {
  /** [uptime ms, bytes after the collection] */
  points: [number, number][];
  lines: number[];
  /** What the points are: after full/mixed/old collections, or the lower envelope of every GC's "after". */
  basis: 'old-collections' | 'lower-envelope' | 'none';
  slopeBytesPerHour: number | null;
  intercept: number;
  /** R² of the fit, 0–1. */
  r2: number;
  /** 0–1: R² discounted for few points and for the envelope basis. */
  confidence: number;
  firstBytes: number;
  lastBytes: number;
  /** Heap ceiling the trend runs into (max heap from the header, or the largest capacity seen). */
  limitBytes: number;
  /** Hours from the last point until the trend reaches the limit; null when not rising. */
  hoursToOom: number | null;
}

export interface FailureCounts {
  toSpaceExhausted: number;
  promotionFailed: number;
  concurrentModeFailure: number;
  degenerated: number;
  fullGcs: number;
  gcTimeLimit: number;
  metaspaceOom: number;
  /** First line of each, 0 when none. */
  firstLine: Record<'toSpaceExhausted' | 'promotionFailed' | 'concurrentModeFailure' | 'degenerated' | 'fullGcs' | 'gcTimeLimit', number>;
}

/**
 * Leak or undersized, from the live set: `leak` when it rises steadily (a fit that explains most of
 * the variation and grows by ≥ 10 % of the heap limit over the log), `undersized` when it is flat but
 * ≥ 70 % of the limit (no room left for allocation: frequent, ineffective full GCs), `fits` when flat
 * and well below, `unknown` without enough points.
 */
export interface LiveSetVerdict {
  kind: 'leak' | 'undersized' | 'fits' | 'unknown';
  confidence: number;
  /** Growth the trend explains over the points' span, bytes. */
  growthBytes: number;
  /** Full GCs that started at ≥ 85 % of the limit and freed < 10 %: the heap was exhausted. */
  /** Last live-set point as a share of the limit, 0–100. */
  lastPercentOfLimit: number;
  reason: string;
}

export interface GcRunAnalysis {
  run: GcLogRun;
  verdict: LiveSetVerdict;
  index: number;
  /** Wall time the run spans in the log, ms. */
  wallMs: number;
  events: number;
  pauses: PauseStats;
  byCause: CauseRow[];
  byKind: KindRow[];
  throughputPercent: number;
  /** Share of wall time in pauses, 0–100. */
  pausePercent: number;
  concurrentMs: number;
  allocationBytesPerSec: number | null;
  promotionBytesPerSec: number | null;
  heap: { maxBeforeBytes: number; maxAfterBytes: number; maxCapacityBytes: number; minCapacityBytes: number; limitBytes: number; resizes: number };
  liveSet: LiveSet;
  metaspace: { maxAfterBytes: number; maxCapacityBytes: number; thresholdGcs: number; firstLine: number };
  humongous: { pauses: number; maxRegions: number; firstLine: number };
  failures: FailureCounts;
  full: {
    count: number;
    totalMs: number;
    lines: number[];
    /** Longest run of consecutive full GCs each freeing < 10 % of the heap. */
    ineffectiveStreak: number;
    ineffectiveStreakLine: number;
    /** Back-to-back full GCs less than 1 s apart. */
    backToBack: number;
    /** Full GCs something asked for (System.gc(), a heap dump or histogram, a jcmd/JVMTI request): not a collector giving up. */
    requested: number;
    /** Lines of the other full GCs (the collector's own), at most 1000. */
    unrequestedLines: number[];
  };
  /** System.gc() and similar calls (a young + full pair at one instant counts once), their pause time and lines. */
  explicit: { count: number; totalMs: number; lines: number[] };
  gcLocker: { count: number; firstLine: number };
  cpu: {
    /** Events with sys > user (and a measurable real time). */
    sysOverUser: number;
    sysOverUserLine: number;
    /** Events with real > 2 × (user + sys) and real ≥ 100 ms: the GC threads were waiting, not working. */
    realOverCpu: number;
    realOverCpuLine: number;
    /** Multi-threaded collectors whose pause used less CPU than wall time (user + sys < real). */
    invertedParallelism: number;
    invertedLine: number;
    /** Events with a Times/User= reading. */
    timed: number;
  };
  /** Young collections whose old generation grew by more than the young generation shrank, per GC. */
  promotion: { youngGcs: number; maxPromotedBytes: number };
}

const PAUSE_KIND = new Uint8Array(EVENT_KINDS.map((k) => (EVENT_KIND_INFO[k].pause ? 1 : 0)));
const LIVE_KIND = new Uint8Array(EVENT_KINDS.map((k) => (EVENT_KIND_INFO[k].liveSetPoint ? 1 : 0)));

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function stats(durations: number[] | Float64Array, maxLine: number): PauseStats {
  const sorted = Float64Array.from(durations).sort();
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += sorted[i];
  return {
    count: sorted.length,
    totalMs: round3(total),
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    maxLine,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Least squares y = a + b·x; returns b, a and R². */
export function fit(xs: number[], ys: number[]): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sy += ys[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, intercept: my, r2: 0 };
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: my - slope * mx, r2 };
}

export function analyzeRun(run: GcLogRun, index: number): GcRunAnalysis {
  const e = run.events;
  const n = e.count;
  const pauseDur: number[] = [];
  let pauseMaxLine = 0;
  let pauseMax = -1;
  const causeDur = new Map<number, number[]>();
  const causeCycles = new Map<number, number>();
  const causeFirst = new Map<number, number>();
  const causeMaxLine = new Map<number, [number, number]>();
  const kindDur: number[][] = EVENT_KINDS.map(() => []);
  const kindMaxLine: number[] = EVENT_KINDS.map(() => 0);
  const kindMax: number[] = EVENT_KINDS.map(() => -1);
  let maxBefore = 0;
  let maxAfter = 0;
  let maxCap = 0;
  let minCap = Infinity;
  let resizes = 0;
  let prevCap = NaN;
  let allocated = 0;
  let prevAfter = NaN;
  let allocFrom = NaN;
  let allocTo = NaN;
  let promoted = 0;
  let promoFrom = NaN;
  let promoTo = NaN;
  let youngGcs = 0;
  let maxPromoted = 0;
  const live: [number, number][] = [];
  let lastLiveFull = false;
  let youngSinceLive = 0;
  const liveLines: number[] = [];
  const failures: FailureCounts = {
    toSpaceExhausted: 0, promotionFailed: 0, concurrentModeFailure: 0, degenerated: 0, fullGcs: 0, gcTimeLimit: 0, metaspaceOom: run.metaspaceOomLines.length,
    firstLine: { toSpaceExhausted: 0, promotionFailed: 0, concurrentModeFailure: 0, degenerated: 0, fullGcs: 0, gcTimeLimit: 0 },
  };
  const full = { count: 0, totalMs: 0, lines: [] as number[], ineffectiveStreak: 0, ineffectiveStreakLine: 0, backToBack: 0, requested: 0, unrequestedLines: [] as number[] };
  let streak = 0;
  let exhaustedFulls = 0;
  let streakLine = 0;
  let lastFullEnd = NaN;
  let lastExplicitEnd = NaN;
  const explicit = { count: 0, totalMs: 0, lines: [] as number[] };
  const gcLocker = { count: 0, firstLine: 0 };
  const humongous = { pauses: 0, maxRegions: 0, firstLine: 0 };
  const meta = { maxAfterBytes: 0, maxCapacityBytes: 0, thresholdGcs: 0, firstLine: 0 };
  const cpu = { sysOverUser: 0, sysOverUserLine: 0, realOverCpu: 0, realOverCpuLine: 0, invertedParallelism: 0, invertedLine: 0, timed: 0 };
  const multiThreaded = run.collector !== 'Serial' && (run.cpus ?? 2) > 1;
  const fullKind = KIND_CODE.full;
  const youngKind = KIND_CODE.young;
  const degeneratedKind = KIND_CODE.degenerated;
  const minorFlag = EVENT_FLAG.minor;
  const mark = (k: keyof FailureCounts['firstLine'], line: number) => {
    (failures[k] as number)++;
    if (!failures.firstLine[k]) failures.firstLine[k] = line;
  };

  for (let i = 0; i < n; i++) {
    const kind = e.kind[i];
    const d = e.durationMs[i];
    const line = e.line[i];
    const flags = e.flags[i];
    const cause = e.cause[i];
    const isPause = PAUSE_KIND[kind] === 1;
    if (isPause && Number.isFinite(d)) {
      pauseDur.push(d);
      if (d > pauseMax) {
        pauseMax = d;
        pauseMaxLine = line;
      }
      let arr = causeDur.get(cause);
      if (!arr) causeDur.set(cause, (arr = []));
      arr.push(d);
      const cm = causeMaxLine.get(cause);
      if (!cm || d > cm[0]) causeMaxLine.set(cause, [d, line]);
      kindDur[kind].push(d);
      if (d > kindMax[kind]) {
        kindMax[kind] = d;
        kindMaxLine[kind] = line;
      }
    } else if (!isPause) causeCycles.set(cause, (causeCycles.get(cause) ?? 0) + 1);
    if (!causeFirst.has(cause)) causeFirst.set(cause, line);

    const before = e.heapBefore[i];
    const after = e.heapAfter[i];
    const cap = e.heapCapacity[i];
    if (before > maxBefore) maxBefore = before;
    if (after > maxAfter) maxAfter = after;
    if (cap > maxCap) maxCap = cap;
    if (cap < minCap) minCap = cap;
    if (Number.isFinite(cap)) {
      if (Number.isFinite(prevCap) && Math.abs(cap - prevCap) > prevCap * 0.02) resizes++;
      prevCap = cap;
    }
    // Allocation: what the heap grew by between the end of one GC and the start of the next.
    if (Number.isFinite(before) && Number.isFinite(e.uptimeMs[i])) {
      if (Number.isFinite(prevAfter) && before >= prevAfter) {
        allocated += before - prevAfter;
        allocTo = e.uptimeMs[i];
      }
      if (!Number.isFinite(allocFrom)) allocFrom = e.uptimeMs[i];
    }
    if (Number.isFinite(after) && (kind !== KIND_CODE.remark && kind !== KIND_CODE['initial-mark'])) prevAfter = after;

    // Promotion: in a young GC, what left the young generation but not the heap.
    if (kind === youngKind) {
      youngGcs++;
      const yb = e.youngBefore[i];
      const ya = e.youngAfter[i];
      if (Number.isFinite(yb) && Number.isFinite(ya) && Number.isFinite(before) && Number.isFinite(after)) {
        const p = yb - ya - (before - after);
        if (p > 0) {
          promoted += p;
          if (p > maxPromoted) maxPromoted = p;
        }
        if (!Number.isFinite(promoFrom)) promoFrom = e.uptimeMs[i];
        promoTo = e.uptimeMs[i];
      }
    }

    // Live set: after collections that leave only live data (full, mixed, ZGC/Shenandoah cycles).
    if (LIVE_KIND[kind] === 1 && !(flags & minorFlag) && Number.isFinite(after) && Number.isFinite(e.uptimeMs[i])) {
      // Full GCs with only futile young GCs between them (G1 and Parallel follow a failed one with a
      // second that clears soft references; a full heap makes every young GC free nothing) are one episode: its lowest "after" is the live set, the others hold garbage.
      if (kind === fullKind && lastLiveFull && youngSinceLive === 0 && live.length > 0) {
        const last = live[live.length - 1];
        if (after <= last[1]) {
          live[live.length - 1] = [e.uptimeMs[i], after];
          liveLines[liveLines.length - 1] = line;
        } else {
          live.push([e.uptimeMs[i], after]);
          liveLines.push(line);
        }
      } else {
        live.push([e.uptimeMs[i], after]);
        liveLines.push(line);
      }
      lastLiveFull = kind === fullKind;
      youngSinceLive = 0;
    } else if (isPause && kind !== fullKind && LIVE_KIND[kind] !== 1 && before - after >= 0.05 * cap) {
      // A young GC that freed something ends the episode; one that freed nothing (the heap is full) does not.
      youngSinceLive++;
    }

    if (flags & EVENT_FLAG.toSpaceExhausted) mark('toSpaceExhausted', line);
    if (flags & EVENT_FLAG.promotionFailed) mark('promotionFailed', line);
    if (flags & EVENT_FLAG.concurrentModeFailure) mark('concurrentModeFailure', line);
    if (flags & EVENT_FLAG.gcTimeLimit) mark('gcTimeLimit', line);
    if (kind === degeneratedKind) mark('degenerated', line);
    const entry = cause ? causeEntry(run.causes[cause]) : undefined;
    if (kind === fullKind) {
      mark('fullGcs', line);
      full.count++;
      if (Number.isFinite(d)) full.totalMs += d;
      if (full.lines.length < 1000) full.lines.push(line);
      if (entry?.category === 'explicit' || entry?.category === 'tooling') full.requested++;
      else if (full.unrequestedLines.length < 1000) full.unrequestedLines.push(line);
      const freed = Number.isFinite(before) && Number.isFinite(after) && Number.isFinite(cap) && cap > 0 ? (before - after) / cap : NaN;
      if (freed < 0.1 && Number.isFinite(before) && Number.isFinite(cap) && before >= 0.85 * (run.heapMaxBytes ?? cap)) exhaustedFulls++;
      // Ineffective: a full GC of a nearly full heap that freed < 10 % (a System.gc() of a near-empty heap frees little too, and is no spiral).
      if (freed < 0.1 && before >= 0.7 * cap) {
        if (streak === 0) streakLine = line;
        streak++;
        if (streak > full.ineffectiveStreak) {
          full.ineffectiveStreak = streak;
          full.ineffectiveStreakLine = streakLine;
        }
      } else streak = 0;
      const start = e.uptimeMs[i];
      if (Number.isFinite(lastFullEnd) && start - lastFullEnd < 1000) full.backToBack++;
      lastFullEnd = start + (Number.isFinite(d) ? d : 0);
    }
    if (entry?.category === 'explicit' || (entry?.category === 'tooling' && /Diagnostic|Jvmti/.test(entry.cause))) {
      // Parallel answers one System.gc() with a young and a full GC back to back: one call.
      const t = e.uptimeMs[i];
      if (!(t - lastExplicitEnd < 5)) explicit.count++;
      lastExplicitEnd = t + (Number.isFinite(d) ? d : 0);
      if (Number.isFinite(d) && isPause) explicit.totalMs += d;
      if (explicit.lines.length < 200) explicit.lines.push(line);
    }
    if (flags & EVENT_FLAG.gcLocker) {
      gcLocker.count++;
      if (!gcLocker.firstLine) gcLocker.firstLine = line;
    }
    if (flags & EVENT_FLAG.humongous) {
      humongous.pauses++;
      if (!humongous.firstLine) humongous.firstLine = line;
    }
    const hb = e.humongousBefore[i];
    if (hb > humongous.maxRegions) humongous.maxRegions = hb;
    const ma = e.metaAfter[i];
    if (ma > meta.maxAfterBytes) meta.maxAfterBytes = ma;
    const mc = e.metaCapacity[i];
    if (mc > meta.maxCapacityBytes) meta.maxCapacityBytes = mc;
    if (flags & EVENT_FLAG.metaspace) {
      meta.thresholdGcs++;
      if (!meta.firstLine) meta.firstLine = line;
    }

    const user = e.user[i];
    const sys = e.sys[i];
    const real = e.real[i];
    if (Number.isFinite(real) && Number.isFinite(user)) {
      cpu.timed++;
      if (sys > user && sys >= 0.01) {
        cpu.sysOverUser++;
        if (!cpu.sysOverUserLine) cpu.sysOverUserLine = line;
      }
      if (real >= 0.1 && real > 2 * (user + sys)) {
        cpu.realOverCpu++;
        if (!cpu.realOverCpuLine) cpu.realOverCpuLine = line;
      }
      if (multiThreaded && isPause && real >= 0.05 && user + sys < real && kind !== fullKind) {
        cpu.invertedParallelism++;
        if (!cpu.invertedLine) cpu.invertedLine = line;
      }
    }
  }

  const wallMs = Math.max(0, run.lastUptimeMs - run.firstUptimeMs);
  const pauses = stats(pauseDur, pauseMaxLine);
  const pausePercent = wallMs > 0 ? Math.min(100, (pauses.totalMs / wallMs) * 100) : 0;
  const byCause: CauseRow[] = [];
  for (const ci of new Set([...causeDur.keys(), ...causeCycles.keys()])) {
    const name = run.causes[ci] || '(none printed)';
    const s = stats(causeDur.get(ci) ?? [], causeMaxLine.get(ci)?.[1] ?? 0);
    byCause.push({ ...s, cause: name, category: ci ? causeEntry(name)?.category ?? 'other' : 'none', cycles: causeCycles.get(ci) ?? 0, firstLine: causeFirst.get(ci) ?? 0 });
  }
  byCause.sort((a, b) => b.totalMs - a.totalMs || b.cycles - a.cycles);
  const byKind: KindRow[] = [];
  EVENT_KINDS.forEach((k, i) => {
    if (kindDur[i].length > 0) byKind.push({ ...stats(kindDur[i], kindMaxLine[i]), kind: k, label: EVENT_KIND_INFO[k].label });
  });
  byKind.sort((a, b) => b.totalMs - a.totalMs);

  const limitBytes = run.heapMaxBytes ?? (maxCap > 0 ? maxCap : 0);
  const liveSet = trend(live, liveLines, run, limitBytes);

  const throughputPercent = wallMs > 0 ? round3(100 - pausePercent) : 100;
  return {
    run,
    verdict: verdictOf(liveSet, throughputPercent, exhaustedFulls >= 2 || failures.gcTimeLimit > 0),
    index,
    wallMs,
    events: n,
    pauses,
    byCause,
    byKind,
    throughputPercent,
    pausePercent: round3(pausePercent),
    concurrentMs: round3(run.concurrent.totalMs),
    allocationBytesPerSec: allocTo > allocFrom ? allocated / ((allocTo - allocFrom) / 1000) : null,
    promotionBytesPerSec: promoTo > promoFrom ? promoted / ((promoTo - promoFrom) / 1000) : null,
    heap: { maxBeforeBytes: maxBefore, maxAfterBytes: maxAfter, maxCapacityBytes: maxCap, minCapacityBytes: Number.isFinite(minCap) ? minCap : 0, limitBytes, resizes },
    liveSet,
    metaspace: meta,
    humongous,
    failures,
    full,
    explicit,
    gcLocker,
    cpu,
    promotion: { youngGcs, maxPromotedBytes: maxPromoted },
  };

  /** Live-set points (or the lower envelope of every GC's "after" when too few) and their trend. */
  function trend(points: [number, number][], lines: number[], r: GcLogRun, limit: number): LiveSet {
    let basis: LiveSet['basis'] = 'old-collections';
    let pts = points;
    let lns = lines;
    if (pts.length === 0) {
      // No old collection at all: the lowest "after" in each of up to 20 time slices tracks the
      // live set from above (young GCs leave old garbage in), so it says less.
      const env: [number, number][] = [];
      const envLines: number[] = [];
      const t0 = r.firstUptimeMs;
      const span = Math.max(1, r.lastUptimeMs - t0);
      const slices = 20;
      const best = new Float64Array(slices).fill(Infinity);
      const bestAt = new Int32Array(slices).fill(-1);
      for (let i = 0; i < e.count; i++) {
        const a = e.heapAfter[i];
        const t = e.uptimeMs[i];
        if (!Number.isFinite(a) || !Number.isFinite(t) || PAUSE_KIND[e.kind[i]] !== 1) continue;
        const s = Math.min(slices - 1, Math.floor(((t - t0) / span) * slices));
        if (a < best[s]) {
          best[s] = a;
          bestAt[s] = i;
        }
      }
      for (let s = 0; s < slices; s++) {
        if (bestAt[s] >= 0) {
          env.push([e.uptimeMs[bestAt[s]], best[s]]);
          envLines.push(e.line[bestAt[s]]);
        }
      }
      if (env.length >= 3 && env.length > pts.length) {
        pts = env;
        lns = envLines;
        basis = 'lower-envelope';
      }
    }
    if (pts.length === 0) basis = 'none';
    const out: LiveSet = {
      points: pts, lines: lns, basis, slopeBytesPerHour: null, intercept: 0, r2: 0, confidence: 0,
      firstBytes: pts[0]?.[1] ?? 0, lastBytes: pts[pts.length - 1]?.[1] ?? 0, limitBytes: limit, hoursToOom: null,
    };
    if (pts.length < 3) return out;
    const xs = pts.map((p) => p[0] / 3_600_000);
    const ys = pts.map((p) => p[1]);
    const f = fit(xs, ys);
    out.slopeBytesPerHour = f.slope;
    out.intercept = f.intercept;
    out.r2 = f.r2;
    out.confidence = round3(f.r2 * Math.min(1, (pts.length - 1) / 6) * (basis === 'lower-envelope' ? 0.6 : 1));
    if (f.slope > 0 && limit > 0) {
      const lastX = xs[xs.length - 1];
      const atLast = f.intercept + f.slope * lastX;
      out.hoursToOom = Math.max(0, (limit - Math.max(atLast, out.lastBytes)) / f.slope);
    }
    return out;
  }
}

/** Kendall's tau-b of the points' values against time: +1 always rising, 0 no monotonic trend (ties are not a trend). */
export function kendallTau(points: [number, number][]): number {
  // O(n²): thin to at most 600 evenly spaced points first.
  const step = Math.max(1, Math.ceil(points.length / 600));
  const ys: number[] = [];
  for (let i = 0; i < points.length; i += step) ys.push(points[i][1]);
  const n = ys.length;
  let concordant = 0;
  let discordant = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = ys[j] - ys[i];
      if (d > 0) concordant++;
      else if (d < 0) discordant++;
      else tiesY++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denom = Math.sqrt(pairs * (pairs - tiesY));
  return denom === 0 ? 0 : (concordant - discordant) / denom;
}

export function verdictOf(live: LiveSet, throughputPercent: number, exhausted = false): LiveSetVerdict {
  const n = live.points.length;
  const limit = live.limitBytes;
  const lastPct = limit > 0 ? (live.lastBytes / limit) * 100 : 0;
  const out: LiveSetVerdict = { kind: 'unknown', confidence: 0, growthBytes: 0, lastPercentOfLimit: Math.round(lastPct * 10) / 10, reason: '' };
  if (n < 3 || live.slopeBytesPerHour === null) {
    out.reason = n === 0 ? 'no collection in the log leaves only live data behind' : `only ${n} live-set point(s)`;
    return out;
  }
  const spanHours = (live.points[n - 1][0] - live.points[0][0]) / 3_600_000;
  const growth = live.slopeBytesPerHour * spanHours;
  out.growthBytes = growth;
  const scale = limit > 0 ? limit : Math.max(1, live.firstBytes);
  if (live.basis === 'lower-envelope') {
    // The lowest heap after young GCs bounds the live set from above only (old garbage stays in
    // until an old collection): it can show the heap fits, never prove a leak or a ceiling.
    const pct = Math.round(lastPct);
    if (lastPct < 70) {
      out.kind = 'fits';
      out.confidence = Math.round(Math.min(1, (n - 1) / 6) * 0.5 * 1000) / 1000;
      out.reason = `even the heap after young GCs (live data plus old garbage) stays at ${pct} % of the limit; no old collection in the log`;
    } else out.reason = `no full, mixed or old collection in the log; the heap after young GCs reaches ${pct} % of the limit`;
    return out;
  }
  const tau = kendallTau(live.points);
  const points = Math.min(1, (n - 1) / 6);
  const rising = live.slopeBytesPerHour > 0 && live.r2 >= 0.5 && growth >= 0.1 * scale && live.lastBytes > live.firstBytes;
  // A leak that already filled the heap: the live set still creeps up (a monotonic trend, whatever
  // its straightness) while full GCs stop freeing anything.
  const creepingToTheCeiling = exhausted && tau >= 0.3 && live.lastBytes > live.firstBytes;
  if (rising || creepingToTheCeiling) {
    out.kind = 'leak';
    out.confidence = Math.round(Math.max(live.confidence, tau * points * (rising ? 1 : 0.8)) * 1000) / 1000;
    out.growthBytes = Math.max(growth, live.lastBytes - live.firstBytes);
    out.reason = rising
      ? `the live set rose by ${Math.round((growth / scale) * 100)} % of the heap limit over the log, steadily (R² ${live.r2.toFixed(2)}, ${n} points)`
      : `the live set kept rising (Kendall τ ${tau.toFixed(2)} over ${n} points) until full GCs could no longer free the heap`;
  } else if (limit > 0 && lastPct >= 70) {
    out.kind = 'undersized';
    // Sure when flat over many points; less when the log is short or overhead is low.
    out.confidence = Math.round(points * (1 - Math.max(0, tau)) * (throughputPercent < 95 || exhausted ? 1 : 0.8) * 1000) / 1000;
    out.reason = `the live set stays at ${Math.round(lastPct)} % of the heap limit without a steady rise`;
  } else {
    out.kind = 'fits';
    out.confidence = Math.round(points * (1 - Math.max(0, tau)) * 1000) / 1000;
    out.reason = `the live set stays at ${Math.round(lastPct)} % of the heap limit`;
  }
  return out;
}

export function analyzeRuns(runs: GcLogRun[]): GcRunAnalysis[] {
  return runs.map((r, i) => analyzeRun(r, i));
}
