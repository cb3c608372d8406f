// JDK 9+ unified logging (-Xlog:gc*, JEP 158/271): "[decorations…] message". Decorations come in any
// order and subset — time/utctime (ISO-8601), uptime ("1.234s", decimal comma in some locales),
// uptimemillis/timemillis ("1234ms"), uptimenanos/timenanos ("…ns"), level, tags (padded), pid, tid,
// hostname — or none at all (`-Xlog:gc:file:none`). Messages are those of HotSpot's printers:
// gc/shared/gcTraceTime.inline.hpp ("GC(n) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms"),
// g1HeapTransition.cpp ("Eden regions: 24->0(22)"), metaspaceUtils ("Metaspace: …"), gcTrace
// ("User=0.01s Sys=0.00s Real=0.00s"), runtime/safepoint.cpp ("Safepoint \"…\", Time since last: … ns,
// Reaching safepoint: … ns, At safepoint: … ns, Total: … ns"), ZGC zStat.cpp, Shenandoah
// shenandoahUtils.cpp, ageTable.cpp ("Desired survivor size … bytes, new threshold … (max threshold …)").

import { EVENT_FLAG, KIND_CODE, causeEntry, COLLECTORS, pausePhaseKind, type EventKindName } from '../../knowledge/gc-events.js';
import { addSafepoint, isoMs, newScratch, num, resetScratch, secMs, sizeBytes, type EventScratch, type RunBuilder } from './builder.js';
import type { ParseContext } from './context.js';

const SIZE = String.raw`\d+(?:[.,]\d+)?[BKMGT]?`;
const PAUSE = new RegExp(String.raw`^(?:([YO]): )?Pause (.+?)(?: (${SIZE})->(${SIZE})\((${SIZE})\))? (\d+(?:[.,]\d+)?)ms$`);
const PAUSE_START = /^(?:[YO]: )?Pause [A-Z]/;
const GROUPS = /\(((?:[^()]|\([^()]*\))*)\)/g;
const ZGC_CYCLE = new RegExp(String.raw`^(Garbage Collection|Major Collection|Minor Collection) \((.+?)\)(?: \(.*?\))* (${SIZE})\(\d+%\)->(${SIZE})\(\d+%\)(?: (\d+(?:[.,]\d+)?)s)?$`);
const CONCURRENT = new RegExp(String.raw`^(?:[YO]: )?Concurrent (.+?)(?: (${SIZE})->(${SIZE})\((${SIZE})\))? (\d+(?:[.,]\d+)?)ms$`);
const REGIONS = /^(Eden|Survivor|Old|Humongous|Archive) regions: (\d+)->(\d+)/;
const GEN = new RegExp(String.raw`^(PSYoungGen|ParOldGen|PSOldGen|DefNew|Tenured|ParNew|CMS): (${SIZE})->(${SIZE})\((${SIZE})\)`);
const META17 = new RegExp(String.raw`^Metaspace: (${SIZE})(?:\((${SIZE})\))?->(${SIZE})\((${SIZE})\)`);
const META_Z = new RegExp(String.raw`^Metaspace: (${SIZE}) used, (${SIZE}) committed`);
const CPU = /^User=(\d+(?:[.,]\d+)?)s Sys=(\d+(?:[.,]\d+)?)s Real=(\d+(?:[.,]\d+)?)s$/;
const SAFEPOINT = /^Safepoint "([^"]*)", Time since last: \d+ ns, Reaching safepoint: (\d+) ns, (?:Cleanup: \d+ ns, )?At safepoint: \d+ ns, Total: (\d+) ns/;
const STOPPED = /^Total time for which application threads were stopped: (\d+(?:[.,]\d+)?) seconds, Stopping threads took: (\d+(?:[.,]\d+)?) seconds/;
const AGE = /^Desired survivor size \d+ bytes, new threshold (\d+) \(max(?: threshold)? (\d+)\)/;
const STALL = /^(Allocation|Relocation) Stall \(.*\) (\d+(?:[.,]\d+)?)ms$/;
const LOOKS_LIKE_EVENT = new RegExp(String.raw`(?:^Pause |${SIZE}->${SIZE}\(${SIZE}\)).*\d(?:ms|s)$`);
const G1_YOUNG_TYPES = new Set(['Normal', 'Concurrent Start', 'Prepare Mixed', 'Mixed']);
const LEVELS = new Set(['trace', 'debug', 'info', 'warning', 'error', 'off']);

