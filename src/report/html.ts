// `--format html`: the report document as one self-contained page to attach to a ticket. Everything
// is inlined (style, script; no font, image or library is fetched) and a Content-Security-Policy
// forbids every request, so the page works from file:// and leaks nothing when opened. A map over the
// document: numbers are formatted by their column type here, sentences come from the rules as written.
// Order: findings first (severity, then tier), each expandable to its evidence and fixes; then the
// sections (heap dumps, GC logs); then what was read.

import type { HeapDiff } from '../model/heap-diff.js';
import { heapDiffTables } from './heap-diff-section.js';
import { wasteTables } from './heap-waste-section.js';
import { createHash } from 'node:crypto';
import type { DocumentFinding, GcSection, HeapSection, ReportDocument, Series, Table, TableCell, TableColumn } from '../model/document.js';
import type { PathStep } from '../model/heap-report.js';
import { formatBytes } from '../util/bytes.js';
import { CSS, SCRIPT } from './html-assets.js';
import { redactDocument } from './redact.js';
import { gcCharts, renderSvgChart } from './svg-chart.js';

export interface HtmlOptions {
  /** Leave out host names, addresses, paths and system properties (see redact.ts). */
  redact?: boolean;
  /**
   * Extra HTML placed after the findings (the serve UI's explorer) and extra script; both are
   * trusted, produced by our own code. `connect` allows fetches to the page's own origin (serve).
   */
  extraBody?: string;
  extraScript?: string;
  connect?: boolean;
}

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;
const EXCERPT_CLIP = 180;
/** Long tables are cut in the page (the JSON has them all); the histogram is sortable over what is kept. */
const MAX_ROWS = 500;

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/** The page's CSP: only its own hashed style and script; no request of any kind (connect only in serve). */
export function contentSecurityPolicy(script: string, style: string, connect = false): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256(script)}'`,
    `style-src 'sha256-${sha256(style)}'`,
    'img-src data:',
    `connect-src ${connect ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderHtml(input: ReportDocument, opts: HtmlOptions = {}): string {
  const doc = opts.redact ? redactDocument(input) : input;
  const ids = new Ids();
  const body: string[] = [];
  body.push(header(doc, opts.redact === true));
  body.push(findingsSection(doc, ids));
  if (opts.extraBody) body.push(opts.extraBody);
  for (const h of doc.sections.heaps ?? []) body.push(heapSection(h, ids, opts.redact === true));
  if (doc.sections.heapDiff) body.push(heapDiffSection(doc.sections.heapDiff, ids));
  for (const g of doc.sections.gc ?? []) body.push(gcSection(g, ids));
  body.push(inputsSection(doc, ids));
  body.push(`<footer class="muted small"><p>Made by ${esc(doc.tool.name)} ${esc(doc.tool.version)} (<code>${esc(doc.command)}</code>) at ${esc(doc.generatedAt)}. Report document schemaVersion ${doc.schemaVersion}; the same content as <code>--format json</code>.</p></footer>`);
  const script = SCRIPT + (opts.extraScript ?? '');
  const csp = contentSecurityPolicy(script, CSS, opts.connect);
  const title = doc.findings.length ? `jvmdoctor: ${doc.findings[0].title}` : `jvmdoctor ${doc.command} report`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head><body>
<main>
${body.join('\n')}
</main>
<script>${script}</script>
</body></html>
`;
}

export class Ids {
  private n = 0;
  next(prefix: string): string {
    return `${prefix}-${++this.n}`;
  }
}

// ---------------------------------------------------------------------------------------------

