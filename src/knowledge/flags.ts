// What a list of JVM option tokens means: the effective value of each memory-relevant flag (the last
// occurrence wins, as in HotSpot's argument parsing), system properties (last -D wins), JavaCPP's and
// Netty's native-memory caps, and the options that are deprecated, ignored or fatal on a given JDK.
// Reference: HotSpot src/hotspot/share/runtime/arguments.cpp (parse_each_vm_init_arg: -Xmx/-Xms/-Xss/
// -Xmn, atojulong's k/m/g/t suffixes; the special_jvm_flags table of deprecated/obsoleted/expired
// flags), gc/shared/gc_globals.hpp; checked against `java -XX:… -version` on JDK 17 (PermSize, CMS,
// ParallelOld, AggressiveOpts, PrintGCDateStamps: "Unrecognized VM option"; UseBiasedLocking,
// MaxRAMFraction: deprecation warning; -XX:ThreadStackSize=1m is 1048576 KB). JavaCPP:
// bytedeco/javacpp Pointer.java (static initialiser and parseBytes).

import type { Sourced } from '../model/sourced.js';
import { parseJvmSize } from './sizes.js';

/** An effective value, the option that set it, and the earlier options it overrode. */
export interface ResolvedFlag<T> {
  value: T;
  option: Sourced<string>;
  overridden: Sourced<string>[];
}

export type GcName = 'Serial' | 'Parallel' | 'ParallelOld' | 'ConcMarkSweep' | 'ParNew' | 'G1' | 'Z' | 'Shenandoah' | 'Epsilon';

export interface JvmFlagWarning {
  option: Sourced<string>;
  flag: string;
  /**
   * deprecated: works, with a warning; ignored: accepted but has no effect ("support was removed");
   * fatal: the JVM refuses to start ("Unrecognized VM option", conflicting collectors);
   * invalid: a value the consumer cannot parse; suspicious: legal but almost certainly not what was meant.
   */
  status: 'deprecated' | 'ignored' | 'fatal' | 'invalid' | 'suspicious';
  /** The feature release where this status starts (undefined for invalid/suspicious). */
  since?: number;
  message: string;
  /** The option that does what was meant, when there is one. */
  replacement?: string;
}

/** A JavaCPP size property as Pointer.parseBytes reads it: bytes, or a percentage of Runtime.maxMemory() (1.5.x). */
export interface JavacppSize {
  bytes?: number;
  percentOfMaxMemory?: number;
}

export interface ResolvedJvmFlags {
  javaFeature?: number;
  /** -Xmx / -XX:MaxHeapSize. */
  maxHeapBytes?: ResolvedFlag<number>;
  /** -Xms / -XX:InitialHeapSize. */
  initialHeapBytes?: ResolvedFlag<number>;
  /** -Xss / -XX:ThreadStackSize (the latter counts in KB). */
  threadStackBytes?: ResolvedFlag<number>;
  /** -Xmn / -XX:NewSize / -XX:MaxNewSize. */
  newSizeBytes?: ResolvedFlag<number>;
  maxNewSizeBytes?: ResolvedFlag<number>;
  maxMetaspaceBytes?: ResolvedFlag<number>;
  metaspaceSizeBytes?: ResolvedFlag<number>;
  compressedClassSpaceBytes?: ResolvedFlag<number>;
  /** -XX:MaxPermSize / PermSize: only meaningful on JDK 7 and older (see warnings). */
  maxPermBytes?: ResolvedFlag<number>;
  permSizeBytes?: ResolvedFlag<number>;
  maxDirectMemoryBytes?: ResolvedFlag<number>;
  reservedCodeCacheBytes?: ResolvedFlag<number>;
  maxRamBytes?: ResolvedFlag<number>;
  newRatio?: ResolvedFlag<number>;
  survivorRatio?: ResolvedFlag<number>;
  maxTenuringThreshold?: ResolvedFlag<number>;
  maxRamPercentage?: ResolvedFlag<number>;
  initialRamPercentage?: ResolvedFlag<number>;
  minRamPercentage?: ResolvedFlag<number>;
  maxRamFraction?: ResolvedFlag<number>;
  activeProcessorCount?: ResolvedFlag<number>;
  /** The collector the options select (the last -XX:+Use…GC); absent = the JDK's default. */
  gc?: ResolvedFlag<GcName>;
  nativeMemoryTracking?: ResolvedFlag<string>;
  heapDumpPath?: ResolvedFlag<string>;
  /** Every -XX:+Name / -XX:-Name, by name. */
  booleans: Record<string, ResolvedFlag<boolean>>;
  /** Every -XX:Name=value, raw, by name. */
  xx: Record<string, ResolvedFlag<string>>;
  /** -Dkey=value (value '' for a bare -Dkey), by key. */
  systemProperties: Record<string, ResolvedFlag<string>>;
  /** org.bytedeco.javacpp.maxBytes / maxPhysicalBytes (camelCase beats lower-case whatever the order, as Pointer reads them). */
  javacpp: { maxBytes?: ResolvedFlag<JavacppSize>; maxPhysicalBytes?: ResolvedFlag<JavacppSize> };
  /** -Dio.netty.maxDirectMemory (bytes; negative = follow MaxDirectMemorySize, 0 = no Netty-side cap). */
  nettyMaxDirectMemory?: ResolvedFlag<number>;
  warnings: JvmFlagWarning[];
}