const ARROW = Buffer.from('->');
const AILURE = Buffer.from('ailure');
const AILURE_UC = Buffer.from('AILURE');
/** Messages the reader acts on (everything else under a decoration is a detail). */
const ACTED_ON = [
  'Pause', 'Y: ', 'O: ', 'Garbage Collection', 'Major Collection', 'Minor Collection', 'Concurrent', 'Old', 'Humongous',
  'PSYoungGen', 'ParOldGen', 'PSOldGen', 'DefNew', 'Tenured', 'ParNew', 'CMS', 'Metaspace', 'User=', 'Max Capacity', 'Using', 'Initializing', 'Version',
  'CPUs', 'Memory', 'Heap', 'JVM Args', 'Command Line', 'JVM flags', 'Java command', 'GC Workers', 'Safepoint', 'Total time', 'Application time',
  'Desired', 'Allocation', 'Relocation', 'To-space', 'Cancelling', 'Promotion', 'promotion', 'concurrent', 'Trigger',
].map((p) => Buffer.from(p));
const ACTED_FIRST = new Set(ACTED_ON.map((p) => p[0]));

const PAUSE_B = Buffer.from('Pause ');
const CONCURRENT_B = Buffer.from('Concurrent ');

function startsWith(b: Uint8Array, pos: number, end: number, p: Uint8Array): boolean {
  if (pos + p.length > end) return false;
  for (let i = 0; i < p.length; i++) if (b[pos + i] !== p[i]) return false;
  return true;
}

function startsWithAny(b: Uint8Array, pos: number, end: number): boolean {
  if (!ACTED_FIRST.has(b[pos])) return false;
  outer: for (const p of ACTED_ON) {
    if (p[0] !== b[pos] || pos + p.length > end) continue;
    for (let i = 1; i < p.length; i++) if (b[pos + i] !== p[i]) continue outer;
    return true;
  }
  return false;
}

/** Per-run state of the unified reader: details printed before a pause's summary line, by GC id. */
export class UnifiedReader {
  private readonly scratch: EventScratch = newScratch();
  private pendingId = -1;
  private pendingHumongous = NaN;
  private pendingOldRegions = NaN;
  private pendingYoungBefore = NaN;
  private pendingYoungAfter = NaN;
  private pendingOld = NaN;
  private pendingMetaBefore = NaN;
  private pendingMetaAfter = NaN;
  private pendingMetaCap = NaN;
  private pendingFlags = 0;
  /** The young generation's name in gc,heap lines (PSYoungGen → Parallel, DefNew → Serial, ParNew → CMS). */
  private pendingYoungKind: 'Parallel' | 'Serial' | 'CMS' | 'G1' | undefined;
  private lastEventId = -1;
  private lastEventIdx = -1;
  private lastCycleId = -1;
  private lastCycleIdx = -1;
  private lastPauseKey = '';
  private firstEpoch = NaN;
  private prevUptime = NaN;
  // Decorations of the current line.
  uptimeMs = NaN;
  epochMs = NaN;
  tags = '';
  level = '';

  constructor(private readonly ctx: ParseContext) {}

  /** True when `text` begins with unified-logging decorations. */
  static decorated(text: string): boolean {
    if (text.charCodeAt(0) !== 0x5b /* [ */) return false;
    const end = text.indexOf(']');
    if (end < 2) return false;
    const t = text.slice(1, end).trim();
    return /^\d{4}-\d\d-\d\dT/.test(t) || /^\d+(?:[.,]\d+)?(?:s|ms|ns)$/.test(t) || LEVELS.has(t) || /^(?:gc|safepoint|os|arguments)\b/.test(t);
  }

