import type { Sourced } from '../parser.js';

/**
 * The memory controller files of one cgroup (v1 or v2), as many as were given: one file, a folder copy,
 * `grep . memory.*` or `head memory.*` output. Bytes; null = unlimited ("max", or v1's page-counter maximum).
 */
export interface CgroupReport {
  /** 2 for the unified hierarchy (memory.max, memory.current…), 1 for memory.limit_in_bytes & co. */
  version?: 1 | 2;
  /** memory.max (v2) / memory.limit_in_bytes (v1); else v1 memory.stat's hierarchical_memory_limit. */
  limitBytes?: Sourced<number | null>;
  /** memory.high (v2): the throttling threshold below the hard limit. */
  highBytes?: Sourced<number | null>;
  /** memory.swap.max (v2) / memory.memsw.limit_in_bytes (v1, memory + swap). */
  swapLimitBytes?: Sourced<number | null>;
  /** memory.current (v2) / memory.usage_in_bytes (v1): what the cgroup is charged now, page cache included. */
  usageBytes?: Sourced<number>;
  /** memory.peak (v2, Linux 5.19+) / memory.max_usage_in_bytes (v1). */
  peakBytes?: Sourced<number>;
  /** v1 memory.failcnt: how often usage hit the limit. */
  failcnt?: Sourced<number>;
  /** memory.stat, by key (bytes for sizes, counts for events such as pgfault). */
  stat: Record<string, Sourced<number>>;
  /** memory.events (v2: low, high, max, oom, oom_kill, oom_group_kill) and v1 memory.oom_control (oom_kill_disable, under_oom, oom_kill). */
  events: Record<string, Sourced<number>>;
  /** The cgroup files recognised, by base name, in order of appearance. */
  files: string[];
}