function header(doc: ReportDocument, redacted: boolean): string {
  const { critical, warning, info } = doc.summary;
  const what = doc.command === 'heap' ? 'heap dump analysis' : doc.command === 'gc' ? 'GC log analysis' : 'diagnosis';
  const toc = ['<a href="#findings">Findings</a>'];
  if (doc.sections.heaps?.length) toc.push('<a href="#heap-1">Heap</a>');
  if (doc.sections.heapDiff) toc.push('<a href="#heap-diff">Heap diff</a>');
  if (doc.sections.gc?.length) toc.push('<a href="#gc-1">GC</a>');
  toc.push('<a href="#inputs">Files read</a>');
  return `<header>
<h1>jvmdoctor ${esc(what)}</h1>
<p class="counts"><span>${doc.findings.length} finding(s):</span> <span class="badge sev-critical">${critical} critical</span> <span class="badge sev-warning">${warning} warning</span> <span class="badge sev-info">${info} info</span>
<span class="muted small">from ${doc.inputs.length} file(s)${doc.unused.length ? `, ${doc.unused.length} not used` : ''}${redacted ? '; host names, addresses, paths and system properties left out' : ''}</span></p>
<nav class="toc small" aria-label="Sections">${toc.join('')}</nav>
</header>`;
}

function findingsSection(doc: ReportDocument, ids: Ids): string {
  const out: string[] = ['<section id="findings" aria-labelledby="findings-h">', '<h2 id="findings-h">Findings</h2>'];
  if (doc.findings.length === 0) out.push('<p>No findings: nothing in this evidence points at a memory problem.</p>');
  else out.push('<p><button type="button" id="expand-all" aria-pressed="false">Expand all</button></p>');
  doc.findings.forEach((f, i) => out.push(finding(f, i, ids)));
  out.push('</section>');
  return out.join('\n');
}

function finding(f: DocumentFinding, i: number, ids: Ids): string {
  const id = `finding-${i + 1}`;
  // The first finding (the cause, when there is one) is open: it is what the reader came for.
  const open = i === 0 ? ' open' : '';
  const parts: string[] = [];
  parts.push(`<details class="finding sev-${f.severity}" id="${id}" data-rule="${esc(f.ruleId)}"${open}>`);
  parts.push(`<summary><span class="badge">${SEVERITY_LABEL[f.severity]}</span> <h3>${esc(f.title)}</h3> <span class="tier">${esc(f.tier)}</span> <span class="rule">${esc(f.ruleId)}</span>
<span class="summary">${text(f.summary)}</span></summary>`);
  parts.push('<div class="body">');
  if (f.ruleId === 'memory-budget') parts.push(budgetBar(f));
  for (const t of f.tables ?? []) parts.push(table(t, ids, f.ruleId === 'memory-budget' ? 'Memory budget' : undefined));
  if (f.series?.length) parts.push(seriesBlock(f.series, ids));
  if (f.evidence.length) {
    parts.push(`<h4>Evidence (${f.evidence.length})</h4><div class="evidence">`);
    for (const e of f.evidence) {
      const loc = e.line ? `${e.file}:${e.line}` : e.file;
      const ex = e.excerpt.trim();
      const clipped = ex.length > EXCERPT_CLIP ? ex.slice(0, EXCERPT_CLIP - 1) + '…' : ex;
      parts.push(`<details data-file="${esc(e.file)}"${e.line ? ` data-line="${e.line}"` : ''}><summary><span class="loc mono">${esc(loc)}</span><code>${esc(clipped)}</code></summary><pre>${esc(ex)}</pre></details>`);
    }
    parts.push('</div>');
  }
  parts.push(`<h4>Why</h4><p>${text(f.explanation)}</p>`);
  if (f.recommendations.length) {
    parts.push('<h4>What to do</h4><ol class="fixes">');
    for (const r of f.recommendations) {
      const flags = (r.flags ?? []).map((fl) => `<div class="flag"><code>${esc(fl)}</code><button type="button" data-copy="${esc(fl)}" aria-label="Copy ${esc(fl)}">Copy</button></div>`).join('');
      parts.push(`<li class="fix"><span class="action">${esc(r.action)}</span><br>${text(r.detail)}${flags}</li>`);
    }
    parts.push('</ol>');
  }
  parts.push('</div></details>');
  return parts.join('\n');
}

