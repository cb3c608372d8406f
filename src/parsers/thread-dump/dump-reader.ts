// The line-level thread-dump reader: a state machine that recognises a dump wherever it starts — a
// jstack file, `jcmd Thread.print` output, or the middle of a catalina.out where `kill -3` printed it
// among log lines — and says, line by line, whether the line belonged to the dump.
// Reference: hotspot/share/runtime/threads.cpp (Threads::print_on: SMR info, threads, "JNI global refs"),
// vframe.cpp (javaVFrame::print_lock_info_on: "- locked", "- waiting on", "- waiting to lock",
// "- parking to wait for", "- waiting to re-lock in wait()", "- eliminated"), concurrentLocks.cpp
// ("Locked ownable synchronizers:"), deadlock reporting in threadService.cpp
// (DeadlockCycle::print_on_with: "Found one Java-level deadlock:", "waiting to lock monitor",
// "waiting for ownable synchronizer", "which is held by", "Found N deadlock(s)."),
// threadSMR.cpp (ThreadsSMRSupport::print_info_on), and jdk.internal.vm.ThreadDumper (JDK 21+
// `jcmd Thread.dump_to_file` plain text: pid, instant, version, then `#id "name" [virtual]` + frames).

import type { Deadlock, DeadlockParticipant, JavaThread, LockRelation, ThreadDump, ThreadState } from './types.js';
import { DUMP_TIMESTAMP, parseFullDumpLine, parseThreadHeader, timestampMs } from './header.js';
import { poolOf } from '../../knowledge/thread-names.js';
import { summarizeDump } from './summarize.js';

/** Guards memory on huge inputs (a log with hundreds of dumps): past this, threads are counted, not kept. */
export const MAX_THREADS_KEPT = 500_000;
/** Foreign lines tolerated inside a dump (another thread logging while kill -3 printed) before it is closed. */
const MAX_INTERRUPTION_LINES = 20;
/**
 * Lines after a lone thread header (no "Full thread dump" before it) within which its dump must show:
 * the header, an optional blank line, then the state line or first frame (or the next thread).
 */
const CANDIDATE_LINES = 3;
/** HotSpot prints both on every thread header since JDK 5 (JavaThread::print_on / Thread::print_on): a log line quoting a name does not. */
const HOTSPOT_IDS = / tid=0x[0-9a-fA-F]+ nid=\S/;

const STATE_LINE = /^\s+java\.lang\.Thread\.State: ([A-Z_]+)(?: \((.*)\))?/;
const FRAME = /^\s+at (.+?)\s*$/;
const LOCK_LINE = /^\s+- (locked|waiting on|waiting to lock|parking to wait for|waiting to re-lock in wait\(\)|eliminated)\s+<([^>]*)>(?: \(a (.*)\))?/;
const OWNABLE_HEADER = /^\s+Locked ownable synchronizers:/;
const OWNABLE_ITEM = /^\s+- <(0x[0-9a-fA-F]+)> \(a (.*)\)/;
const CARRYING = /^\s+(?:Carrying|Mounted) virtual thread #(\d+)/;
const JNI = /^JNI global (?:refs|references): (\d+)(?:, weak refs: (\d+))?/;
const JNI_MEMORY = /^JNI global refs memory usage: /;
const SMR_START = /^Threads class SMR info:/;
const SMR_LENGTH = /length=(\d+)/;
const DEADLOCK_START = /^Found one Java-level deadlock:/;
const DEADLOCK_TOTAL = /^Found (?:a total of )?(\d+) deadlocks?\.?\s*$/;
const DEADLOCK_THREAD = /^"(.*)":\s*$/;
// jstack -F (the serviceability agent) prints "Monitor@0x… (Object@0x…, a org/glowroot/…)".
const WAITING_MONITOR = /^\s+waiting to lock [Mm]onitor@?\s*(0x[0-9a-fA-F]+)(?: \([Oo]bject@?\s*(0x[0-9a-fA-F]+), a (.*?)\))?,?\s*$/;
/**
 * A deadlock report pasted without the dump before it: "Found one Java-level deadlock:" at the start of
 * a line, possibly indented (a Markdown code block), after a Markdown heading mark, "<pre>" or a quote.
 */
