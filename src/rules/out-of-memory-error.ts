// Every flavour of "out of memory" the JVM, Netty and the kernel report (JavaCPP's have their own
// rule): what each one means, which limit was hit, and the flag or code that governs it.
// Reference: HotSpot's OutOfMemoryError messages (memory/universe.cpp, gc shared code, metaspace.cpp,
// java.nio.Bits.reserveMemory, os_linux.cpp thread creation), Netty PlatformDependent, Linux oom_kill.c.

import { defineRule, type FindingDraft } from './define.js';
import type { Recommendation, Severity } from '../model/finding.js';
import { ref, type Facts } from '../diagnosis/facts.js';
import type { ErrorId, ErrorHit } from '../parsers/log/types.js';
import { formatBytes } from '../util/bytes.js';

interface Entry {
  title: string;
  severity: Severity;
  meaning: string;
  limit: (f: Facts, v: ErrorHit['values']) => string;
  fixes: (f: Facts, v: ErrorHit['values']) => Recommendation[];
}

const size = (v: unknown) => (typeof v === 'number' ? formatBytes(v) : undefined);
const heapLimit = (f: Facts) => (f.heapMaxBytes ? `-Xmx is ${formatBytes(f.heapMaxBytes.value)}` : 'no -Xmx was found, so the JVM picked a default (a quarter of RAM or of the container limit on current JDKs)');
const heapDumpFix = (f: Facts): Recommendation => ({
  action: 'Find what fills the heap',
  detail: `Take a heap dump at the moment of failure (-XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=<dir with room for ${f.heapMaxBytes ? formatBytes(f.heapMaxBytes.value) : 'the heap'}>) and analyse it with \`jvmdoctor heap <dump>\`: the leak suspects name the object that retains most of the heap and its path from a GC root.`,
  flags: ['-XX:+HeapDumpOnOutOfMemoryError', '-XX:HeapDumpPath=/var/tmp'],
});

