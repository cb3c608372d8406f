// Reference: procps-ng top (gitlab.com/procps-ng/procps, src/top/top.c; procps 3.2 top.c for the old
// screen). Batch mode (`top -b -n1`) prints the summary — "top - HH:MM:SS up …, N users, load average:",
// "Tasks:" ("Threads:" with -H), "%Cpu(s):", the memory lines — then a header row and one row per
// process (per thread with -H). Memory lines: procps-ng 3.3.10+ "KiB Mem : T total, F free, U used,
// B buff/cache" / "KiB Swap: … used. A avail Mem" (MiB/GiB… with -E or toggled, %.1f in the current
// locale); procps-ng ≤ 3.3.9 "KiB Mem: T total, U used, F free, B buffers" / "… free. C cached Mem";
// procps 3.2 "Mem:  32778416k total, …k buffers" / "Swap: …k cached". Row memory columns are KiB
// unless suffixed (m, g, t, p scaled by 1024 each; "15.4g").

import type { LineParser, TextParserSpec } from '../parser.js';
import type { TopReport, TopRow } from './types.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\(B|\x0f/g;
const HEADER = /^top - (\S+)\s+up\s+(.*?),\s+(?:(\d+)\s+users?,\s+)?load average:\s*(.*?)\s*$/;
const TASKS = /^(Tasks|Threads):\s*(.*)$/;
const CPU = /^%?Cpu\(s\):?\s*(.*)$/;
const MEM = /^(?:([KMGTPE])iB\s+)?(Mem|Swap)\s*:\s*(.*)$/;
const MEM_PAIR = /(\d+(?:[.,]\d+)?)(k?)\+?\s+(total|free|used|buff\/cache|buffers|avail Mem|cached Mem|cached)/g;
const UNIT: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5, E: 1024 ** 6 };
const ROW_MEM = /^(\d+(?:[.,]\d+)?)([kmgtpe]?)$/i;

function num(text: string): number {
  return Number(text.replace(',', '.'));
}

/** "15.4g" → bytes; plain numbers are KiB (top's default memory scaling). */
function rowBytes(cell: string | undefined): number {
  const m = cell === undefined ? null : ROW_MEM.exec(cell);
  if (!m) return NaN;
  const suffix = m[2].toUpperCase();
  return Math.round(num(m[1]) * (suffix === '' ? 1024 : UNIT[suffix]));
}

interface Screen {
  report: TopReport;
  columns?: string[];
}

function newScreen(): Screen {
  return { report: { mode: 'processes', rows: [] } };
}

