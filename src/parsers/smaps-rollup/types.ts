import type { Sourced } from '../parser.js';

/** /proc/PID/smaps_rollup: the process's mappings summed. Sizes in bytes. */
export interface SmapsRollupReport {
  /** From a pasted command or a grep prefix ("/proc/4242/smaps_rollup"). */
  pid?: number;
  rssBytes?: Sourced<number>;
  pssBytes?: Sourced<number>;
  /** Anonymous: private memory not backed by a file — heap, metaspace, stacks, malloc arenas. */
  anonymousBytes?: Sourced<number>;
  /** Rss − Anonymous, roughly: mapped files (the JDK's libjvm.so, the CDS archive, jars). */
  privateDirtyBytes?: Sourced<number>;
  swapBytes?: Sourced<number>;
  /** Every "Key: n kB" line in bytes. */
  fields: Record<string, Sourced<number>>;
}