const PASTED_DEADLOCK = /^(\s*)(?:#+\s*|<pre>\s*|>\s*)?Found one Java-level deadlock:/;
const WAITING_OWNABLE = /^\s+waiting for ownable synchronizer (0x[0-9a-fA-F]+), \(a (.*?)\),?\s*$/;
const HELD_BY = /^\s+which is held by (?:"(.*)"|(\S.*))\s*$/;
const JCMD_PID = /^(\d+):\s*$/;
const BARE_PID = /^(\d+)\s*$/;
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\s*$/;
const TO_FILE_THREAD = /^(?:Thread )?#(\d+) "(.*)"( virtual)?(?: ([A-Z_]+))?(?:\s|$)/;
const TO_FILE_FRAME = /^ {2,}(?!- )(\S.*?)\s*$/;
const TO_FILE_LOCK = /^ {2,}- (.*)$/;

const LOCK_RELATION: Record<string, LockRelation> = {
  locked: 'locked',
  'waiting on': 'waiting-on',
  'waiting to lock': 'waiting-to-lock',
  'parking to wait for': 'parking',
  'waiting to re-lock in wait()': 'waiting-to-relock',
  eliminated: 'eliminated',
};

const THREAD_STATES = new Set(['NEW', 'RUNNABLE', 'BLOCKED', 'WAITING', 'TIMED_WAITING', 'TERMINATED']);

type Section = 'threads' | 'smr' | 'deadlock' | 'deadlock-stacks' | 'heap' | 'after';

/** The line-level reader other parsers embed (see createThreadDumpReader). */
export interface ThreadDumpReader {
  /**
   * Offers one line (without its terminator; `lineNo` 1-based). Returns true when the line belonged
   * to a thread dump — the caller (e.g. a log parser) should then not read it as one of its own lines.
   * A bare timestamp or "<pid>:" line just before a dump returns false: it is only known to belong to
   * the dump once the "Full thread dump" line follows; its value is still attached to the dump. Likewise
   * the first thread header of a dump whose "Full thread dump" line was cut off returns false: it opens
   * the dump only when the next lines confirm it (its state line, a frame, the next thread header).
   */
  line(text: string, lineNo: number): boolean;
  /** True while inside a dump. */
  readonly inDump: boolean;
  /**
   * True while inside a dump or weighing a lone thread header: every line must be offered, none
   * skipped (a fast path may skip only lines that mayConcernDumpReader in log/line-bytes.ts rejects,
   * and only while this is false).
   */
  readonly wantsEveryLine: boolean;
  /** Closes any open dump and returns every dump met, in order. Call once. */
  finish(): { dumps: ThreadDump[]; notes: string[] };
}

interface OpenDump {
  dump: ThreadDump;
  section: Section;
  thread?: JavaThread;
  /** "Locked ownable synchronizers:" seen for the current thread. */
  ownable: boolean;
  deadlock?: Deadlock;
  participant?: DeadlockParticipant;
  /** Lines since the last line that belonged to the dump. */
  foreign: number;
  /** Past MAX_THREADS_KEPT: the current thread is counted only, its lines are claimed and dropped. */
  skipping: boolean;
  /** A pasted deadlock report indented as a whole (Markdown): the indentation its lines lose. */
  indent?: string;
  /** Lines of the current deadlock's "Java stack information" seen (a blank line right after its heading does not end it). */
  stackLines?: number;
}

/**
 * Creates a reader that finds HotSpot thread dumps (JDK 5–25: jstack, jcmd Thread.print, kill -3) and
 * JDK 21+ Thread.dump_to_file text dumps in a stream of lines. A log parser embeds it by offering every
 * line first and skipping the ones it claims; a dump interrupted by up to 20 foreign lines (another
 * thread logging while the JVM printed) continues when the next thread header arrives. Frames met
 * outside a dump are never claimed: they belong to the log's exception stack traces.
 */
export function createThreadDumpReader(opts: { pastedDeadlocks?: boolean } = {}): ThreadDumpReader {
  const dumps: ThreadDump[] = [];
  const notes: string[] = [];
  let open: OpenDump | undefined;
  let keptThreads = 0;
  let capNoted = false;
  // Lines that may precede a dump: jstack's timestamp, jcmd's "<pid>:", Thread.dump_to_file's pid/instant/version.
  let pendingTime: { text: string; line: number } | undefined;
  let pendingPid: { pid: number; line: number } | undefined;
  let pendingInstant: { text: string; line: number } | undefined;
  let pendingVersion: string | undefined;
  // A thread header met outside any dump: the first thread of an excerpt whose "Full thread dump" line
  // was cut off — or a log line that merely looks like one. Held (one line, bounded) until the next lines tell.
  let candidate: { text: string; line: number } | undefined;

  function newDump(format: ThreadDump['format'], line: number, text: string): OpenDump {
    const dump: ThreadDump = {
      format,
      line,
      text,
      endLine: line,
      threads: [],
      deadlocks: [],
      counts: { total: 0, platform: 0, daemon: 0, virtual: 0, internal: 0, byState: {} },
      pools: [],
      stacks: [],
    };
    const near = (l: number | undefined) => l !== undefined && line - l <= 3;
    if (pendingTime && near(pendingTime.line)) {
      dump.time = pendingTime.text.trim();
      const ms = timestampMs(dump.time);
      if (ms !== undefined) dump.epochMs = ms;
    } else if (pendingInstant && near(pendingInstant.line)) {
      dump.time = pendingInstant.text.trim();
      const ms = timestampMs(dump.time);
      if (ms !== undefined) dump.epochMs = ms;
    }
    if (pendingPid && line - pendingPid.line <= 4) dump.pid = pendingPid.pid;
    pendingTime = pendingPid = pendingInstant = undefined;
    return { dump, section: 'threads', ownable: false, foreign: 0, skipping: false };
  }

  function close(): void {
    if (!open) return;
    endThread();
    const d = open.dump;
    open = undefined;
    if (d.threads.length === 0 && d.counts.total === 0 && d.deadlocks.length === 0) {
      notes.push(`line ${d.line}: a thread dump header with no threads after it (cut off, or the file's lines are out of order)`);
      return;
    }
    dumps.push(summarizeDump(d));
  }

  function endThread(): void {
    if (!open) return;
    open.thread = undefined;
    open.ownable = false;
    open.skipping = false;
  }

  function addThread(t: JavaThread): void {
    const o = open!;
    endThread();
    // Counted always; kept while memory allows (counts stay exact past the cap).
    if (keptThreads >= MAX_THREADS_KEPT) {
      if (!capNoted) notes.push(`more than ${MAX_THREADS_KEPT} threads in total: later threads are counted but their stacks not kept`);
      capNoted = true;
      countOnly(o.dump, t);
      o.skipping = true;
      return;
    }
    keptThreads++;
    o.dump.threads.push(t);
    o.thread = t;
  }

  function hotspotThread(text: string, lineNo: number): JavaThread | undefined {
    const h = parseThreadHeader(text);
    if (!h) return undefined;
    const t: JavaThread = {
      name: h.name,
      daemon: h.daemon,
      virtual: h.virtual,
      // VM-internal threads (GC, compiler "VM Thread", "VM Periodic Task Thread") carry no Java id from JDK 8
      // on; before that, they are told by having no Thread.State line (fixed up when it arrives).
      internal: h.id === undefined,
      frames: [],
      locksHeld: [],
      locksWaited: [],
      pool: poolOf(h.name),
      line: lineNo,
      text,
    };
    for (const k of ['id', 'osThreadId', 'priority', 'osPriority', 'cpuMs', 'elapsedSeconds', 'tid', 'nid', 'osState'] as const) {
      if (h[k] !== undefined) (t as unknown as Record<string, unknown>)[k] = h[k];
    }
    return t;
  }

  /** A line inside an open dump; false when it is not dump content. */
  function inside(text: string, lineNo: number): boolean {
    const o = open!;
    if (o.indent && text.startsWith(o.indent)) text = text.slice(o.indent.length);
    if (text.trim() === '') {
      if (o.section === 'deadlock-stacks' && (o.stackLines ?? 0) > 0) o.section = 'deadlock';
      return true;
    }
    const header = hotspotThread(text, lineNo);
    if (header) {
      o.section = 'threads';
      addThread(header);
      return true;
    }
    if (o.dump.format === 'thread-dump-to-file') return insideToFile(text, lineNo);

    if (SMR_START.test(text)) {
      o.section = 'smr';
      return true;
    }
    if (o.section === 'smr') {
      const len = SMR_LENGTH.exec(text);
      if (len && /^_java_thread_list=/.test(text)) o.dump.smrThreadCount = Number(len[1]);
      if (/^(_|0x|\}|\s)/.test(text)) {
        if (text.startsWith('}')) o.section = 'threads';
        return true;
      }
    }
    const jni = JNI.exec(text);
    if (JNI_MEMORY.test(text)) return true;
    if (jni) {
      endThread();
      o.dump.jniGlobalRefs = Number(jni[1]);
      if (jni[2] !== undefined) o.dump.jniWeakRefs = Number(jni[2]);
      o.section = 'after';
      return true;
    }
    if (DEADLOCK_START.test(text)) {
      endThread();
      o.deadlock = { participants: [], line: lineNo, text };
      o.dump.deadlocks.push(o.deadlock);
      o.participant = undefined;
      o.section = 'deadlock';
      return true;
    }
    if (DEADLOCK_TOTAL.test(text)) {
      o.section = 'after';
      return true;
    }
    if (o.section === 'deadlock' || o.section === 'deadlock-stacks') return deadlockLine(text, lineNo);
    if (/^Heap\s*$/.test(text)) {
      endThread();
      o.section = 'heap';
      return true;
    }
    if (o.section === 'heap') return /^\s/.test(text);

    const t = o.thread;
    if (!t) return o.skipping && /^\s/.test(text);
    const state = STATE_LINE.exec(text);
    if (state) {
      if (THREAD_STATES.has(state[1])) t.state = state[1] as ThreadState;
      if (state[2]) t.stateDetail = state[2];
      t.internal = false;
      return true;
    }
    const frame = FRAME.exec(text);
    if (frame) {
      t.frames.push(frame[1]);
      return true;
    }
    const lock = LOCK_LINE.exec(text);
    if (lock) {
      const relation = LOCK_RELATION[lock[1]];
      const address = /^0x[0-9a-fA-F]+$/.test(lock[2]) ? lock[2] : undefined;
      const l = { relation, line: lineNo, ...(address ? { address } : {}), ...(lock[3] ? { className: lock[3] } : {}) };
      (relation === 'locked' || relation === 'eliminated' ? t.locksHeld : t.locksWaited).push(l);
      return true;
    }
    if (OWNABLE_HEADER.test(text)) {
      o.ownable = true;
      return true;
    }
    if (o.ownable) {
      const item = OWNABLE_ITEM.exec(text);
      if (item) {
        t.locksHeld.push({ relation: 'ownable', address: item[1], className: item[2], line: lineNo });
        return true;
      }
    }
    const carrying = CARRYING.exec(text);
    if (carrying) {
      const id = Number(carrying[1]);
      if (/Carrying/.test(text)) t.carryingVirtualId = id;
      else if (!t.virtual) {
        // JDK 21+ jstack prints a mounted virtual thread's frames under its carrier: they are the virtual thread's.
        addThread({ name: '', id, daemon: true, virtual: true, internal: false, frames: [], locksHeld: [], locksWaited: [], pool: '(unnamed virtual)', line: lineNo, text });
      }
      return true;
    }
    // Other indented lines under a thread ("No compile task", "Compiling: …", "- None"): part of the dump.
    return /^\s/.test(text);
  }

  function deadlockLine(text: string, lineNo: number): boolean {
    const o = open!;
    const d = o.deadlock!;
    if (/^=+\s*$/.test(text)) return true;
    // Markdown around a pasted report: code fences, "# " before the JVM's own headings.
    if (/^\s*(?:```|~~~)\s*$/.test(text) || /^<\/?pre>\s*$/.test(text)) return true;
    if (/^#+\s/.test(text)) text = text.replace(/^#+\s+/, '');
    if (/^\s?Java stack information for the threads listed above:/.test(text)) {
      o.section = 'deadlock-stacks';
      o.stackLines = 0;
      return true;
    }
    if (o.section === 'deadlock-stacks') {
      o.stackLines = (o.stackLines ?? 0) + 1;
      return DEADLOCK_THREAD.test(text) || /^\s/.test(text);
    }
    const who = DEADLOCK_THREAD.exec(text);
    if (who) {
      o.participant = { thread: who[1], waitingFor: 'monitor', line: lineNo, text };
      d.participants.push(o.participant);
      return true;
    }
    const p = o.participant;
    if (!p) return /^\s/.test(text);
    const monitor = WAITING_MONITOR.exec(text);
    if (monitor) {
      p.waitingFor = 'monitor';
      // The object's address matches the "- waiting to lock <0x…>" line of the thread's stack; the monitor's does not.
      p.address = monitor[2] ?? monitor[1];
      if (monitor[3]) p.className = monitor[3].replace(/\//g, '.'); // the agent prints internal names
      return true;
    }
    const ownable = WAITING_OWNABLE.exec(text);
    if (ownable) {
      p.waitingFor = 'ownable-synchronizer';
      p.address = ownable[1];
      p.className = ownable[2];
      return true;
    }
    const held = HELD_BY.exec(text);
    if (held) {
      if (held[1] !== undefined) p.heldBy = held[1];
      return true;
    }
    return /^\s/.test(text);
  }

  /** A deadlock report pasted on its own (no "Full thread dump" before it): a dump of its deadlocks only. */
  function pastedDeadlock(text: string, lineNo: number): boolean {
    const m = PASTED_DEADLOCK.exec(text);
    if (!m) return false;
    open = newDump('hotspot', lineNo, text);
    open.indent = m[1] || undefined;
    open.deadlock = { participants: [], line: lineNo, text };
    open.dump.deadlocks.push(open.deadlock);
    open.section = 'deadlock';
    return true;
  }

  function insideToFile(text: string, lineNo: number): boolean {
    const o = open!;
    const th = TO_FILE_THREAD.exec(text);
    if (th) {
      const t: JavaThread = {
        name: th[2],
        id: Number(th[1]),
        daemon: false,
        virtual: Boolean(th[3]),
        internal: false,
        frames: [],
        locksHeld: [],
        locksWaited: [],
        pool: th[3] && th[2] === '' ? '(unnamed virtual)' : poolOf(th[2]),
        line: lineNo,
        text,
      };
      if (th[4] && THREAD_STATES.has(th[4])) t.state = th[4] as ThreadState;
      addThread(t);
      return true;
    }
    const t = o.thread;
    if (t) {
      const lock = TO_FILE_LOCK.exec(text);
      if (lock) return true;
      const frame = TO_FILE_FRAME.exec(text);
      if (frame) {
        t.frames.push(frame[1]);
        return true;
      }
    }
    return /^\s/.test(text);
  }

  function outside(text: string, lineNo: number): boolean {
    // Only for a file of its own: embedded in a log parser, the reader is offered just the lines
    // mayConcernDumpReader (log/line-bytes.ts) lets through, and a deadlock report is not one of them.
    if (opts.pastedDeadlocks && pastedDeadlock(text, lineNo)) return true;
    const full = parseFullDumpLine(text);
    if (full) {
      open = newDump('hotspot', lineNo, text);
      open.dump.vm = full.vm;
      if (full.vmVersion) open.dump.vmVersion = full.vmVersion;
      if (full.javaFeature !== undefined) open.dump.javaFeature = full.javaFeature;
      return true;
    }
    // jthreaddump-style "Thread dump from jcmd <pid> Thread.print:" headers.
    const jcmdTitle = /^Thread dump from jcmd (\d+)/.exec(text);
    if (jcmdTitle) {
      pendingPid = { pid: Number(jcmdTitle[1]), line: lineNo };
      open = newDump('hotspot', lineNo, text);
      return true;
    }
    if (DUMP_TIMESTAMP.test(text)) {
      pendingTime = { text, line: lineNo };
      return false;
    }
    const pid = JCMD_PID.exec(text) ?? BARE_PID.exec(text);
    if (pid) {
      pendingPid = { pid: Number(pid[1]), line: lineNo };
      return false;
    }
    if (ISO_INSTANT.test(text)) {
      pendingInstant = { text, line: lineNo };
      return false;
    }
    if (pendingInstant && lineNo - pendingInstant.line === 1 && /^\d+[\w.+-]*\s*$/.test(text)) {
      pendingVersion = text.trim();
      return false;
    }
    if (pendingInstant && lineNo - pendingInstant.line <= 3 && TO_FILE_THREAD.test(text)) {
      open = newDump('thread-dump-to-file', lineNo, text);
      if (pendingVersion) {
        open.dump.vmVersion = pendingVersion;
        const f = /^(\d+)/.exec(pendingVersion);
        if (f) open.dump.javaFeature = Number(f[1]);
      }
      pendingVersion = undefined;
      return insideToFile(text, lineNo);
    }
    // A dump whose "Full thread dump" header was cut off (a copied excerpt) starts at its first thread —
    // but a log line may quote a thread name too: only a header with HotSpot's tid/nid is a candidate,
    // and the lines after it decide (confirmCandidate).
    if (text.charCodeAt(0) === 0x22 /* " */ && HOTSPOT_IDS.test(text) && parseThreadHeader(text)) candidate = { text, line: lineNo };
    return false;
  }

  /**
   * The line after a candidate header: 'open' when it proves a dump (a state line, a frame, a lock
   * line, the next HotSpot thread header — VM-internal threads have no stack — or the "JNI global
   * refs" line that ends a dump), 'wait' for a blank line, 'drop' otherwise (the candidate was a log line; this line is read afresh).
   */
  function weighCandidate(text: string, lineNo: number): 'open' | 'wait' | 'drop' {
    const c = candidate!;
    if (lineNo - c.line > CANDIDATE_LINES) return 'drop';
    if (text.trim() === '') return 'wait';
    if (STATE_LINE.test(text) || FRAME.test(text) || LOCK_LINE.test(text) || JNI.test(text)) return 'open';
    if (text.charCodeAt(0) === 0x22 && HOTSPOT_IDS.test(text) && parseThreadHeader(text)) return 'open';
    return 'drop';
  }

  return {
    line(text, lineNo) {
      if (candidate) {
        const verdict = weighCandidate(text, lineNo);
        if (verdict === 'wait') return false;
        const c = candidate;
        candidate = undefined;
        if (verdict === 'open') {
          open = newDump('hotspot', c.line, c.text);
          inside(c.text, c.line);
        }
      }
      if (open) {
        if (parseFullDumpLine(text)) close();
        else if (inside(text, lineNo)) {
          open.dump.endLine = lineNo;
          open.foreign = 0;
          return true;
        } else {
          // Not dump content: a dump printed by kill -3 may be interleaved with log lines; keep it open a
          // little while, but a line that starts something else (a timestamp before the next dump) closes it.
          endThread();
          open.foreign++;
          if (open.foreign > MAX_INTERRUPTION_LINES || open.section !== 'threads' || DUMP_TIMESTAMP.test(text) || JCMD_PID.test(text)) close();
          else return false;
        }
      }
      return outside(text, lineNo);
    },
    get inDump() {
      return open !== undefined;
    },
    get wantsEveryLine() {
      return open !== undefined || candidate !== undefined;
    },
    finish() {
      close();
      return { dumps, notes };
    },
  };
}

/** Past the memory cap: count the thread without keeping it. */
function countOnly(dump: ThreadDump, t: JavaThread): void {
  const c = dump.counts;
  c.total++;
  if (!t.virtual) c.platform++;
  if (t.daemon) c.daemon++;
  if (t.virtual) c.virtual++;
  if (t.internal) c.internal++;
}
