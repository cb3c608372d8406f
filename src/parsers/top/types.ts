import type { Sourced } from '../parser.js';

/** One process (or, in `top -H`, one thread) row. Memory in bytes, percentages as numbers; NaN for a column the screen did not show. */
export interface TopRow {
  pid: number;
  user: string;
  virtBytes: number;
  resBytes: number;
  shrBytes: number;
  state: string;
  cpuPercent: number;
  memPercent: number;
  time: string;
  command: string;
  line: number;
  text: string;
}

export interface TopReport {
  /** 'threads' when the summary says "Threads:" (top -H), else 'processes'. */
  mode: 'processes' | 'threads';
  header?: Sourced<{ time: string; uptime: string; loadAverage: number[] }>;
  tasks?: Sourced<{ total: number; running: number; sleeping: number; stopped: number; zombie: number }>;
  /**
   * "KiB Mem :" / "MiB Mem :" line, converted to bytes. Old top (procps 3.2, procps-ng ≤ 3.3.9) prints
   * buffers here and the page cache ("cached") on the Swap line: then buffCache = buffers + cached.
   */
  mem?: Sourced<{ total: number; free: number; used: number; buffCache: number; buffers?: number; cached?: number }>;
  /** "KiB Swap:" line, in bytes; availMem is the "avail Mem" figure at its end. */
  swap?: Sourced<{ total: number; free: number; used: number; availMem?: number }>;
  rows: TopRow[];
  /** The "%Cpu(s):" line: percentages of CPU time (us, sy, ni, id, wa, hi, si, st). */
  cpu?: Sourced<Record<string, number>>;
  /** `top -b -n N` prints N screens: how many were seen (the report keeps the last, whose %CPU is meaningful). */
  iterations?: number;
  /** What was wrong when no summary or rows could be read. */
  problem?: string;
}
