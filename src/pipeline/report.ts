// Case + ranked findings → the report document (schemaVersion 2, src/model/document.ts), the one
// document every command makes and every renderer maps.

import type { Case, EvidenceItem } from '../evidence/case.js';
import type { DocumentCommand, DocumentInput, Finding, HeapSection, ReportDocument } from '../model/document.js';
import { SCHEMA_VERSION } from '../model/document.js';
import type { HeapReport } from '../model/heap-report.js';
import { version } from '../util/version.js';
import { gcSectionOf } from '../gc/section.js';

export function buildDocument(command: DocumentCommand, c: Case, findings: Finding[]): ReportDocument {
  const heaps = c.heaps.map((h) => heapSection(h.file, h.report));
  // Every GC log read becomes a gc section (issue 12's contract), for diagnose as for gc.
  const gc = c.of('gc-log').map((i) => gcSectionOf(i.file, i.data));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'jvmdoctor', version: version() },
    command,
    generatedAt: new Date().toISOString(),
    inputs: c.items.map((i): DocumentInput => ({
      file: i.file,
      kind: i.kind,
      bytes: i.bytes,
      lines: i.lines,
      encoding: i.encoding,
      ...(i.section ? { section: i.section } : {}),
      notes: i.notes,
      ...(i.problems?.length ? { problems: i.problems } : {}),
      ...logZone(i),
    })).concat(c.heaps.map((h): DocumentInput => ({
      file: h.file,
      kind: 'hprof',
      bytes: h.report.summary.fileBytes,
      notes: h.report.summary.warnings,
      ...(h.report.summary.warnings.length ? { problems: h.report.summary.warnings.map((text) => ({ level: 'problem' as const, text })) } : {}),
    }))),
    unused: [...c.unused],
    findings,
    summary: {
      critical: findings.filter((f) => f.severity === 'critical').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
    sections: { ...(heaps.length ? { heaps } : {}), ...(gc.length ? { gc } : {}) },
  };
}

/** A heap analysis as a document section: the HeapReport without its own schemaVersion, and its file. */
export function heapSection(file: string, report: HeapReport): HeapSection {
  const { schemaVersion: _v, ...rest } = report;
  return { file, ...rest };
}

/** A log's zone for its input summary: kind and inferred offset only (the evidence line is in the log-timeline finding). */
function logZone(i: EvidenceItem): Pick<DocumentInput, 'zone'> {
  if (i.kind !== 'log') return {};
  const z = (i as EvidenceItem<'log'>).data.zone;
  if (!z) return {};
  return { zone: z.utcOffsetMinutes === undefined ? { kind: z.kind } : { kind: z.kind, utcOffsetMinutes: z.utcOffsetMinutes } };
}