const CATALOGUE: Partial<Record<ErrorId, Entry>> = {
  'oom-heap': {
    title: 'The Java heap is exhausted (OutOfMemoryError: Java heap space)',
    severity: 'critical',
    meaning: 'An allocation could not be satisfied even after a full GC: the live objects no longer fit in the heap. Either the live set legitimately grew (bigger batches, caches) or something keeps objects it no longer needs (a leak: static collections, caches without eviction, listeners never removed).',
    limit: heapLimit,
    fixes: (f) => [
      heapDumpFix(f),
      { action: 'Raise -Xmx only for a legitimate live set', detail: 'If the dump shows data the service really needs, size the heap for it (and the container for heap + metaspace + threads + native). If it shows a leak, more heap only delays the next failure.' },
    ],
  },
  'oom-gc-overhead': {
    title: 'The JVM spends nearly all its time in GC (GC overhead limit exceeded)',
    severity: 'critical',
    meaning: 'More than 98 % of the time went into garbage collection while less than 2 % of the heap was recovered: the heap is effectively full of live objects.',
    limit: heapLimit,
    fixes: (f) => [heapDumpFix(f), { action: 'Do not just disable the check', detail: '-XX:-UseGCOverheadLimit turns this into a slower "Java heap space" failure; find what holds the memory instead.' }],
  },
  'oom-metaspace': {
    title: 'Metaspace is exhausted (OutOfMemoryError: Metaspace)',
    severity: 'critical',
    meaning: 'Class metadata reached -XX:MaxMetaspaceSize. A healthy service loads its classes once; steady growth means class loaders that are never freed — webapp redeploys with leaked threads/ThreadLocals, generated proxies or scripts (Groovy, CGLIB, reflection accessors) created per request.',
    limit: (f) => (f.maxMetaspaceBytes ? `-XX:MaxMetaspaceSize is ${formatBytes(f.maxMetaspaceBytes.value)}` : 'MaxMetaspaceSize is unlimited by default, so a limit was set somewhere'),
    fixes: (f) => [
      { action: 'Find the leaking class loaders', detail: `\`jcmd ${f.javaPid ?? '<pid>'} VM.classloader_stats\` (JDK 9+) or a heap dump (\`jvmdoctor heap\`, class loaders by retained size) shows loaders that should be gone; Tomcat's leak warnings at undeploy name the threads that pin them.` },
      { action: 'Raise the cap only above the real need', detail: 'Set -XX:MaxMetaspaceSize comfortably above what a freshly started service uses (jstat -gc MU after warm-up), not to hide growth.' },
    ],
  },
  'oom-compressed-class': {
    title: 'Compressed class space is exhausted',
    severity: 'critical',
    meaning: 'The part of metaspace that holds class structures addressed by 32-bit compressed class pointers (-XX:CompressedClassSpaceSize, 1 GB by default) is full — almost always many copies of the same classes from leaked class loaders.',
    limit: () => 'CompressedClassSpaceSize defaults to 1 GB',
    fixes: () => [{ action: 'Find the leaking class loaders', detail: 'Same cause as a metaspace leak; raising -XX:CompressedClassSpaceSize buys time only.', flags: ['-XX:CompressedClassSpaceSize=2g'] }],
  },
  'oom-direct-buffer': {
    title: 'Direct buffer memory is exhausted',
    severity: 'critical',
    meaning: 'ByteBuffer.allocateDirect (NIO, Netty, gRPC, database drivers) reached -XX:MaxDirectMemorySize. Direct buffers are freed only when their small Java objects are garbage-collected (or explicitly released), so a quiet heap can hold gigabytes of native memory.',
    limit: (f, v) => {
      const parts = [size(v.limitBytes) ? `limit ${size(v.limitBytes)}` : '', size(v.allocatedBytes) ? `allocated ${size(v.allocatedBytes)}` : '', size(v.requestedBytes) ? `requested ${size(v.requestedBytes)}` : ''].filter(Boolean);
      return `${parts.length ? parts.join(', ') + '; ' : ''}${f.maxDirectMemoryBytes ? `-XX:MaxDirectMemorySize is ${formatBytes(f.maxDirectMemoryBytes.value)}` : '-XX:MaxDirectMemorySize is not among the options given (unset, it defaults to the maximum heap size)'}`;
    },
    fixes: () => [
      { action: 'Find who holds direct buffers', detail: 'A heap dump shows java.nio.DirectByteBuffer objects and their owners (jvmdoctor heap: histogram and paths); Netty: -Dio.netty.leakDetection.level=advanced names un-released ByteBufs.' },
      { action: 'Bound the temporary-buffer cache', detail: 'NIO caches a direct buffer per thread for heap-buffer I/O; -Djdk.nio.maxCachedBufferSize caps it (many threads × large writes otherwise pin a lot).', flags: ['-Djdk.nio.maxCachedBufferSize=262144'] },
      { action: 'Size the cap deliberately', detail: 'Set -XX:MaxDirectMemorySize to what the I/O layer needs and count it in the container budget.' },
    ],
  },
  'oom-native-thread': {
    title: 'The OS refused to create a thread (unable to create native thread)',
    severity: 'critical',
    meaning: 'Thread creation failed in the operating system: the per-user process limit (ulimit -u), the container\'s pids limit, or memory for the new thread\'s stack. It is rarely the heap.',
    limit: (f) => (f.threads ? `the JVM had ${f.threads.value} threads` : 'thread count unknown: collect a thread dump or /proc/<pid>/status'),
    fixes: (f) => [
      { action: 'Look for a thread leak', detail: `\`jcmd ${f.javaPid ?? '<pid>'} Thread.print\` and group threads by name: executors created per request and never shut down show as pool-N-thread-M with ever-growing N.` },
      { action: 'Check the limits', detail: '`ulimit -u`, `cat /sys/fs/cgroup/pids.max` (or docker --pids-limit / Kubernetes pod pid limits), and lower -Xss only if stacks are genuinely too big.' },
    ],
  },
  'oom-array-size': {
    title: 'An array larger than the VM allows was requested',
    severity: 'critical',
    meaning: 'Code asked for an array of about 2^31 elements or more (Requested array size exceeds VM limit): a bug or an unbounded buffer (StringBuilder, ByteArrayOutputStream, a collection growing without limit), not a heap-size problem.',
    limit: () => 'arrays are limited to just under Integer.MAX_VALUE elements',
    fixes: () => [{ action: 'Fix the code that grows the buffer', detail: 'The stack trace shows where; stream the data instead of building it in one array.' }],
  },
  'oom-map-failed': {
    title: 'Memory-mapping a file failed (Map failed)',
    severity: 'critical',
    meaning: 'FileChannel.map could not map more: the process hit vm.max_map_count or ran out of address space, often because mapped buffers are unmapped only when GC collects them.',
    limit: () => 'vm.max_map_count (65530 by default)',
    fixes: () => [{ action: 'Raise vm.max_map_count or map less', detail: '`sysctl vm.max_map_count` (Elasticsearch, Lucene and Kafka need 262144); close/unmap what you no longer use.' }],
  },
  'netty-direct': {
    title: 'Netty ran out of direct memory (OutOfDirectMemoryError)',
    severity: 'critical',
    meaning: 'Netty counts its own direct allocations against io.netty.maxDirectMemory (by default the JVM\'s max direct memory). ByteBufs that are never release()d leak native memory.',
    limit: (_f, v) => [size(v.usedBytes) ? `used ${size(v.usedBytes)}` : '', size(v.maxBytes) ? `max ${size(v.maxBytes)}` : ''].filter(Boolean).join(', ') || 'io.netty.maxDirectMemory',
    fixes: () => [
      { action: 'Find un-released ByteBufs', detail: 'Run with -Dio.netty.leakDetection.level=advanced (test/staging) and read the LEAK reports.', flags: ['-Dio.netty.leakDetection.level=advanced'] },
      { action: 'Size the cap', detail: 'Set -XX:MaxDirectMemorySize (or -Dio.netty.maxDirectMemory) deliberately and count it in the container budget.' },
    ],
  },
  'hs-err-native': {
    title: 'The JVM itself could not get native memory',
    severity: 'critical',
    meaning: 'malloc or mmap failed inside the JVM ("There is insufficient memory for the Java Runtime Environment to continue"): the machine or container is out of memory or address space, and the JVM aborted with an hs_err file.',
    limit: (f) => (f.containerLimit ? `container limit ${formatBytes(f.containerLimit.value)}` : 'the host\'s or container\'s memory'),
    fixes: () => [{ action: 'Shrink the footprint or grow the box', detail: 'Reduce -Xmx (and thread count, metaspace, direct memory) so the whole budget fits; on 32-bit JVMs, move to 64-bit.' }],
  },
  'kernel-oom-kill': {
    title: 'The kernel\'s OOM killer ended the process',
    severity: 'critical',
    meaning: 'The container or host ran out of memory and Linux killed the biggest process. The JVM gets no chance to log anything: the only traces are the kernel log, exit code 137 and memory.events oom_kill.',
    limit: (f) => (f.containerLimit ? `container limit ${formatBytes(f.containerLimit.value)}` : 'the container or host memory'),
    fixes: () => [{ action: 'Fit heap + non-heap under the limit', detail: 'Heap is typically 50–75 % of the container limit (-XX:MaxRAMPercentage=75 on container-aware JDKs); the rest is metaspace, threads, code cache, direct and native memory.', flags: ['-XX:MaxRAMPercentage=75'] }],
  },
  'exit-137': {
    title: 'The process was killed with SIGKILL (exit code 137)',
    severity: 'warning',
    meaning: 'Exit code 137 = 128 + 9 (SIGKILL). In containers this is almost always the OOM killer (check `docker inspect` State.OOMKilled or the pod\'s lastState reason OOMKilled); otherwise an operator or a liveness probe killed it.',
    limit: () => 'the container memory limit, most likely',
    fixes: () => [{ action: 'Confirm the OOM kill and fit the budget', detail: '`docker inspect -f {{.State.OOMKilled}} <id>`, `kubectl describe pod` (Last State: OOMKilled), `dmesg | grep -i "killed process"`; then size heap + non-heap under the limit.' }],
  },
  'oom-other': {
    title: 'OutOfMemoryError',
    severity: 'critical',
    meaning: 'The JVM threw an OutOfMemoryError with a message jvmdoctor does not know; its text names the exhausted resource.',
    limit: () => 'see the message',
    fixes: (f) => [heapDumpFix(f)],
  },
};

