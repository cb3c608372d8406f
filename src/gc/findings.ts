// What the gc-* rules share: every GC log of a Case with its analysed runs, and evidence that cites
// the log's own lines (the parser kept their text).

import type { Case, EvidenceItem } from '../evidence/case.js';
import type { EvidenceRef } from '../model/finding.js';
import { formatBytes } from '../util/bytes.js';
import type { GcRunAnalysis } from './analyze.js';
import { analysisOf } from './section.js';

export interface GcLogRun {
  item: EvidenceItem<'gc-log'>;
  a: GcRunAnalysis;
  /** " (run 2 of 3)" when the file holds several JVM runs, else "". */
  runLabel: string;
}

/** Every run of every GC log in the Case, with its analysis. */
export function gcRuns(c: Case): GcLogRun[] {
  const out: GcLogRun[] = [];
  for (const item of c.of('gc-log')) {
    const runs = analysisOf(item.data);
    runs.forEach((a, i) => out.push({ item, a, runLabel: runs.length > 1 ? ` (run ${i + 1} of ${runs.length})` : '' }));
  }
  return out;
}

/** A GC log line as evidence, with its text when the parser kept it. */
export function cite(item: EvidenceItem<'gc-log'>, line: number, what?: string): EvidenceRef {
  const text = item.data.excerpts[line];
  return { file: item.file, line, excerpt: text ?? what ?? `GC log line ${line}` };
}

export function cites(item: EvidenceItem<'gc-log'>, lines: number[], max = 3): EvidenceRef[] {
  return [...new Set(lines.filter((l) => l > 0))].slice(0, max).map((l) => cite(item, l));
}

export function ms(v: number): string {
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 10) return `${Math.round(v)} ms`;
  return `${v.toFixed(v >= 1 ? 1 : 3).replace(/\.?0+$/, '') || '0'} ms`;
}

export function duration(hours: number): string {
  if (hours < 1 / 60) return `${Math.max(1, Math.round(hours * 3600))} s`;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${Math.round(hours / 24)} days`;
}

export { formatBytes };

/** The heap flag to suggest for a live set: 1.5–2× it, rounded up to a power-friendly size in MB. */
export function suggestHeap(liveBytes: number): string {
  const mb = Math.ceil((liveBytes * 2) / (1024 * 1024) / 64) * 64;
  return mb >= 4096 && mb % 1024 === 0 ? `${mb / 1024}g` : `${mb}m`;
}
