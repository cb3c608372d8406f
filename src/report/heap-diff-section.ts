// `heap diff`: the section `sections.heapDiff` drawn as typed tables (text and Markdown share them).

import { formatBytes } from '../util/bytes.js';
import type { Table } from '../model/document.js';
import type { HeapDiff } from '../model/heap-diff.js';
import { renderMarkdownTable, renderTable } from './table.js';

const signedBytes = (b: number) => `${b > 0 ? '+' : ''}${formatBytes(b)}`;
const signedCount = (n: number) => `${n > 0 ? '+' : ''}${n.toLocaleString('en-US')}`;

export function heapDiffTables(d: HeapDiff, rows = 25): Table[] {
  const classes: Table = {
    title: `Classes by retained growth (${Math.min(rows, d.classes.length)} of ${d.changedClasses} that changed)`,
    columns: [
      { label: 'Δ retained', type: 'text', key: 'retainedDelta' }, { label: 'Δ instances', type: 'text', key: 'instancesDelta' }, { label: 'Δ shallow', type: 'text', key: 'shallowDelta' },
      { label: 'Instances before', type: 'count', key: 'instancesBefore' }, { label: 'after', type: 'count', key: 'instancesAfter' },
      { label: 'Retained before', type: 'bytes', key: 'retainedBefore' }, { label: 'after', type: 'bytes', key: 'retainedAfter' },
      { label: 'Class', type: 'text', key: 'className' },
    ],
    rows: d.classes.slice(0, rows).map((c) => [signedBytes(c.retainedDelta), signedCount(c.instancesDelta), signedBytes(c.shallowDelta), c.instancesBefore, c.instancesAfter, c.retainedBefore, c.retainedAfter, c.className]),
    totalRows: d.changedClasses,
  };
  const grown: Table = {
    title: 'Biggest objects and accumulation points that grew (matched by their path from the GC roots)',
    columns: [
      { label: 'Δ retained', type: 'text', key: 'retainedDelta' }, { label: 'Before', type: 'bytes', key: 'retainedBefore' }, { label: 'After', type: 'bytes', key: 'retainedAfter' },
      { label: 'Object', type: 'text', key: 'className' }, { label: 'Path from GC roots', type: 'text', key: 'path' },
    ],
    rows: d.grown.map((g) => [signedBytes(g.retainedDelta), g.countBefore ? g.retainedBefore : null, g.retainedAfter, `${g.className}${g.kind === 'accumulation point' ? ' (accumulation point)' : ''}${g.objectIdAfter ? ` ${g.objectIdAfter}` : ''}${g.countAfter > 1 ? ` ×${g.countAfter}` : ''}`, g.path]),
  };
  return d.grown.length ? [classes, grown] : [classes];
}

function headline(d: HeapDiff): string[] {
  return [
    `before: ${d.before.file} (written ${d.before.timestamp}, ${formatBytes(d.before.reachableBytes)} reachable)`,
    `after:  ${d.after.file} (written ${d.after.timestamp}, ${formatBytes(d.after.reachableBytes)} reachable)`,
    `reachable heap ${signedBytes(d.reachableDelta)}; retained sizes with the ${d.after.semantics ?? 'strong'} semantics`,
  ];
}

export function renderHeapDiffText(d: HeapDiff): string {
  const out = ['Heap diff', ...headline(d).map((l) => `  ${l}`)];
  for (const w of d.warnings) out.push(`WARNING: ${w}`);
  for (const t of heapDiffTables(d)) out.push('', ...renderTable(t, '  '));
  if (!d.grown.length) out.push('', '  No biggest object or accumulation point grew.');
  return out.join('\n') + '\n';
}

export function renderHeapDiffMarkdown(d: HeapDiff): string {
  const out = ['## Heap diff', '', ...headline(d).map((l) => `- ${l}`), ''];
  for (const w of d.warnings) out.push(`> **Warning:** ${w}`, '');
  for (const t of heapDiffTables(d)) out.push(...renderMarkdownTable(t), '');
  return out.join('\n') + '\n';
}