  /** Reads the decorations; returns where the message starts. */
  private decorations(text: string): number {
    this.uptimeMs = NaN;
    this.epochMs = NaN;
    this.tags = '';
    this.level = '';
    let pos = 0;
    for (let n = 0; n < 10 && text.charCodeAt(pos) === 0x5b; n++) {
      const end = text.indexOf(']', pos);
      if (end < 0) break;
      const t = text.slice(pos + 1, end).trim();
      if (t.includes(' ')) break; // a message that starts with "[" ("[0.1s] [GC ...") — not a decoration
      const c = t.charCodeAt(t.length - 1);
      if (/^\d{4}-\d\d-\d\dT/.test(t)) this.epochMs = isoMs(t);
      else if (c === 0x73 /* s */ && /^\d+(?:[.,]\d+)?s$/.test(t)) {
        if (t.endsWith('ms')) {
          const v = Number(t.slice(0, -2));
          if (v > 1e11) this.epochMs = v;
          else this.uptimeMs = v;
        } else if (t.endsWith('ns')) {
          const v = Number(t.slice(0, -2));
          if (v > 1e17) this.epochMs = v / 1e6;
          else this.uptimeMs = v / 1e6;
        } else this.uptimeMs = secMs(t.slice(0, -1));
      } else if (LEVELS.has(t)) this.level = t;
      else if (/^[a-z][a-z0-9_]*(?:[,+][a-z0-9_]+)*$/.test(t)) this.tags = t;
      pos = end + 1;
    }
    if (text.charCodeAt(pos) === 0x20) pos++;
    return pos;
  }

  private text = '';

  /**
   * The fast path for the bulk of a `-Xlog:gc*` file — phase timings, worker counts, marking stats:
   * a decorated line whose message is none the reader acts on is a detail. Decides from the bytes,
   * with exactly the effects line() would have (line count, uptime span, last line); anything unusual
   * (a clock going back, no uptime, a wall clock not yet anchored, "->", "failure") goes to line().
   */
  skip(b: Buffer, start: number, end: number, lineNo: number): boolean {
    let pos = start;
    let uptimeMs = NaN;
    let hasTime = false;
    let first = true;
    for (let n = 0; n < 10 && pos < end && b[pos] === 0x5b; n++) {
      let close = pos + 1;
      while (close < end && b[close] !== 0x5d) close++;
      if (close >= end) return false;
      let a = pos + 1;
      let z = close;
      while (a < z && b[a] === 0x20) a++;
      while (z > a && b[z - 1] === 0x20) z--;
      for (let i = a; i < z; i++) if (b[i] === 0x20) return false;
      const c0 = b[a];
      if (c0 >= 0x30 && c0 <= 0x39) {
        if (z - a > 10 && b[a + 4] === 0x2d && b[a + 10] === 0x54) hasTime = true;
        else if (b[z - 1] === 0x73 && b[z - 2] !== 0x6d && b[z - 2] !== 0x6e) {
          // "123.456s": seconds with at most 3 decimals (what secMs reads exactly as an integer).
          let v = 0;
          let frac = -1;
          for (let i = a; i < z - 1; i++) {
            const d = b[i];
            if (d === 0x2e || d === 0x2c) {
              if (frac >= 0) return false;
              frac = 0;
            } else if (d >= 0x30 && d <= 0x39) {
              v = v * 10 + (d - 0x30);
              if (frac >= 0 && ++frac > 3) return false;
            } else return false;
          }
          uptimeMs = v * 10 ** (3 - Math.max(0, frac));
        } else return false;
      } else if (first) return false; // level or tags first: leave it to line()
      first = false;
      pos = close + 1;
    }
    if (!Number.isFinite(uptimeMs)) return false;
    const run = this.ctx.run;
    if (hasTime && run.epochAtZeroMs === undefined) return false;
    if (Number.isFinite(this.prevUptime) && uptimeMs + 5000 < this.prevUptime && uptimeMs < 60_000) return false;
    if (b[pos] === 0x20) pos++;
    // "GC(12) " then spaces.
    if (b[pos] === 0x47 && b[pos + 1] === 0x43 && b[pos + 2] === 0x28) {
      let i = pos + 3;
      while (i < end && b[i] >= 0x30 && b[i] <= 0x39) i++;
      if (b[i] === 0x29 && b[i + 1] === 0x20) pos = i + 2;
    }
    while (pos < end && b[pos] === 0x20) pos++;
    // "Using 2 workers of 2 for evacuation" is no banner; a phase's start line (no duration at its end)
    // adds nothing ("Pause Young (Normal) (G1 Evacuation Pause)" under gc,start, "Concurrent Mark").
    const c = b[pos];
    const worker = c === 0x55 && b[pos + 6] >= 0x30 && b[pos + 6] <= 0x39;
    const startLine = (startsWith(b, pos, end, PAUSE_B) || startsWith(b, pos, end, CONCURRENT_B)) && !(b[end - 1] === 0x73 && b[end - 2] === 0x6d);
    if (pos < end && !worker && !startLine && startsWithAny(b, pos, end)) return false;
    if (startLine && c === 0x50 && b[pos + 1] === 0x61 && this.ctx.run.collector === 'Unknown') return false;
    const line = b.subarray(start, end);
    if (line.indexOf(ARROW) >= 0 || line.indexOf(AILURE) >= 0 || line.indexOf(AILURE_UC) >= 0) return false;
    this.prevUptime = uptimeMs;
    run.sawUptime(uptimeMs);
    if (run.lastLine < lineNo) run.lastLine = lineNo;
    this.ctx.counts.lines++;
    this.ctx.detail();
    return true;
  }

