// Columnar accumulation of GC events (one growable typed array per column, no object per event) and
// the runs of a log: a JVM restart inside one file (header again, uptime back to ~0) starts a new run.

import { GrowableU8 } from '../../util/growable.js';
import type { GcCollector } from '../../model/document.js';
import type { GcEventColumns, GcLogRun, GcSafepoints } from './types.js';

class ColF64 {
  data = new Float64Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

class ColF32 {
  data = new Float32Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

class ColU32 {
  data = new Uint32Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

class ColU16 {
  data = new Uint16Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint16Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Uint16Array {
    return this.data.slice(0, this.length);
  }
}

/** One event as the line readers hand it over (a reused scratch object: one per parser, not per line). */
export interface EventScratch {
  uptimeMs: number;
  durationMs: number;
  kind: number;
  cause: string;
  flags: number;
  heapBefore: number;
  heapAfter: number;
  heapCapacity: number;
  youngBefore: number;
  youngAfter: number;
  oldAfter: number;
  metaBefore: number;
  metaAfter: number;
  metaCapacity: number;
  humongousBefore: number;
  user: number;
  sys: number;
  real: number;
  line: number;
}

export function newScratch(): EventScratch {
  const s = {} as EventScratch;
  resetScratch(s);
  return s;
}

export function resetScratch(s: EventScratch): void {
  s.uptimeMs = NaN;
  s.durationMs = NaN;
  s.kind = 0;
  s.cause = '';
  s.flags = 0;
  s.heapBefore = NaN;
  s.heapAfter = NaN;
  s.heapCapacity = NaN;
  s.youngBefore = NaN;
  s.youngAfter = NaN;
  s.oldAfter = NaN;
  s.metaBefore = NaN;
  s.metaAfter = NaN;
  s.metaCapacity = NaN;
  s.humongousBefore = NaN;
  s.user = NaN;
  s.sys = NaN;
  s.real = NaN;
  s.line = 0;
}

export class RunBuilder {
  firstLine: number;
  lastLine: number;
  collector: GcCollector | 'Unknown' = 'Unknown';
  jvmVersion?: string;
  epochAtZeroMs?: number;
  cpus?: number;
  cpusAvailable?: number;
  memoryBytes?: number;
  heapInitialBytes?: number;
  heapMaxBytes?: number;
  regionBytes?: number;
  flags: string[] = [];
  flagsLine?: number;
  headerLine?: number;
  sawHeader = false;
  readonly causes: string[] = [''];
  private readonly causeIndex = new Map<string, number>([['', 0]]);
  readonly uptimeMs = new ColF64();
  readonly durationMs = new ColF64();
  readonly kind = new GrowableU8(64);
  readonly cause = new ColU16();
  readonly flagBits = new ColU16();
  readonly heapBefore = new ColF64();
  readonly heapAfter = new ColF64();
  readonly heapCapacity = new ColF64();
  readonly youngBefore = new ColF64();
  readonly youngAfter = new ColF64();
  readonly oldAfter = new ColF64();
  readonly metaBefore = new ColF64();
  readonly metaAfter = new ColF64();
  readonly metaCapacity = new ColF64();
  readonly humongousBefore = new ColF64();
  readonly user = new ColF32();
  readonly sys = new ColF32();
  readonly real = new ColF32();
  readonly line = new ColU32();
  concurrentCount = 0;
  concurrentMs = 0;
  concurrentCycleMs = 0;
  safepoints: GcSafepoints = { count: 0, totalMs: 0, maxMs: 0, maxLine: 0, ttspMaxMs: 0, ttspMaxLine: 0, ttspTotalMs: 0, overSecond: 0, ttspOver100Ms: 0 };
  stalls = { count: 0, totalMs: 0, maxMs: 0, firstLine: 0 };
  cancelledCycles = 0;
  toSpaceExhaustedLines: number[] = [];
  metaspaceOomLines: number[] = [];
  tenuring = { samples: 0, belowMax: 0, minThreshold: Infinity, maxThreshold: 0, firstLowLine: 0 };
  firstUptimeMs = NaN;
  lastUptimeMs = NaN;

  constructor(line: number) {
    this.firstLine = line;
    this.lastLine = line;
  }

  get eventCount(): number {
    return this.line.length;
  }

  /** Uptime seen on any line (events, safepoints, concurrent phases): the run's wall-time span. */
  sawUptime(ms: number): void {
    if (!Number.isFinite(ms)) return;
    if (!Number.isFinite(this.firstUptimeMs) || ms < this.firstUptimeMs) this.firstUptimeMs = ms;
    if (!Number.isFinite(this.lastUptimeMs) || ms > this.lastUptimeMs) this.lastUptimeMs = ms;
  }

  push(e: EventScratch): number {
    let ci = this.causeIndex.get(e.cause);
    if (ci === undefined) {
      ci = this.causes.length;
      if (ci < 65535) {
        this.causes.push(e.cause);
        this.causeIndex.set(e.cause, ci);
      } else ci = 0;
    }
    this.uptimeMs.push(e.uptimeMs);
    // The run's span ends where its last pause ends.
    this.sawUptime(e.uptimeMs);
    if (Number.isFinite(e.durationMs)) this.sawUptime(e.uptimeMs + e.durationMs);
    this.durationMs.push(e.durationMs);
    this.kind.push(e.kind);
    this.cause.push(ci);
    this.flagBits.push(e.flags);
    this.heapBefore.push(e.heapBefore);
    this.heapAfter.push(e.heapAfter);
    this.heapCapacity.push(e.heapCapacity);
    this.youngBefore.push(e.youngBefore);
    this.youngAfter.push(e.youngAfter);
    this.oldAfter.push(e.oldAfter);
    this.metaBefore.push(e.metaBefore);
    this.metaAfter.push(e.metaAfter);
    this.metaCapacity.push(e.metaCapacity);
    this.humongousBefore.push(e.humongousBefore);
    this.user.push(e.user);
    this.sys.push(e.sys);
    this.real.push(e.real);
    this.line.push(e.line);
    if (e.line > this.lastLine) this.lastLine = e.line;
    return this.line.length - 1;
  }

