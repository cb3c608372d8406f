// JDK 5–8 -XX:+PrintGCDetails / -verbose:gc. One event may span many lines (tenuring distribution,
// PrintHeapAtGC blocks, CMS FLS statistics, G1's detail block ending in "[Times: …]") and other
// output is printed into its middle (concurrent phases from another thread, a young GC nested in a CMS
// remark with -XX:+CMSScavengeBeforeRemark). So: concurrent phases, safepoint lines and ergonomics
// notes are cut out of each line first; what remains is appended to the open event until its "[Times"
// (or the next event) closes it; a new event that starts inside an open one with brackets still open
// is nested (at most one level). References: HotSpot jdk8u genCollectedHeap.cpp, psScavenge.cpp,
// psMarkSweep.cpp, concurrentMarkSweepGeneration.cpp, g1CollectedHeap.cpp / g1GCPhaseTimes.cpp,
// gcTraceTime.cpp, ageTable.cpp; Shenandoah's jdk8u backport (shenandoahUtils.cpp "[Pause Init Mark, 3.341 ms]").

import { EVENT_FLAG, KIND_CODE, causeEntry, type EventKindName } from '../../knowledge/gc-events.js';
import { addSafepoint, isoMs, newScratch, num, resetScratch, secMs, sizeBytes, type EventScratch } from './builder.js';
import type { ParseContext } from './context.js';

