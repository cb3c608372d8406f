// Facts derived once from the whole Case, each with the evidence line it came from, so rules agree on
// "the" -Xmx, "the" RSS, "the" thread count instead of each re-reading files in its own way.

import type { Case, EvidenceItem } from '../evidence/case.js';
import type { EvidenceRef } from '../model/finding.js';
import type { ErrorHit, TomcatLeakWarning, ExceptionGroup, LifecycleEvent } from '../parsers/log/types.js';
import type { JstatOption, JstatSample } from '../parsers/jstat/types.js';
import { resolveJvmFlags, type ResolvedFlag, type ResolvedJvmFlags } from '../knowledge/flags.js';
import type { Sourced } from '../parsers/parser.js';

/** An option token with the file it came from, so a resolved flag can point back at file:line. */
type FiledOption = Sourced<string> & { file: string };
import { latestDump } from './thread-dumps.js';
import { DEFAULT_THREAD_STACK_BYTES } from '../knowledge/defaults.js';
import { defaultMaxHeap, type DefaultHeap } from '../knowledge/heap-default.js';
import type { NativeMemoryReport } from '../parsers/native-memory/types.js';
import type { CgroupReport } from '../parsers/cgroup/types.js';
import type { KubernetesContainer } from '../parsers/kubernetes/types.js';
import type { DockerContainer } from '../parsers/docker-inspect/types.js';

export interface Fact<T> {
  value: T;
  ref: EvidenceRef;
}

export interface HostMemory {
  totalBytes: number;
  freeBytes: number;
  availableBytes?: number;
  swapTotalBytes?: number;
  swapUsedBytes?: number;
  refs: EvidenceRef[];
}

export interface JstatReading {
  option: JstatOption;
  sample: JstatSample;
  samples: JstatSample[];
  file: string;
}

/** The container the JVM runs in, merged from cgroup files, `docker inspect` and a Kubernetes manifest. */
export interface ContainerFacts {
  /** Bytes the cgroup is charged now (memory.current / usage_in_bytes: page cache included). */
  usage?: Fact<number>;
  peak?: Fact<number>;
  /** Times the kernel's OOM killer fired in the cgroup (memory.events / memory.oom_control oom_kill). */
  oomKills?: Fact<number>;
  /** OOMKilled reported by Docker (State.OOMKilled) or Kubernetes (lastState.terminated.reason). */
  oomKilledReported?: Fact<string>;
  restarts?: Fact<number>;
  /** CPUs the container may use (k8s limits.cpu, docker NanoCpus / CpuQuota). */
  cpus?: Fact<number>;
  cgroup?: CgroupReport;
  kubernetes?: KubernetesContainer;
  /** The file the Kubernetes container came from (its lines are evidence). */
  kubernetesFile?: string;
  docker?: DockerContainer;
}

