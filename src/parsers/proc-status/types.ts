import type { Sourced } from '../parser.js';

/** /proc/PID/status. Sizes in bytes (the file says kB = KiB). A partial file (a grep) is fine. */
export interface ProcStatusReport {
  name?: Sourced<string>;
  pid?: Sourced<number>;
  threads?: Sourced<number>;
  vmRssBytes?: Sourced<number>;
  vmHwmBytes?: Sourced<number>;
  vmSizeBytes?: Sourced<number>;
  vmPeakBytes?: Sourced<number>;
  vmSwapBytes?: Sourced<number>;
  rssAnonBytes?: Sourced<number>;
  rssFileBytes?: Sourced<number>;
  rssShmemBytes?: Sourced<number>;
  /** VmData: private data + heap + anonymous mappings (the JVM's Java heap reservation counts here). */
  vmDataBytes?: Sourced<number>;
  /** State letter and word ("S (sleeping)" → "S"). */
  state?: Sourced<string>;
  ppid?: Sourced<number>;
  /** What was wrong when no status field could be read. */
  problem?: string;
  /** Every "Key: value" line, raw, for rules that need something else. */
  fields: Record<string, Sourced<string>>;
}
