import type { Sourced } from '../parser.js';

/** /proc/meminfo. Sizes in bytes (the file's "kB" is KiB). */
export interface MeminfoReport {
  totalBytes?: Sourced<number>;
  freeBytes?: Sourced<number>;
  /** MemAvailable (Linux 3.14+): what can be handed out without swapping. */
  availableBytes?: Sourced<number>;
  swapTotalBytes?: Sourced<number>;
  swapFreeBytes?: Sourced<number>;
  /** Committed_AS: memory promised to every process (what overcommit accounting sees). */
  committedAsBytes?: Sourced<number>;
  commitLimitBytes?: Sourced<number>;
  /** Every "Key: n kB" line in bytes (HugePages_* counts as plain numbers), by key. */
  fields: Record<string, Sourced<number>>;
}
