// What HotSpot's GC logs name: collectors, GC causes and event kinds — one entry each, so the parser,
// the analysis and the rules speak of one "G1 Humongous Allocation" and explain it the same way.
// References: HotSpot src/hotspot/share/gc/shared/gcCause.cpp (GCCause::to_string, JDK 8–25),
// gc/g1/g1YoungGCPrinter / g1CollectedHeap.cpp ("Pause Young (Normal|Concurrent Start|Prepare Mixed|Mixed)"),
// gc/shared/gcTraceTime, gc/shenandoah/shenandoahUtils, gc/z/zStat.cpp (JDK 11–25), and the JDK 8
// printers (genCollectedHeap.cpp "[GC", "[Full GC", psScavenge.cpp, concurrentMarkSweepGeneration.cpp).

import type { GcCollector } from '../model/document.js';

export interface CollectorEntry {
  collector: GcCollector;
  /** What `-Xlog:gc` prints at start-up ("Using G1"). */
  unifiedBanner: RegExp;
  /** Generation names printed by JDK 5–8 `-XX:+PrintGCDetails` that only this collector uses. */
  legacyMarkers: RegExp;
  /** How it pauses, in words, for the report. */
  about: string;
}

export const COLLECTORS: CollectorEntry[] = [
  { collector: 'Serial', unifiedBanner: /^Using Serial\b/, legacyMarkers: /\[DefNew[:\s]|\[Tenured[:\s]/, about: 'single-threaded, stop-the-world young and full collections' },
  { collector: 'Parallel', unifiedBanner: /^Using Parallel\b/, legacyMarkers: /\[PSYoungGen[:\s]|\[ParOldGen[:\s]|\[PSOldGen[:\s]/, about: 'multi-threaded, stop-the-world young and full collections (throughput collector)' },
  { collector: 'CMS', unifiedBanner: /^Using Concurrent Mark Sweep\b/, legacyMarkers: /CMS-initial-mark|CMS-remark|\[CMS[:\s(]|CMS-concurrent|\[ParNew[:\s(]|ASCMS|\[1 CMS/, about: 'concurrent old-generation marking and sweeping; stop-the-world young collections and a single-threaded full GC on failure' },
  { collector: 'G1', unifiedBanner: /^Using G1\b/, legacyMarkers: /\[GC pause \(|G1 Evacuation Pause|G1 Humongous|\[GC remark\b|\[GC cleanup\b|GC concurrent-|G1Ergonomics|garbage-first heap/, about: 'region-based, mostly stop-the-world evacuation with concurrent marking; aims at a pause-time goal (MaxGCPauseMillis)' },
  { collector: 'ZGC', unifiedBanner: /^Using The Z Garbage Collector\b/, legacyMarkers: /(?!)/, about: 'concurrent compacting collector with sub-millisecond pauses; allocation stalls instead of long pauses when it falls behind' },
  { collector: 'Generational ZGC', unifiedBanner: /^Using The Z Garbage Collector \(generational\)|^Initializing The Z Garbage Collector/, legacyMarkers: /(?!)/, about: 'ZGC with young and old generations (JDK 21+): concurrent minor and major collections' },
  { collector: 'Shenandoah', unifiedBanner: /^Using Shenandoah\b/, legacyMarkers: /(?!)/, about: 'concurrent compacting collector; degenerates to a stop-the-world cycle or a full GC when allocation outruns it' },
];

/** What kind of trigger a cause is: rules group by it. */
export type CauseCategory =
  | 'allocation' // the young generation or a region ran out: the normal trigger
  | 'explicit' // System.gc() / Runtime.gc(), or a tool asking (jmap, jcmd)
  | 'metadata' // metaspace / perm gen reached its GC threshold
  | 'humongous' // G1 allocation of an object of at least half a region
  | 'gc-locker' // JNI critical section delayed a GC
  | 'ergonomics' // the collector's own policy (Parallel's full GC when old would overflow)
  | 'concurrent' // a concurrent cycle's pause (remark, cleanup) or its trigger
  | 'failure' // the collector fell behind (allocation failure in a concurrent collector, last ditch)
  | 'tooling' // heap inspection / dump / diagnostic command
  | 'periodic' // proactive / timer / idle
  | 'other';

export interface CauseEntry {
  /** As HotSpot prints it (GCCause::to_string), without the parentheses. */
  cause: string;
  category: CauseCategory;
  /** One sentence for the user. */
  means: string;
}

export const GC_CAUSES: CauseEntry[] = [
  { cause: 'Allocation Failure', category: 'allocation', means: 'the young generation was full: the ordinary trigger of a young collection (a full GC with this cause means the old generation was full too)' },
  { cause: 'G1 Evacuation Pause', category: 'allocation', means: 'G1 ran out of free young regions: an ordinary young (or mixed) collection' },
  { cause: 'G1 Compaction Pause', category: 'failure', means: 'G1 could not satisfy an allocation and compacted the whole heap in a full GC' },
  { cause: 'G1 Preventive Collection', category: 'allocation', means: 'G1 collected early to keep enough free regions for evacuation (JDK 17+)' },
  { cause: 'G1 Humongous Allocation', category: 'humongous', means: 'an object of at least half a G1 region was allocated directly in old-generation "humongous" regions' },
  { cause: 'G1 Periodic Collection', category: 'periodic', means: 'G1PeriodicGCInterval elapsed with the application idle' },
  { cause: 'System.gc()', category: 'explicit', means: 'the application (or a library: RMI distributed GC, direct-buffer allocation, a monitoring agent) called System.gc()' },
  { cause: 'System', category: 'explicit', means: 'System.gc() as JDK 6 prints it' },
  { cause: 'Java Lang Ref Reference Handler', category: 'explicit', means: 'the reference handler asked for a GC' },
  { cause: 'FullGCAlot', category: 'tooling', means: 'a diagnostic option forcing full GCs' },
  { cause: 'ScavengeAlot', category: 'tooling', means: 'a diagnostic option forcing young GCs' },
  { cause: 'Allocation Profiler', category: 'tooling', means: 'the allocation profiler asked for a GC' },
  { cause: 'JvmtiEnv ForceGarbageCollection', category: 'explicit', means: 'a JVMTI agent (profiler, debugger) forced a GC' },
  { cause: 'GCLocker Initiated GC', category: 'gc-locker', means: 'a GC was held back while threads were in JNI critical sections and ran when the last one left' },
  { cause: 'Heap Inspection Initiated GC', category: 'tooling', means: 'jmap -histo / jcmd GC.class_histogram collected the heap first' },
  { cause: 'Heap Dump Initiated GC', category: 'tooling', means: 'a heap dump (jmap -dump, HeapDumpOnOutOfMemoryError) collected the heap first' },
  { cause: 'WhiteBox Initiated Young GC', category: 'tooling', means: 'a test harness forced a young GC' },
  { cause: 'WhiteBox Initiated Concurrent Mark', category: 'tooling', means: 'a test harness forced a concurrent mark' },
  { cause: 'WhiteBox Initiated Full GC', category: 'tooling', means: 'a test harness forced a full GC' },
  { cause: 'Update Allocation Context Stats', category: 'other', means: 'allocation context statistics update' },
  { cause: 'No GC', category: 'other', means: 'no collection' },
  { cause: 'Tenured Generation Full', category: 'allocation', means: 'the old generation was full' },
  { cause: 'Metadata GC Threshold', category: 'metadata', means: 'class metadata reached the metaspace GC threshold (MetaspaceSize, then raised): many classes loaded, or class loaders leaking' },
  { cause: 'Metadata GC Clear Soft References', category: 'metadata', means: 'metaspace was still full after a threshold GC: a last full GC clearing soft references before a Metaspace OutOfMemoryError' },
  { cause: 'Permanent Generation Full', category: 'metadata', means: 'the JDK 7 permanent generation filled up (class metadata, interned strings)' },
  { cause: 'CMS Generation Full', category: 'failure', means: 'the CMS old generation filled up' },
  { cause: 'CMS Initial Mark', category: 'concurrent', means: 'the first pause of a CMS cycle' },
  { cause: 'CMS Final Remark', category: 'concurrent', means: 'the remark pause of a CMS cycle' },
  { cause: 'CMS Concurrent Mark', category: 'concurrent', means: 'CMS concurrent marking' },
  { cause: 'Old Generation Expanded On Last Scavenge', category: 'ergonomics', means: 'the old generation grew in the previous young collection' },
  { cause: 'Old Generation Too Full To Scavenge', category: 'ergonomics', means: 'a young collection could not be sure to fit its survivors in the old generation' },
  { cause: 'Ergonomics', category: 'ergonomics', means: "the Parallel collector's policy chose a full GC (the old generation would not hold the next promotion)" },
  { cause: 'Last ditch collection', category: 'failure', means: 'a final full GC clearing soft references before throwing a Metaspace OutOfMemoryError' },
  { cause: 'Adaptive Size Policy', category: 'ergonomics', means: 'the adaptive size policy resized the generations' },
  { cause: 'ILLEGAL VALUE - last gc cause - ILLEGAL VALUE', category: 'other', means: 'HotSpot had no cause recorded' },
  { cause: 'unknown GCCause', category: 'other', means: 'HotSpot had no cause recorded' },
  { cause: 'Diagnostic Command', category: 'tooling', means: 'jcmd GC.run (or another diagnostic command) asked for a GC' },
  { cause: 'Timer', category: 'periodic', means: 'a timer-triggered collection (ZGC/Shenandoah)' },
  { cause: 'Warmup', category: 'periodic', means: 'ZGC warm-up collection at 10/20/30 % heap use' },
  { cause: 'Allocation Rate', category: 'allocation', means: 'ZGC predicted the heap would fill before a cycle could finish at the current allocation rate' },
  { cause: 'Allocation Stall', category: 'failure', means: 'ZGC ran out of memory while a cycle was running: threads were stalled until it freed some' },
  { cause: 'Proactive', category: 'periodic', means: 'ZGC collected proactively while the application was quiet' },
  { cause: 'High Usage', category: 'allocation', means: 'ZGC started a cycle because heap use was high' },
  { cause: 'Metaspace', category: 'metadata', means: 'ZGC started a cycle because metaspace reached its threshold' },
  { cause: 'Concurrent GC', category: 'concurrent', means: 'a concurrent collection' },
  { cause: 'Upgrade To Full GC', category: 'failure', means: 'Shenandoah gave up on a degenerated cycle and ran a full GC' },
  { cause: 'Allocation Failure During Evacuation', category: 'failure', means: 'Shenandoah ran out of memory while evacuating' },
  { cause: 'Stop VM', category: 'other', means: 'the JVM was shutting down' },
  { cause: 'Codecache GC Threshold', category: 'other', means: 'the code cache reached its GC threshold (JDK 21+)' },
  { cause: 'Codecache GC Aggressive', category: 'other', means: 'the code cache was nearly full (JDK 21+)' },
  { cause: 'Shenandoah Allocation Failure GC', category: 'failure', means: 'Shenandoah ran out of memory for an allocation' },
  { cause: 'Shenandoah Stop VM', category: 'other', means: 'the JVM was shutting down' },
];

const CAUSE_BY_NAME = new Map(GC_CAUSES.map((c) => [c.cause.toLowerCase(), c]));

export function causeEntry(cause: string): CauseEntry | undefined {
  return CAUSE_BY_NAME.get(cause.toLowerCase());
}

/**
 * The kinds of events a GC log holds. Pauses stop the application; `cycle` is a concurrent
 * collector's whole cycle (ZGC's "Garbage Collection (…)", Generational ZGC's Minor/Major Collection)
 * which carries heap numbers but is not itself a pause.
 */
export const EVENT_KINDS = ['young', 'mixed', 'full', 'remark', 'cleanup', 'initial-mark', 'pause-other', 'degenerated', 'cycle'] as const;
export type EventKindName = (typeof EVENT_KINDS)[number];

export interface EventKindEntry {
  kind: EventKindName;
  pause: boolean;
  /** A collection that leaves only live data (plus floating garbage) in the heap: its "after" is a live-set point. */
  liveSetPoint: boolean;
  label: string;
}

export const EVENT_KIND_INFO: Record<EventKindName, EventKindEntry> = {
  young: { kind: 'young', pause: true, liveSetPoint: false, label: 'Young' },
  mixed: { kind: 'mixed', pause: true, liveSetPoint: true, label: 'Mixed' },
  full: { kind: 'full', pause: true, liveSetPoint: true, label: 'Full' },
  remark: { kind: 'remark', pause: true, liveSetPoint: false, label: 'Remark' },
  cleanup: { kind: 'cleanup', pause: true, liveSetPoint: false, label: 'Cleanup' },
  'initial-mark': { kind: 'initial-mark', pause: true, liveSetPoint: false, label: 'Initial mark' },
  'pause-other': { kind: 'pause-other', pause: true, liveSetPoint: false, label: 'Other pause' },
  degenerated: { kind: 'degenerated', pause: true, liveSetPoint: true, label: 'Degenerated' },
  cycle: { kind: 'cycle', pause: false, liveSetPoint: true, label: 'Concurrent cycle' },
};

/** Numeric codes of EVENT_KINDS for the parser's typed arrays. */
export const KIND_CODE: Record<EventKindName, number> = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<EventKindName, number>;

/** Event flags (bit set per event in the parser's typed arrays). */
export const EVENT_FLAG = {
  toSpaceExhausted: 1, // G1 to-space exhausted / evacuation failure
  promotionFailed: 2, // CMS/Parallel/Serial: survivors did not fit in the old generation
  concurrentModeFailure: 4, // CMS: the old generation filled before the concurrent cycle finished
  concurrentStart: 8, // G1 young pause that starts a concurrent mark (initial-mark)
  gcLocker: 16,
  humongous: 32,
  cut: 64, // the event's text was incomplete (a cut line, or the log ended inside it)
  metaspace: 128, // triggered by metadata
  minor: 256, // Generational ZGC minor (young) collection: a cycle that is no live-set point
  gcTimeLimit: 512, // JDK 8 Parallel: "GC time is exceeding GCTimeLimit" printed with the event
} as const;

/** Pause phases by name, for the pause table (unified names; legacy ones mapped onto them). */
export function pausePhaseKind(name: string): EventKindName {
  const n = name.toLowerCase();
  if (n.startsWith('young')) return 'young';
  if (n.startsWith('mixed')) return 'mixed';
  if (n.startsWith('full')) return 'full';
  if (n.startsWith('remark') || n === 'final mark' || n.startsWith('final mark')) return 'remark';
  if (n.startsWith('cleanup')) return 'cleanup';
  if (n.startsWith('initial mark') || n.startsWith('init mark') || n === 'mark start') return 'initial-mark';
  if (n.startsWith('degenerated')) return 'degenerated';
  return 'pause-other';
}
