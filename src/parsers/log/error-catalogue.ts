// The error catalogue: the messages that mean "out of memory" somewhere — Java heap, metaspace,
// direct buffers, native threads, JavaCPP's native-allocation caps, Netty's direct-memory counter, the
// JVM's own native allocation failure (hs_err), heap dumps, the kernel's OOM killer and exit code 137 —
// with the numbers they carry, sizes converted to bytes.
//
// Reference:
//  - HotSpot: OutOfMemoryError messages (gc/shared/memAllocator, universe.cpp "Java heap space",
//    "GC overhead limit exceeded", "Metaspace", "Compressed class space", "Requested array size exceeds
//    VM limit", "unable to create native thread: possibly out of memory or process/resource limits
//    reached" (JDK 11+; "unable to create new native thread" before), "Java heap space: failed
//    reallocation of scalar replaced objects"); java.nio.Bits.reserveMemory ("Direct buffer memory",
//    JDK 17+: "Cannot reserve N bytes of direct buffer memory (allocated: A, limit: L)");
//    FileChannelImpl.map ("Map failed"); heapDumper.cpp ("Dumping heap to … ...", "Heap dump file
//    created [N bytes in S secs]"); -XX:+ExitOnOutOfMemoryError "Terminating due to …",
//    -XX:+CrashOnOutOfMemoryError "Aborting due to …"; debug.cpp / vmError.cpp ("There is insufficient
//    memory for the Java Runtime Environment to continue.", "Native memory allocation (mmap) failed to
//    map N bytes …"), os_linux.cpp warning "os::commit_memory(…) failed; error='…' (errno=12)".
//  - JavaCPP org.bytedeco.javacpp.Pointer / IntPointer etc.: "Cannot allocate new XPointer(n): totalBytes
//    = …, physicalBytes = …", "Physical memory usage is too high: physicalBytes (…) > maxPhysicalBytes (…)"
//    (before 1.5: "physicalBytes = … > maxPhysicalBytes = …"), "Failed to allocate memory within limits:
//    totalBytes (… + …) > maxBytes (…)" (before: "totalBytes = … + … > maxBytes = …"). Sizes come from
//    Pointer.formatBytes: binary K/M/G/T, truncated (7775M means at least 7775 × 1024² bytes).
//  - Netty io.netty.util.internal.PlatformDependent.incrementMemoryCounter: OutOfDirectMemoryError
//    "failed to allocate N byte(s) of direct memory (used: U, max: M)".
//  - Linux mm/oom_kill.c: "Out of memory: Killed process N (comm) total-vm:…kB, anon-rss:…kB, file-rss:…kB,
//    shmem-rss:…kB …" (older "Kill process N (comm) score S or sacrifice child"), "Memory cgroup out of
//    memory: …", "<comm> invoked oom-killer: …", "oom-kill:constraint=…,task=…,pid=…".
//    mm/memcontrol.c mem_cgroup_print_oom_meminfo: "memory: usage NkB, limit NkB, failcnt N".
//  - HotSpot unified logging (os_linux.cpp, jvm.cpp JVM_StartThread): "[warning][os,thread] Failed to start
//    thread "name" - pthread_create failed (EAGAIN) for attributes: stacksize: 1024k, guardsize: 0k,
//    detached." and "Failed to start the native thread for java.lang.Thread "name"" (JDK 17+).
//  - Hadoop YARN ContainersMonitorImpl: "Container [pid=P,containerID=C] is running beyond physical|virtual
//    memory limits. Current usage: X of Y physical memory used; X of Y virtual memory used. Killing
//    container." and its "Dump of the process-tree" rows; Spark's YarnAllocator: "Container killed by
//    YARN for exceeding memory limits. X of Y physical|virtual memory used."
//  - Exit code 137 = 128 + SIGKILL: docker/kubectl/systemd wording.

