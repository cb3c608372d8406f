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
  /** Every "Key: value" line, raw, for rules that need something else. */
  fields: Record<string, Sourced<string>>;
}