  line(text: string, lineNo: number): void {
    const ctx = this.ctx;
    this.text = text;
    const start = this.decorations(text);
    let msg = start === 0 ? text : text.slice(start);
    // An uptime going back by more than a few seconds is a JVM restart appended to the same file.
    if (Number.isFinite(this.uptimeMs)) {
      if (Number.isFinite(this.prevUptime) && this.uptimeMs + 5000 < this.prevUptime && this.uptimeMs < 60_000) this.startRun(lineNo, 'the uptime went back to ' + (this.uptimeMs / 1000).toFixed(3) + ' s');
      this.prevUptime = this.uptimeMs;
    } else if (Number.isFinite(this.epochMs)) {
      // Only wall-clock stamps: time since the run's first stamp stands in for uptime.
      if (!Number.isFinite(this.firstEpoch)) this.firstEpoch = this.epochMs;
      this.uptimeMs = this.epochMs - this.firstEpoch;
    }
    const run = ctx.run;
    if (Number.isFinite(this.epochMs) && run.epochAtZeroMs === undefined && Number.isFinite(this.uptimeMs)) {
      run.epochAtZeroMs = this.epochMs - this.uptimeMs;
    }
    run.sawUptime(this.uptimeMs);
    if (run.lastLine < lineNo) run.lastLine = lineNo;

    let gcId = -1;
    if (msg.startsWith('GC(')) {
      const close = msg.indexOf(') ', 3);
      if (close > 3) {
        gcId = Number(msg.slice(3, close));
        msg = msg.slice(close + 2);
      }
    }
    msg = msg.trimStart();
    if (PAUSE_START.test(msg)) {
      // "Pause Young (Normal) (G1 Evacuation Pause)" alone is the gc,start line; the summary ends in ms.
      if (!/\dms$/.test(msg)) return ctx.detail();
      return this.pause(msg, gcId, lineNo) ? ctx.event() : ctx.unknown(lineNo, text);
    }
    if (this.cycle(msg, gcId, lineNo)) return ctx.event();
    if (this.concurrent(msg, gcId, lineNo)) return ctx.detail();
    if (this.heapDetail(msg, gcId, lineNo)) return ctx.detail();
    if (this.header(msg, lineNo)) {
      ctx.keep(lineNo, text);
      return ctx.detail();
    }
    if (this.failureOrSafepoint(msg, gcId, lineNo)) return ctx.detail();
    if (start === 0 && gcId < 0) return ctx.other(lineNo, text);
    if (LOOKS_LIKE_EVENT.test(msg)) return ctx.unknown(lineNo, text);
    ctx.detail();
  }