export interface Facts {
  java?: Fact<{ feature: number; version: string }>;
  /** Every memory-relevant flag resolved (last one wins), with warnings for ignored/fatal options. */
  flags: ResolvedJvmFlags;
  /** Every JVM option seen (catalina.sh, setenv.sh, jps -v, command lines), in order; last one wins. */
  options: Fact<string>[];
  heapMaxBytes?: Fact<number>;
  heapInitialBytes?: Fact<number>;
  threadStackBytes?: Fact<number>;
  maxMetaspaceBytes?: Fact<number>;
  codeCacheBytes?: Fact<number>;
  maxDirectMemoryBytes?: Fact<number>;
  /** Resident memory of the JVM process (top RES of the java row, or VmRSS). */
  javaRss?: Fact<number>;
  javaPid?: number;
  /** Threads in the JVM process (/proc status Threads:, top -H's Threads: total, else the latest thread dump's platform threads). */
  threads?: Fact<number>;
  host?: HostMemory;
  containerLimit?: Fact<number>;
  /** Where the container limit was read: "cgroup memory.max", "Kubernetes resources.limits.memory", "docker inspect HostConfig.Memory". */
  containerLimitSource?: string;
  container: ContainerFacts;
  /** The heap the JVM picks by itself when no -Xmx is given (MaxRAMPercentage of the limit or RAM). */
  defaultHeap?: DefaultHeap & { ref?: EvidenceRef };
  /** The latest Native Memory Tracking summary (`jcmd PID VM.native_memory summary`). */
  nmt?: { report: NativeMemoryReport; file: string };
  /** The most recent jstat sample per option. */
  jstat: Map<JstatOption, JstatReading>;
  errors: { hit: ErrorHit; file: string }[];
  leaks: { leak: TomcatLeakWarning; file: string }[];
  /** Server lifecycle lines (shutdown, failed start, redeploy) of the logs. */
  lifecycle: { event: LifecycleEvent; file: string }[];
  exceptions: { group: ExceptionGroup; file: string }[];
  /** Last value of a -D system property (names compared case-insensitively when asked: JavaCPP reads both spellings). */
  sysProp(name: string, ignoreCase?: boolean): Fact<string> | undefined;
  /** Last option matching a pattern (e.g. /^-XX:MaxPermSize=/). */
  option(pattern: RegExp): Fact<string> | undefined;
}

export function ref(file: string, line: number | undefined, excerpt: string): EvidenceRef {
  return line === undefined ? { file, excerpt } : { file, line, excerpt };
}

function fromItem<T>(item: EvidenceItem, s: { value: T; line: number; text: string }): Fact<T> {
  return { value: s.value, ref: ref(item.file, s.line, s.text) };
}