import type { ErrorHit, ErrorId, LogPoint } from './types.js';
// The messages' patterns live with their meaning, one entry per id, in knowledge/oom-errors.ts.
import {
  OOM_ERRORS, OOM_IDS, JAVACPP_ALLOC, JAVACPP_PHYSICAL, JAVACPP_MAX, NETTY, CANNOT_RESERVE, HS_ERR, NATIVE_ALLOC, COMMIT_MEMORY, DUMPING, DUMPED,
  KERNEL_KILL, KERNEL_INVOKED, KERNEL_OOM_KILL, EXIT_137, SIGKILL, OOMKILLED,
  YARN_BEYOND,
  SPARK_YARN,
} from '../../knowledge/oom-errors.js';
import { parseBytes } from '../../util/bytes.js';
import { BusiestMinute } from './busiest-minute.js';
import { isReportedThrowable } from './reported-throwable.js';

type Values = Record<string, number | string>;

/**
 * Cheap test (one regex scan, no captures) that a line may hold a catalogue message. Kept in step with
 * the log parser's byte-level KEYWORDS (line-bytes.ts): a word here must be there too.
 */
const HINT = /emory|Bytes|Dumping heap|Heap dump|Unable to create|Kill|KILL|oom-kill|137|hs_err|pthread_create|native thread|\(java\) /;

export function mayHoldError(text: string): boolean {
  return HINT.test(text);
}

const OOM_ERROR_PID = /Out of Memory Error \(([^)]*)\), pid=(\d+)/;
const HS_ERR_FILE = /(\S*hs_err_pid(\d+)\.log)/;
const DUMP_FAILED = /Unable to create (\S+): (.+)$/;

const MEMCG_USAGE = /(?:^|[\]\s])memory: usage (\d+)kB, limit (\d+)kB, failcnt (\d+)/;
const UL_THREAD = /(?:Failed|Unable) to start thread(?: "([^"]*)")? - pthread_create failed \((\w+)\) for attributes: stacksize: (\d+)k/;
const UL_NATIVE_FOR = /Failed to start the native thread for java\.lang\.Thread "([^"]*)"/;
const YARN_EXIT = /exitStatus=(-?\d+)/;
const YARN_JAVA_ROW = /^\s*\|- \d+ .*\(java\) .*?\s(-Xmx\d+[kKmMgGtT]?)\b/;

const HISTOGRAM_ROW = /^\s*\d+:\s+\d+\s+\d+\s+\S/;