  private startRun(lineNo: number, why: string): void {
    this.ctx.newRun(lineNo, why);
    this.firstEpoch = NaN;
    this.prevUptime = NaN;
    this.lastEventId = this.lastEventIdx = this.lastCycleId = this.lastCycleIdx = -1;
    this.pendingId = -1;
  }

  private takePending(gcId: number, s: EventScratch, run: RunBuilder): void {
    if (gcId < 0 || gcId !== this.pendingId) return;
    s.humongousBefore = this.pendingHumongous;
    s.youngBefore = this.pendingYoungBefore;
    s.youngAfter = this.pendingYoungAfter;
    s.oldAfter = Number.isFinite(this.pendingOld) ? this.pendingOld : run.regionBytes !== undefined ? this.pendingOldRegions * run.regionBytes : NaN;
    s.metaBefore = this.pendingMetaBefore;
    s.metaAfter = this.pendingMetaAfter;
    s.metaCapacity = this.pendingMetaCap;
    s.flags |= this.pendingFlags;
  }

  private resetPending(gcId: number): void {
    if (gcId === this.pendingId) return;
    this.pendingId = gcId;
    this.pendingHumongous = this.pendingOldRegions = this.pendingYoungBefore = this.pendingYoungAfter = this.pendingOld = NaN;
    this.pendingMetaBefore = this.pendingMetaAfter = this.pendingMetaCap = NaN;
    this.pendingFlags = 0;
  }

  private pause(msg: string, gcId: number, lineNo: number): boolean {
    const m = PAUSE.exec(msg);
    if (!m) return false;
    const run = this.ctx.run;
    const name = m[2];
    // ZGC prints a pause once under gc,phases; a log with both gc and gc,phases at info may not repeat
    // it, but guard against the same pause twice in a row.
    const key = `${gcId}|${name}|${m[6]}`;
    if (key === this.lastPauseKey) return true;
    this.lastPauseKey = key;
    const paren = name.indexOf(' (');
    const base = paren < 0 ? name : name.slice(0, paren);
    const s = this.scratch;
    resetScratch(s);
    let kind: EventKindName = pausePhaseKind(base);
    if (paren >= 0) {
      GROUPS.lastIndex = paren;
      for (let g = GROUPS.exec(name); g; g = GROUPS.exec(name)) {
        const v = g[1];
        if (G1_YOUNG_TYPES.has(v)) {
          if (v === 'Mixed') kind = 'mixed';
          else if (v === 'Concurrent Start') s.flags |= EVENT_FLAG.concurrentStart;
        } else if (v.startsWith('Evacuation Failure')) s.flags |= EVENT_FLAG.toSpaceExhausted;
        else if (kind === 'degenerated' || /^(unload classes|process weakrefs|update refs|Major|Minor)$/.test(v)) continue;
        else if (!s.cause) s.cause = v;
      }
    }
    if (run.collector === 'Unknown') this.guessCollector(base, s.flags, name);
    if (kind === 'initial-mark' && run.collector === 'G1') {
      kind = 'young';
      s.flags |= EVENT_FLAG.concurrentStart;
    }
    const entry = s.cause ? causeEntry(s.cause) : undefined;
    if (entry?.category === 'humongous') s.flags |= EVENT_FLAG.humongous;
    if (entry?.category === 'gc-locker') s.flags |= EVENT_FLAG.gcLocker;
    if (entry?.category === 'metadata') s.flags |= EVENT_FLAG.metaspace;
    s.kind = KIND_CODE[kind];
    s.uptimeMs = this.uptimeMs;
    s.durationMs = num(m[6]);
    if (m[3]) {
      s.heapBefore = sizeBytes(m[3]);
      s.heapAfter = sizeBytes(m[4]);
      s.heapCapacity = sizeBytes(m[5]);
    }
    s.line = lineNo;
    this.takePending(gcId, s, run);
    const idx = run.push(s);
    this.ctx.keepEvent(lineNo, this.text, kind === 'young' && s.flags === 0, s.cause, s.durationMs);
    this.lastEventId = gcId;
    this.lastEventIdx = idx;
    return true;
  }