export function deriveFacts(c: Case): Facts {
  const jv = c.of('java-version')[0];
  // Every option with its precedence group: the JVM reads JAVA_TOOL_OPTIONS first, then the launcher's
  // JDK_JAVA_OPTIONS (prepended to the command line), then the command line, then _JAVA_OPTIONS, and the
  // last occurrence wins (verified on JDK 17 with -Xmx in all four). jcmd VM.flags / PrintFlagsFinal
  // show the values in force, so they come last of all.
  const grouped: { o: FiledOption; group: number; order: number }[] = [];
  const push = (o: FiledOption, variable: string | undefined, source?: string) => grouped.push({ o, group: precedenceGroup(variable, source), order: grouped.length });
  for (const item of c.of('jvm-options')) {
    for (const o of item.data.options) push({ value: o.value, line: o.line, text: o.text, file: item.file }, o.variable, o.source);
  }
  const container = pickContainer(c);
  for (const e of container.envOptions) {
    for (const tok of e.value.split(/\s+/).filter((t) => /^-(X|D|XX:)/.test(t))) push({ value: tok, line: e.line, text: e.text, file: e.file }, e.variable);
  }
  for (const item of c.of('jps')) {
    for (const p of item.data.processes) {
      for (const tok of p.args.split(/\s+/).filter((t) => /^-(X|D|XX:)/.test(t))) push({ value: tok, line: p.line, text: p.text, file: item.file }, undefined);
    }
  }
  // A GC log's header is JVM-options evidence too: JDK 8's "CommandLine flags:" lists the flags in
  // force (ergonomic values included, as jcmd VM.flags does); -Xlog:arguments prints the command line.
  // Only the last run of a log: the JVM that runs now.
  for (const item of c.of('gc-log')) {
    const run = item.data.runs[item.data.runs.length - 1];
    if (!run?.flagsLine) continue;
    const text = item.data.excerpts[run.flagsLine] ?? run.flags.join(' ');
    for (const tok of run.flags.filter((t) => /^-(X|D|XX:)/.test(t))) push({ value: tok, line: run.flagsLine, text, file: item.file }, undefined, item.data.format === 'legacy' ? 'vm-flags' : undefined);
  }
  grouped.sort((a, b) => a.group - b.group || a.order - b.order);
  const filed: FiledOption[] = grouped.map((g) => g.o);
  const flags = resolveJvmFlags(filed, jv?.data.feature);
  const optionRef = (o: Sourced<string>) => ref((o as FiledOption).file, o.line, o.text);
  const fact = <T>(f: ResolvedFlag<T> | undefined): Fact<T> | undefined => (f ? { value: f.value, ref: optionRef(f.option) } : undefined);
  const options: Fact<string>[] = filed.map((o) => ({ value: o.value, ref: optionRef(o) }));

  const facts: Facts = {
    flags,
    options,
    option(pattern) {
      for (let i = options.length - 1; i >= 0; i--) if (pattern.test(options[i].value)) return options[i];
      return undefined;
    },
    sysProp(name, ignoreCase = false) {
      const want = ignoreCase ? name.toLowerCase() : name;
      // With both spellings set, the one given later wins.
      const hits = Object.entries(flags.systemProperties)
        .filter(([k]) => (ignoreCase ? k.toLowerCase() : k) === want)
        .map(([, f]) => f)
        .sort((a, b) => filed.indexOf(b.option as FiledOption) - filed.indexOf(a.option as FiledOption));
      return fact(hits[0]);
    },
    heapMaxBytes: fact(flags.maxHeapBytes),
    heapInitialBytes: fact(flags.initialHeapBytes),
    threadStackBytes: fact(flags.threadStackBytes),
    maxMetaspaceBytes: fact(flags.maxMetaspaceBytes),
    codeCacheBytes: fact(flags.reservedCodeCacheBytes),
    maxDirectMemoryBytes: fact(flags.maxDirectMemoryBytes),
    jstat: new Map(),
    container: {},
    errors: [],
    leaks: [],
    lifecycle: [],
    exceptions: [],
  };

  if (jv) facts.java = { value: { feature: jv.data.feature, version: jv.data.version.value }, ref: ref(jv.file, jv.data.version.line, jv.data.version.text) };

  // The JVM's RSS: /proc/PID/status is exact; else the biggest java row of top's process view.
  for (const item of c.of('proc-status')) {
    const d = item.data;
    if (d.vmRssBytes && !facts.javaRss) facts.javaRss = fromItem(item, d.vmRssBytes);
    if (d.threads && !facts.threads) facts.threads = fromItem(item, d.threads);
    if (d.pid && facts.javaPid === undefined) facts.javaPid = d.pid.value;
  }
  // smaps_rollup's Rss is the same count as VmRSS.
  for (const item of c.of('smaps-rollup')) {
    if (item.data.rssBytes && !facts.javaRss) facts.javaRss = fromItem(item, item.data.rssBytes);
    if (item.data.pid !== undefined) facts.javaPid ??= item.data.pid;
  }
  for (const item of c.of('top')) {
    const d = item.data;
    if (d.mode === 'threads') {
      if (d.tasks && !facts.threads) facts.threads = fromItem(item, { ...d.tasks, value: d.tasks.value.total });
      continue;
    }
    const javaRows = d.rows.filter((r) => /^java\b|\/java$/.test(r.command)).sort((a, b) => b.resBytes - a.resBytes);
    if (javaRows[0] && !facts.javaRss) {
      facts.javaRss = { value: javaRows[0].resBytes, ref: ref(item.file, javaRows[0].line, javaRows[0].text) };
      facts.javaPid ??= javaRows[0].pid;
    }
  }
  // A thread dump lists every thread that owns a native stack (virtual threads do not); /proc and top
  // count the same OS threads, so they win when present and the dump only fills the gap.
  if (!facts.threads) {
    const latest = latestDump(c);
    if (latest) {
      const d = latest.dump;
      facts.threads = { value: d.counts.platform, ref: ref(latest.file, d.line, `${d.text} (${d.counts.platform} threads with a native stack)`) };
    }
  }
  facts.host = hostMemory(c);
  containerFacts(c, facts, container);
  // Native Memory Tracking: the last summary given (a later one supersedes a baseline-era one).
  for (const item of c.of('native-memory')) if (item.data.total) facts.nmt = { report: item.data, file: item.file };
  if (facts.nmt && !facts.threads && facts.nmt.report.threads !== undefined) {
    const t = facts.nmt.report.categories.find((x) => x.name === 'Thread');
    if (t) facts.threads = { value: facts.nmt.report.threads, ref: ref(facts.nmt.file, t.line, t.text.trim()) };
  }
  facts.javaPid ??= facts.nmt?.report.pid;
  const heapDefault = defaultMaxHeap({
    flags,
    javaFeature: jv?.data.feature,
    javaUpdate: jv?.data.update,
    containerLimitBytes: facts.containerLimit?.value,
    hostRamBytes: facts.host?.totalBytes,
  });
  if (heapDefault) {
    const basisRef = heapDefault.memorySource === 'container limit' ? facts.containerLimit?.ref : heapDefault.memorySource === 'host RAM' ? facts.host?.refs[0] : undefined;
    facts.defaultHeap = { ...heapDefault, ...(basisRef ? { ref: basisRef } : {}) };
  }
  for (const item of c.of('jstat')) {
    const s = item.data.samples;
    if (s.length) facts.jstat.set(item.data.option, { option: item.data.option, sample: s[s.length - 1], samples: s, file: item.file });
  }
  for (const item of c.of('log')) {
    for (const hit of item.data.errors) facts.errors.push({ hit, file: item.file });
    for (const leak of item.data.tomcatLeaks) facts.leaks.push({ leak, file: item.file });
    for (const event of item.data.lifecycle ?? []) facts.lifecycle.push({ event, file: item.file });
    for (const group of item.data.exceptions) facts.exceptions.push({ group, file: item.file });
  }
  return facts;
}