export const topParser: TextParserSpec<TopReport> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 60).map((l) => l.replace(ANSI, ''));
    const byName = /(^|[^a-z])top([^a-z]|$)/i.test(name) ? 0.4 : 0;
    const header = lines.some((l) => HEADER.test(l));
    const tasks = lines.some((l) => /^(Tasks|Threads):\s*\d+ total/.test(l));
    const mem = lines.some((l) => { const m = MEM.exec(l); return m !== null && m[2] === 'Mem' && /\btotal\b/.test(m[3]); });
    if (header && (tasks || mem)) return 0.95;
    if (tasks && mem) return 0.9;
    return byName;
  },
  create(): LineParser<TopReport> {
    let screen = newScreen();
    let iterations = 0;
    return {
      line(raw, line) {
        const text = raw.replace(ANSI, '');
        const r = screen.report;
        const h = HEADER.exec(text);
        if (h) {
          iterations++;
          // `top -n N`: a new screen replaces the previous one (its %CPU covers a real interval).
          if (r.header || r.rows.length > 0) screen = newScreen();
          screen.report.header = {
            value: { time: h[1], uptime: h[2].trim(), loadAverage: h[4].split(/,\s+/).map(num) },
            line,
            text: raw,
          };
          return;
        }
        const t = TASKS.exec(text);
        if (t) {
          const counts: Record<string, number> = {};
          for (const m of t[2].matchAll(/(\d+)\s+(total|running|sleeping|stopped|zombie)/g)) counts[m[2]] = Number(m[1]);
          r.mode = t[1] === 'Threads' ? 'threads' : 'processes';
          r.tasks = {
            value: { total: counts.total ?? NaN, running: counts.running ?? NaN, sleeping: counts.sleeping ?? NaN, stopped: counts.stopped ?? NaN, zombie: counts.zombie ?? NaN },
            line,
            text: raw,
          };
          return;
        }
        const c = CPU.exec(text);
        if (c) {
          const cpu: Record<string, number> = {};
          for (const m of c[1].matchAll(/(\d+(?:[.,]\d+)?)\s*%?\s*(us|sy|ni|id|wa|hi|si|st)\b/g)) cpu[m[2]] = num(m[1]);
          r.cpu = { value: cpu, line, text: raw };
          return;
        }
        const m = MEM.exec(text);
        if (m && /\btotal\b/.test(m[3])) {
          const factor = m[1] ? UNIT[m[1]] : 1024;
          const v: Record<string, number> = {};
          for (const p of m[3].matchAll(MEM_PAIR)) v[p[3]] = Math.round(num(p[1]) * factor);
          if (m[2] === 'Mem') {
            const mem: NonNullable<TopReport['mem']>['value'] = { total: v.total, free: v.free, used: v.used, buffCache: v['buff/cache'] ?? v.buffers };
            if (v.buffers !== undefined) mem.buffers = v.buffers;
            r.mem = { value: mem, line, text: raw };
          } else {
            const swap: NonNullable<TopReport['swap']>['value'] = { total: v.total, free: v.free, used: v.used };
            if (v['avail Mem'] !== undefined) swap.availMem = v['avail Mem'];
            r.swap = { value: swap, line, text: raw };
            // Old top prints the page cache on the Swap line; it belongs to memory.
            const cached = v['cached Mem'] ?? v.cached;
            if (cached !== undefined && r.mem) {
              r.mem.value.cached = cached;
              r.mem.value.buffCache = (r.mem.value.buffers ?? 0) + cached;
            }
          }
          return;
        }
        const cells = text.trim().split(/\s+/);
        if (cells[0] === 'PID' && cells.length >= 3) {
          screen.columns = cells;
          return;
        }
        const columns = screen.columns;
        if (!columns || !/^\d+$/.test(cells[0])) return;
        const commandAt = columns.indexOf('COMMAND');
        const at = (name: string): string | undefined => {
          const i = columns.indexOf(name);
          return i >= 0 && i < cells.length ? cells[i] : undefined;
        };
        const command = commandAt === columns.length - 1 ? cells.slice(commandAt).join(' ') : (at('COMMAND') ?? '');
        const row: TopRow = {
          pid: Number(cells[0]),
          user: at('USER') ?? '',
          virtBytes: rowBytes(at('VIRT')),
          resBytes: rowBytes(at('RES')),
          shrBytes: rowBytes(at('SHR')),
          state: at('S') ?? '',
          cpuPercent: at('%CPU') !== undefined ? num(at('%CPU')!) : NaN,
          memPercent: at('%MEM') !== undefined ? num(at('%MEM')!) : NaN,
          time: at('TIME+') ?? at('TIME') ?? '',
          command,
          line,
          text: raw,
        };
        r.rows.push(row);
      },
      finish() {
        const r = screen.report;
        if (iterations > 1) r.iterations = iterations;
        if (!r.header && !r.mem && r.rows.length === 0) r.problem = 'no top summary ("top - … load average", "Tasks:", "KiB Mem :") or process rows found';
        return r;
      },
    };
  },
};

/** The rows of one process (process view) — convenience for rules that follow a PID from `top` to `top -H`. */
export function topRowFor(report: TopReport, pid: number): TopRow | undefined {
  return report.rows.find((r) => r.pid === pid);
}

