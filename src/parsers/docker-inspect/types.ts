/** The memory-relevant parts of one container from `docker inspect`. Line numbers refer to the JSON. */
export interface DockerContainer {
  id: string;
  name?: string;
  image?: string;
  /** Host PID of the container's main process (State.Pid). */
  pid?: number;
  status?: string;
  oomKilled?: boolean;
  exitCode?: number;
  /** HostConfig.Memory in bytes; 0/absent = no limit. */
  memoryLimitBytes?: number;
  memoryReservationBytes?: number;
  memorySwapBytes?: number;
  nanoCpus?: number;
  env: string[];
  mounts: { source: string; destination: string; type?: string }[];
  /** Line numbers of the fields above, keyed by field name (e.g. "memoryLimitBytes"). */
  lines: Record<string, number>;
  /** HostConfig.CpuQuota / CpuPeriod (µs): the older way to cap CPUs (quota / period = CPUs). */
  cpuQuota?: number;
  cpuPeriod?: number;
  /** RestartCount: how often Docker restarted it (an OOM-killed container with a restart policy comes back). */
  restartCount?: number;
  startedAt?: string;
  finishedAt?: string;
  /** HostConfig.OomKillDisable. */
  oomKillDisable?: boolean;
}

export interface DockerInspectReport {
  containers: DockerContainer[];
  /**
   * What was wrong with the text when it was not one complete `docker inspect` JSON document (bad or
   * truncated JSON, a grep excerpt); containers then hold only what could be read line by line.
   */
  problem?: string;
}
