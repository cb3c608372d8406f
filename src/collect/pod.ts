// --pod NAME [-n NS] [-c CONTAINER] through kubectl (filled in below).
import type { Collection } from './engine.js';

export interface PodOptions {
  pod: string;
  namespace?: string;
  container?: string;
  kubectl: string;
  logBytes: number;
  since?: string;
  samples: number;
  intervalMs: number;
}

export async function gatherPod(c: Collection, o: PodOptions): Promise<void> {
  c.notGathered.push({ what: 'pod', why: `not implemented yet (${o.pod})` });
}