const ENV_GROUP: Record<string, number> = { JAVA_TOOL_OPTIONS: 0, JDK_JAVA_OPTIONS: 1, _JAVA_OPTIONS: 3 };

/** Where an option sits in the JVM's order of reading (see deriveFacts). */
function precedenceGroup(variable: string | undefined, source?: string): number {
  if (source === 'vm-flags' || source === 'flags-final') return 4;
  return variable !== undefined && variable in ENV_GROUP ? ENV_GROUP[variable] : 2;
}

// Variables whose value is JVM options: the JVM's own, Tomcat's, and the <PRODUCT>_JAVA_OPTS / _HEAP_OPTS that start scripts
// (Elasticsearch, Logstash, Kafka, Cassandra …) put on the java command line.
const OPTION_ENV = /^(?:JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|JAVA_OPTS|CATALINA_OPTS|JVM_OPTS|KAFKA_OPTS|[A-Z][A-Z0-9]*_(?:JAVA_OPTS|HEAP_OPTS|JVM_OPTS|JAVA_OPTIONS))$/;
const JAVA_IMAGE = /java|jdk|jre|openjdk|temurin|corretto|zulu|tomcat|jetty|spring|wildfly|jboss|payara|liberty|elasticsearch|kafka/i;

interface PickedContainer {
  docker?: { container: DockerContainer; file: string };
  k8s?: { container: KubernetesContainer; file: string };
  envOptions: { variable: string; value: string; line: number; text: string; file: string }[];
}

/**
 * The container the JVM runs in, when `docker inspect` or a manifest lists several: the one whose host
 * PID is the java process, else one that sets a JVM options variable or runs a Java image, else the
 * first with a memory limit, else the first.
 */