  /** A log without its "Using …" banner (rotated, or -Xlog:gc started late): the pause names tell. */
  private guessCollector(base: string, flags: number, name: string): void {
    const ctx = this.ctx;
    if (/\((?:Normal|Concurrent Start|Prepare Mixed|Mixed)\)|G1 /.test(name) || base === 'Mixed') ctx.collector('G1');
    else if (/^(?:Mark Start|Mark End|Relocate Start)$/.test(base)) ctx.collector('ZGC');
    else if (/^(?:Init Mark|Final Mark|Init Update Refs|Final Update Refs|Final Roots|Degenerated GC|Final Evac)/.test(base)) ctx.collector('Shenandoah');
    else if (base === 'Initial Mark' || base === 'Remark') ctx.collector('CMS');
    else if (this.pendingYoungKind) ctx.collector(this.pendingYoungKind);
    void flags;
  }

  private cycle(msg: string, gcId: number, lineNo: number): boolean {
    const c0 = msg.charCodeAt(0);
    if (c0 !== 0x47 /* G */ && c0 !== 0x4d /* M */) return false;
    const m = ZGC_CYCLE.exec(msg);
    if (!m) return false;
    const run = this.ctx.run;
    if (m[1] !== 'Garbage Collection') this.ctx.collector('Generational ZGC', true);
    else this.ctx.collector('ZGC');
    const s = this.scratch;
    resetScratch(s);
    s.kind = KIND_CODE.cycle;
    s.cause = m[2];
    if (m[1] === 'Minor Collection') s.flags |= EVENT_FLAG.minor;
    s.uptimeMs = this.uptimeMs;
    s.durationMs = m[5] ? secMs(m[5]) : NaN;
    s.heapBefore = sizeBytes(m[3]);
    s.heapAfter = sizeBytes(m[4]);
    s.heapCapacity = run.heapMaxBytes ?? NaN;
    s.line = lineNo;
    this.takePending(gcId, s, run);
    this.lastEventIdx = run.push(s);
    this.ctx.keepEvent(lineNo, this.text, true, s.cause, NaN);
    this.lastEventId = gcId;
    return true;
  }

