// Case + findings → the canonical JSON report (src/report/schema.ts).

import type { Case } from '../evidence/case.js';
import type { Finding } from './finding.js';
import type { DiagnosisReport, InputSummary } from '../report/schema.js';
import { SCHEMA_VERSION } from '../report/schema.js';
import { version } from '../cli/version.js';

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
