import type { Sourced } from '../parser.js';

/** One NMT category line ("-   Java Heap (reserved=…, committed=…)") with the details printed under it. Bytes. */
export interface NmtCategory {
  /** As NMT names it: "Java Heap", "Class", "Thread", "Code", "GC", "Internal", "Other", "Metaspace", … */
  name: string;
  reservedBytes: number;
  committedBytes: number;
  /** `summary.diff` only: the change since the baseline (negative when it shrank). */
  reservedDeltaBytes?: number;
  committedDeltaBytes?: number;
  /** "(malloc=…)" under the category. */
  mallocBytes?: number;
  /** "(mmap: reserved=…, committed=…)" under the category. */
  mmapCommittedBytes?: number;
  /** "(classes #N)" under Class, "(thread #N)" under Thread. */
  count?: number;
  /** The line was cut after its reserved part (a paste): committedBytes is unknown and left at 0. */
  cut?: boolean;
  line: number;
  text: string;
}

/** `jcmd <pid> VM.native_memory summary` (or `summary.diff`), any scale, JDK 8–21. */
export interface NativeMemoryReport {
  /** The PID jcmd prints on the first line. */
  pid?: number;
  /** true for `summary.diff` (numbers followed by +/- deltas against a baseline). */
  diff: boolean;
  /** The scale the numbers were printed in (scale=KB by default). Rounding to it makes small categories 0. */
  scale: 'B' | 'KB' | 'MB' | 'GB';
  total?: Sourced<{ reservedBytes: number; committedBytes: number; reservedDeltaBytes?: number; committedDeltaBytes?: number; mallocBytes?: number; mmapCommittedBytes?: number }>;
  categories: NmtCategory[];
  /** Classes loaded ("classes #N" under Class) and threads ("thread #N" under Thread). */
  classes?: number;
  threads?: number;
  /** What was wrong when nothing could be read ("Native memory tracking is not enabled", …). */
  problem?: string;
}
