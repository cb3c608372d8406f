import type { Sourced } from '../parser.js';

/** One container of a Kubernetes workload, with what matters for the JVM's memory. */
export interface KubernetesContainer {
  /** The object it belongs to ("Deployment/shop", "Pod/shop-7d9c…"). */
  workload: string;
  name?: string;
  image?: string;
  /** resources.limits.memory in bytes (the cgroup limit the kernel enforces: exceeding it is an OOM kill). */
  memoryLimitBytes?: Sourced<number>;
  memoryRequestBytes?: Sourced<number>;
  /** resources.limits.cpu in cores (500m = 0.5): what the JVM sees as its CPU count (rounded up). */
  cpuLimit?: Sourced<number>;
  /** env entries with a literal value (valueFrom references are listed without one). */
  env: { name: string; value?: string; line: number; text: string }[];
  /** Pod status (kubectl get pod -o yaml): restarts and why the last run ended ("OOMKilled", exit 137). */
  restartCount?: Sourced<number>;
  lastTerminationReason?: Sourced<string>;
  lastExitCode?: Sourced<number>;
  /** Values that Kubernetes reads differently from what was meant ("512m" memory is 0.512 bytes). */
  problems: Sourced<string>[];
}

/** Kubernetes manifests (Pod, Deployment, StatefulSet, …) or `kubectl get … -o yaml`, reduced to containers. */
export interface KubernetesReport {
  objects: { kind: string; name?: string; line: number }[];
  containers: KubernetesContainer[];
}