/** Paragraphs and line breaks of rule-written text. */
function text(s: string): string {
  return esc(s).replace(/\n\n+/g, '</p><p>').replace(/\n/g, '<br>');
}

// ---------------------------------------------------------------------------------------------
// Tables

export function formatCell(v: TableCell, type: TableColumn['type']): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') return type === 'time' ? v.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : v;
  switch (type) {
    case 'bytes':
      return formatBytes(v);
    case 'count':
      return Math.round(v).toLocaleString('en-US');
    case 'percent':
      return `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} %`;
    case 'duration':
      return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(v >= 1 ? 1 : 2)} ms`;
    case 'time':
      return new Date(v).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    case 'number':
      return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(3);
    default:
      return String(v);
  }
}

const NUMERIC = new Set(['bytes', 'count', 'percent', 'duration', 'number']);
const BAR_WIDTH = 160;

export function table(t: Table, ids: Ids, title?: string, opts: { pathColumns?: number[] } = {}): string {
  const id = ids.next('table');
  const caption = t.title ?? title;
  const rows = t.rows.slice(0, MAX_ROWS);
  const total = t.totalRows ?? t.rows.length;
  const out: string[] = [];
  if (t.rows.length > 8) {
    out.push(`<div class="filter"><label>Filter <input type="search" id="${id}-q" data-filter aria-controls="${id}" placeholder="class, text…"></label> <span class="muted small" id="${id}-q-count" aria-live="polite"></span></div>`);
  }
  out.push(`<div class="tablewrap"><table id="${id}">`);
  if (caption) out.push(`<caption>${esc(caption)}${total > rows.length ? ` <span class="muted small">(${rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})</span>` : ''}</caption>`);
  out.push('<thead><tr>');
  for (const c of t.columns) {
    out.push(`<th scope="col" aria-sort="none"${NUMERIC.has(c.type) && !c.bar ? ' class="n"' : ''}><button type="button" data-sort>${esc(c.label)}</button></th>`);
  }
  out.push('</tr></thead><tbody>');
  // `bar` columns: one SVG bar per cell on the column's own scale (the table reads as a chart).
  const barMax = t.columns.map((c, k) => (c.bar ? Math.max(0, ...rows.map((r) => (typeof r[k] === 'number' ? (r[k] as number) : 0))) : 0));
  for (const r of rows) {
    out.push('<tr>' + t.columns.map((c, k) => {
      const v = r[k];
      const num = typeof v === 'number';
      if (c.bar) {
        const w = num && barMax[k] > 0 ? Math.max(v > 0 ? 1 : 0, Math.round((BAR_WIDTH * v) / barMax[k])) : 0;
        return `<td class="barcell"${num ? ` data-v="${v}"` : ''}><svg width="${BAR_WIDTH}" height="12" role="img" aria-label="${esc(formatCell(v, c.type))}"><rect width="${w}" height="12" fill="#4c78a8"/></svg></td>`;
      }
      const cls = NUMERIC.has(c.type) ? ' class="n"' : opts.pathColumns?.includes(k) ? ' class="path"' : '';
      return `<td${cls}${num ? ` data-v="${v}"` : ''}>${esc(formatCell(v, c.type))}</td>`;
    }).join('') + '</tr>');
  }
  out.push('</tbody></table></div>');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Memory budget: one stacked bar of the JVM's areas (and what they do not explain) against the
// resident size and the container limit, drawn as plain SVG on one byte scale.

const BUDGET_COLOURS = ['#4c78a8', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#9d755d', '#bab0ac'];
const UNEXPLAINED_COLOUR = '#e45756';

function budgetBar(f: DocumentFinding): string {
  const t = f.tables?.find((x) => x.columns.some((c) => c.type === 'bytes'));
  if (!t) return '';
  const label = t.columns.findIndex((c) => c.type === 'text');
  const bytes = t.columns.findIndex((c) => c.type === 'bytes');
  const segs: { name: string; bytes: number; colour: string }[] = [];
  for (const r of t.rows) {
    const name = String(r[label] ?? '');
    const v = r[bytes];
    // Rows after the areas are totals and references (Accounted, RSS, limit…): the facts carry them.
    if (/^(Accounted|NMT total|Resident|Ceiling|Container limit)/i.test(name)) break;
    if (typeof v === 'number' && v > 0) segs.push({ name, bytes: v, colour: BUDGET_COLOURS[segs.length % BUDGET_COLOURS.length] });
  }
  const num = (k: string) => (typeof f.facts?.[k] === 'number' ? (f.facts[k] as number) : undefined);
  const unexplained = num('unexplainedBytes');
  if (unexplained && unexplained > 0) segs.push({ name: 'Unexplained native', bytes: unexplained, colour: UNEXPLAINED_COLOUR });
  if (segs.length === 0) return '';
  const rss = num('rssBytes');
  const limit = num('containerLimitBytes');
  const ceiling = num('ceilingBytes');
  const stacked = segs.reduce((a, s) => a + s.bytes, 0);
  const scale = Math.max(stacked, rss ?? 0, limit ?? 0, ceiling ?? 0);
  const W = 1000, H = 38, top = 18;
  const x = (b: number) => (b / scale) * W;
  const svg: string[] = [];
  let at = 0;
  for (const s of segs) {
    svg.push(`<rect x="${x(at).toFixed(1)}" y="${top}" width="${Math.max(1, x(s.bytes)).toFixed(1)}" height="${H}" fill="${s.colour}"><title>${esc(s.name)}: ${esc(formatBytes(s.bytes))}</title></rect>`);
    at += s.bytes;
  }
  const marks: [string, number | undefined, string][] = [['RSS', rss, '#1b1f24'], ['ceiling', ceiling, '#7d4e00'], ['container limit', limit, '#a40e26']];
  let row = 0;
  for (const [name, v, colour] of marks) {
    if (v === undefined) continue;
    const px = Math.min(W - 1, x(v));
    const anchor = px > W * 0.8 ? 'end' : 'start';
    svg.push(`<line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="4" y2="${top + H + 4}" stroke="${colour}" stroke-width="3"/>`);
    svg.push(`<text x="${(px + (anchor === 'end' ? -4 : 4)).toFixed(1)}" y="${12 + row * 0}" font-size="12" fill="${colour}" text-anchor="${anchor}">${esc(name)} ${esc(formatBytes(v))}</text>`);
    row++;
  }
  const desc = segs.map((s) => `${s.name} ${formatBytes(s.bytes)}`).join(', ') + (rss ? `; RSS ${formatBytes(rss)}` : '') + (limit ? `; container limit ${formatBytes(limit)}` : '');
  const legend = segs.map((s) => `<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${s.colour}"/></svg> ${esc(s.name)} ${esc(formatBytes(s.bytes))}</span>`).join('');
  return `<figure class="bar"><svg viewBox="0 0 ${W} ${top + H + 8}" width="100%" role="img" aria-label="${esc('Memory budget: ' + desc)}">${svg.join('')}</svg><figcaption class="legend">${legend}</figcaption></figure>`;
}