function pickContainer(c: Case): PickedContainer {
  const pids = new Set<number>();
  for (const i of c.of('proc-status')) if (i.data.pid) pids.add(i.data.pid.value);
  for (const i of c.of('top')) for (const r of i.data.rows ?? []) if (/^java\b|\/java$/.test(r.command)) pids.add(r.pid);
  const javaLike = (env: string[], image?: string) => env.some((e) => OPTION_ENV.test(e)) || (image !== undefined && JAVA_IMAGE.test(image));
  const out: PickedContainer = { envOptions: [] };

  const dockers = c.of('docker-inspect').flatMap((item) => item.data.containers.map((container) => ({ container, file: item.file })));
  out.docker =
    dockers.find((d) => d.container.pid !== undefined && pids.has(d.container.pid)) ??
    dockers.find((d) => javaLike(d.container.env.map((e) => e.split('=')[0]), d.container.image)) ??
    dockers.find((d) => d.container.memoryLimitBytes) ??
    dockers[0];
  if (out.docker) {
    const line = out.docker.container.lines.env;
    for (const e of out.docker.container.env) {
      const eq = e.indexOf('=');
      const variable = e.slice(0, eq);
      if (eq > 0 && OPTION_ENV.test(variable)) out.envOptions.push({ variable, value: e.slice(eq + 1), line, text: e, file: out.docker.file });
    }
  }

  const k8s = c.of('kubernetes').flatMap((item) => item.data.containers.map((container) => ({ container, file: item.file })));
  out.k8s =
    k8s.find((k) => javaLike(k.container.env.map((e) => e.name), k.container.image)) ??
    k8s.find((k) => k.container.memoryLimitBytes) ??
    k8s[0];
  if (out.k8s) {
    for (const e of out.k8s.container.env) {
      if (e.value !== undefined && OPTION_ENV.test(e.name)) out.envOptions.push({ variable: e.name, value: e.value, line: e.line, text: e.text, file: out.k8s.file });
    }
  }
  return out;
}

/**
 * The container limit and what the container says about memory. The cgroup files are what the kernel
 * enforces, so they win; a Kubernetes limit becomes that cgroup's memory.max; docker's HostConfig.Memory
 * likewise. "Unlimited" in the cgroup (memory.max = max) is not a limit.
 */
function containerFacts(c: Case, facts: Facts, picked: PickedContainer): void {
  const cf = facts.container;
  let cgroupLimit: { value: number; ref: EvidenceRef } | undefined;
  for (const item of c.of('cgroup')) {
    const d = item.data;
    const r = (s: { line: number; text: string }) => ref(item.file, s.line, s.text.trim());
    if (d.limitBytes && d.limitBytes.value !== null && !cgroupLimit) cgroupLimit = { value: d.limitBytes.value, ref: r(d.limitBytes) };
    if (d.usageBytes && !cf.usage) cf.usage = { value: d.usageBytes.value, ref: r(d.usageBytes) };
    if (d.peakBytes && !cf.peak) cf.peak = { value: d.peakBytes.value, ref: r(d.peakBytes) };
    const k = d.events.oom_kill;
    if (k && (!cf.oomKills || k.value > cf.oomKills.value)) cf.oomKills = { value: k.value, ref: r(k) };
    cf.cgroup ??= d;
  }
  if (cgroupLimit) {
    facts.containerLimit = cgroupLimit;
    facts.containerLimitSource = 'cgroup memory limit';
  }
  const k8s = picked.k8s;
  if (k8s) {
    const kc = k8s.container;
    cf.kubernetes = kc;
    cf.kubernetesFile = k8s.file;
    const r = (s: { line: number; text: string }) => ref(k8s.file, s.line, s.text.trim());
    if (kc.memoryLimitBytes && !facts.containerLimit) {
      facts.containerLimit = { value: kc.memoryLimitBytes.value, ref: r(kc.memoryLimitBytes) };
      facts.containerLimitSource = `Kubernetes resources.limits.memory of ${kc.workload}${kc.name ? ` container ${kc.name}` : ''}`;
    }
    if (kc.cpuLimit && !cf.cpus) cf.cpus = { value: kc.cpuLimit.value, ref: r(kc.cpuLimit) };
    if (kc.restartCount) cf.restarts = { value: kc.restartCount.value, ref: r(kc.restartCount) };
    if (kc.lastTerminationReason?.value === 'OOMKilled') cf.oomKilledReported = { value: `Kubernetes lastState.terminated.reason OOMKilled${kc.lastExitCode ? ` (exit code ${kc.lastExitCode.value})` : ''}`, ref: r(kc.lastTerminationReason) };
  }
  const d = picked.docker;
  if (d) {
    const ct = d.container;
    cf.docker = ct;
    if (ct.memoryLimitBytes && !facts.containerLimit) {
      facts.containerLimit = { value: ct.memoryLimitBytes, ref: ref(d.file, ct.lines.memoryLimitBytes, `"Memory": ${ct.memoryLimitBytes}`) };
      facts.containerLimitSource = 'docker inspect HostConfig.Memory';
    }
    if (ct.nanoCpus && !cf.cpus) cf.cpus = { value: ct.nanoCpus / 1e9, ref: ref(d.file, ct.lines.nanoCpus, `"NanoCpus": ${ct.nanoCpus}`) };
    if (ct.oomKilled && !cf.oomKilledReported) cf.oomKilledReported = { value: `docker inspect State.OOMKilled true${ct.exitCode !== undefined ? ` (exit code ${ct.exitCode})` : ''}`, ref: ref(d.file, ct.lines.oomKilled, '"OOMKilled": true') };
    if (ct.restartCount && !cf.restarts) cf.restarts = { value: ct.restartCount, ref: ref(d.file, ct.lines.restartCount, `"RestartCount": ${ct.restartCount}`) };
  }
}