const DATE = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,]\d{3}[+-]\d{4}`;
const UP = String.raw`\d+[.,]\d+`;
const STAMP = String.raw`(?:${DATE}: )?(?:${UP}: )?(?:#\d+: )?`;
const SIZE = String.raw`\d+(?:[.,]\d+)?[BKMGT]?`;
/** An event's start: stamps (optional, with any junk before them that holds no "[") and "[GC" / "[Full GC". */
const START = new RegExp(String.raw`^([^\[\]]*?)(?:(${DATE}): )?(?:(${UP}): )?(?:#\d+: )?\[(Full GC|GC|Pause |Concurrent )`);
const NESTED = new RegExp(String.raw`(?<=[\])A-Za-z])(?:${DATE}: )?${UP}: \[(?:GC|Full GC)[ (]`);
const CONCURRENT = new RegExp(String.raw`${STAMP}\[(?:CMS-concurrent-[\w-]+|GC concurrent-[\w-]+)[^\[\]]*\](?: ?\[Times: [^\]]*\])?`, 'g');
const STOPPED = new RegExp(String.raw`${STAMP}Total time for which application threads were stopped: (${UP}) seconds(?:, Stopping threads took: (${UP}) seconds)?`);
const APP_TIME = new RegExp(String.raw`${STAMP}Application time: ${UP} seconds`);
const ERGO = new RegExp(String.raw`${STAMP}\[G1Ergonomics [^\]]*\]`, 'g');
const HEAP_PAIR = new RegExp(String.raw`(${SIZE})->(${SIZE})\((${SIZE})\)`, 'g');
const G1_HEAP = new RegExp(String.raw`Heap: (${SIZE})\((${SIZE})\)->(${SIZE})\((${SIZE})\)`);
const G1_EDEN = new RegExp(String.raw`Eden: (${SIZE})\((${SIZE})\)->(${SIZE})\((${SIZE})\) Survivors: (${SIZE})->(${SIZE})`);
const OLD_GEN = new RegExp(String.raw`\[(?:CMS|ParOldGen|PSOldGen|Tenured|ASCMS)[^\]\[]*?: (${SIZE})->(${SIZE})\((${SIZE})\)`);
const YOUNG_GEN = new RegExp(String.raw`\[(?:DefNew|ParNew|PSYoungGen|ASParNew)[^\]\[]*?: (${SIZE})->(${SIZE})\((${SIZE})\)`);
const META = new RegExp(String.raw`\[(?:Metaspace|PSPermGen|CMS Perm |Perm |Perm|PS Perm|CMS Perm)\s*: (${SIZE})->(${SIZE})\((${SIZE})\)\]`);
const OCCUPANCY = new RegExp(String.raw`\] (${SIZE})\((${SIZE})\), (${UP}) secs\]`);
const SECS = new RegExp(String.raw`, (${UP}) secs\]`, 'g');
const SHEN_MS = new RegExp(String.raw`, (${UP}) ms\]`);
const TIMES = new RegExp(String.raw`\[Times: user=(${UP}) sys=(${UP}), real=(${UP}) secs\]`);
const CAUSE = /^(?:Full GC|GC(?:--)?|GC pause)\s*\(((?:[^()]|\([^()]*\))*)\)/;
/** Lines that are GC output but no event: PrintHeapAtGC, tenuring, FLS statistics, adaptive size, rotation, Shenandoah stats. */
const DETAIL = new RegExp(
  [
    String.raw`^\{?Heap (?:before|after) GC invocations=`,
    String.raw`^\}$`,
    String.raw`^Heap$`,
    String.raw`^ *(?:par new generation|def new generation|PSYoungGen|ParOldGen|PSOldGen|PSPermGen|concurrent mark-sweep generation|concurrent-mark-sweep perm gen|tenured generation|compacting perm gen|garbage-first heap|eden space|from space|to {1,3}space|object space|the space|region size|Metaspace|class space|No shared spaces|ro space|rw space|Shenandoah Heap|Status:|Reserved region:|Collection set:|Pinned regions|\d+ x \d+ ?[KMG]? regions)`,
    String.raw`^ +- \[`,
    String.raw`^ +\[`,
    String.raw`^Desired survivor size \d+ bytes`,
    String.raw`^- age +\d+:`,
    String.raw`^(?:Statistics for (?:BinaryTreeDictionary|IndexedFreeLists):|-{10,}|Total Free Space:|Max +Chunk Size:|Number of Blocks:|Av\. +Block +Size:|Tree +Height:|Before GC:|After GC:|CMS: Large (?:block|Block))`,
    String.raw`^(?:${DATE}: )?(?:${UP}: )?(?:GC log file (?:created|has reached the maximum size)|AdaptiveSize|PSAdaptiveSize|AdaptiveSizePolicy|PSYoungGen::|PSYoung generation size|  ?avg_|  ?collection: |Young generation size|Old generation size|UseAdaptiveSizePolicy|  ?eden: |  ?old_eden_size|  ?survived:|  ?Eden, from, to:|  ?minor pause:|  ?major pause:|  ?avg_promoted)`,
    // Shenandoah (jdk8u backport) statistics and pacing blocks.
    String.raw`^ *(?:[A-Z]{1,3}: )?[A-Z<][\w /()<>-]+ +(?:=|\d+ us)`,
    String.raw`^ *(?:Regions: \d+ x|Humongous object threshold:|Max TLAB size:|GC threads:|Heuristics ergonomically|Shenandoah GC mode:|Shenandoah heuristics:|Reference processing:|Soft Max Heap Size:|Initialize Shenandoah heap:|Using \d+ of \d+ workers|Pacer for|Cancelling GC:|, \[Metaspace: )`,
    String.raw`^ *\d+ of +\d+ ms \(`,
    String.raw`^all workers\. Dividing the <total>|^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d )?GC log file (?:created|has reached the maximum size)`,
    String.raw`^(?:Allocation pacing accrued:|GC STATISTICS:|Under allocation pressure|Pause Full GC|Concurrent|Degenerated|Full GC|Cancelling GC|Trigger:|Free:|Evacuation Reserve:|Pacer for|Failed to allocate|Adaptive CSet Selection|Collectable Garbage|Immediate Garbage|Good progress|Uncommitted|Heuristics|Shenandoah|Initialize Shenandoah|All times are|Pauses|Concurrent phases|Pause times|  ?\d+ (?:caused|successful|of|Full|Degenerated|upgraded|abbreviated|allocation|completed))`,
    String.raw`^ *\d+ (?:Degenerated|Full|abbreviated|successful|completed|upgraded|caused|of)`,
  ].join('|'),
);
const HEADER_VM = /^(?:OpenJDK|Java HotSpot\(TM\)|Eclipse OpenJ9|IBM J9)[^(]*\(([^)]+)\) for .*?JRE \(([^)]+)\)/;
const HEADER_MEMORY = /^Memory: \d+k page, physical (\d+)k/;
const HEADER_FLAGS = /^CommandLine flags: (.*)$/;
const GC_TIME_LIMIT = /\s*GC time (?:is exceeding|would exceed) GCTimeLimit of \d+%/;
const GC_LOOKING = new RegExp(String.raw`\[(?:GC|Full GC)\b|${SIZE}->${SIZE}\(${SIZE}\)|\d secs\]`);

