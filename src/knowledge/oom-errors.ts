// The out-of-memory catalogue: one entry per message the JVM, JavaCPP, Netty and the kernel print
// when memory ran out somewhere — its id, the patterns that recognise it (the log parser uses these very
// regexes), a short label (timelines), and what it means, which limit was hit and how to fix it (the
// rules use these). A `Record<OomId, OomEntry>` with required fields: a new id that lacks any part does
// not compile. Sources of the messages: parsers/log/error-catalogue.ts's header.

import type { Recommendation, Severity } from '../model/finding.js';
import { formatBytes, parseBytes } from '../util/bytes.js';

/** Every id, in the order the log parser tries OutOfMemoryError messages (most specific first). */
export const OOM_IDS = [
  'oom-heap', 'oom-gc-overhead', 'oom-metaspace', 'oom-compressed-class', 'oom-direct-buffer', 'oom-native-thread', 'oom-array-size', 'oom-map-failed', 'oom-other', 'javacpp-cannot-allocate', 'javacpp-physical-bytes', 'javacpp-max-bytes', 'netty-direct', 'hs-err-native', 'heap-dump-written', 'kernel-oom-kill', 'yarn-container-killed', 'exit-137',
] as const;
export type OomId = (typeof OOM_IDS)[number];

/** The numbers a matched message carried (sizes in bytes). */
export type OomValues = Record<string, number | string>;

/** What the entries' texts need to know about the JVM (the rule fills it from the facts). */
export interface OomContext {
  heapMaxBytes?: number;
  maxMetaspaceBytes?: number;
  maxDirectMemoryBytes?: number;
  threads?: number;
  javaPid?: number | string;
  containerLimitBytes?: number;
}

export interface OomEntry {
  /** Short name for timelines ("OutOfMemoryError: Metaspace"). */
  label: string;
  /** The rule whose finding explains it ('none': a marker such as a heap dump, not itself a failure). */
  explainedBy: 'out-of-memory-error' | 'javacpp-native-cap' | 'none';
  /**
   * The regexes that recognise the message. For OutOfMemoryError kinds: the message after
   * "OutOfMemoryError: " (empty for oom-other, the fallback). For the others: the parser's own
   * matchers, capture groups included.
   */
  patterns: readonly RegExp[];
  title: string;
  severity: Severity;
  meaning: string;
  limit: (f: OomContext, v: OomValues) => string;
  fixes: (f: OomContext, v: OomValues) => Recommendation[];
}

