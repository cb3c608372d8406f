// manifest.json of a bundle (a public contract, versioned): what was gathered, how, when, how long each
// step took, its exit status, and what could not be gathered and why. Redactions are listed by name.

import type { Redaction } from './redact.js';

export type StepStatus = 'ok' | 'partial' | 'failed' | 'skipped' | 'timeout';

export interface StepRecord {
  /** Stable step id, e.g. "proc.status", "hsperfdata", "jcmd VM.flags", "docker logs". */
  step: string;
  status: StepStatus;
  /** Bundle members this step wrote. */
  files: string[];
  /** The outside command run, when there was one (secrets redacted). */
  command?: string;
  exitCode?: number | null;
  startedAt: string;
  durationMs: number;
  bytes?: number;
  /** True when the output was cut at the step's byte cap. */
  truncated?: boolean;
  /** Why it failed or was skipped; what was done instead. */
  reason?: string;
  note?: string;
}

export interface CollectTargetInfo {
  /** 'hsperfdata-file': a raw hsperfdata file given with --hsperfdata (copied from a dead container). */
  kind: 'pid' | 'container' | 'pod' | 'hsperfdata-file';
  file?: string;
  pid?: number;
  nspid?: number;
  uid?: number;
  gid?: number;
  namespaced?: boolean;
  jvm?: string;
  container?: { id?: string; name?: string; runtime: string; running?: boolean; oomKilled?: boolean };
  pod?: { name: string; namespace?: string; container?: string };
}

export interface Manifest {
  tool: 'jvmdoctor collect';
  schemaVersion: 1;
  version: string;
  host: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  target: CollectTargetInfo;
  /** Opt-ins the user gave (--histogram, --heap-dump …). */
  options: Record<string, unknown>;
  steps: StepRecord[];
  notGathered: { what: string; why: string }[];
  redactions: Redaction[];
  notes: string[];
}

import type { CollectSection } from '../model/document.js';

/** The report document's collect section (src/model/document.ts) from a bundle's manifest. */
export function collectSection(m: Manifest, bundle: string): CollectSection {
  const t = m.target;
  const target = t.kind === 'pod' ? `pod ${t.pod?.namespace ? t.pod.namespace + '/' : ''}${t.pod?.name}${t.pod?.container ? ' -c ' + t.pod.container : ''}`
    : t.kind === 'container' ? `container ${t.container?.name ?? t.container?.id}${t.pid ? ` (JVM PID ${t.pid})` : ''}`
    : t.kind === 'hsperfdata-file' ? `hsperfdata file ${t.file}`
    : `PID ${t.pid}${t.namespaced ? ` (PID ${t.nspid} in its namespace)` : ''}`;
  return {
    bundle,
    target,
    steps: m.steps.map((s) => ({
      name: s.step,
      status: s.status === 'ok' || s.status === 'partial' ? 'ok' : s.status === 'skipped' ? 'skipped' : 'failed',
      ms: s.durationMs,
      ...(s.bytes !== undefined ? { bytes: s.bytes } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
    })),
    redactions: [...new Set(m.redactions.map((r) => r.name))],
  };
}
