// The `gc` section of the report document (sections.gc[]) drawn for a terminal and for Markdown: per
// run a summary table (pauses, throughput, live-set verdict), the pause and cause tables, and — in
// Markdown with --out — links to the SVG charts written beside the report (svg-chart.ts).

import type { GcRun, GcSection, Table } from '../model/document.js';
import { formatBytes } from '../util/bytes.js';
import { renderMarkdownTable, renderTable } from './table.js';

function summaryTable(r: GcRun): Table {
  return {
    title: 'Summary',
    columns: [
      { label: 'Events', type: 'count' }, { label: 'Pauses', type: 'count' }, { label: 'Paused', type: 'duration' },
      { label: 'p50', type: 'duration' }, { label: 'p95', type: 'duration' }, { label: 'p99', type: 'duration' }, { label: 'Max', type: 'duration' },
      { label: 'Throughput', type: 'percent' },
    ],
    rows: [[r.events, r.pauses.count, r.pauses.totalMs, r.pauses.p50Ms, r.pauses.p95Ms, r.pauses.p99Ms, r.pauses.maxMs, r.throughputPercent]],
  };
}

function runTitle(r: GcRun, i: number, n: number): string {
  return `${n > 1 ? `Run ${i + 1} of ${n}: ` : ''}${r.collector}${r.jvmVersion ? ` on JDK ${r.jvmVersion}` : ''}${r.startedAt ? `, started ${r.startedAt}` : ''}${r.lines ? ` (lines ${r.lines.first}–${r.lines.last})` : ''}`;
}

function verdictLine(r: GcRun): string {
  const v = r.verdict;
  const slope = r.liveSet.slopeBytesPerHour;
  const trend = slope !== null ? `, trend ${slope >= 0 ? '+' : '−'}${formatBytes(Math.abs(slope))}/h` : '';
  if (!v) return '';
  const kind = { leak: 'LEAK', undersized: 'UNDERSIZED HEAP', fits: 'heap fits', unknown: 'not enough data' }[v.kind];
  const tto = v.hoursToOom !== null && v.kind === 'leak' ? `, full in about ${v.hoursToOom < 1 ? `${Math.max(1, Math.round(v.hoursToOom * 60))} min` : `${v.hoursToOom.toFixed(1)} h`} at this rate` : '';
  return `Live set: ${kind} (confidence ${Math.round(v.confidence * 100)} %) — ${v.reason}${trend}${tto}.`;
}

export function renderGcSectionText(g: GcSection): string {
  const out: string[] = [`GC log ${g.file}`];
  g.runs.forEach((r, i) => {
    out.push(`  ${runTitle(r, i, g.runs.length)}`);
    const v = verdictLine(r);
    if (v) out.push(`  ${v}`);
    out.push(...renderTable(summaryTable(r), '  '));
    for (const t of r.tables ?? []) {
      out.push('', `  ${t.title ?? ''}`);
      out.push(...renderTable({ ...t, title: undefined }, '  '));
    }
    out.push('');
  });
  return out.join('\n');
}

/** `charts`: per run, the chart files written beside the report (relative paths) with their titles. */
export function renderGcSectionMarkdown(g: GcSection, charts: { path: string; title: string }[][] = []): string {
  const out: string[] = [`## GC log \`${g.file}\``, ''];
  g.runs.forEach((r, i) => {
    out.push(`### ${runTitle(r, i, g.runs.length)}`, '');
    const v = verdictLine(r);
    if (v) out.push(v, '');
    out.push(...renderMarkdownTable(summaryTable(r)), '');
    for (const c of charts[i] ?? []) out.push(`![${c.title}](${c.path})`, '');
    for (const t of r.tables ?? []) out.push(`**${t.title ?? ''}**`, '', ...renderMarkdownTable({ ...t, title: undefined }), '');
  });
  return out.join('\n');
}