const SIZE = String.raw`(\d+(?:\.\d+)?[KMGTP]?)`;
const GT = String.raw`\s*(?:>|&gt;)\s*`;
export const JAVACPP_ALLOC = new RegExp(String.raw`Cannot allocate new (\w+)\s*\((\d+)\)\s*:\s*totalBytes\s*=\s*${SIZE}\s*,\s*physicalBytes\s*=\s*${SIZE}`);
export const JAVACPP_PHYSICAL = new RegExp(
  String.raw`Physical memory usage is too high:\s*physicalBytes\s*(?:\(\s*${SIZE}\s*\)|=\s*${SIZE})${GT}maxPhysicalBytes\s*(?:\(\s*${SIZE}\s*\)|=\s*${SIZE})`,
);
export const JAVACPP_MAX = new RegExp(
  String.raw`Failed to allocate memory within limits:\s*totalBytes\s*(?:\(\s*${SIZE}(?:\s*\+\s*${SIZE})?\s*\)|=\s*${SIZE}(?:\s*\+\s*${SIZE})?)${GT}maxBytes\s*(?:\(\s*${SIZE}\s*\)|=\s*${SIZE})`,
);
export const NETTY = /OutOfDirectMemoryError: failed to allocate (\d+) byte\(s\) of direct memory \(used: (\d+), max: (\d+)\)/;
export const CANNOT_RESERVE = /^Cannot reserve (\d+) bytes of direct buffer memory \(allocated: (\d+), limit: (\d+)\)/;
export const HS_ERR = /There is insufficient memory for the Java Runtime Environment to continue/;
export const NATIVE_ALLOC = /Native memory allocation \((\w+)\) failed to (?:allocate|map) (\d+) bytes(?: (?:for|of) ([^.]*))?/;
export const COMMIT_MEMORY = /os::commit_memory\((0x[0-9a-fA-F]+), (\d+), \d+\) failed; error='([^']*)' \(errno=(\d+)\)/;
export const DUMPING = /Dumping heap to (.+?) \.\.\./;
export const DUMPED = /Heap dump file created \[(\d+) bytes in ([\d.]+) secs\]/;
export const KERNEL_KILL = /(Memory cgroup out of memory: )?(?:Out of memory(?: \([^)]*\))?: )?Kill(?:ed)? process (\d+) \(([^)]*)\)(?: score (\d+))?(?:.*?total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB(?:, shmem-rss:(\d+)kB)?)?/;
export const KERNEL_INVOKED = /(\S+) invoked oom-killer: (.*)$/;
export const KERNEL_OOM_KILL = /oom-kill:constraint=(\w+)(?:.*?,oom_memcg=([^,]*))?.*?,task=([^,]+),pid=(\d+)/;
export const EXIT_137 = /\b(?:exit(?:ed)?(?: with)?(?: code| status)?|exit_?code|Exit Code|status)["']?\s*[:=]?\s*137\b/i;
export const SIGKILL = /code=killed, status=9\/KILL/;
export const OOMKILLED = /\bOOMKilled\b(?!["']?\s*:\s*false)/;

const size = (v: unknown) => (typeof v === 'number' ? formatBytes(v) : undefined);
const MB = 1024 * 1024;

// Hadoop YARN ContainersMonitorImpl and Spark's YarnAllocator (see parsers/log/error-catalogue.ts).
const YARN_SIZE = String.raw`(\d+(?:\.\d+)? [KMGTP]?B)`;
export const YARN_BEYOND = new RegExp(
  String.raw`Container \[pid=(\d+),\s*containerID=(\S+?)\] is running (?:\d+B )?beyond (physical|virtual) memory limits\. Current usage: ${YARN_SIZE} of ${YARN_SIZE} physical memory used; ${YARN_SIZE} of ${YARN_SIZE} virtual memory used`,
);
export const SPARK_YARN = new RegExp(String.raw`Container killed by YARN for exceeding (?:physical |virtual )?memory limits\.\s*${YARN_SIZE} of ${YARN_SIZE} (physical|virtual) memory used`);

/** What the size of a failed native request says about what asked for it (HotSpot os_linux.cpp callers). */
function nativeRequestMeaning(bytes: number): string {
  if (bytes <= MB) return 'a request this small is a thread stack, its guard pages or a malloc: the process had exhausted native memory (threads, memory mappings — vm.max_map_count — or the RAM and swap of the machine or container)';
  if (bytes >= 64 * MB) return 'a request this large is the Java heap being committed (at start-up for -Xms, or while it grows towards -Xmx): the heap asked for is more than the machine or container can commit';
  return 'a mid-size native request (code cache, metaspace, GC data structures) the OS could not back';
}

/** The thread names the JVM's "Failed to start the native thread" warnings listed (the rule joins them with "|"), and their highest number. */
function threadNames(v: OomValues): string {
  const names = typeof v.threadNames === 'string' ? v.threadNames.split('|') : [];
  if (names.length === 0) return '';
  const numbers = names.map((n) => Number(/(\d+)\D*$/.exec(n)?.[1])).filter((n) => Number.isFinite(n));
  const high = numbers.length ? Math.max(...numbers) : 0;
  return `; the threads it could not start: ${names.slice(0, 4).map((n) => `"${n}"`).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}${high >= 1000 ? ` — a name numbered ${high} means that pool has created over ${high} threads: it keeps creating threads instead of reusing them (a thread leak)` : ''}`;
}
const heapLimit = (f: OomContext) => (f.heapMaxBytes !== undefined ? `-Xmx is ${formatBytes(f.heapMaxBytes)}` : 'no -Xmx was found, so the JVM picked a default (a quarter of RAM or of the container limit on current JDKs)');
const heapDumpFix = (f: OomContext): Recommendation => ({
  action: 'Find what fills the heap',
  detail: `Take a heap dump at the moment of failure (-XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=<dir with room for ${f.heapMaxBytes !== undefined ? formatBytes(f.heapMaxBytes) : 'the heap'}>) and analyse it with \`jvmdoctor heap <dump>\`: the leak suspects name the object that retains most of the heap and its path from a GC root.`,
  flags: ['-XX:+HeapDumpOnOutOfMemoryError', '-XX:HeapDumpPath=/var/tmp'],
});

export const OOM_ERRORS: Record<OomId, OomEntry> = {
  'oom-heap': {
    label: 'OutOfMemoryError: Java heap space',
    explainedBy: 'out-of-memory-error',
    patterns: [/^Java heap space/],
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
    label: 'OutOfMemoryError: GC overhead limit exceeded',
    explainedBy: 'out-of-memory-error',
    patterns: [/^GC overhead limit exceeded/],
    title: 'The JVM spends nearly all its time in GC (GC overhead limit exceeded)',
    severity: 'critical',
    meaning: 'More than 98 % of the time went into garbage collection while less than 2 % of the heap was recovered: the heap is effectively full of live objects.',
    limit: heapLimit,
    fixes: (f) => [heapDumpFix(f), { action: 'Do not just disable the check', detail: '-XX:-UseGCOverheadLimit turns this into a slower "Java heap space" failure; find what holds the memory instead.' }],
  },
  'oom-metaspace': {
    label: 'OutOfMemoryError: Metaspace',
    explainedBy: 'out-of-memory-error',
    patterns: [/^Metaspace/],
    title: 'Metaspace is exhausted (OutOfMemoryError: Metaspace)',
    severity: 'critical',
    meaning: 'Class metadata reached -XX:MaxMetaspaceSize. A healthy service loads its classes once; steady growth means class loaders that are never freed — webapp redeploys with leaked threads/ThreadLocals, generated proxies or scripts (Groovy, CGLIB, reflection accessors) created per request.',
    limit: (f) => (f.maxMetaspaceBytes !== undefined ? `-XX:MaxMetaspaceSize is ${formatBytes(f.maxMetaspaceBytes)}` : 'MaxMetaspaceSize is unlimited by default, so a limit was set somewhere'),
    fixes: (f) => [
      { action: 'Find the leaking class loaders', detail: `\`jcmd ${f.javaPid ?? '<pid>'} VM.classloader_stats\` (JDK 9+) or a heap dump (\`jvmdoctor heap\`, class loaders by retained size) shows loaders that should be gone; Tomcat's leak warnings at undeploy name the threads that pin them.` },
      { action: 'Raise the cap only above the real need', detail: 'Set -XX:MaxMetaspaceSize comfortably above what a freshly started service uses (jstat -gc MU after warm-up), not to hide growth.' },
    ],
  },
  'oom-compressed-class': {
    label: 'OutOfMemoryError: Compressed class space',
    explainedBy: 'out-of-memory-error',
    patterns: [/^Compressed class space/],
    title: 'Compressed class space is exhausted',
    severity: 'critical',
    meaning: 'The part of metaspace that holds class structures addressed by 32-bit compressed class pointers (-XX:CompressedClassSpaceSize, 1 GB by default) is full — almost always many copies of the same classes from leaked class loaders.',
    limit: () => 'CompressedClassSpaceSize defaults to 1 GB',
    fixes: () => [{ action: 'Find the leaking class loaders', detail: 'Same cause as a metaspace leak; raising -XX:CompressedClassSpaceSize buys time only.', flags: ['-XX:CompressedClassSpaceSize=2g'] }],
  },
  'oom-direct-buffer': {
    label: 'OutOfMemoryError: Direct buffer memory',
    explainedBy: 'out-of-memory-error',
    patterns: [/^(?:Direct buffer memory|Cannot reserve \d+ bytes of direct buffer memory)/],
    title: 'Direct buffer memory is exhausted',
    severity: 'critical',
    meaning: 'ByteBuffer.allocateDirect (NIO, Netty, gRPC, database drivers) reached -XX:MaxDirectMemorySize. Direct buffers are freed only when their small Java objects are garbage-collected (or explicitly released), so a quiet heap can hold gigabytes of native memory.',
    limit: (f, v) => {
      const parts = [size(v.limitBytes) ? `limit ${size(v.limitBytes)}` : '', size(v.allocatedBytes) ? `allocated ${size(v.allocatedBytes)}` : '', size(v.requestedBytes) ? `requested ${size(v.requestedBytes)}` : ''].filter(Boolean);
      return `${parts.length ? parts.join(', ') + '; ' : ''}${f.maxDirectMemoryBytes !== undefined ? `-XX:MaxDirectMemorySize is ${formatBytes(f.maxDirectMemoryBytes)}` : '-XX:MaxDirectMemorySize is not among the options given (unset, it defaults to the maximum heap size)'}`;
    },
    fixes: () => [
      { action: 'Find who holds direct buffers', detail: 'A heap dump shows java.nio.DirectByteBuffer objects and their owners (jvmdoctor heap: histogram and paths); Netty: -Dio.netty.leakDetection.level=advanced names un-released ByteBufs.' },
      { action: 'Bound the temporary-buffer cache', detail: 'NIO caches a direct buffer per thread for heap-buffer I/O; -Djdk.nio.maxCachedBufferSize caps it (many threads × large writes otherwise pin a lot).', flags: ['-Djdk.nio.maxCachedBufferSize=262144'] },
      { action: 'Size the cap deliberately', detail: 'Set -XX:MaxDirectMemorySize to what the I/O layer needs and count it in the container budget.' },
    ],
  },
  'oom-native-thread': {
    label: 'OutOfMemoryError: unable to create native thread',
    explainedBy: 'out-of-memory-error',
    patterns: [/^unable to create (?:new )?native thread/],
    title: 'The OS refused to create a thread (unable to create native thread)',
    severity: 'critical',
    meaning: 'Thread creation failed in the operating system: the per-user process limit (ulimit -u), the container\'s pids limit, or memory for the new thread\'s stack. It is rarely the heap.',
    limit: (f, v) => {
      const ul = v.errno !== undefined ? `pthread_create failed with ${v.errno}${v.errno === 'EAGAIN' ? ' (the process or user hit its thread/process limit — ulimit -u, systemd TasksMax, the container\'s pids limit — or memory for stacks ran out)' : ''}${typeof v.stackBytes === 'number' ? `, for a ${formatBytes(v.stackBytes)} stack (-Xss)` : ''}` : '';
      const count = f.threads !== undefined ? `the JVM had ${f.threads} threads` : 'thread count unknown: collect a thread dump or /proc/<pid>/status';
      return `${ul ? `${ul}; ` : ''}${count}${threadNames(v)}`;
    },
    fixes: (f) => [
      { action: 'Look for a thread leak', detail: `\`jcmd ${f.javaPid ?? '<pid>'} Thread.print\` and group threads by name: executors created per request and never shut down show as pool-N-thread-M with ever-growing N.` },
      { action: 'Check the limits', detail: '`ulimit -u`, `cat /sys/fs/cgroup/pids.max` (or docker --pids-limit / Kubernetes pod pid limits), and lower -Xss only if stacks are genuinely too big.' },
    ],
  },
  'oom-array-size': {
    label: 'OutOfMemoryError: Requested array size exceeds VM limit',
    explainedBy: 'out-of-memory-error',
    patterns: [/^Requested array size exceeds VM limit/],
    title: 'An array larger than the VM allows was requested',
    severity: 'critical',
    meaning: 'Code asked for an array of about 2^31 elements or more (Requested array size exceeds VM limit): a bug or an unbounded buffer (StringBuilder, ByteArrayOutputStream, a collection growing without limit), not a heap-size problem.',
    limit: () => 'arrays are limited to just under Integer.MAX_VALUE elements',
    fixes: () => [{ action: 'Fix the code that grows the buffer', detail: 'The stack trace shows where; stream the data instead of building it in one array.' }],
  },
  'oom-map-failed': {
    label: 'OutOfMemoryError: Map failed',
    explainedBy: 'out-of-memory-error',
    patterns: [/^Map failed/],
    title: 'Memory-mapping a file failed (Map failed)',
    severity: 'critical',
    meaning: 'FileChannel.map could not map more: the process hit vm.max_map_count or ran out of address space, often because mapped buffers are unmapped only when GC collects them.',
    limit: () => 'vm.max_map_count (65530 by default)',
    fixes: () => [{ action: 'Raise vm.max_map_count or map less', detail: '`sysctl vm.max_map_count` (Elasticsearch, Lucene and Kafka need 262144); close/unmap what you no longer use.' }],
  },
  'netty-direct': {
    label: 'Netty OutOfDirectMemoryError',
    explainedBy: 'out-of-memory-error',
    patterns: [NETTY],
    title: 'Netty ran out of direct memory (OutOfDirectMemoryError)',
    severity: 'critical',
    meaning: 'Netty counts its own direct allocations against io.netty.maxDirectMemory (by default the JVM\'s max direct memory). ByteBufs that are never release()d leak native memory.',
    limit: (_f, v) =>
      [size(v.requestedBytes) ? `a request for ${size(v.requestedBytes)}` : '', size(v.usedBytes) ? `${size(v.usedBytes)} already used` : '', size(v.maxBytes) ? `Netty's limit is ${size(v.maxBytes)} (${v.maxBytes} bytes)` : ''].filter(Boolean).join(', ') || 'io.netty.maxDirectMemory',
    fixes: () => [
      { action: 'Find un-released ByteBufs', detail: 'Run with -Dio.netty.leakDetection.level=advanced (test/staging) and read the LEAK reports.', flags: ['-Dio.netty.leakDetection.level=advanced'] },
      { action: 'Size the cap', detail: 'Set -XX:MaxDirectMemorySize (or -Dio.netty.maxDirectMemory) deliberately and count it in the container budget.' },
    ],
  },
  'hs-err-native': {
    label: 'JVM crash: insufficient native memory',
    explainedBy: 'out-of-memory-error',
    patterns: [HS_ERR, NATIVE_ALLOC, COMMIT_MEMORY],
    title: 'The JVM itself could not get native memory',
    severity: 'critical',
    meaning: 'malloc or mmap failed inside the JVM ("There is insufficient memory for the Java Runtime Environment to continue"): the machine or container is out of memory or address space, and the JVM aborted with an hs_err file.',
    limit: (f, v) => {
      const parts: string[] = [];
      const req = v.requestedBytes;
      if (typeof req === 'number') parts.push(`${v.allocator ? `${v.allocator} of ` : 'a request for '}${formatBytes(req)} (${req} bytes)${v.purpose ? ` for ${v.purpose}` : ''} failed`);
      if (v.errno !== undefined) parts.push(`error '${v.error ?? '?'}' (errno ${v.errno}${v.errno === 12 ? ', ENOMEM: the kernel refused to commit more memory — out of RAM and swap, or, with vm.overcommit_memory=2, past CommitLimit (compare CommitLimit with Committed_AS in /proc/meminfo)' : ''})`);
      if (typeof req === 'number') parts.push(nativeRequestMeaning(req));
      parts.push(f.containerLimitBytes !== undefined ? `container limit ${formatBytes(f.containerLimitBytes)}` : 'the limit is the host\'s or container\'s memory');
      if (typeof v.hsErrFile === 'string') parts.push(`the JVM wrote ${v.hsErrFile}`);
      return parts.join('; ');
    },
    fixes: () => [{ action: 'Shrink the footprint or grow the box', detail: 'Reduce -Xmx (and thread count, metaspace, direct memory) so the whole budget fits; on 32-bit JVMs, move to 64-bit.' }],
  },
  'kernel-oom-kill': {
    label: 'kernel OOM killer',
    explainedBy: 'out-of-memory-error',
    patterns: [KERNEL_KILL, KERNEL_INVOKED, KERNEL_OOM_KILL],
    title: 'The kernel\'s OOM killer ended the process',
    severity: 'critical',
    meaning: 'The container or host ran out of memory and Linux killed the biggest process. The JVM gets no chance to log anything: the only traces are the kernel log, exit code 137 and memory.events oom_kill.',
    limit: (f, v) => {
      const parts: string[] = [];
      if (v.pid !== undefined || v.process !== undefined) {
        parts.push(`${v.event === 'invoked oom-killer' ? `${v.process} invoked the OOM killer` : `the kernel killed process ${v.pid ?? '?'} (${v.process ?? '?'})`}${size(v.anonRssBytes) ? ` with ${size(v.anonRssBytes)} resident (anon-rss; total-vm ${size(v.totalVmBytes)})` : ''}`);
      }
      if (v.cgroup === 'memcg' || v.limitBytes !== undefined) parts.push(`by its memory cgroup (the container's limit)${size(v.limitBytes) ? `: limit ${size(v.limitBytes)}, usage ${size(v.usageBytes)}${typeof v.failcnt === 'number' && v.failcnt > 0 ? `, the limit was hit ${v.failcnt} times` : ''}` : ''}`);
      parts.push(f.containerLimitBytes !== undefined ? `container limit ${formatBytes(f.containerLimitBytes)}` : v.cgroup === 'memcg' || v.limitBytes !== undefined ? '' : 'the limit is the host\'s (or container\'s) memory');
      return parts.filter(Boolean).join('; ');
    },
    fixes: () => [{ action: 'Fit heap + non-heap under the limit', detail: 'Heap is typically 50–75 % of the container limit (-XX:MaxRAMPercentage=75 on container-aware JDKs); the rest is metaspace, threads, code cache, direct and native memory.', flags: ['-XX:MaxRAMPercentage=75'] }],
  },
  'yarn-container-killed': {
    label: 'YARN killed the container (memory limit)',
    explainedBy: 'out-of-memory-error',
    patterns: [YARN_BEYOND, SPARK_YARN],
    title: 'YARN killed the container for exceeding its memory limit',
    severity: 'critical',
    meaning: 'The NodeManager measures the whole process tree of the container — the JVM\'s heap and everything off-heap (metaspace, threads, direct buffers, native libraries) plus any child processes — against the container size (physical check), and, when yarn.nodemanager.vmem-check-enabled is on, its virtual memory against yarn.nodemanager.vmem-pmem-ratio × that size (2.1 by default). Past either limit it kills the container (exit status -104 physical, -103 virtual) without the JVM logging anything.',
    limit: (_f, v) => {
      const kind = v.kind === 'virtual' ? 'virtual' : 'physical';
      const used = kind === 'virtual' ? v.virtualUsed : v.physicalUsed;
      const lim = kind === 'virtual' ? v.virtualLimit : v.physicalLimit;
      const parts = [`${used ?? '?'} of ${lim ?? '?'} ${kind} memory used${v.containerId ? ` by container ${v.containerId}` : ''}`];
      if (kind === 'virtual' && v.physicalUsed) parts.push(`while only ${v.physicalUsed} of ${v.physicalLimit} was physically resident: the virtual-memory check, not real memory, killed it`);
      if (typeof v.javaXmx === 'string') {
        const xmx = parseBytes(v.javaXmx.slice(4));
        const phys = parseBytes(String(v.physicalLimit ?? ''));
        if (xmx && phys && xmx > phys) parts.push(`the JVM inside runs with ${v.javaXmx}, more than the container's ${v.physicalLimit}: its heap alone may outgrow the container`);
        else parts.push(`the JVM inside runs with ${v.javaXmx}: the heap is a small part, the rest is off-heap memory or other processes in the container`);
      }
      return parts.join('; ');
    },
    fixes: (_f, v) =>
      v.kind === 'virtual'
        ? [
            { action: 'Relax or disable the virtual-memory check', detail: 'Virtual size says little on 64-bit JVMs (glibc malloc arenas and thread stacks reserve a lot): set yarn.nodemanager.vmem-check-enabled=false, or raise yarn.nodemanager.vmem-pmem-ratio; MALLOC_ARENA_MAX=4 in the container environment also shrinks it.' },
            { action: 'Fit the JVM to the container', detail: 'Keep -Xmx at about 75–80 % of the container size (mapreduce.*.memory.mb / spark.executor.memory) so heap + off-heap stay inside it.' },
          ]
        : [
            { action: 'Give the off-heap part room', detail: 'Raise the overhead, not the heap: spark.executor.memoryOverhead (spark.yarn.executor.memoryOverhead before Spark 2.3) for Spark, or mapreduce.map|reduce.memory.mb while keeping -Xmx (java.opts) at about 80 % of it for MapReduce.' },
            { action: 'Bound native memory', detail: 'Off-heap growth beyond the overhead is direct buffers (-XX:MaxDirectMemorySize), Netty, glibc arenas (MALLOC_ARENA_MAX=4) or child processes (Python workers): cap the one that grows.' },
          ],
  },
  'exit-137': {
    label: 'exit code 137 (SIGKILL)',
    explainedBy: 'out-of-memory-error',
    patterns: [EXIT_137, SIGKILL, OOMKILLED],
    title: 'The process was killed with SIGKILL (exit code 137)',
    severity: 'warning',
    meaning: 'Exit code 137 = 128 + 9 (SIGKILL). In containers this is almost always the OOM killer (check `docker inspect` State.OOMKilled or the pod\'s lastState reason OOMKilled); otherwise an operator or a liveness probe killed it.',
    limit: () => 'the container memory limit, most likely',
    fixes: () => [{ action: 'Confirm the OOM kill and fit the budget', detail: '`docker inspect -f {{.State.OOMKilled}} <id>`, `kubectl describe pod` (Last State: OOMKilled), `dmesg | grep -i "killed process"`; then size heap + non-heap under the limit.' }],
  },
  'oom-other': {
    label: 'OutOfMemoryError',
    explainedBy: 'out-of-memory-error',
    patterns: [],
    title: 'OutOfMemoryError',
    severity: 'critical',
    meaning: 'The JVM threw an OutOfMemoryError with a message jvmdoctor does not know; its text names the exhausted resource.',
    limit: () => 'see the message',
    fixes: (f) => [heapDumpFix(f)],
  },
  'javacpp-cannot-allocate': {
    label: 'JavaCPP "Cannot allocate new Pointer"',
    explainedBy: 'javacpp-native-cap',
    patterns: [JAVACPP_ALLOC],
    title: 'JavaCPP refused a native allocation (Cannot allocate new Pointer)',
    severity: 'critical',
    meaning: 'JavaCPP checks every native allocation against its own caps (maxBytes, maxPhysicalBytes, derived from -Xmx) before calling malloc; "Cannot allocate new XPointer" is the OutOfMemoryError it throws when a cap refused, even with RAM free.',
    limit: () => 'JavaCPP\'s maxPhysicalBytes / maxBytes (see the javacpp-native-cap finding)',
    fixes: () => [{ action: 'See the javacpp-native-cap finding', detail: 'It names the cap in force, how it was derived from -Xmx, and the flag that sets it.' }],
  },
  'javacpp-physical-bytes': {
    label: 'JavaCPP "Physical memory usage is too high"',
    explainedBy: 'javacpp-native-cap',
    patterns: [JAVACPP_PHYSICAL],
    title: 'JavaCPP: physical memory usage is too high',
    severity: 'critical',
    meaning: 'The whole process RSS (physicalBytes) reached JavaCPP\'s maxPhysicalBytes, so JavaCPP refused to allocate more native memory.',
    limit: (_f, v) => (typeof v.maxPhysicalBytes === 'number' ? `maxPhysicalBytes ${formatBytes(v.maxPhysicalBytes)}` : 'maxPhysicalBytes'),
    fixes: () => [{ action: 'Set -Dorg.bytedeco.javacpp.maxPhysicalBytes explicitly', detail: 'See the javacpp-native-cap finding for the value that fits this JVM.' }],
  },
  'javacpp-max-bytes': {
    label: 'JavaCPP "Failed to allocate memory within limits"',
    explainedBy: 'javacpp-native-cap',
    patterns: [JAVACPP_MAX],
    title: 'JavaCPP: native allocations reached maxBytes',
    severity: 'critical',
    meaning: 'The native memory JavaCPP itself tracks (totalBytes) reached maxBytes (by default equal to -Xmx): Pointers that are never deallocated (no PointerScope, no close()) pile up.',
    limit: (_f, v) => (typeof v.maxBytes === 'number' ? `maxBytes ${formatBytes(v.maxBytes)}` : 'maxBytes'),
    fixes: () => [{ action: 'Release Pointers deterministically', detail: 'Use try-with-resources or a PointerScope; see the javacpp-native-cap finding.' }],
  },
  'heap-dump-written': {
    label: 'heap dump written',
    explainedBy: 'none',
    patterns: [DUMPING, DUMPED],
    title: 'The JVM wrote a heap dump',
    severity: 'info',
    meaning: 'With -XX:+HeapDumpOnOutOfMemoryError the JVM writes the heap to a file at the first OutOfMemoryError: the best evidence of what filled it.',
    limit: () => 'not a limit: a heap dump on OutOfMemoryError',
    fixes: () => [{ action: 'Analyse the dump', detail: 'Run `jvmdoctor heap <dump>` (or pass it to diagnose).' }],
  },
};
