import type { Sourced } from '../parser.js';

/** One process (or, in `top -H`, one thread) row. Memory in bytes, percentages as numbers. */
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
  /** "KiB Mem :" / "MiB Mem :" line, converted to bytes. */
  mem?: Sourced<{ total: number; free: number; used: number; buffCache: number }>;
  /** "KiB Swap:" line, in bytes; availMem is the "avail Mem" figure at its end. */
  swap?: Sourced<{ total: number; free: number; used: number; availMem?: number }>;
  rows: TopRow[];
}
