// Bridge, until `diagnose` and `heap` produce the report document (schemaVersion 2) themselves: the
// v1 diagnosis report and the heap report mapped onto the document, so `--format html` and `serve`
// render real outputs today. Deliberately shallow (string table cells that are sizes become bytes
// columns, the text bars are dropped, tiers guessed from the rule); delete it when the pipeline
// returns a ReportDocument.

import type { DiagnosisReport } from '../model/report.js';
import type { Finding, FindingTable } from '../model/finding.js';
import type { HeapReport } from '../model/heap-report.js';
import { SCHEMA_VERSION, type DocumentFinding, type ReportDocument, type Table, type TableCell, type Tier } from '../model/document.js';
import { parseBytes } from '../util/bytes.js';
import { version } from '../util/version.js';

const CAUSES = new Set(['javacpp-native-cap', 'heap-leak-suspect', 'thread-leak', 'tomcat-classloader-leak', 'heap-leaked-classloaders', 'thread-deadlock']);
const CONSEQUENCES = new Set(['out-of-memory-error', 'container-fit']);

function tierOf(ruleId: string): Tier {
  return CAUSES.has(ruleId) ? 'cause' : CONSEQUENCES.has(ruleId) ? 'consequence' : 'context';
}

const BAR = /^[█▏▎▍▌▋▊▉]*$/;

function tableFromV1(t: FindingTable, title: string | undefined): Table {
  const keep = t.columns.map((_, c) => !t.rows.every((r) => typeof r[c] === 'string' && BAR.test(r[c] as string)));
  const hadBars = keep.includes(false);
  const cols = t.columns.map((label, c) => ({ label, c })).filter((x) => keep[x.c]);
  const columns = cols.map(({ label, c }) => {
    const cells = t.rows.map((r) => r[c]);
    const sizes = cells.every((v) => typeof v === 'string' && v !== '' && parseBytes(v.replace(/\s+/g, '')) !== undefined && /[KMGT]?B$/i.test(v.trim()));
    const counts = cells.every((v) => typeof v === 'number');
    const type = sizes ? ('bytes' as const) : counts ? ('count' as const) : ('text' as const);
    return { label, type, ...(sizes && hadBars ? { bar: true } : {}) };
  });
  const rows: TableCell[][] = t.rows.map((r) => cols.map(({ c }, k) => {
    const v = r[c];
    if (columns[k].type === 'bytes') return parseBytes(String(v).replace(/\s+/g, '')) ?? null;
    return v;
  }));
  return { ...(title ? { title } : {}), columns, rows };
}

export function findingFromV1(f: Finding): DocumentFinding {
  const title = f.ruleId === 'memory-budget' ? 'Memory budget' : undefined;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    tier: tierOf(f.ruleId),
    title: f.title,
    summary: f.summary,
    evidence: f.evidence,
    explanation: f.explanation,
    recommendations: f.recommendations,
    ...(f.facts ? { facts: f.facts } : {}),
    ...(f.table ? { tables: [tableFromV1(f.table, title)] } : {}),
  };
}

export function documentFromDiagnosis(report: DiagnosisReport, heaps: { file: string; report: HeapReport }[] = []): ReportDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: report.tool,
    command: 'diagnose',
    generatedAt: report.generatedAt,
    inputs: report.inputs.map((i) => ({ ...i })),
    unused: report.unused.map((u) => ({ ...u, code: /no such file/.test(u.reason) ? 'not-found' : /empty/.test(u.reason) ? 'empty' : /binary/.test(u.reason) ? 'binary' : 'other' })),
    findings: report.findings.map(findingFromV1),
    summary: report.summary,
    sections: heaps.length ? { heaps: heaps.map((h) => heapSection(h.report, h.file)) } : {},
  };
}

function heapSection(r: HeapReport, file: string) {
  const { schemaVersion: _v, ...rest } = r;
  return { ...rest, file };
}

export function documentFromHeap(report: HeapReport, findings: Finding[]): ReportDocument {
  const docFindings = findings.map(findingFromV1);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'jvmdoctor', version: version() },
    command: 'heap',
    generatedAt: new Date().toISOString(),
    inputs: [{ file: report.summary.file, kind: 'hprof', bytes: report.summary.fileBytes, notes: report.summary.warnings }],
    unused: [],
    findings: docFindings,
    summary: {
      critical: docFindings.filter((f) => f.severity === 'critical').length,
      warning: docFindings.filter((f) => f.severity === 'warning').length,
      info: docFindings.filter((f) => f.severity === 'info').length,
    },
    sections: { heaps: [heapSection(report, report.summary.file)] },
  };
}