export const outOfMemoryError = defineRule({
  id: 'out-of-memory-error',
  maxSeverity: 'critical',
  reads: ['log', 'jvm-options'],
  tier: 'cause',
  description: 'Explains each OutOfMemoryError / Netty / kernel out-of-memory report in the logs: the limit hit and the flag or code that governs it.',
  run({ facts }, report) {
    const byId = new Map<ErrorId, Facts['errors']>();
    for (const e of facts.errors) {
      if (!CATALOGUE[e.hit.id]) continue;
      if (!byId.has(e.hit.id)) byId.set(e.hit.id, []);
      byId.get(e.hit.id)!.push(e);
    }
    const dumps = facts.errors.filter((e) => e.hit.id === 'heap-dump-written');
    const out: FindingDraft[] = [];
    for (const [id, hits] of byId) {
      const entry = CATALOGUE[id]!;
      const first = hits[0];
      const last = hits[hits.length - 1];
      // The log parser folds repeats of one message into a hit with a count.
      const occurrences = hits.reduce((n, h) => n + (h.hit.count ?? 1), 0);
      const lastTime = last.hit.last?.time ?? last.hit.time;
      const v = first.hit.values;
      const when = first.hit.time ? ` First at ${first.hit.time}${occurrences > 1 && lastTime && lastTime !== first.hit.time ? `, last at ${lastTime}` : ''}.` : '';
      const site = allocationSite(facts, id);
      const recs = entry.fixes(facts, v);
      const dumpPath = dumps.map((d) => d.hit.values.path).find((p): p is string => typeof p === 'string');
      if (dumpPath && (id === 'oom-heap' || id === 'oom-gc-overhead')) {
        recs.unshift({ action: 'Analyse the heap dump the JVM wrote', detail: `The JVM dumped its heap to ${dumpPath}: run \`jvmdoctor heap ${dumpPath}\` (or pass it to diagnose).` });
      }
      out.push({
        severity: entry.severity,
        title: entry.title,
        summary: `${occurrences === 1 ? 'Once' : `${occurrences} times`} in the logs.${when} ${capitalize(entry.limit(facts, v))}.${site ? ` Thrown at ${site}.` : ''}`,
        evidence: [...hits.slice(0, 3), ...(hits.length > 3 ? [last] : []), ...dumps.slice(0, 1)].map((h) => ref(h.file, h.hit.line, h.hit.text)),
        explanation: entry.meaning,
        recommendations: recs,
        facts: { errorId: id, occurrences, ...numeric(v) },
      });
    }
    // The error seen most often first (repeats beyond ten do not make it more certain).
    const seen = (f: FindingDraft) => Math.min(10, Number(f.facts?.occurrences ?? 1));
    for (const f of out.sort((a, b) => seen(b) - seen(a))) report(f);
  },
});

/** The top application frames of the OutOfMemoryError's stack trace, when the log carried one. */
function allocationSite(facts: Facts, id: ErrorId): string | undefined {
  if (!id.startsWith('oom-')) return undefined;
  // The JVM prints the bare message first (from -XX:+HeapDumpOnOutOfMemoryError) and the stack later.
  for (const { group } of facts.exceptions) {
    for (const t of [group.throwable, ...group.causes]) {
      if (t.className !== 'java.lang.OutOfMemoryError' || t.frames.length === 0) continue;
      return t.frames.find((f) => !/^(java|javax|jdk|sun)\./.test(f)) ?? t.frames[0];
    }
  }
  return undefined;
}

function numeric(v: ErrorHit['values']): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' || typeof x === 'string') out[k] = x;
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