  private concurrent(msg: string, gcId: number, lineNo: number): boolean {
    if (!msg.startsWith('Concurrent ') && !(msg.charCodeAt(1) === 0x3a && msg.startsWith('Concurrent ', 3))) return false;
    const run = this.ctx.run;
    const m = CONCURRENT.exec(msg);
    if (!m) return true; // a phase's start line ("Concurrent Mark") — nothing to add
    const name = m[1];
    const ms = num(m[5]);
    if (name === 'Mark Cycle' || name === 'Undo Cycle') {
      run.concurrentCycleMs += ms;
      run.concurrentCount++;
      return true;
    }
    // G1 prints its marking sub-phases inside "Concurrent Mark": count the enclosing phase once.
    if (!/^Mark From Roots|^Preclean|^Mark Reset For Overflow|^Mark \(/.test(name) || run.collector !== 'G1') run.concurrentMs += ms;
    if (run.collector !== 'G1') run.concurrentCount++;
    if (m[2] && /^cleanup/i.test(name) && run.collector === 'Shenandoah') {
      // Shenandoah's cycle ends with "Concurrent cleanup X->Y(Z)": the heap after the cycle.
      if (gcId === this.lastCycleId && this.lastCycleIdx >= 0) {
        run.heapAfter.set(this.lastCycleIdx, sizeBytes(m[3]));
        return true;
      }
      const s = this.scratch;
      resetScratch(s);
      s.kind = KIND_CODE.cycle;
      s.uptimeMs = this.uptimeMs;
      s.heapBefore = sizeBytes(m[2]);
      s.heapAfter = sizeBytes(m[3]);
      s.heapCapacity = sizeBytes(m[4]);
      s.line = lineNo;
      this.lastCycleIdx = run.push(s);
      this.ctx.keepEvent(lineNo, this.text, true, '', NaN);
      this.lastCycleId = gcId;
      this.ctx.counts.events++;
    }
    return true;
  }

  private heapDetail(msg: string, gcId: number, _lineNo: number): boolean {
    let m = REGIONS.exec(msg);
    if (m) {
      this.resetPending(gcId);
      this.pendingYoungKind = 'G1';
      if (m[1] === 'Humongous') this.pendingHumongous = Number(m[2]);
      else if (m[1] === 'Old') this.pendingOldRegions = Number(m[3]);
      return true;
    }
    m = GEN.exec(msg);
    if (m) {
      this.resetPending(gcId);
      this.pendingYoungKind = m[1] === 'PSYoungGen' || m[1] === 'ParOldGen' || m[1] === 'PSOldGen' ? 'Parallel' : m[1] === 'DefNew' || m[1] === 'Tenured' ? 'Serial' : 'CMS';
      if (m[1] === 'PSYoungGen' || m[1] === 'DefNew' || m[1] === 'ParNew') {
        this.pendingYoungBefore = sizeBytes(m[2]);
        this.pendingYoungAfter = sizeBytes(m[3]);
      } else this.pendingOld = sizeBytes(m[3]);
      return true;
    }
    if (msg.startsWith('Metaspace: ')) {
      this.resetPending(gcId);
      m = META17.exec(msg);
      if (m) {
        this.pendingMetaBefore = sizeBytes(m[1]);
        this.pendingMetaAfter = sizeBytes(m[3]);
        this.pendingMetaCap = sizeBytes(m[4]);
      } else if ((m = META_Z.exec(msg))) {
        // ZGC prints metaspace after the cycle summary: attach it to that cycle.
        const run = this.ctx.run;
        if (gcId === this.lastEventId && this.lastEventIdx >= 0) {
          run.metaAfter.set(this.lastEventIdx, sizeBytes(m[1]));
          run.metaCapacity.set(this.lastEventIdx, sizeBytes(m[2]));
        }
      }
      return true;
    }
    if (msg.startsWith('User=')) {
      m = CPU.exec(msg);
      if (m && gcId >= 0 && gcId === this.lastEventId && this.lastEventIdx >= 0) this.ctx.run.setCpu(this.lastEventIdx, num(m[1]), num(m[2]), num(m[3]));
      return Boolean(m);
    }
    if (msg.startsWith('Max Capacity: ') && this.ctx.run.heapMaxBytes === undefined) {
      this.ctx.run.heapMaxBytes = sizeBytes(msg.slice(14).replace(/\(.*$/, ''));
      return true;
    }
    return false;
  }

  private header(msg: string, lineNo: number): boolean {
    const ctx = this.ctx;
    if (msg.startsWith('Using ') || msg.startsWith('Initializing The Z')) {
      const banner = COLLECTORS.filter((c) => c.unifiedBanner.test(msg)).pop();
      if (!banner) return false;
      const run = ctx.run;
      if (run.eventCount > 0 || run.sawHeader) this.startRun(lineNo, `a second "${msg}" banner`);
      ctx.run.sawHeader = true;
      ctx.run.headerLine ??= lineNo;
      ctx.collector(banner.collector, true);
      return true;
    }
    let m: RegExpExecArray | null;
    const run = ctx.run;
    if ((m = /^Version: (\S+)/.exec(msg))) {
      if (run.jvmVersion && run.eventCount > 0) this.startRun(lineNo, 'a second "Version:" header');
      ctx.run.jvmVersion = m[1];
      ctx.run.sawHeader = true;
      ctx.run.headerLine ??= lineNo;
    } else if ((m = /^CPUs: (\d+) total, (\d+) available/.exec(msg))) {
      run.cpus = Number(m[1]);
      run.cpusAvailable = Number(m[2]);
    } else if ((m = /^Memory: (\d+(?:[.,]\d+)?[BKMGT]?)$/.exec(msg))) run.memoryBytes = sizeBytes(m[1]);
    else if ((m = /^Heap (Min|Initial|Max) Capacity: (\S+)$/.exec(msg))) {
      if (m[1] === 'Initial') run.heapInitialBytes = sizeBytes(m[2]);
      if (m[1] === 'Max') run.heapMaxBytes = sizeBytes(m[2]);
    } else if ((m = /^Heap [Rr]egion [Ss]ize: (\S+)$/.exec(msg))) run.regionBytes = sizeBytes(m[1]);
    else if ((m = /^(?:JVM Args|Command Line|JVM flags|Java command): (.*)$/.exec(msg))) {
      if (msg.startsWith('JVM Args') || run.flags.length === 0) {
        run.flags = m[1].split(/\s+/).filter((f) => f.startsWith('-'));
        run.flagsLine = lineNo;
      }
    } else if (/^GC Workers for (Young|Old) Generation|^Initializing The Z/.test(msg)) ctx.collector('Generational ZGC', true);
    else return false;
    return true;
  }

  private failureOrSafepoint(msg: string, gcId: number, lineNo: number): boolean {
    const run = this.ctx.run;
    let m: RegExpExecArray | null;
    if (msg.startsWith('Safepoint "') && (m = SAFEPOINT.exec(msg))) {
      this.safepoint(Number(m[3]) / 1e6, Number(m[2]) / 1e6, lineNo);
      return true;
    }
    if (msg.startsWith('Total time for which') && (m = STOPPED.exec(msg))) {
      this.safepoint(secMs(m[1]), secMs(m[2]), lineNo);
      return true;
    }
    if (msg.startsWith('Application time:')) return true;
    if (msg.startsWith('Desired survivor size') && (m = AGE.exec(msg))) {
      const t = run.tenuring;
      const threshold = Number(m[1]);
      const max = Number(m[2]);
      t.samples++;
      if (threshold < max) t.belowMax++;
      if (threshold < t.minThreshold) t.minThreshold = threshold;
      if (max > t.maxThreshold) t.maxThreshold = max;
      if (threshold <= 2 && !t.firstLowLine) t.firstLowLine = lineNo;
      this.ctx.keep(lineNo, this.text);
      return true;
    }
    if ((m = STALL.exec(msg))) {
      const ms = num(m[2]);
      const st = run.stalls;
      st.count++;
      st.totalMs += ms;
      if (ms > st.maxMs) st.maxMs = ms;
      if (!st.firstLine) st.firstLine = lineNo;
      this.ctx.keep(lineNo, this.text);
      return true;
    }
    if (msg === 'To-space exhausted' || msg.startsWith('To-space exhausted')) {
      run.toSpaceExhaustedLines.push(lineNo);
      this.ctx.keep(lineNo, this.text);
      if (gcId === this.lastEventId && this.lastEventIdx >= 0) run.flagBits.data[this.lastEventIdx] |= EVENT_FLAG.toSpaceExhausted;
      else {
        this.resetPending(gcId);
        this.pendingFlags |= EVENT_FLAG.toSpaceExhausted;
      }
      return true;
    }
    if (msg.startsWith('Cancelling GC') || msg.startsWith('Cancelling concurrent GC')) {
      this.ctx.collector('Shenandoah');
      run.cancelledCycles++;
      return true;
    }
    if (/^Metaspace \((?:class|data)\) allocation failed|^Metaspace allocation failed/.test(msg)) {
      run.metaspaceOomLines.push(lineNo);
      this.ctx.keep(lineNo, this.text);
      return true;
    }
    if (/^Promotion failed|promotion failed/i.test(msg)) {
      this.resetPending(gcId);
      this.pendingFlags |= EVENT_FLAG.promotionFailed;
      return true;
    }
    if (/concurrent mode failure/i.test(msg)) {
      this.resetPending(gcId);
      this.pendingFlags |= EVENT_FLAG.concurrentModeFailure;
      return true;
    }
    return false;
  }

  private safepoint(totalMs: number, ttspMs: number, lineNo: number): void {
    const sp = this.ctx.run.safepoints;
    addSafepoint(sp, totalMs, ttspMs, lineNo);
    if (lineNo === sp.maxLine || lineNo === sp.ttspMaxLine) this.ctx.keep(lineNo, this.text);
  }
}
