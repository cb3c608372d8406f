// The one table renderer: typed tables (src/model/document.ts Table) drawn for a terminal (fixed
// width, CJK text taking two columns per character) or as Markdown. Units, thousands separators and
// the memory budget's bars are drawn here, from the numbers the rules put in the rows.

import type { Table, TableCell, TableColumn } from '../model/document.js';
import { formatBytes } from '../util/bytes.js';

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

/** Pads to a display width (CJK-aware): on the left for numbers, on the right for text. */
export function padTo(s: string, width: number, right = false): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? pad + s : s + pad;
}

/** Bars are drawn this many characters long for the largest value of their column. */
const BAR_WIDTH = 24;

const NUMERIC = new Set(['bytes', 'count', 'percent', 'duration', 'number']);

/** One cell as people read it, in its column's unit. `scale` is the bar column's largest value. */
export function formatCell(column: TableColumn, value: TableCell, scale = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (column.bar) return scale > 0 && value > 0 ? '█'.repeat(Math.max(1, Math.round((BAR_WIDTH * value) / scale))) : '';
  switch (column.type) {
    case 'bytes':
      return formatBytes(value);
    case 'count':
      return value.toLocaleString('en-US');
    case 'percent':
      return `${Number(value.toFixed(1))} %`;
    case 'duration':
      return value >= 1000 ? `${Number((value / 1000).toFixed(2))} s` : `${Number(value.toFixed(1))} ms`;
    case 'time':
      return new Date(value).toISOString();
    default:
      return String(value);
  }
}

/** Every cell formatted, bars on their column's scale. */
export function formatRows(table: Table): string[][] {
  const scales = table.columns.map((c, i) => (c.bar ? Math.max(0, ...table.rows.map((r) => (typeof r[i] === 'number' ? (r[i] as number) : 0))) : 0));
  return table.rows.map((r) => table.columns.map((c, i) => formatCell(c, r[i] ?? null, scales[i])));
}

/** A text column whose every cell reads as a number ("1.5 GB", "12 %") is right-aligned too. */
const LOOKS_NUMERIC = /^[-\d.,]+\s*[%A-Za-z]*$/;

export function renderTable(table: Table, indent = ''): string[] {
  const labels = table.columns.map((c) => c.label);
  const rows = formatRows(table);
  const cells = [labels, ...rows];
  const widths = labels.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const right = table.columns.map((c, i) => i > 0 && !c.bar && (NUMERIC.has(c.type) || rows.every((r) => LOOKS_NUMERIC.test(r[i] ?? ''))));
  const fmt = (r: string[]) => indent + r.map((c, i) => padTo(c, widths[i], right[i])).join('  ').trimEnd();
  const out = table.title ? [indent + table.title] : [];
  out.push(fmt(labels), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt));
  if (table.totalRows !== undefined && table.totalRows > table.rows.length) out.push(`${indent}… ${table.totalRows - table.rows.length} more`);
  return out;
}

const mdEscape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdownTable(table: Table): string[] {
  const out = table.title ? [`*${mdEscape(table.title)}*`, ''] : [];
  out.push(`| ${table.columns.map((c) => mdEscape(c.label)).join(' | ')} |`, `|${table.columns.map(() => ' --- ').join('|')}|`);
  for (const r of formatRows(table)) out.push(`| ${r.map(mdEscape).join(' | ')} |`);
  if (table.totalRows !== undefined && table.totalRows > table.rows.length) out.push('', `… ${table.totalRows - table.rows.length} more`);
  return out;
}
