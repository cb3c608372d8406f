// Case + findings → the canonical JSON report (src/model/report.ts).

import type { Case, EvidenceItem } from '../evidence/case.js';
import type { Finding } from '../model/finding.js';
import type { DiagnosisReport, InputSummary } from '../model/report.js';
import { SCHEMA_VERSION } from '../model/report.js';
import { version } from '../util/version.js';

export function buildReport(c: Case, findings: Finding[]): DiagnosisReport {
  const unused = [...c.unused];
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'jvmdoctor', version: version() },
    generatedAt: new Date().toISOString(),
    inputs: c.items.map((i): InputSummary => ({
      file: i.file,
      kind: i.kind,
      bytes: i.bytes,
      lines: i.lines,
      encoding: i.encoding,
      ...(i.section ? { section: i.section } : {}),
      notes: i.notes,
      ...logZone(i),
    })).concat(c.heaps.map((h): InputSummary => ({ file: h.file, kind: 'hprof', bytes: h.report.summary.fileBytes, notes: h.report.summary.warnings }))),
    unused,
    findings,
    summary: {
      critical: findings.filter((f) => f.severity === 'critical').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
  };
}

/** A log's zone for its input summary: kind and inferred offset only (the evidence line is in the log-timeline finding). */
function logZone(i: EvidenceItem): Pick<InputSummary, 'zone'> {
  if (i.kind !== 'log') return {};
  const z = (i as EvidenceItem<'log'>).data.zone;
  if (!z) return {};
  return { zone: z.utcOffsetMinutes === undefined ? { kind: z.kind } : { kind: z.kind, utcOffsetMinutes: z.utcOffsetMinutes } };
}
