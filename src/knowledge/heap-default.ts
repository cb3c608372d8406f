// The maximum heap a JVM picks when no -Xmx / -XX:MaxHeapSize is given. Reference: HotSpot
// src/hotspot/share/runtime/arguments.cpp, Arguments::set_heap_size (JDK 10–21; the same arithmetic
// with fractions in 8): physical memory = -XX:MaxRAM if set, else min(memory, MaxRAM default 128 GB),
// where "memory" is the container's limit when container support is on (JDK 10+, backported to 8u191,
// -XX:-UseContainerSupport turns it off) and the host's RAM otherwise; then
//   max heap = memory × MaxRAMPercentage (25) %, but memory × MinRAMPercentage (50) % when that is below
//   the built-in MaxHeapSize default (96 MB scaled for 64-bit words = 124.8 MB), and never below it.
// MaxRAMFraction=n (deprecated) means MaxRAMPercentage = 100 / n. Checked on JDK 17:
// -XX:MaxRAM=200m → 100 MB, 1g → 256 MB, 16g → 4 GB (the JVM then aligns up to its heap alignment).

import type { ResolvedJvmFlags } from './flags.js';
import { GB } from '../util/bytes.js';

/** MaxHeapSize's built-in default on a 64-bit VM: ScaleForWordSize(96 MB) = 96 MB × 13 / 10. */
export const BUILTIN_MAX_HEAP_BYTES = Math.floor((96 * 1024 * 1024 * 13) / 10 / 8) * 8;
/** MaxRAM's default on 64-bit server VMs. */
export const DEFAULT_MAX_RAM_BYTES = 128 * GB;

export interface DefaultHeap {
  bytes: number;
  /** The memory the percentage was applied to, and where it came from. */
  memoryBytes: number;
  memorySource: 'container limit' | 'host RAM' | '-XX:MaxRAM';
  percent: number;
  /** Whether this JVM reads the container's limit (JDK 10+, 8u191+, unless -XX:-UseContainerSupport). */
  containerAware: boolean;
  /** One line for a budget table: "25 % of the 2 GB container limit (MaxRAMPercentage default; no -Xmx)". */
  basis: string;
}

/** Whether a JVM of this version sizes itself from the cgroup limit; undefined when the version is unknown. */
export function containerAware(feature: number | undefined, update: number | undefined, flags: ResolvedJvmFlags): boolean | undefined {
  if (flags.booleans.UseContainerSupport?.value === false) return false;
  if (feature === undefined) return undefined;
  if (feature >= 10) return true;
  if (feature === 8) return update !== undefined ? update >= 191 : undefined;
  return false;
}

export function defaultMaxHeap(input: {
  flags: ResolvedJvmFlags;
  javaFeature?: number;
  javaUpdate?: number;
  containerLimitBytes?: number;
  hostRamBytes?: number;
}): DefaultHeap | undefined {
  const { flags } = input;
  if (flags.maxHeapBytes) return undefined;
  const aware = containerAware(input.javaFeature, input.javaUpdate, flags);
  // Unknown version: assume a current JDK (container-aware), and say so in the basis.
  const usesLimit = (aware ?? true) && input.containerLimitBytes !== undefined;
  let memoryBytes: number;
  let memorySource: DefaultHeap['memorySource'];
  if (flags.maxRamBytes) {
    memoryBytes = flags.maxRamBytes.value;
    memorySource = '-XX:MaxRAM';
  } else if (usesLimit) {
    memoryBytes = Math.min(input.containerLimitBytes!, DEFAULT_MAX_RAM_BYTES);
    memorySource = 'container limit';
  } else if (input.hostRamBytes !== undefined) {
    memoryBytes = Math.min(input.hostRamBytes, DEFAULT_MAX_RAM_BYTES);
    memorySource = 'host RAM';
  } else return undefined;

  const percent = flags.maxRamPercentage?.value ?? (flags.maxRamFraction ? 100 / flags.maxRamFraction.value : 25);
  const minPercent = flags.minRamPercentage?.value ?? 50;
  const reasonableMax = (memoryBytes * percent) / 100;
  const reasonableMin = (memoryBytes * minPercent) / 100;
  const bytes = Math.floor(reasonableMin < BUILTIN_MAX_HEAP_BYTES ? reasonableMin : Math.max(reasonableMax, BUILTIN_MAX_HEAP_BYTES));
  const pctText = reasonableMin < BUILTIN_MAX_HEAP_BYTES ? `${minPercent} % (MinRAMPercentage: small memory)` : `${Math.round(percent * 100) / 100} %${flags.maxRamPercentage ? ' (-XX:MaxRAMPercentage)' : flags.maxRamFraction ? ' (-XX:MaxRAMFraction)' : ' (MaxRAMPercentage default)'}`;
  const versionNote = aware === undefined ? '; JDK version unknown, assumed container-aware' : aware || memorySource !== 'host RAM' || input.containerLimitBytes === undefined ? '' : '; this JDK ignores the container limit';
  return {
    bytes,
    memoryBytes,
    memorySource,
    percent,
    containerAware: aware ?? true,
    basis: `JDK default, no -Xmx: ${pctText} of ${memorySource}${versionNote}`,
  };
}