interface Open {
  text: string;
  /** The event's first line as printed, for citing. */
  raw: string;
  line: number;
  depth: number;
  uptimeMs: number;
  epochMs: number;
  times: boolean;
  g1Heap?: RegExpExecArray | null;
  g1Eden?: RegExpExecArray | null;
  meta?: RegExpExecArray | null;
  gcTimeLimit: boolean;
}

function depthOf(s: string): number {
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5b) d++;
    else if (c === 0x5d) d--;
  }
  return d;
}

export class LegacyReader {
  private open: Open | undefined;
  private outer: Open | undefined;
  private readonly scratch: EventScratch = newScratch();
  private lastUptime = NaN;
  private exitReport = false;

  constructor(private readonly ctx: ParseContext) {}

  line(raw: string, lineNo: number): void {
    const ctx = this.ctx;
    if (this.header(raw, lineNo)) return ctx.detail();
    let text = raw;
    let consumed = false;
    // Concurrent phases and safepoint lines printed by other threads, wherever they fall.
    if (text.includes('concurrent-')) {
      text = text.replace(CONCURRENT, (m) => {
        this.concurrentPhase(m);
        consumed = true;
        return '';
      });
    }
    if (text.includes('Total time for which')) {
      const m = STOPPED.exec(text);
      if (m) {
        this.safepoint(secMs(m[1]), m[2] ? secMs(m[2]) : 0, lineNo);
        const sp = ctx.run.safepoints;
        if (sp.maxLine === lineNo || sp.ttspMaxLine === lineNo) ctx.keep(lineNo, raw);
        text = text.replace(STOPPED, '');
        consumed = true;
      }
    }
    if (text.includes('Application time:')) {
      text = text.replace(APP_TIME, '');
      consumed = true;
    }
    if (text.includes('G1Ergonomics')) {
      text = text.replace(ERGO, '');
      consumed = true;
    }
    if (text.includes('{Heap before GC')) {
      text = text.replace(/\{Heap before GC invocations=.*$/, '');
      consumed = true;
    }
    text = text.replace(/ ?(?:Before|After) GC:$/, '').replace(/CMS: Large (?:block|Block)[^\]\[:]*(?=$|:)/, '').replace(/ ?CMS: abort preclean due to time/, '');
    let gcTimeLimit = false;
    if (text.includes('GCTimeLimit')) {
      text = text.replace(GC_TIME_LIMIT, '');
      gcTimeLimit = true;
    }
    if (text.trim() === '') return consumed || this.open ? ctx.detail() : ctx.other(lineNo, raw);
    // The JVM's exit report (heap summary, Shenandoah's GC STATISTICS with its prose) runs to the end.
    if (/^(?:Heap|GC STATISTICS:|Shenandoah Heap)$/.test(text.trim())) this.exitReport = true;

    // Shenandoah (jdk8u) announces each phase: "[Pause Init Mark (process weakrefs), start]".
    if (/^(?:\S+: )?(?:\d+[.,]\d+: )?\[(?:Pause|Concurrent) [^\]]*, start\] ?$/.test(text)) return ctx.detail();
    // A young GC printed inside a CMS remark (-XX:+CMSScavengeBeforeRemark) on the same line: the
    // remark's start, then the nested event.
    const nested = NESTED.exec(text);
    if (nested && nested.index > 0 && START.test(text)) {
      this.line(text.slice(0, nested.index), lineNo);
      this.line(text.slice(nested.index), lineNo);
      return;
    }
    const open = this.open;
    // Indented lines are G1's detail block, heap-at-GC or statistics: never an event's start.
    const indented = text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09;
    const start = indented ? null : START.exec(text);
    if (start) {
      if (start[1] && /\S/.test(start[1]) && !this.open) ctx.other(lineNo, start[1]);
      // The event's text from its "[" on; the stamps are read from the match.
      const body = text.slice(start[0].length - start[4].length - 1);
      const ev: Open = {
        text: body,
        raw,
        line: lineNo,
        depth: depthOf(body),
        uptimeMs: start[3] ? secMs(start[3]) : NaN,
        epochMs: start[2] ? isoMs(start[2]) : NaN,
        times: false,
        gcTimeLimit,
      };
      this.exitReport = false;
      if (this.open) {
        if (this.open.depth > 0 && !this.outer) this.outer = this.open;
        else this.finish(this.open);
      }
      this.open = ev;
      this.afterAppend(ev);
      return ctx.event();
    }
    if (DETAIL.test(text) || DETAIL.test(text.trimStart())) {
      const age = /^Desired survivor size \d+ bytes, new threshold (\d+) \(max (\d+)\)/.exec(text);
      if (age) {
        const t = ctx.run.tenuring;
        const threshold = Number(age[1]);
        t.samples++;
        if (threshold < Number(age[2])) t.belowMax++;
        if (threshold < t.minThreshold) t.minThreshold = threshold;
        if (Number(age[2]) > t.maxThreshold) t.maxThreshold = Number(age[2]);
        if (threshold <= 2 && !t.firstLowLine) {
          t.firstLowLine = lineNo;
          ctx.keep(lineNo, raw);
        }
      }
      if (open) {
        if (!open.g1Heap && text.includes('Heap: ')) open.g1Heap = G1_HEAP.exec(text);
        if (!open.g1Eden && text.includes('Eden: ')) open.g1Eden = G1_EDEN.exec(text);
        if (!open.meta && text.includes('Metaspace')) open.meta = META.exec(text);
        if (text.includes('[Times:')) {
          open.text += text.trim();
          open.times = true;
          this.afterAppend(open);
        }
      }
      return ctx.detail();
    }
    if (open) {
      // A continuation of the open event (": 69K->68K(69K), 2.73 secs]", the rest of a CMS remark).
      open.text += text;
      open.depth = depthOf(open.text);
      if (gcTimeLimit) open.gcTimeLimit = true;
      this.afterAppend(open);
      return ctx.detail();
    }
    if (this.exitReport) return ctx.detail();
    if (GC_LOOKING.test(text)) return ctx.unknown(lineNo, raw);
    if (consumed) return ctx.detail();
    ctx.other(lineNo, raw);
  }

