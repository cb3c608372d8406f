// Case + findings → the canonical JSON report (src/report/schema.ts).

import type { Case } from '../evidence/case.js';
import type { Finding } from './finding.js';
import type { DiagnosisReport } from '../report/schema.js';
import { SCHEMA_VERSION } from '../report/schema.js';
import type { HeapDumpInput } from '../evidence/ingest.js';
import { version } from '../cli/version.js';

export function buildReport(c: Case, findings: Finding[], heapDumps: HeapDumpInput[] = [], unusedDumps = true): DiagnosisReport {
  const unused = [...c.unused];
  if (unusedDumps) {
    for (const d of heapDumps) {
      unused.push({ file: d.file, kind: 'hprof', reason: 'heap dump: not analysed by diagnose yet; run `jvmdoctor heap <dump>`' });
    }
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'jvmdoctor', version: version() },
    generatedAt: new Date().toISOString(),
    inputs: c.items.map((i) => ({
      file: i.file,
      kind: i.kind,
      bytes: i.bytes,
      lines: i.lines,
      encoding: i.encoding,
      ...(i.section ? { section: i.section } : {}),
      notes: i.notes,
    })),
    unused,
    findings,
    summary: {
      critical: findings.filter((f) => f.severity === 'critical').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
  };
}
