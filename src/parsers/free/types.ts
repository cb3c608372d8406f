import type { Sourced } from '../parser.js';

/** One row of `free` (Mem: or Swap:), every amount in bytes. */
export interface FreeRow {
  total: number;
  used: number;
  free: number;
  shared?: number;
  /** new procps: buff/cache; old procps: buffers + cached. */
  buffCache?: number;
  buffers?: number;
  cached?: number;
  /** new procps only (3.3.10+). */
  available?: number;
}

export interface FreeReport {
  /** How amounts were printed: -b, -k (default), -m, -g or -h (human, rounded). */
  unit: 'b' | 'k' | 'm' | 'g' | 'h';
  mem?: Sourced<FreeRow>;
  swap?: Sourced<FreeRow>;
  /** Old procps `-/+ buffers/cache:` line: used and free without the page cache, in bytes. */
  buffersCache?: Sourced<{ used: number; free: number }>;
  /** `free -t`: the Total: row (Mem + Swap), in bytes. */
  total?: Sourced<FreeRow>;
  /**
   * true when `unit` was inferred from the size of the Mem total (no -h suffixes, no `free -m` command
   * line or file name to go by): plain numbers could be bytes, KiB, MiB or GiB.
   */
  unitGuessed?: boolean;
  /** `free -s N` / `-c N` prints several blocks: how many were seen (the report keeps the last). */
  samples?: number;
  /** What was wrong when no Mem: row could be read. */
  problem?: string;
}