/** Which OutOfMemoryError message: the catalogue's message patterns, in its order (most specific first). */
const OOM_KINDS: [RegExp, ErrorId][] = OOM_IDS.filter((id) => id.startsWith('oom-') && OOM_ERRORS[id].patterns.length > 0).map((id) => [OOM_ERRORS[id].patterns[0], id]);
/** JavaCPP messages travel in OutOfMemoryErrors too; their own matchers read them. */
const JAVACPP_MESSAGE = /^(?:Cannot allocate new \w+\s*\(|Physical memory usage is too high|Failed to allocate memory within limits)/;

function bytes(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseBytes(text);
}

function put(values: Values, key: string, v: number | string | undefined): void {
  if (v !== undefined && v !== '' && !(typeof v === 'number' && Number.isNaN(v))) values[key] = v;
}

const MAX_HITS = 1000;
const MAX_TEXT_CHARS = 500;

/** Scans lines for catalogue messages; identical hits (same id and values) are folded into one with a count. */
export class ErrorCatalogue {
  private readonly hits: ErrorHit[] = [];
  private readonly byKey = new Map<string, ErrorHit>();
  private readonly minutes = new Map<ErrorHit, BusiestMinute>();
  private overflow = 0;
  /** The hit that later lines complete: "Heap dump file created" after "Dumping heap to", hs_err details. */
  private openDump: ErrorHit | undefined;
  private openNative: ErrorHit | undefined;
  /** A YARN kill whose process-tree dump follows (the JVM's -Xmx is in its java row). */
  private openYarn: ErrorHit | undefined;

  /** `point` is called only when something matched (building a LogPoint costs a timestamp parse). */
  scan(text: string, point: () => LogPoint): void {
    if (!HINT.test(text)) return;
    let p: LogPoint | undefined;
    const at = () => (p ??= point());

    if (text.includes('OutOfMemoryError')) this.scanOutOfMemoryErrors(text, at);

    let m: RegExpExecArray | null;
    if (text.includes('Bytes')) {
      if ((m = JAVACPP_ALLOC.exec(text))) {
        this.add('javacpp-cannot-allocate', text, m.index, at, {
          pointerClass: m[1],
          elements: Number(m[2]),
          totalBytes: bytes(m[3]),
          physicalBytes: bytes(m[4]),
        });
      }
      if ((m = JAVACPP_PHYSICAL.exec(text))) {
        this.add('javacpp-physical-bytes', text, m.index, at, {
          physicalBytes: bytes(m[1] ?? m[2]),
          maxPhysicalBytes: bytes(m[3] ?? m[4]),
        });
      }
      if ((m = JAVACPP_MAX.exec(text))) {
        this.add('javacpp-max-bytes', text, m.index, at, {
          totalBytes: bytes(m[1] ?? m[3]),
          requestedBytes: bytes(m[2] ?? m[4]),
          maxBytes: bytes(m[5] ?? m[6]),
        });
      }
    }
    if ((m = NETTY.exec(text))) {
      this.add('netty-direct', text, m.index, at, { requestedBytes: Number(m[1]), usedBytes: Number(m[2]), maxBytes: Number(m[3]) });
    }
    if (text.includes('emory') || text.includes('hs_err')) this.scanNative(text, at);
    if (text.includes('Heap dump') || text.includes('Dumping heap') || (this.openDump && text.includes('Unable to create'))) this.scanHeapDump(text, at);
    if (text.includes('Kill') || text.includes('oom-kill') || text.includes('memory: usage')) this.scanKernel(text, at);
    if (text.includes('pthread_create') || text.includes('native thread')) this.scanThreadStart(text, at);
    if (text.includes('emory limits')) this.scanYarn(text, at);
    else if (this.openYarn && text.includes('(java) ') && (m = YARN_JAVA_ROW.exec(text))) {
      this.openYarn.values.javaXmx = m[1];
      this.openYarn = undefined;
    }
    if (text.includes('137') || text.includes('KILL') || text.includes('OOMKilled')) {
      if ((m = EXIT_137.exec(text))) this.add('exit-137', text, m.index, at, { exitCode: 137 });
      else if ((m = SIGKILL.exec(text))) this.add('exit-137', text, m.index, at, { signal: 'KILL' });
      else if ((m = OOMKILLED.exec(text))) this.add('exit-137', text, m.index, at, { reason: 'OOMKilled' });
    }
  }

  private scanOutOfMemoryErrors(text: string, at: () => LogPoint): void {
    // A class-histogram row (`jcmd GC.class_histogram`, `jmap -histo`) names the class of the JVM's
    // preallocated OutOfMemoryError objects: "  412:  4  96  java.lang.OutOfMemoryError (java.base@17)".
    if (HISTOGRAM_ROW.test(text)) return;
    for (let i = text.indexOf('OutOfMemoryError'); i >= 0; i = text.indexOf('OutOfMemoryError', i + 16)) {
      // Only where the JVM printed one: "-XX:+HeapDumpOnOutOfMemoryError", a metric, a JSON field, javap
      // or -Xlog:class+load output, Java source merely name the class (see reported-throwable.ts).
      if (!isReportedThrowable(text, i, i + 16)) continue;
      const after = text.slice(i + 16);
      const message = after.startsWith(':') ? after.slice(1).trim() : '';
      if (JAVACPP_MESSAGE.test(message)) continue;
      let id: ErrorId = 'oom-other';
      for (const [re, kind] of OOM_KINDS) {
        if (re.test(message)) {
          id = kind;
          break;
        }
      }
      const values: Values = {};
      if (id === 'oom-heap' && /^Java heap space: failed reallocation of scalar replaced objects/.test(message)) {
        values.detail = 'failed reallocation of scalar replaced objects';
      }
      if (id === 'oom-other') put(values, 'detail', message.replace(/["<].*$/, '').slice(0, 120));
      const reserve = CANNOT_RESERVE.exec(message);
      if (reserve) {
        values.requestedBytes = Number(reserve[1]);
        values.allocatedBytes = Number(reserve[2]);
        values.limitBytes = Number(reserve[3]);
      }
      const lead = text.slice(Math.max(0, i - 40), i);
      if (/Terminating due to (?:java\.lang\.)?$/.test(lead)) values.onOutOfMemoryError = 'ExitOnOutOfMemoryError';
      else if (/Aborting due to (?:java\.lang\.)?$/.test(lead)) values.onOutOfMemoryError = 'CrashOnOutOfMemoryError';
      this.add(id, text, i, at, values);
    }
  }

  private scanNative(text: string, at: () => LogPoint): void {
    let m: RegExpExecArray | null;
    if (HS_ERR.test(text)) {
      this.openNative = this.add('hs-err-native', text, 0, at, {});
      return;
    }
    if ((m = NATIVE_ALLOC.exec(text))) {
      const values: Values = { allocator: m[1], requestedBytes: Number(m[2]) };
      put(values, 'purpose', m[3]?.trim());
      if (this.openNative && !('requestedBytes' in this.openNative.values)) Object.assign(this.openNative.values, values);
      else this.openNative = this.add('hs-err-native', text, m.index, at, values);
      return;
    }
    if ((m = COMMIT_MEMORY.exec(text))) {
      this.add('hs-err-native', text, m.index, at, { address: m[1], requestedBytes: Number(m[2]), error: m[3], errno: Number(m[4]) });
      return;
    }
    if (this.openNative && (m = OOM_ERROR_PID.exec(text))) {
      this.openNative.values.where = m[1];
      this.openNative.values.pid = Number(m[2]);
    }
    if (this.openNative && (m = HS_ERR_FILE.exec(text))) this.openNative.values.hsErrFile = m[1];
  }

  private scanThreadStart(text: string, at: () => LogPoint): void {
    let m: RegExpExecArray | null;
    if ((m = UL_THREAD.exec(text))) {
      const values: Values = { errno: m[2], stackBytes: Number(m[3]) * 1024, source: 'os,thread' };
      if (m[1] && m[1] !== 'Unknown thread') values.threadName = m[1];
      this.add('oom-native-thread', text, m.index, at, values);
    } else if ((m = UL_NATIVE_FOR.exec(text))) {
      this.add('oom-native-thread', text, m.index, at, { threadName: m[1], source: 'os,thread' });
    }
  }

  private scanYarn(text: string, at: () => LogPoint): void {
    let m: RegExpExecArray | null;
    if ((m = YARN_BEYOND.exec(text))) {
      const kind = m[3];
      const values: Record<string, number | string | undefined> = {
        pid: Number(m[1]),
        containerId: m[2],
        kind,
        physicalUsed: m[4],
        physicalLimit: m[5],
        virtualUsed: m[6],
        virtualLimit: m[7],
        usedBytes: bytes(kind === 'physical' ? m[4] : m[6]),
        limitBytes: bytes(kind === 'physical' ? m[5] : m[7]),
      };
      const exit = YARN_EXIT.exec(text);
      if (exit) values.exitStatus = Number(exit[1]);
      this.openYarn = this.add('yarn-container-killed', text, m.index, at, values);
    } else if ((m = SPARK_YARN.exec(text))) {
      const kind = m[3];
      this.add('yarn-container-killed', text, m.index, at, {
        kind,
        [kind === 'physical' ? 'physicalUsed' : 'virtualUsed']: m[1],
        [kind === 'physical' ? 'physicalLimit' : 'virtualLimit']: m[2],
        usedBytes: bytes(m[1]),
        limitBytes: bytes(m[2]),
        reporter: 'spark',
      });
    }
  }

  private scanHeapDump(text: string, at: () => LogPoint): void {
    let m: RegExpExecArray | null;
    if ((m = DUMPING.exec(text))) {
      const values: Values = { path: m[1] };
      const pid = /java_pid(\d+)/.exec(m[1]);
      if (pid) values.pid = Number(pid[1]);
      this.openDump = this.add('heap-dump-written', text, m.index, at, values);
    } else if ((m = DUMPED.exec(text))) {
      const values = { heapDumpBytes: Number(m[1]), seconds: Number(m[2]) };
      if (this.openDump && !('heapDumpBytes' in this.openDump.values)) Object.assign(this.openDump.values, values);
      else this.add('heap-dump-written', text, m.index, at, values);
      this.openDump = undefined;
    } else if (this.openDump && (m = DUMP_FAILED.exec(text))) {
      this.openDump.values.error = m[2].slice(0, 200);
      this.openDump = undefined;
    }
  }

  private scanKernel(text: string, at: () => LogPoint): void {
    let m: RegExpExecArray | null;
    if ((m = KERNEL_KILL.exec(text))) {
      const values: Values = { pid: Number(m[2]), process: m[3] };
      if (m[1]) values.cgroup = 'memcg';
      if (m[4]) values.score = Number(m[4]);
      if (m[5]) {
        values.totalVmBytes = Number(m[5]) * 1024;
        values.anonRssBytes = Number(m[6]) * 1024;
        values.fileRssBytes = Number(m[7]) * 1024;
        if (m[8]) values.shmemRssBytes = Number(m[8]) * 1024;
      }
      this.add('kernel-oom-kill', text, m.index, at, values);
    } else if ((m = KERNEL_INVOKED.exec(text))) {
      this.add('kernel-oom-kill', text, m.index, at, { process: m[1], event: 'invoked oom-killer' });
    } else if ((m = MEMCG_USAGE.exec(text))) {
      this.add('kernel-oom-kill', text, m.index, at, { event: 'memcg usage', usageBytes: Number(m[1]) * 1024, limitBytes: Number(m[2]) * 1024, failcnt: Number(m[3]) });
    } else if ((m = KERNEL_OOM_KILL.exec(text))) {
      const values: Values = { constraint: m[1], process: m[3], pid: Number(m[4]) };
      put(values, 'memcg', m[2]);
      this.add('kernel-oom-kill', text, m.index, at, values);
    }
  }

  private add(id: ErrorId, text: string, index: number, at: () => LogPoint, raw: Record<string, number | string | undefined>): ErrorHit | undefined {
    const values: Values = {};
    for (const [k, v] of Object.entries(raw)) put(values, k, v);
    const key = id + JSON.stringify(values);
    const known = this.byKey.get(key);
    const point = at();
    if (known) {
      known.count = (known.count ?? 1) + 1;
      known.last = { line: point.line, time: point.time, epochMs: point.epochMs };
      this.minutesOf(known).add(point);
      return known;
    }
    if (this.hits.length >= MAX_HITS) {
      this.overflow++;
      return undefined;
    }
    // Long lines (an HTML or JSON error body) are cut around the match.
    const from = text.length > MAX_TEXT_CHARS ? Math.max(0, index - 100) : 0;
    const hit: ErrorHit = { ...point, id, text: text.slice(from, from + MAX_TEXT_CHARS).trim(), values };
    this.hits.push(hit);
    this.byKey.set(key, hit);
    return hit;
  }

  /** Only folded hits (count > 1) get a tracker: a single line is its own peak. */
  private minutesOf(hit: ErrorHit): BusiestMinute {
    let m = this.minutes.get(hit);
    if (!m) {
      m = new BusiestMinute();
      m.add(hit);
      this.minutes.set(hit, m);
    }
    return m;
  }

  result(): { hits: ErrorHit[]; notes: string[] } {
    for (const [hit, minutes] of this.minutes) {
      const peak = minutes.result();
      if (peak) hit.peak = peak;
    }
    const notes: string[] = [];
    if (this.overflow > 0) notes.push(`${this.overflow} further error line(s) were not listed: the ${MAX_HITS}-entry cap of distinct error messages was reached`);
    return { hits: this.hits, notes };
  }
}
