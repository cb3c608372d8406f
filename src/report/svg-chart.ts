// Charts as standalone SVG strings (no network, no script, no library): a pure function from Series[]
// to an SVG document. The `gc` command writes them beside a Markdown report; the HTML report inlines
// them. Series that share a unit share the y axis; x is uptime (or wall clock, or sample index).
// Points are drawn as given: thinning happened when the document was made (src/gc/section.ts).

import type { Series } from '../model/document.js';
import { formatBytes } from '../util/bytes.js';

export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmtY(v: number, unit: Series['unit']): string {
  if (unit === 'bytes') return formatBytes(v, 0);
  if (unit === 'bytes/s') return `${formatBytes(v, 0)}/s`;
  if (unit === 'ms') return v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v >= 10 ? Math.round(v) : v.toFixed(1)} ms`;
  if (unit === 'percent') return `${Math.round(v)} %`;
  return Math.abs(v) >= 1000 ? v.toExponential(1) : String(Math.round(v * 10) / 10);
}

function fmtX(v: number, x: Series['x']): string {
  if (x === 'epoch-ms') return new Date(v).toISOString().slice(11, 19);
  if (x === 'index') return String(Math.round(v));
  const s = v / 1000;
  if (s >= 7200) return `${(s / 3600).toFixed(1)} h`;
  if (s >= 120) return `${Math.round(s / 60)} min`;
  return `${s >= 10 ? Math.round(s) : s.toFixed(1)} s`;
}

/** Round tick steps: 1, 2, 5 × 10^n (bytes: powers of two would be nicer, but decimal ticks read fine). */
function ticks(min: number, max: number, n = 5, binary = false): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / n;
  let step: number;
  if (binary) {
    // Bytes: 1, 2, 4 … 512 × 1024^k, so the labels read "8 MB, 16 MB", not "19 MB".
    const k = 1024 ** Math.max(0, Math.floor(Math.log(raw) / Math.log(1024)));
    step = k;
    while (step < raw) step *= 2;
  } else {
    const mag = 10 ** Math.floor(Math.log10(raw));
    step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  }
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) out.push(t);
  return out;
}

/**
 * One chart of the given series (all must share `x`; the y axis uses the first series' unit and
 * draws only series of that unit). Returns a complete `<svg>` element with a title and a legend.
 */
export function renderSvgChart(series: Series[], opts: ChartOptions = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 260;
  const m = { l: 70, r: 16, t: opts.title ? 28 : 12, b: 48 };
  const unit = series[0]?.unit ?? 'number';
  const drawn = series.filter((s) => s.unit === unit && s.points.length > 0);
  const title = opts.title ?? drawn.map((s) => s.name).join(', ');
  if (drawn.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="40" viewBox="0 0 ${W} 40" role="img"><title>${esc(title)}</title><text x="8" y="24" font-family="sans-serif" font-size="13">No data</text></svg>`;
  }
  let x0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of drawn) {
    for (const [x, y] of s.points) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  }
  const y0 = 0;
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  y1 *= 1.05;
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.t + ph - ((y - y0) / (y1 - y0)) * ph;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="sans-serif" font-size="11">`);
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`);
  if (opts.title) out.push(`<text x="${m.l}" y="18" font-size="13" font-weight="bold">${esc(opts.title)}</text>`);
  for (const t of ticks(y0, y1, 5, unit === 'bytes' || unit === 'bytes/s')) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${f(sy(t))}" y2="${f(sy(t))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${f(sy(t) + 4)}" text-anchor="end" fill="#555">${esc(fmtY(t, unit))}</text>`);
  }
  for (const t of ticks(x0, x1, 6)) {
    out.push(`<text x="${f(sx(t))}" y="${H - m.b + 16}" text-anchor="middle" fill="#555">${esc(fmtX(t, drawn[0].x))}</text>`);
  }
  out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#888"/><line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + ph}" stroke="#888"/>`);
  drawn.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    const style = s.style ?? 'line';
    if (style === 'points') {
      const r = s.points.length > 400 ? 1.2 : 2;
      out.push(`<g fill="${c}" fill-opacity="0.7">${s.points.map(([x, y]) => `<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="${r}"/>`).join('')}</g>`);
    } else {
      let d = '';
      s.points.forEach(([x, y], j) => {
        if (style === 'step' && j > 0) d += `H${f(sx(x))}V${f(sy(y))}`;
        else d += `${j ? 'L' : 'M'}${f(sx(x))},${f(sy(y))}`;
      });
      if (style === 'step') d += `H${f(sx(x1))}`;
      out.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="1.5"/>`);
      if (s.points.length <= 60) out.push(`<g fill="${c}">${s.points.map(([x, y]) => `<circle cx="${f(sx(x))}" cy="${f(sy(y))}" r="2.2"/>`).join('')}</g>`);
    }
    if (s.trend) {
      const ya = s.trend.intercept + s.trend.slope * x0;
      const yb = s.trend.intercept + s.trend.slope * x1;
      out.push(`<line x1="${f(sx(x0))}" y1="${f(sy(Math.max(y0, ya)))}" x2="${f(sx(x1))}" y2="${f(sy(Math.min(y1, Math.max(y0, yb))))}" stroke="${c}" stroke-dasharray="5,4" stroke-width="1.2"/>`);
    }
  });
  // Legend below the x labels.
  let lx = m.l;
  drawn.forEach((s, i) => {
    const label = s.trend ? `${s.name} (dashed: trend)` : s.name;
    out.push(`<rect x="${lx}" y="${H - 18}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${lx + 14}" y="${H - 9}">${esc(label)}</text>`);
    lx += 24 + label.length * 6.2;
  });
  out.push('</svg>');
  return out.join('');
}

/** The charts people look at in a GC report, from a run's series: heap, live set, pauses, allocation rate. */
export function gcCharts(series: Series[]): { name: string; title: string; svg: string }[] {
  const by = (n: string) => series.filter((s) => s.name === n || s.name.startsWith(n));
  const charts: { name: string; title: string; series: Series[] }[] = [
    { name: 'heap', title: 'Heap before and after GC, and capacity', series: [...by('heap before GC'), ...by('heap after GC'), ...by('heap capacity')] },
    { name: 'live-set', title: 'Live set after full/mixed/old collections, with its trend', series: by('live set') },
    { name: 'pauses', title: 'GC pauses', series: by('pause') },
    { name: 'allocation', title: 'Allocation rate', series: by('allocation rate') },
  ];
  return charts.filter((c) => c.series.some((s) => s.points.length > 0)).map((c) => ({ name: c.name, title: c.title, svg: renderSvgChart(c.series, { title: c.title }) }));
}