  /** Adds CPU times to an event already pushed (unified logs print gc,cpu after the summary). */
  setCpu(i: number, user: number, sys: number, real: number): void {
    this.user.data[i] = user;
    this.sys.data[i] = sys;
    this.real.data[i] = real;
  }

  build(): GcLogRun {
    const events: GcEventColumns = {
      count: this.line.length,
      uptimeMs: this.uptimeMs.done(),
      durationMs: this.durationMs.done(),
      kind: this.kind.data.slice(0, this.kind.length),
      cause: this.cause.done(),
      flags: this.flagBits.done(),
      heapBefore: this.heapBefore.done(),
      heapAfter: this.heapAfter.done(),
      heapCapacity: this.heapCapacity.done(),
      youngBefore: this.youngBefore.done(),
      youngAfter: this.youngAfter.done(),
      oldAfter: this.oldAfter.done(),
      metaBefore: this.metaBefore.done(),
      metaAfter: this.metaAfter.done(),
      metaCapacity: this.metaCapacity.done(),
      humongousBefore: this.humongousBefore.done(),
      user: this.user.done(),
      sys: this.sys.done(),
      real: this.real.done(),
      line: this.line.done(),
    };
    const first = this.firstUptimeMs;
    const run: GcLogRun = {
      firstLine: this.firstLine,
      lastLine: this.lastLine,
      collector: this.collector,
      beginsMidRun: !this.sawHeader && Number.isFinite(first) && first > 60_000,
      flags: this.flags,
      causes: this.causes,
      events,
      concurrent: { count: this.concurrentCount, totalMs: this.concurrentCycleMs > 0 ? this.concurrentCycleMs : this.concurrentMs },
      safepoints: this.safepoints,
      stalls: this.stalls,
      cancelledCycles: this.cancelledCycles,
      toSpaceExhaustedLines: this.toSpaceExhaustedLines,
      metaspaceOomLines: this.metaspaceOomLines,
      tenuring: { ...this.tenuring, minThreshold: Number.isFinite(this.tenuring.minThreshold) ? this.tenuring.minThreshold : 0 },
      firstUptimeMs: Number.isFinite(first) ? first : 0,
      lastUptimeMs: Number.isFinite(this.lastUptimeMs) ? this.lastUptimeMs : 0,
    };
    if (this.jvmVersion) run.jvmVersion = this.jvmVersion;
    if (this.epochAtZeroMs !== undefined) {
      run.epochAtZeroMs = this.epochAtZeroMs;
      run.startedAt = new Date(this.epochAtZeroMs).toISOString();
    }
    for (const k of ['cpus', 'cpusAvailable', 'memoryBytes', 'heapInitialBytes', 'heapMaxBytes', 'regionBytes', 'flagsLine', 'headerLine'] as const) {
      if (this[k] !== undefined) run[k] = this[k];
    }
    return run;
  }
}

const UNIT: Record<string, number> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** "68160K", "29.9G", "0.0B", "1,5M" (decimal comma), "16218M" → bytes; a bare number is KB (JDK 5–8 prints K). */
/** One safepoint (total and time-to-safepoint, ms) into a run's counters, the same for both log formats. */
export function addSafepoint(sp: GcSafepoints, totalMs: number, ttspMs: number, lineNo: number): void {
  sp.count++;
  sp.totalMs += totalMs;
  sp.ttspTotalMs += ttspMs;
  if (totalMs > sp.maxMs) {
    sp.maxMs = totalMs;
    sp.maxLine = lineNo;
  }
  if (ttspMs > sp.ttspMaxMs) {
    sp.ttspMaxMs = ttspMs;
    sp.ttspMaxLine = lineNo;
  }
  if (totalMs > 1000) sp.overSecond++;
  if (ttspMs > 100) sp.ttspOver100Ms++;
}

export function sizeBytes(s: string): number {
  const m = /^(\d+(?:[.,]\d+)?)\s?([BKMGT])?B?$/.exec(s);
  if (!m) return NaN;
  const n = Number(m[1].replace(',', '.'));
  return n * (m[2] ? UNIT[m[2]] : 1024);
}

/** "0,0354890" → 0.035489. */
export function num(s: string): number {
  return Number(s.replace(',', '.'));
}

/** Seconds as printed ("0,0354890") → milliseconds, exactly as a decimal would read (no 47.013600000000004). */
export function secMs(s: string): number {
  const t = s.replace(',', '.');
  const dot = t.indexOf('.');
  if (dot < 0) return Number(t) * 1000;
  const frac = t.slice(dot + 1);
  return Number(t.slice(0, dot) + frac.slice(0, 3).padEnd(3, '0') + '.' + frac.slice(3));
}

/** "2017-02-28T00:43:55.587+0000" (or "+00:00", or a comma before the millis) → epoch ms. */
export function isoMs(s: string): number {
  const t = s.replace(',', '.').replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  return Date.parse(t);
}
