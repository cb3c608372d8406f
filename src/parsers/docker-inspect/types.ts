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
  mounts: { source: string; destination: string }[];
  /** Line numbers of the fields above, keyed by field name (e.g. "memoryLimitBytes"). */
  lines: Record<string, number>;
}

export interface DockerInspectReport {
  containers: DockerContainer[];
}
