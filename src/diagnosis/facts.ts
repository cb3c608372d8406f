// Facts derived once from the whole Case, each with the evidence line it came from, so rules agree on
// "the" -Xmx, "the" RSS, "the" thread count instead of each re-reading files in its own way.

import type { Case, EvidenceItem } from '../evidence/case.js';
import type { EvidenceRef } from './finding.js';
import type { ErrorHit, TomcatLeakWarning, ExceptionGroup } from '../parsers/log/types.js';
import type { JstatOption, JstatSample } from '../parsers/jstat/types.js';
import { resolveJvmFlags, type ResolvedFlag, type ResolvedJvmFlags } from '../jvm/flags.js';
import type { Sourced } from '../parsers/parser.js';

/** An option token with the file it came from, so a resolved flag can point back at file:line. */
type FiledOption = Sourced<string> & { file: string };
import { latestDump } from './thread-dumps.js';

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
  /** The most recent jstat sample per option. */
  jstat: Map<JstatOption, JstatReading>;
  errors: { hit: ErrorHit; file: string }[];
  leaks: { leak: TomcatLeakWarning; file: string }[];
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
  const filed: FiledOption[] = [];
  for (const item of c.of('jvm-options')) {
    for (const o of item.data.options) filed.push({ value: o.value, line: o.line, text: o.text, file: item.file });
  }
  for (const item of c.of('jps')) {
    for (const p of item.data.processes) {
      for (const tok of p.args.split(/\s+/).filter((t) => /^-(X|D|XX:)/.test(t))) filed.push({ value: tok, line: p.line, text: p.text, file: item.file });
    }
  }
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
    errors: [],
    leaks: [],
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
    if (d.mem && !facts.host) {
      facts.host = {
        totalBytes: d.mem.value.total,
        freeBytes: d.mem.value.free,
        availableBytes: d.swap?.value.availMem,
        swapTotalBytes: d.swap?.value.total,
        swapUsedBytes: d.swap?.value.used,
        refs: [ref(item.file, d.mem.line, d.mem.text), ...(d.swap ? [ref(item.file, d.swap.line, d.swap.text)] : [])],
      };
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
  // `free` is the more direct host reading: it wins over top's summary.
  for (const item of c.of('free')) {
    const { mem, swap } = item.data;
    if (!mem) continue;
    facts.host = {
      totalBytes: mem.value.total,
      freeBytes: mem.value.free,
      availableBytes: mem.value.available ?? item.data.buffersCache?.value.free,
      swapTotalBytes: swap?.value.total,
      swapUsedBytes: swap?.value.used,
      refs: [ref(item.file, mem.line, mem.text), ...(swap ? [ref(item.file, swap.line, swap.text)] : [])],
    };
    break;
  }
  for (const item of c.of('docker-inspect')) {
    for (const ct of item.data.containers) {
      if (ct.memoryLimitBytes && !facts.containerLimit) {
        facts.containerLimit = { value: ct.memoryLimitBytes, ref: ref(item.file, ct.lines.memoryLimitBytes, `"Memory": ${ct.memoryLimitBytes}`) };
      }
    }
  }
  for (const item of c.of('jstat')) {
    const s = item.data.samples;
    if (s.length) facts.jstat.set(item.data.option, { option: item.data.option, sample: s[s.length - 1], samples: s, file: item.file });
  }
  for (const item of c.of('log')) {
    for (const hit of item.data.errors) facts.errors.push({ hit, file: item.file });
    for (const leak of item.data.tomcatLeaks) facts.leaks.push({ leak, file: item.file });
    for (const group of item.data.exceptions) facts.exceptions.push({ group, file: item.file });
  }
  return facts;
}