// ---------------------------------------------------------------------------------------------
// Series: drawn by the one chart module (svg-chart.ts), inlined as plain SVG; a table of the
// figures follows for readers who cannot see the chart (and for sorting).

function chartFigure(svg: string, caption: string): string {
  // The chart draws its own title; for assistive technology the figure is named by it and the
  // figures table that follows carries the numbers.
  return `<figure class="chart" role="group" aria-label="${esc(caption)}">${svg.replace(/ width="\d+"(?= height)/, ' width="100%" aria-hidden="true"')}</figure>`;
}

function seriesFigures(series: Series[], ids: Ids): string {
  if (!series.length) return '';
  const units: Record<Series['unit'], TableColumn['type']> = { bytes: 'bytes', ms: 'duration', percent: 'percent', count: 'count', 'bytes/s': 'bytes', number: 'number' };
  return table({
    title: 'Figures of the charts',
    columns: [{ label: 'Series', type: 'text' }, { label: 'Points', type: 'count' }, { label: 'First', type: 'text' }, { label: 'Min', type: 'text' }, { label: 'Max', type: 'text' }, { label: 'Last', type: 'text' }],
    rows: series.map((s) => {
      const ys = s.points.map((p) => p[1]);
      const f = (v: number | undefined) => (v === undefined ? '' : formatCell(v, units[s.unit]) + (s.unit === 'bytes/s' ? '/s' : ''));
      let lo = Infinity, hi = -Infinity;
      for (const y of ys) {
        if (y < lo) lo = y;
        if (y > hi) hi = y;
      }
      return [s.name, s.points.length, f(ys[0]), ys.length ? f(lo) : '', ys.length ? f(hi) : '', f(ys[ys.length - 1])];
    }),
  }, ids);
}

