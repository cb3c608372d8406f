// Markdown report: for pasting into an incident ticket or a pull request.

import type { ReportDocument } from '../model/document.js';
import { formatBytes } from '../util/bytes.js';
import { renderMarkdownTable } from './table.js';
import { renderHeapSectionMarkdown } from './heap-section.js';
import { renderHeapDiffMarkdown } from './heap-diff-section.js';
import { renderGcSectionMarkdown } from './gc-section.js';

const ICON = { critical: '🔴 Critical', warning: '🟠 Warning', info: '🔵 Info' } as const;

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export interface MarkdownOptions {
  /** Chart files written beside the report, per GC section and run (the `gc` command with --out). */
  gcCharts?: { path: string; title: string }[][][];
}

export function renderMarkdown(report: ReportDocument, opts: MarkdownOptions = {}): string {
  if (report.command === 'heap') {
    const d = report.sections.heapDiff;
    const findings = d ? report.findings.map((f) => `- ${ICON[f.severity]}: **${esc(f.title)}** — ${esc(f.summary)}`) : [];
    return ['# jvmdoctor heap analysis', '', ...(report.sections.heaps ?? []).map((h) => renderHeapSectionMarkdown(h)), ...(d ? [renderHeapDiffMarkdown(d), ...findings, ''] : [])].join('\n');
  }
  const out: string[] = [];
  const { critical, warning, info } = report.summary;
  out.push(report.command === 'gc' ? '# jvmdoctor GC analysis' : '# jvmdoctor diagnosis', '');
  out.push(`${report.findings.length} finding(s): ${critical} critical, ${warning} warning, ${info} info — from ${report.inputs.length} file(s).`, '');
  (report.sections.gc ?? []).forEach((g, i) => out.push(renderGcSectionMarkdown(g, opts.gcCharts?.[i])));
  report.findings.forEach((f, i) => {
    out.push(`## ${i + 1}. ${ICON[f.severity]}: ${f.title}`, '', `*Rule \`${f.ruleId}\`*`, '', f.summary, '');
    for (const t of f.tables ?? []) out.push(...renderMarkdownTable(t), '');
    if (f.evidence.length) {
      out.push('**Evidence**', '');
      for (const e of f.evidence) out.push(`- \`${e.line ? `${e.file}:${e.line}` : e.file}\`: \`${esc(e.excerpt.trim()).replace(/`/g, "'").slice(0, 200)}\``);
      out.push('');
    }
    out.push('**Why**', '', f.explanation, '');
    if (f.recommendations.length) {
      out.push('**What to do**', '');
      f.recommendations.forEach((r, k) => {
        out.push(`${k + 1}. **${r.action}** — ${r.detail}${r.flags?.length ? ` \`${r.flags.join(' ')}\`` : ''}`);
      });
      out.push('');
    }
  });
  out.push('## Files read', '');
  for (const i of report.inputs) out.push(`- \`${i.file}\` — ${i.kind}, ${formatBytes(i.bytes)}${i.notes.length ? ` (${i.notes.join('; ')})` : ''}`);
  if (report.unused.length) {
    out.push('', '## Files not used', '');
    for (const u of report.unused) out.push(`- \`${u.file}\` — ${u.reason}`);
  }
  return out.join('\n') + '\n';
}