interface Lifecycle {
  deprecated?: number;
  /** Accepted and ignored with a warning from this release. */
  ignored?: number;
  /** "Unrecognized VM option" from this release (verified on 17 where the exact release is uncertain). */
  fatal?: number;
  why: string;
  replacement?: (value: string) => string;
}

// Flags removed or retired between JDK 8 and 21 that people still carry in scripts.
const PERMGEN = 'the permanent generation was removed in Java 8 (class metadata lives in native metaspace)';
const CMS = 'the CMS collector was deprecated in Java 9 and removed in Java 14 (JEP 363)';
const OLD_GC_LOG = 'the old GC logging flags were replaced by unified logging (-Xlog) in Java 9 (JEP 158, JEP 271)';
const LIFECYCLE: Record<string, Lifecycle> = {
  MaxPermSize: { ignored: 8, fatal: 17, why: PERMGEN, replacement: (v) => `-XX:MaxMetaspaceSize=${v}` },
  PermSize: { ignored: 8, fatal: 17, why: PERMGEN, replacement: (v) => `-XX:MetaspaceSize=${v}` },
  UseConcMarkSweepGC: { deprecated: 9, ignored: 14, fatal: 17, why: CMS, replacement: () => '-XX:+UseG1GC' },
  CMSInitiatingOccupancyFraction: { deprecated: 9, ignored: 14, fatal: 17, why: CMS, replacement: (v) => `-XX:InitiatingHeapOccupancyPercent=${v} (G1)` },
  UseCMSInitiatingOccupancyOnly: { deprecated: 9, ignored: 14, fatal: 17, why: CMS },
  CMSClassUnloadingEnabled: { deprecated: 9, ignored: 14, fatal: 17, why: CMS },
  CMSParallelRemarkEnabled: { deprecated: 9, ignored: 14, fatal: 17, why: CMS },
  CMSScavengeBeforeRemark: { deprecated: 9, ignored: 14, fatal: 17, why: CMS },
  UseParNewGC: { deprecated: 9, fatal: 10, why: 'ParNew as a separate collector was removed in Java 10 (JEP 214/291)', replacement: () => '-XX:+UseG1GC' },
  UseParallelOldGC: { deprecated: 14, ignored: 15, fatal: 17, why: 'ParallelOld was folded into the Parallel collector (JEP 366)', replacement: () => '-XX:+UseParallelGC' },
  AggressiveOpts: { deprecated: 11, ignored: 12, fatal: 13, why: 'AggressiveOpts was retired in Java 12' },
  UseBiasedLocking: { deprecated: 15, ignored: 18, why: 'biased locking was disabled and deprecated in Java 15 (JEP 374)' },
  MaxRAMFraction: { deprecated: 10, why: 'the RAM fractions were replaced by percentages in Java 10', replacement: (v) => `-XX:MaxRAMPercentage=${Math.round(10000 / Number(v)) / 100}` },
  MinRAMFraction: { deprecated: 10, why: 'the RAM fractions were replaced by percentages in Java 10', replacement: (v) => `-XX:MinRAMPercentage=${Math.round(10000 / Number(v)) / 100}` },
  InitialRAMFraction: { deprecated: 10, why: 'the RAM fractions were replaced by percentages in Java 10', replacement: (v) => `-XX:InitialRAMPercentage=${Math.round(10000 / Number(v)) / 100}` },
  UseCGroupMemoryLimitForHeap: { deprecated: 10, fatal: 11, why: 'the experimental cgroup heap sizing of 8u131–9 was replaced by UseContainerSupport (on by default since 10 and 8u191)', replacement: () => '-XX:MaxRAMPercentage=75' },
  PrintGCDetails: { deprecated: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc*' },
  PrintGC: { deprecated: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc' },
  PrintGCDateStamps: { fatal: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc*:file=gc.log:time,uptime,level,tags' },
  PrintGCTimeStamps: { fatal: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc*:file=gc.log:uptime' },
  PrintGCApplicationStoppedTime: { fatal: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:safepoint' },
  PrintTenuringDistribution: { fatal: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc+age=trace' },
  PrintHeapAtGC: { fatal: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc+heap=debug' },
  UseGCLogFileRotation: { fatal: 9, why: OLD_GC_LOG, replacement: () => '-Xlog:gc*:file=gc.log::filecount=5,filesize=20m' },
  NumberOfGCLogFiles: { fatal: 9, why: OLD_GC_LOG },
  GCLogFileSize: { fatal: 9, why: OLD_GC_LOG },
};

const GC_FLAGS: Record<string, GcName> = {
  UseSerialGC: 'Serial', UseParallelGC: 'Parallel', UseParallelOldGC: 'ParallelOld', UseConcMarkSweepGC: 'ConcMarkSweep',
  UseParNewGC: 'ParNew', UseG1GC: 'G1', UseZGC: 'Z', UseShenandoahGC: 'Shenandoah', UseEpsilonGC: 'Epsilon',
};

const SIZE_XX: Record<string, keyof ResolvedJvmFlags> = {
  MaxHeapSize: 'maxHeapBytes', InitialHeapSize: 'initialHeapBytes', NewSize: 'newSizeBytes', MaxNewSize: 'maxNewSizeBytes',
  MaxMetaspaceSize: 'maxMetaspaceBytes', MetaspaceSize: 'metaspaceSizeBytes', CompressedClassSpaceSize: 'compressedClassSpaceBytes',
  MaxPermSize: 'maxPermBytes', PermSize: 'permSizeBytes', MaxDirectMemorySize: 'maxDirectMemoryBytes',
  ReservedCodeCacheSize: 'reservedCodeCacheBytes', MaxRAM: 'maxRamBytes',
};
const NUMBER_XX: Record<string, keyof ResolvedJvmFlags> = {
  NewRatio: 'newRatio', SurvivorRatio: 'survivorRatio', MaxTenuringThreshold: 'maxTenuringThreshold',
  MaxRAMPercentage: 'maxRamPercentage', InitialRAMPercentage: 'initialRamPercentage', MinRAMPercentage: 'minRamPercentage',
  MaxRAMFraction: 'maxRamFraction', ActiveProcessorCount: 'activeProcessorCount',
};

/**
 * JavaCPP's Pointer.parseBytes: leading digits, then (trimmed, case-insensitive) nothing, k/kb, m/mb,
 * g/gb, t/tb (binary multiples) or "%" of Runtime.maxMemory(). Anything else — "1.5g", "8GiB", "" —
 * makes Pointer's static initialiser throw, and then every JavaCPP allocation fails.
 */
export function parseJavacppBytes(text: string): JavacppSize | undefined {
  const m = /^(\d+)(.*)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2].trim().toLowerCase();
  if (suffix === '%') return { percentOfMaxMemory: n };
  const shift: Record<string, number> = { '': 0, k: 1, kb: 1, m: 2, mb: 2, g: 3, gb: 3, t: 4, tb: 4 };
  return suffix in shift ? { bytes: n * 1024 ** shift[suffix] } : undefined;
}

/**
 * Interprets option tokens (in the order the JVM sees them) into effective values.
 * `javaFeature` (8, 11, 17, …) enables the deprecated/ignored/fatal warnings for that release.
 */
export function resolveJvmFlags(options: Sourced<string>[], javaFeature?: number): ResolvedJvmFlags {
  const out: ResolvedJvmFlags = { booleans: {}, xx: {}, systemProperties: {}, javacpp: {}, warnings: [] };
  if (javaFeature !== undefined) out.javaFeature = javaFeature;
  const bag = out as unknown as Record<string, ResolvedFlag<unknown> | undefined>;
  const set = <T>(slot: Record<string, ResolvedFlag<unknown> | undefined>, key: string, value: T, option: Sourced<string>) => {
    const prev = slot[key];
    slot[key] = { value, option, overridden: prev ? [...prev.overridden, prev.option] : [] };
  };
  const warn = (option: Sourced<string>, flag: string, status: JvmFlagWarning['status'], message: string, since?: number, replacement?: string) => {
    const w: JvmFlagWarning = { option, flag, status, message };
    if (since !== undefined) w.since = since;
    if (replacement) w.replacement = replacement;
    out.warnings.push(w);
  };
  const size = (option: Sourced<string>, flag: string, text: string, target: keyof ResolvedJvmFlags, factor = 1) => {
    const bytes = parseJvmSize(text);
    if (bytes === undefined) warn(option, flag, 'invalid', `${option.value}: "${text}" is not a size (digits with an optional k, m, g or t); the JVM refuses to start`);
    else set(bag, target, bytes * factor, option);
  };
  const javacppRaw: Record<string, { camel?: Sourced<string>; lower?: Sourced<string>; value: Record<string, string> }> = {
    maxBytes: { value: {} },
    maxPhysicalBytes: { value: {} },
  };

  const lifecycle = (option: Sourced<string>, name: string, value: string): void => {
    const l = LIFECYCLE[name];
    if (!l || javaFeature === undefined) return;
    const o = option.value.trim();
    const replacement = l.replacement?.(value);
    if (l.fatal !== undefined && javaFeature >= l.fatal) {
      warn(option, name, 'fatal', `${o} is not recognised on Java ${javaFeature}: the JVM stops with "Unrecognized VM option" (${l.why})`, l.fatal, replacement);
    } else if (l.ignored !== undefined && javaFeature >= l.ignored) {
      warn(option, name, 'ignored', `${o} is ignored on Java ${javaFeature}: ${l.why}`, l.ignored, replacement);
    } else if (l.deprecated !== undefined && javaFeature >= l.deprecated) {
      warn(option, name, 'deprecated', `${o} is deprecated on Java ${javaFeature}: ${l.why}`, l.deprecated, replacement);
    }
  };

  for (const option of options) {
    const o = option.value.trim();
    let m: RegExpExecArray | null;
    if ((m = /^-Xmx(.*)$/.exec(o))) size(option, 'Xmx', m[1], 'maxHeapBytes');
    else if ((m = /^-Xms(.*)$/.exec(o))) size(option, 'Xms', m[1], 'initialHeapBytes');
    else if ((m = /^-Xss(.*)$/.exec(o))) size(option, 'Xss', m[1], 'threadStackBytes');
    else if ((m = /^-Xmn(.*)$/.exec(o))) {
      // -Xmn sets both the initial and the maximum young generation size.
      size(option, 'Xmn', m[1], 'newSizeBytes');
      size(option, 'Xmn', m[1], 'maxNewSizeBytes');
    } else if (o === '-Xincgc' || o === '-Xnoincgc') {
      if (javaFeature !== undefined && javaFeature >= 9) warn(option, o.slice(1), 'fatal', `${o} was removed in Java 9: "Unrecognized option", the JVM does not start`, 9);
    } else if ((m = /^-XX:([+-])([A-Za-z0-9_]+)$/.exec(o))) {
      const [, sign, name] = m;
      set(out.booleans as Record<string, ResolvedFlag<unknown>>, name, sign === '+', option);
      if (sign === '+' && GC_FLAGS[name]) set(bag, 'gc', GC_FLAGS[name], option);
      lifecycle(option, name, '');
    } else if ((m = /^-XX:([A-Za-z0-9_]+)=(.*)$/.exec(o))) {
      const [, name, value] = m;
      set(out.xx as Record<string, ResolvedFlag<unknown>>, name, value, option);
      if (SIZE_XX[name]) size(option, name, value, SIZE_XX[name]);
      else if (name === 'ThreadStackSize') {
        // ThreadStackSize counts in KB, even with a suffix: -XX:ThreadStackSize=1m is 1 GB per thread.
        size(option, name, value, 'threadStackBytes', 1024);
        if (/[kmgt]$/i.test(value)) warn(option, name, 'suspicious', `-XX:ThreadStackSize counts in KB, so ${value} means ${value} × 1 KB per thread; -Xss${value} is what was meant`, undefined, `-Xss${value}`);
      } else if (NUMBER_XX[name]) {
        const n = Number(value);
        if (Number.isFinite(n) && value.trim() !== '') set(bag, NUMBER_XX[name], n, option);
        else warn(option, name, 'invalid', `${o}: "${value}" is not a number; the JVM refuses to start`);
      } else if (name === 'NativeMemoryTracking') set(bag, 'nativeMemoryTracking', value, option);
      else if (name === 'HeapDumpPath') set(bag, 'heapDumpPath', value, option);
      lifecycle(option, name, value);
    } else if ((m = /^-D([^=]+)(?:=(.*))?$/.exec(o))) {
      const [, key, value = ''] = m;
      set(out.systemProperties as Record<string, ResolvedFlag<unknown>>, key, value, option);
      const jc = /^org\.bytedeco\.javacpp\.(maxBytes|maxbytes|maxPhysicalBytes|maxphysicalbytes)$/.exec(key);
      if (jc) {
        const which = jc[1].toLowerCase() === 'maxbytes' ? 'maxBytes' : 'maxPhysicalBytes';
        const slot = javacppRaw[which];
        if (jc[1] === which) slot.camel = option;
        else slot.lower = option;
        slot.value[jc[1]] = value;
      }
      if (key === 'io.netty.maxDirectMemory') {
        const n = /^-?\d+$/.test(value) ? Number(value) : undefined;
        if (n === undefined) warn(option, key, 'invalid', `${o}: Netty reads io.netty.maxDirectMemory as a plain number of bytes`);
        else set(bag, 'nettyMaxDirectMemory', n, option);
      }
    }

  }

  // JavaCPP reads System.getProperty(camelCase, lowerCaseValue): the camelCase property wins whatever the order.
  for (const which of ['maxBytes', 'maxPhysicalBytes'] as const) {
    const raw = javacppRaw[which];
    const option = raw.camel ?? raw.lower;
    if (!option) continue;
    const text = raw.camel ? raw.value[which] : raw.value[which.toLowerCase()];
    if (text === '') continue; // an empty property is skipped: the default applies
    const parsed = parseJavacppBytes(text);
    if (!parsed) {
      warn(option, `org.bytedeco.javacpp.${which}`, 'invalid', `JavaCPP cannot parse "${text}" (digits, then optional k, m, g, t with an optional b, or %): Pointer fails to initialise and every native allocation through JavaCPP throws`);
      continue;
    }
    const overridden = raw.camel && raw.lower ? [raw.lower] : [];
    out.javacpp[which] = { value: parsed, option, overridden };
  }

  const selected = new Set(Object.entries(out.booleans).filter(([n, f]) => GC_FLAGS[n] && f.value).map(([n]) => GC_FLAGS[n]));
  // ParNew pairs with CMS and ParallelOld with Parallel on JDK 8: those are one collector, not a conflict.
  if (selected.has('ParNew') && selected.has('ConcMarkSweep')) selected.delete('ParNew');
  if (selected.has('ParallelOld') && selected.has('Parallel')) selected.delete('ParallelOld');
  if (selected.size > 1 && out.gc) {
    warn(out.gc.option, 'Use*GC', 'fatal', `More than one collector is selected (${[...selected].join(', ')}): the JVM stops with "Multiple garbage collectors selected" (JDK 8: "Conflicting collector combinations")`);
  }
  if (out.gc?.value === 'Z' && javaFeature !== undefined && javaFeature >= 11 && javaFeature < 15 && !out.booleans.UnlockExperimentalVMOptions?.value) {
    warn(out.gc.option, 'UseZGC', 'fatal', `ZGC is experimental on Java ${javaFeature}: it needs -XX:+UnlockExperimentalVMOptions before -XX:+UseZGC`, 11);
  }
  return out;
}
