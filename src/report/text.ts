// The human report: what a tired engineer reads first. Findings ranked, each with its evidence
// (file:line and the line itself), why it matters, and what to change.

import type { ReportDocument } from '../model/document.js';
import type { Severity } from '../model/finding.js';
import { plain, type Style } from './style.js';
import { renderTable } from './table.js';
import { renderHeapSectionText } from './heap-section.js';
import { renderHeapDiffText } from './heap-diff-section.js';
import { renderGcSectionText } from './gc-section.js';
import { formatBytes } from '../util/bytes.js';

const LABEL: Record<Severity, string> = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' };
const MAX_EVIDENCE = 6;

export function renderText(report: ReportDocument, style: Style = plain): string {
  // `heap` is its heap section (findings about it are drawn from the same suspects, so they would repeat it).
  if (report.command === 'heap') {
    const parts = (report.sections.heaps ?? []).map((h) => renderHeapSectionText(h));
    if (report.sections.heapDiff) parts.push(renderHeapDiffText(report.sections.heapDiff) + findingTitles(report));
    return parts.join('\n');
  }
  const out: string[] = [];
  const sev = (s: Severity) => (s === 'critical' ? style.red : s === 'warning' ? style.yellow : style.cyan)(style.bold(LABEL[s]));
  const { critical, warning, info } = report.summary;
  out.push(style.bold(`jvmdoctor ${report.command === 'gc' ? 'GC analysis' : 'diagnosis'} — ${report.findings.length} finding(s): ${critical} critical, ${warning} warning, ${info} info`));
  out.push(style.dim(`read ${report.inputs.length} file(s)${report.unused.length ? `, ${report.unused.length} not used` : ''}`));
  out.push('');
  // `gc` leads with what was measured; diagnose keeps the findings first and the GC numbers in json/md/html.
  if (report.command === 'gc') for (const g of report.sections.gc ?? []) out.push(renderGcSectionText(g));

  report.findings.forEach((f, i) => {
    out.push(`${i + 1}. ${sev(f.severity)} ${style.bold(f.title)} ${style.dim(`[${f.ruleId}]`)}`);
    out.push(indent(f.summary, '   '));
    for (const t of f.tables ?? []) {
      out.push('');
      out.push(...renderTable(t, '   '));
    }
    if (f.evidence.length) {
      out.push('');
      out.push('   ' + style.bold('Evidence'));
      for (const e of f.evidence.slice(0, MAX_EVIDENCE)) {
        out.push(`   ${style.dim(e.line ? `${e.file}:${e.line}` : e.file)}`);
        out.push(`     ${clip(e.excerpt, 160)}`);
      }
      if (f.evidence.length > MAX_EVIDENCE) out.push(style.dim(`   … and ${f.evidence.length - MAX_EVIDENCE} more (see --format json)`));
    }
    out.push('');
    out.push('   ' + style.bold('Why'));
    out.push(indent(f.explanation, '   '));
    if (f.recommendations.length) {
      out.push('');
      out.push('   ' + style.bold('What to do'));
      f.recommendations.forEach((r, k) => {
        out.push(`   ${k + 1}) ${style.green(r.action)}`);
        out.push(indent(r.detail, '      '));
        if (r.flags?.length) out.push(`      ${style.bold(r.flags.join(' '))}`);
      });
    }
    out.push('');
  });
  if (report.findings.length === 0) out.push('No findings: nothing in this evidence points at a memory problem.', '');

  out.push(style.bold('Files read'));
  for (const i of report.inputs) {
    const what = i.section ? `${i.kind} from \`${i.section}\`` : i.kind;
    out.push(`  ${i.file}  ${style.dim(`${what}, ${formatBytes(i.bytes)}${i.lines !== undefined ? `, ${i.lines} lines` : ''}`)}`);
    for (const n of i.notes) out.push(style.dim(`    note: ${n}`));
  }
  if (report.unused.length) {
    out.push('', style.bold('Files not used'));
    for (const u of report.unused) out.push(`  ${u.file}: ${u.reason}`);
  }
  return out.join('\n') + '\n';
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function clip(s: string, n: number): string {
  const t = s.trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

/** `heap diff`: the findings (growth) in one line each after the tables. */
function findingTitles(report: ReportDocument): string {
  if (!report.findings.length) return '';
  return '\n' + report.findings.map((f) => `${LABEL[f.severity]}: ${f.title}\n  ${f.summary}`).join('\n') + '\n';
}
