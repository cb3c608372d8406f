// JavaCPP's native-memory limits (org.bytedeco.javacpp.Pointer). Reference: bytedeco/javacpp
// src/main/java/org/bytedeco/javacpp/Pointer.java, the static initialiser and deallocator():
// - maxBytes defaults to Runtime.maxMemory(); it caps memory JavaCPP itself allocated (totalBytes).
// - maxPhysicalBytes caps physicalBytes(), the WHOLE process's resident set (heap, metaspace, thread
//   stacks, code cache, every native allocation). Default 2 × Runtime.maxMemory() in 1.2.4 … 1.5.5, and
//   maxBytes + 3 × Runtime.maxMemory() (so 4 × maxMemory by default) from 1.5.6.
// - Before refusing, it calls System.gc() and sleeps 100 ms up to maxRetries (10) times, hoping that
//   collected Pointers free native memory; then it throws OutOfMemoryError, which the XPointer
//   constructor rewraps as "Cannot allocate new XPointer(n): totalBytes = …, physicalBytes = …".
// - Properties: org.bytedeco.javacpp.maxPhysicalBytes / maxBytes (older releases read the lower-case
//   maxphysicalbytes / maxbytes); values like "8g"; 0 disables the check.

export const JAVACPP_PROPERTY = {
  maxPhysicalBytes: 'org.bytedeco.javacpp.maxPhysicalBytes',
  maxBytes: 'org.bytedeco.javacpp.maxBytes',
} as const;

export interface CapFormula {
  name: string;
  versions: string;
  /** maxPhysicalBytes for a given Runtime.maxMemory() (and maxBytes, which defaults to it). */
  cap(maxMemory: number, maxBytes?: number): number;
}

export const CAP_FORMULAS: CapFormula[] = [
  { name: '2 × maxMemory', versions: 'JavaCPP 1.2.4–1.5.5', cap: (m) => 2 * m },
  { name: 'maxBytes + 3 × maxMemory', versions: 'JavaCPP 1.5.6 and later', cap: (m, b = m) => b + 3 * m },
];

/**
 * Runtime.maxMemory() for a given -Xmx: HotSpot reports the heap's maximum capacity minus what can never
 * hold objects at once — for Parallel/Serial GC one survivor space. Without jstat's survivor size we
 * assume SurvivorRatio=8 with NewRatio=2 (survivor = Xmx / 30), which is what a default JVM does.
 */
export function estimateMaxMemory(xmx: number, survivorBytes?: number): number {
  return xmx - (survivorBytes ?? xmx / 30);
}

/** Which default formula explains an observed cap for a given maxMemory best (within 6 %), if any. */
export function matchFormula(observedCap: number, maxMemory: number): CapFormula | undefined {
  let best: CapFormula | undefined;
  let bestErr = 0.06;
  for (const f of CAP_FORMULAS) {
    const err = Math.abs(f.cap(maxMemory) - observedCap) / observedCap;
    if (err < bestErr) {
      best = f;
      bestErr = err;
    }
  }
  return best;
}
