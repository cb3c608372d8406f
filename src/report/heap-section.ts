// A heap section of the report document (`jvmdoctor heap`), in words for a terminal and as Markdown.
// The JSON is canonical; this only draws it. Widths are display widths (CJK-aware, table.ts).

import { formatBytes } from '../util/bytes.js';
import type { HeapSection } from '../model/document.js';
import { padTo, renderMarkdownTable, renderTable } from './table.js';
import { wasteTables } from './heap-waste-section.js';

const pad = (s: string, n: number) => padTo(s, n, true);

export function renderHeapSectionText(r: HeapSection, opts: { histogramRows?: number } = {}): string {
  const s = r.summary;
  const out: string[] = [];
  const pct = (b: number) => (s.reachableBytes > 0 ? `${((100 * b) / s.reachableBytes).toFixed(1)}%` : '-');
  out.push(`Heap dump ${s.file} (${formatBytes(s.fileBytes)}${s.gzip ? ', gzip' : ''}, written ${s.timestamp})`);
  for (const w of s.warnings) out.push(`WARNING: ${w}`);
  out.push(`  ${s.objects.toLocaleString('en-US')} objects, ${s.classes.toLocaleString('en-US')} classes, ${formatBytes(s.shallowBytes)} shallow, ${formatBytes(s.reachableBytes)} reachable`);
  out.push(`  ${s.unreachableObjects.toLocaleString('en-US')} unreachable objects (${formatBytes(s.unreachableBytes)}), id size ${s.idSize}, ${s.compressedOops ? 'compressed' : 'uncompressed'} oops, ${s.compressedClassPointers ? 'compressed' : 'uncompressed'} class pointers`);
  out.push(`  GC roots: ${Object.entries(s.gcRoots).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (s.semanticsNote) out.push(`  Semantics: ${s.semantics} — ${s.semanticsNote}${s.referentOnlyObjects ? `; ${s.referentOnlyObjects.toLocaleString('en-US')} objects (${formatBytes(s.referentOnlyBytes ?? 0)}) are kept only by a referent` : ''}`);
  if (s.systemProperties) {
    const p = s.systemProperties;
    const known = ['java.vm.name', 'java.runtime.version', 'os.name', 'os.arch'].filter((k) => p[k] !== undefined).map((k) => p[k]);
    out.push(`  JVM: ${known.join(', ')} (${Object.keys(p).length} system properties in summary.systemProperties, --json)`);
  }
  out.push('');
  if (r.leakSuspects.length > 0) {
    out.push('Leak suspects');
    for (const l of r.leakSuspects) {
      out.push(`  ${l.title}`);
      out.push(`    ${l.description}`);
    }
    out.push('');
  } else out.push('Leak suspects: none (no object or class retains more than 10% of the heap)', '');
  if (r.dominators.length > 0) {
    out.push('Biggest objects by retained size');
    for (const d of r.dominators) {
      out.push(`  ${pad(formatBytes(d.retainedBytes), 9)} ${pad(pct(d.retainedBytes), 6)}  ${d.className} ${d.objectId}`);
      out.push(`                    ${d.path}`);
    }
    out.push('');
  }
  if (r.requestedPath) {
    const p = r.requestedPath;
    out.push(`Path to ${p.className} ${p.objectId} (retains ${formatBytes(p.retainedBytes)}):`);
    for (const step of p.pathToRoot) out.push(`  ${step.field} → ${step.className} ${step.objectId}`);
    out.push('');
  }
  const rows = r.histogram.slice(0, opts.histogramRows ?? 20);
  out.push(`Class histogram (top ${rows.length} of ${r.histogram.length} by shallow size)`);
  out.push(`  ${pad('instances', 12)} ${pad('shallow', 10)} ${pad('retained', 10)}  class`);
  for (const h of rows) out.push(`  ${pad(h.instances.toLocaleString('en-US'), 12)} ${pad(formatBytes(h.shallowBytes), 10)} ${pad(formatBytes(h.retainedBytes), 10)}  ${h.className}`);
  out.push('');
  const threads = r.threads.slice(0, 10);
  if (threads.length > 0) {
    out.push(`Threads (top ${threads.length} of ${r.threads.length} by retained size)`);
    for (const t of threads) {
      out.push(`  ${pad(formatBytes(t.retainedBytes), 9)}  "${t.name}" ${t.objectId}`);
      for (const f of t.stack.slice(0, 5)) out.push(`             ${f}`);
    }
    out.push('');
  }
  const loaders = r.classLoaders ?? [];
  if (loaders.length > 0) {
    out.push(`Class loaders (Tomcat webapp loaders and the biggest others, by retained size)`);
    for (const l of loaders) {
      const state = l.state ? `, state ${l.state}${l.stopped ? ' (stopped, still reachable)' : ''}` : '';
      out.push(`  ${pad(formatBytes(l.retainedBytes), 9)}  ${l.className} ${l.objectId}, ${l.definedClasses.toLocaleString('en-US')} classes${state}`);
      out.push(`             ${l.path}`);
    }
    out.push('');
  }
  if (r.waste) for (const t of wasteTables(r.waste)) out.push(...renderTable(t, '  '), '');
  out.push(`Analysed in ${r.timings.total ?? Object.values(r.timings).reduce((a, b) => a + b, 0)} s${r.cached ? ' (from the cache beside the dump)' : ''}`);
  return out.join('\n') + '\n';
}

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderHeapSectionMarkdown(r: HeapSection, opts: { histogramRows?: number } = {}): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`## Heap dump \`${r.file}\``, '');
  out.push(`${formatBytes(s.fileBytes)}${s.gzip ? ', gzip' : ''}, written ${s.timestamp}: ${s.objects.toLocaleString('en-US')} objects, ${s.classes.toLocaleString('en-US')} classes, ${formatBytes(s.shallowBytes)} shallow, ${formatBytes(s.reachableBytes)} reachable; ${s.unreachableObjects.toLocaleString('en-US')} unreachable objects (${formatBytes(s.unreachableBytes)}).`, '');
  if (s.semanticsNote) out.push(`Semantics: **${s.semantics}** — ${esc(s.semanticsNote)}${s.referentOnlyObjects ? `; ${s.referentOnlyObjects.toLocaleString('en-US')} objects (${formatBytes(s.referentOnlyBytes ?? 0)}) are kept only by a referent` : ''}.`, '');
  for (const w of s.warnings) out.push(`> **Warning:** ${w}`, '');
  out.push('### Leak suspects', '');
  if (r.leakSuspects.length === 0) out.push('None (no object or class retains more than 10% of the heap).', '');
  for (const l of r.leakSuspects) out.push(`- **${esc(l.title)}** — ${esc(l.description)}`);
  if (r.leakSuspects.length) out.push('');
  if (r.dominators.length) {
    out.push('### Biggest objects by retained size', '');
    out.push(...renderMarkdownTable({
      columns: [{ label: 'Retained', type: 'bytes' }, { label: 'Object', type: 'text' }, { label: 'Path from GC roots', type: 'text' }],
      rows: r.dominators.map((d) => [d.retainedBytes, `${d.className} ${d.objectId}`, d.path]),
    }), '');
  }
  if (r.requestedPath) {
    const p = r.requestedPath;
    out.push(`### Path to ${esc(p.className)} ${p.objectId} (retains ${formatBytes(p.retainedBytes)})`, '');
    for (const step of p.pathToRoot) out.push(`1. ${esc(step.field)} → \`${step.className} ${step.objectId}\``);
    out.push('');
  }
  const rows = r.histogram.slice(0, opts.histogramRows ?? 20);
  out.push(`### Class histogram (top ${rows.length} of ${r.histogram.length} by shallow size)`, '');
  out.push(...renderMarkdownTable({
    columns: [{ label: 'Instances', type: 'count' }, { label: 'Shallow', type: 'bytes' }, { label: 'Retained', type: 'bytes' }, { label: 'Class', type: 'text' }],
    rows: rows.map((h) => [h.instances, h.shallowBytes, h.retainedBytes, h.className]),
  }), '');
  const threads = r.threads.slice(0, 10);
  if (threads.length) {
    out.push(`### Threads (top ${threads.length} of ${r.threads.length} by retained size)`, '');
    out.push(...renderMarkdownTable({
      columns: [{ label: 'Retained', type: 'bytes' }, { label: 'Thread', type: 'text' }, { label: 'Top frames', type: 'text' }],
      rows: threads.map((t) => [t.retainedBytes, `"${t.name}" ${t.objectId}`, t.stack.slice(0, 3).join(' ← ')]),
    }), '');
  }
  const loaders = r.classLoaders ?? [];
  if (loaders.length) {
    out.push('### Class loaders', '');
    out.push(...renderMarkdownTable({
      columns: [{ label: 'Retained', type: 'bytes' }, { label: 'Loader', type: 'text' }, { label: 'Classes', type: 'count' }, { label: 'State', type: 'text' }, { label: 'Kept by', type: 'text' }],
      rows: loaders.map((l) => [l.retainedBytes, `${l.className} ${l.objectId}`, l.definedClasses, l.state ? `${l.state}${l.stopped ? ' (stopped, still reachable)' : ''}` : '', `${l.path}`]),
    }), '');
  }
  if (r.waste) {
    out.push('### Wasted memory and groupings', '');
    for (const t of wasteTables(r.waste)) out.push(...renderMarkdownTable(t), '');
  }
  out.push(`Analysed in ${r.timings.total ?? Object.values(r.timings).reduce((a, b) => a + b, 0)} s${r.cached ? ' (from the cache beside the dump)' : ''}.`);
  return out.join('\n') + '\n';
}