function seriesBlock(series: Series[], ids: Ids): string {
  if (!series.length) return '';
  const byX = new Map<string, Series[]>();
  for (const s of series) byX.set(`${s.x}/${s.unit}`, [...(byX.get(`${s.x}/${s.unit}`) ?? []), s]);
  const charts = [...byX.values()].map((group) => chartFigure(renderSvgChart(group, { title: group.map((g) => g.name).join(', ') }), group.map((g) => g.name).join(', ')));
  return charts.join('') + seriesFigures(series, ids);
}

// ---------------------------------------------------------------------------------------------
// Heap

function pathList(steps: PathStep[]): string {
  if (!steps.length) return '';
  return `<ol class="path" aria-label="Path from a GC root">${steps.map((s) => `<li>${esc(s.field)}${s.className ? ` → <strong>${esc(s.className)}</strong>` : ''}${s.objectId ? ` <span class="muted">${esc(s.objectId)}</span>` : ''}</li>`).join('')}</ol>`;
}

/** `heap diff`: the same typed tables as the text and Markdown (heap-diff-section.ts). */
function heapDiffSection(d: HeapDiff, ids: Ids): string {
  const out = ['<section id="heap-diff" aria-labelledby="heap-diff-h" class="heap">', '<h2 id="heap-diff-h">Heap diff</h2>'];
  const kv: [string, string][] = [
    ['Before', `${d.before.file}, written ${d.before.timestamp}, ${formatBytes(d.before.reachableBytes)} reachable`],
    ['After', `${d.after.file}, written ${d.after.timestamp}, ${formatBytes(d.after.reachableBytes)} reachable`],
    ['Reachable heap', `${d.reachableDelta > 0 ? '+' : ''}${formatBytes(d.reachableDelta)} (retained sizes with the ${d.after.semantics ?? 'strong'} semantics)`],
  ];
  out.push(`<dl class="kv">${kv.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
  for (const w of d.warnings) out.push(`<p><span class="badge sev-warning">problem</span> ${esc(w)}</p>`);
  for (const t of heapDiffTables(d)) out.push(table(t, ids));
  out.push('</section>');
  return out.join('\n');
}

function heapSection(h: HeapSection, ids: Ids, redacted: boolean): string {
  const id = ids.next('heap');
  const s = h.summary;
  const out: string[] = [`<section id="${id}" aria-labelledby="${id}-h" class="heap">`, `<h2 id="${id}-h">Heap dump <span class="mono small">${esc(h.file)}</span></h2>`];
  const kv: [string, string][] = [
    ['Dump', `${formatBytes(s.fileBytes)}${s.gzip ? ' (gzip)' : ''}, ${s.format}, written ${s.timestamp}`],
    ['Objects', `${s.objects.toLocaleString('en-US')} objects of ${s.classes.toLocaleString('en-US')} classes`],
    ['Reachable', `${formatBytes(s.reachableBytes)} of ${formatBytes(s.shallowBytes)} (${s.unreachableObjects.toLocaleString('en-US')} unreachable objects, ${formatBytes(s.unreachableBytes)})`],
    ['Layout', `${s.idSize * 8}-bit ids, compressed oops ${s.compressedOops ? 'on' : 'off'}, compressed class pointers ${s.compressedClassPointers ? 'on' : 'off'}`],
    ['GC roots', Object.entries(s.gcRoots).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')],
    ...(s.semanticsNote ? [['Semantics', `${s.semantics}: ${s.semanticsNote}${s.referentOnlyObjects ? `; ${s.referentOnlyObjects.toLocaleString('en-US')} objects (${formatBytes(s.referentOnlyBytes ?? 0)}) are kept only by a referent` : ''}`] as [string, string]] : []),
  ];
  out.push(`<dl class="kv">${kv.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
  for (const w of s.warnings) out.push(`<p><span class="badge sev-warning">problem</span> ${esc(w)}</p>`);

  out.push(`<h3 id="${id}-suspects">Leak suspects (${h.leakSuspects.length})</h3>`);
  if (!h.leakSuspects.length) out.push('<p>No single object or class retains a large share of the heap.</p>');
  h.leakSuspects.forEach((ls, i) => {
    const acc = ls.accumulationPoint ? `<p>Memory piles up in <strong>${esc(ls.accumulationPoint.className)}</strong> <span class="muted">${esc(ls.accumulationPoint.objectId)}</span>: ${esc(formatBytes(ls.accumulationPoint.retainedBytes))} over ${ls.accumulationPoint.dominatedObjects.toLocaleString('en-US')} objects.</p>` : '';
    const spread = ls.spread ? `<p>Mostly ${ls.spread.instances.toLocaleString('en-US')} × <strong>${esc(ls.spread.className)}</strong> (${esc(formatBytes(ls.spread.retainedBytes))}), e.g. <code>${esc(ls.spread.examplePath)}</code>.</p>` : '';
    out.push(`<details class="suspect" id="${id}-suspect-${i + 1}"${i === 0 ? ' open' : ''}><summary><strong>${esc(ls.title)}</strong> — ${esc(formatBytes(ls.retainedBytes))} (${ls.percentOfHeap} % of the heap)</summary>
<p>${text(ls.description)}</p>${ls.field ? `<p>Held by <code>${esc(ls.field)}</code>${ls.loadedBy ? `, loaded by ${esc(ls.loadedBy)}` : ''}.</p>` : ''}${acc}${spread}<h4>Path from the GC roots</h4>${pathList(ls.pathToRoot)}</details>`);
  });

  out.push(`<h3>Class histogram</h3>`);
  out.push(table({
    title: 'Classes by retained size',
    columns: [{ label: 'Class', type: 'text' }, { label: 'Instances', type: 'count' }, { label: 'Shallow', type: 'bytes' }, { label: 'Retained', type: 'bytes' }],
    rows: h.histogram.map((r) => [r.className, r.instances, r.shallowBytes, r.retainedBytes]),
  }, ids));

  if (h.waste) {
    out.push('<h3>Wasted memory and groupings</h3>');
    for (const t of wasteTables(h.waste)) out.push(table(t, ids));
  }
  out.push(`<h3>Dominators</h3>`);
  out.push(table({
    title: 'Biggest objects by retained size',
    columns: [{ label: 'Class', type: 'text' }, { label: 'Object', type: 'text' }, { label: 'Shallow', type: 'bytes' }, { label: 'Retained', type: 'bytes' }, { label: 'Path from the GC roots', type: 'text' }],
    rows: h.dominators.map((d) => [d.className, d.objectId, d.shallowBytes, d.retainedBytes, d.path]),
  }, ids, undefined, { pathColumns: [4] }));

  if (h.classLoaders?.length) {
    out.push(`<h3>Class loaders</h3>`);
    out.push(table({
      columns: [{ label: 'Loader', type: 'text' }, { label: 'Object', type: 'text' }, { label: 'State', type: 'text' }, { label: 'Classes', type: 'count' }, { label: 'Retained', type: 'bytes' }, { label: 'Kept by', type: 'text' }],
      rows: h.classLoaders.map((l) => [l.className, l.objectId, l.state ? `${l.state}${l.stopped ? ' (stopped)' : ''}` : '', l.definedClasses, l.retainedBytes, l.path]),
    }, ids, undefined, { pathColumns: [5] }));
  }
  if (h.threads.length) {
    out.push(`<h3>Threads (${h.threads.length})</h3>`);
    out.push(table({
      columns: [{ label: 'Thread', type: 'text' }, { label: 'Retained', type: 'bytes' }, { label: 'Top of stack', type: 'text' }],
      rows: h.threads.map((t) => [t.name, t.retainedBytes, t.stack.slice(0, 3).join(' ← ')]),
    }, ids, undefined, { pathColumns: [2] }));
  }
  if (s.systemProperties && !redacted) {
    out.push(`<details><summary>System properties (${Object.keys(s.systemProperties).length})</summary>`);
    out.push(table({ columns: [{ label: 'Property', type: 'text' }, { label: 'Value', type: 'text' }], rows: Object.entries(s.systemProperties) }, ids));
    out.push('</details>');
  }
  out.push('</section>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// GC logs

function gcSection(g: GcSection, ids: Ids): string {
  const id = ids.next('gc');
  const out: string[] = [`<section id="${id}" aria-labelledby="${id}-h">`, `<h2 id="${id}-h">GC log <span class="mono small">${esc(g.file)}</span></h2>`];
  for (const r of g.runs) {
    out.push(`<h3>${esc(r.collector)}${r.jvmVersion ? ` on ${esc(r.jvmVersion)}` : ''}${r.startedAt ? ` <span class="muted small">from ${esc(r.startedAt)}</span>` : ''}</h3>`);
    const slope = r.liveSet.slopeBytesPerHour;
    out.push(table({
      columns: [{ label: 'Events', type: 'count' }, { label: 'Pauses', type: 'count' }, { label: 'Paused in total', type: 'duration' }, { label: 'p50', type: 'duration' }, { label: 'p95', type: 'duration' }, { label: 'p99', type: 'duration' }, { label: 'Max', type: 'duration' }, { label: 'Throughput', type: 'percent' }, { label: 'Live set growth / h', type: 'bytes' }],
      rows: [[r.events, r.pauses.count, r.pauses.totalMs, r.pauses.p50Ms, r.pauses.p95Ms, r.pauses.p99Ms, r.pauses.maxMs, r.throughputPercent, slope]],
    }, ids));
    // The charts people look at (svg-chart.ts, the same files `gc --format md --out` writes), inline.
    for (const c of gcCharts(r.series ?? [])) out.push(chartFigure(c.svg, c.title));
    if (r.series?.length) out.push(seriesFigures(r.series, ids));
    for (const t of r.tables ?? []) out.push(table(t, ids));
  }
  out.push('</section>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

function inputsSection(doc: ReportDocument, ids: Ids): string {
  const out: string[] = ['<section id="inputs" aria-labelledby="inputs-h">', '<h2 id="inputs-h">Files read</h2>'];
  out.push(table({
    columns: [{ label: 'File', type: 'text' }, { label: 'Kind', type: 'text' }, { label: 'Size', type: 'bytes' }, { label: 'Lines', type: 'count' }, { label: 'Notes', type: 'text' }],
    rows: doc.inputs.map((i) => [i.file, i.section ? `${i.kind} from \`${i.section}\`` : i.kind, i.bytes, i.lines ?? null, i.notes.join(' · ')]),
  }, ids, undefined, { pathColumns: [0] }));
  if (doc.unused.length) {
    out.push('<h3>Files not used</h3><ul>');
    for (const u of doc.unused) out.push(`<li><span class="mono">${esc(u.file)}</span>: ${esc(u.reason)}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}