/**
 * The host's memory, from the most direct reading there is: `free` first, then top's summary, then
 * /proc/meminfo (the one place this is assembled; host-memory, container-fit and the default heap read it).
 */
export function hostMemory(c: Case): HostMemory | undefined {
  for (const item of c.of('free')) {
    const { mem, swap } = item.data;
    if (!mem) continue;
    return {
      totalBytes: mem.value.total,
      freeBytes: mem.value.free,
      availableBytes: mem.value.available ?? item.data.buffersCache?.value.free,
      swapTotalBytes: swap?.value.total,
      swapUsedBytes: swap?.value.used,
      refs: [ref(item.file, mem.line, mem.text), ...(swap ? [ref(item.file, swap.line, swap.text)] : [])],
    };
  }
  for (const item of c.of('top')) {
    const d = item.data;
    if (d.mode === 'threads' || !d.mem) continue;
    return {
      totalBytes: d.mem.value.total,
      freeBytes: d.mem.value.free,
      availableBytes: d.swap?.value.availMem,
      swapTotalBytes: d.swap?.value.total,
      swapUsedBytes: d.swap?.value.used,
      refs: [ref(item.file, d.mem.line, d.mem.text), ...(d.swap ? [ref(item.file, d.swap.line, d.swap.text)] : [])],
    };
  }
  const mi = c.of('meminfo').find((i) => i.data.totalBytes);
  if (!mi) return undefined;
  const d = mi.data;
  return {
    totalBytes: d.totalBytes!.value,
    freeBytes: d.freeBytes?.value ?? 0,
    availableBytes: d.availableBytes?.value,
    swapTotalBytes: d.swapTotalBytes?.value,
    swapUsedBytes: d.swapTotalBytes && d.swapFreeBytes ? d.swapTotalBytes.value - d.swapFreeBytes.value : undefined,
    refs: [ref(mi.file, d.totalBytes!.line, d.totalBytes!.text), ...(d.availableBytes ? [ref(mi.file, d.availableBytes.line, d.availableBytes.text)] : [])],
  };
}

/** What each thread's stack reserves: -Xss when given, else the 64-bit Linux default (one place for the rules and the budget). */
export function threadStackReserve(facts: Facts): { bytes: number; explicit: boolean } {
  return facts.threadStackBytes ? { bytes: facts.threadStackBytes.value, explicit: true } : { bytes: DEFAULT_THREAD_STACK_BYTES, explicit: false };
}