  /** After text was added to an event: is it closed? */
  private afterAppend(ev: Open): void {
    if (!ev.g1Heap && ev.text.includes('Heap: ')) ev.g1Heap = G1_HEAP.exec(ev.text);
    if (!ev.meta && ev.text.includes('Metaspace')) ev.meta = META.exec(ev.text);
    if (ev.text.includes('[Times:')) ev.times = true;
    if (ev.times || SHEN_MS.test(ev.text)) {
      this.finish(ev);
      if (ev === this.open) {
        this.open = this.outer;
        this.outer = undefined;
      }
    }
  }

  end(): void {
    if (this.open) this.finish(this.open);
    if (this.outer) this.finish(this.outer);
    this.open = this.outer = undefined;
  }

  private header(text: string, lineNo: number): boolean {
    const ctx = this.ctx;
    let m: RegExpExecArray | null;
    if ((m = HEADER_VM.exec(text))) {
      if (ctx.run.eventCount > 0 || ctx.run.sawHeader) this.startRun(lineNo, 'a second JVM header');
      const run = ctx.run;
      run.jvmVersion = m[2];
      ctx.keep(lineNo, text);
      run.sawHeader = true;
      run.headerLine = lineNo;
      return true;
    }
    if ((m = HEADER_MEMORY.exec(text))) {
      ctx.run.memoryBytes = Number(m[1]) * 1024;
      return true;
    }
    if ((m = HEADER_FLAGS.exec(text))) {
      const run = ctx.run;
      run.flags = m[1].trim().split(/\s+/);
      ctx.keep(lineNo, text);
      run.flagsLine = lineNo;
      for (const f of run.flags) {
        let v: RegExpExecArray | null;
        if ((v = /^-XX:MaxHeapSize=(\d+)$/.exec(f))) run.heapMaxBytes = Number(v[1]);
        else if ((v = /^-XX:InitialHeapSize=(\d+)$/.exec(f))) run.heapInitialBytes = Number(v[1]);
        else if ((v = /^-XX:G1HeapRegionSize=(\d+)$/.exec(f))) run.regionBytes = Number(v[1]);
        else if (f === '-XX:+UseG1GC') ctx.collector('G1', true);
        else if (f === '-XX:+UseConcMarkSweepGC') ctx.collector('CMS', true);
        else if (f === '-XX:+UseParallelGC' || f === '-XX:+UseParallelOldGC') ctx.collector('Parallel', true);
        else if (f === '-XX:+UseSerialGC') ctx.collector('Serial', true);
        else if (f === '-XX:+UseShenandoahGC') ctx.collector('Shenandoah', true);
      }
      return true;
    }
    return false;
  }

  private startRun(lineNo: number, why: string): void {
    this.end();
    this.ctx.newRun(lineNo, why);
    this.lastUptime = NaN;
  }

  private concurrentPhase(m: string): void {
    const run = this.ctx.run;
    const up = new RegExp(String.raw`(${UP}): \[`).exec(m);
    if (up) run.sawUptime(secMs(up[1]));
    const cms = new RegExp(String.raw`: (${UP})/(${UP}) secs\]`).exec(m);
    const g1 = new RegExp(String.raw`(${UP}) secs\]`).exec(m);
    if (cms) run.concurrentMs += secMs(cms[2]);
    else if (g1 && /-end,/.test(m)) run.concurrentMs += secMs(g1[1]);
    if (/-start\]|concurrent-mark-start/.test(m) && /mark-start/.test(m)) run.concurrentCount++;
    this.ctx.guessCollector(m);
  }

  private safepoint(totalMs: number, ttspMs: number, lineNo: number): void {
    addSafepoint(this.ctx.run.safepoints, totalMs, ttspMs, lineNo);
  }

  /** Reads a complete (or abandoned) event's text into one row of the run's columns. */
  private finish(ev: Open): void {
    const ctx = this.ctx;
    const t = ev.text;
    // An uptime going back: a JVM restart appended to the same file without a header.
    if (Number.isFinite(ev.uptimeMs)) {
      if (Number.isFinite(this.lastUptime) && ev.uptimeMs + 5000 < this.lastUptime && ev.uptimeMs < 60_000) {
        this.ctx.newRun(ev.line, `the uptime went back to ${(ev.uptimeMs / 1000).toFixed(3)} s`);
      }
      this.lastUptime = ev.uptimeMs;
    }
    const run = ctx.run;
    ctx.guessCollector(t);
    const s = this.scratch;
    resetScratch(s);
    s.line = ev.line;
    s.uptimeMs = ev.uptimeMs;
    if (Number.isFinite(ev.epochMs) && run.epochAtZeroMs === undefined && Number.isFinite(ev.uptimeMs)) run.epochAtZeroMs = ev.epochMs - ev.uptimeMs;
    const head = t.slice(1);
    let kind: EventKindName = 'young';
    if (head.startsWith('Full GC')) kind = 'full';
    else if (head.startsWith('Pause ')) {
      // Shenandoah (jdk8u): "[Pause Init Mark (process weakrefs), 3.341 ms]", "[Pause Full 1G->500M(2G), 1.2 ms]"
      ctx.collector('Shenandoah', true);
      const n = head.slice(6);
      kind = /^Full/.test(n) ? 'full' : /^Degenerated/.test(n) ? 'degenerated' : /^Final Mark|^Final/.test(n) ? 'remark' : /^Init Mark/.test(n) ? 'initial-mark' : 'pause-other';
      const ms = SHEN_MS.exec(t);
      s.durationMs = ms ? num(ms[1]) : NaN;
    } else if (head.startsWith('Concurrent ')) {
      ctx.collector('Shenandoah', true);
      const ms = SHEN_MS.exec(t);
      if (ms) run.concurrentMs += num(ms[1]);
      run.concurrentCount++;
      // "[Concurrent cleanup 1613M->1361M(1636M), 0.092 ms]": the heap after the cycle.
      const h = /^Concurrent cleanup /.test(head) ? new RegExp(String.raw`(${SIZE})->(${SIZE})\((${SIZE})\)`).exec(head) : null;
      if (!h) return;
      s.kind = KIND_CODE.cycle;
      s.heapBefore = sizeBytes(h[1]);
      s.heapAfter = sizeBytes(h[2]);
      s.heapCapacity = sizeBytes(h[3]);
      run.push(s);
      return;
    } else if (/CMS-initial-mark/.test(t)) kind = 'initial-mark';
    else if (/CMS-remark|^\[GC remark/.test(t)) kind = 'remark';
    else if (head.startsWith('GC cleanup')) kind = 'cleanup';
    else if (/^GC pause .*\(mixed\)/.test(head)) kind = 'mixed';
    if (/\(initial-mark\)/.test(t)) s.flags |= EVENT_FLAG.concurrentStart;
    const cm = CAUSE.exec(head);
    if (cm) s.cause = cm[1];
    else if (kind === 'full' && /^Full GC \(System\)/.test(head)) s.cause = 'System';
    const entry = s.cause ? causeEntry(s.cause) : undefined;
    if (entry?.category === 'humongous') s.flags |= EVENT_FLAG.humongous;
    if (entry?.category === 'gc-locker') s.flags |= EVENT_FLAG.gcLocker;
    if (entry?.category === 'metadata' || s.cause === 'Last ditch collection') s.flags |= EVENT_FLAG.metaspace;
    if (/promotion failed|^GC--/.test(t) || head.startsWith('GC--')) s.flags |= EVENT_FLAG.promotionFailed;
    if (/concurrent mode (?:failure|interrupted)/.test(t)) s.flags |= EVENT_FLAG.concurrentModeFailure;
    if (/to-space (?:exhausted|overflow)|\(Evacuation Failure\)/.test(t)) s.flags |= EVENT_FLAG.toSpaceExhausted;
    if (ev.gcTimeLimit) s.flags |= EVENT_FLAG.gcTimeLimit;
    if (!ev.times && !Number.isFinite(s.durationMs) && !SECS.test(t)) s.flags |= EVENT_FLAG.cut;
    SECS.lastIndex = 0;
    s.kind = KIND_CODE[kind];

    // Heap: G1's detail line, else the last "a->b(c)" not belonging to a generation ("[ParNew: …").
    const timesAt = t.indexOf('[Times:');
    const body = timesAt >= 0 ? t.slice(0, timesAt) : t;
    if (ev.g1Heap) {
      s.heapBefore = sizeBytes(ev.g1Heap[1]);
      s.heapAfter = sizeBytes(ev.g1Heap[3]);
      s.heapCapacity = sizeBytes(ev.g1Heap[4]);
    } else {
      HEAP_PAIR.lastIndex = 0;
      let last: RegExpExecArray | null = null;
      for (let m = HEAP_PAIR.exec(body); m; m = HEAP_PAIR.exec(body)) {
        const before = body.slice(Math.max(0, m.index - 2), m.index);
        if (before.endsWith(': ') || before.endsWith(':')) continue;
        if (/Perm|Metaspace/.test(body.slice(Math.max(0, m.index - 14), m.index))) continue;
        last = m;
      }
      if (last) {
        s.heapBefore = sizeBytes(last[1]);
        s.heapAfter = sizeBytes(last[2]);
        s.heapCapacity = sizeBytes(last[3]);
      } else if (kind === 'initial-mark' || kind === 'remark') {
        const o = OCCUPANCY.exec(body);
        if (o) {
          s.heapBefore = s.heapAfter = sizeBytes(o[1]);
          s.heapCapacity = sizeBytes(o[2]);
        }
      }
    }
    if (ev.g1Eden) {
      s.youngBefore = sizeBytes(ev.g1Eden[1]) + sizeBytes(ev.g1Eden[5]);
      s.youngAfter = sizeBytes(ev.g1Eden[3]) + sizeBytes(ev.g1Eden[6]);
    } else {
      const y = YOUNG_GEN.exec(body);
      if (y) {
        s.youngBefore = sizeBytes(y[1]);
        s.youngAfter = sizeBytes(y[2]);
      }
    }
    const o = OLD_GEN.exec(body);
    if (o) s.oldAfter = sizeBytes(o[2]);
    else if (Number.isFinite(s.heapAfter) && Number.isFinite(s.youngAfter) && !ev.g1Eden) s.oldAfter = s.heapAfter - s.youngAfter;
    const meta = ev.meta ?? META.exec(body);
    if (meta) {
      s.metaBefore = sizeBytes(meta[1]);
      s.metaAfter = sizeBytes(meta[2]);
      s.metaCapacity = sizeBytes(meta[3]);
    }
    if (!Number.isFinite(s.durationMs)) {
      // The event's own duration closes last: the last ", N secs]" before [Times.
      let d = NaN;
      SECS.lastIndex = 0;
      for (let m = SECS.exec(body); m; m = SECS.exec(body)) d = secMs(m[1]);
      s.durationMs = d;
    }
    const tm = TIMES.exec(t);
    if (tm) {
      s.user = num(tm[1]);
      s.sys = num(tm[2]);
      s.real = num(tm[3]);
      if (!Number.isFinite(s.durationMs)) s.durationMs = s.real * 1000;
    }
    if (s.flags & EVENT_FLAG.cut) ctx.cut(ev.line, 'a GC event without its end (a cut line, or the log ends inside it)');
    run.push(s);
    ctx.keepEvent(ev.line, ev.raw, kind === 'young' && s.flags === 0, s.cause, s.durationMs);
  }
}
