// Reference: procps-ng free.c (gitlab.com/procps-ng/procps, src/free.c) and procps 3.2 free.c.
// New layout (procps-ng 3.3.10+): "total used free shared buff/cache available" (-w splits buff/cache
// into "buffers cache"); old layout (procps 3.2, procps-ng ≤ 3.3.9): "total used free shared buffers
// cached" plus a "-/+ buffers/cache:" line. Amounts are KiB by default, -b/-m/-g scale them, -h
// prints rounded values with a unit suffix ("31G" in 3.3.x, "31Gi" since 3.3.12, "0B"), formatted
// with %.1f in the current locale (so "7,4G" under a decimal-comma LC_NUMERIC). -t adds "Total:".

import type { LineParser, TextParserSpec, Sourced } from '../parser.js';
import type { FreeReport, FreeRow } from './types.js';
import { parseBytes } from '../../util/bytes.js';

type Unit = FreeReport['unit'];
const FACTOR: Record<Exclude<Unit, 'h'>, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

const HEADER_WORDS = new Set(['total', 'used', 'free', 'shared', 'buff/cache', 'buffers', 'cache', 'cached', 'available']);
const ROW = /^\s*(Mem|Swap|Total|Low|High):\s+(.*)$/;
const BUFFERS_CACHE = /^\s*-\/\+\s*buffers\/cache:\s+(\S+)\s+(\S+)/;
const PLAIN = /^\d+$/;
const HUMAN = /^\d+(?:[.,]\d+)?[KMGTPE]?i?B?$/i;
/** `free -m`, `free -h -w`, `free --mega` in a pasted prompt. */
const COMMAND = /(?:^|[#$>]\s*)free((?:\s+-{1,2}[A-Za-z]+)*)\s*$/;
const LONG_UNIT: Record<string, Exclude<Unit, 'h'> | 'h'> = {
  bytes: 'b', kilo: 'k', kibi: 'k', mega: 'm', mebi: 'm', giga: 'g', gibi: 'g', human: 'h',
};

function isHeader(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 3 && words.every((w) => HEADER_WORDS.has(w)) && words[0] === 'total' && words.includes('used');
}

/** The unit a `free` command line asks for, from its flags; undefined when it does not say. */
function unitFromFlags(flags: string): Unit | undefined {
  let unit: Unit | undefined;
  for (const flag of flags.trim().split(/\s+/)) {
    if (flag.startsWith('--')) {
      const u = LONG_UNIT[flag.slice(2)];
      if (u) unit = u;
    } else {
      for (const c of flag.slice(1)) if ('bkmgh'.includes(c)) unit = c as Unit;
    }
  }
  return unit;
}

/**
 * Plain numbers without a stated unit: guess from the size of the Mem total. Real machines have
 * 256 MB … 4 TB, so ≤ 1100 reads as GiB (-g), < 600 000 as MiB (-m), < 5·10⁹ as KiB (the default),
 * anything larger as bytes (-b). The report says the unit was guessed.
 */
function guessUnit(memTotal: number): Exclude<Unit, 'h'> {
  if (memTotal <= 1100) return 'g';
  if (memTotal < 600_000) return 'm';
  if (memTotal < 5e9) return 'k';
  return 'b';
}

/** "31G", "7.4G", "35M", "0B", "23Gi", "8.6Mi", "7,4G" → bytes (binary multiples, as procps means them). */
function humanBytes(cell: string): number {
  return parseBytes(/i$/i.test(cell) ? `${cell}B` : cell) ?? NaN;
}

interface RawRow { label: string; cells: string[]; line: number; text: string }

export const freeParser: TextParserSpec<FreeReport> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 100);
    const byName = /(^|[^a-z])free([^a-z]|$)/i.test(name) ? 0.4 : 0;
    const h = lines.findIndex(isHeader);
    if (h < 0) return byName;
    const mem = lines.slice(h + 1, h + 3).some((l) => {
      const m = ROW.exec(l);
      return m !== null && m[1] === 'Mem' && m[2].trim().split(/\s+/).every((c) => PLAIN.test(c) || HUMAN.test(c));
    });
    return mem ? 0.95 : Math.max(byName, 0.3);
  },
  create(): LineParser<FreeReport> {
    let columns: string[] | undefined;
    let rows: RawRow[] = [];
    let buffersCache: RawRow | undefined;
    let samples = 0;
    let commandUnit: Unit | undefined;
    return {
      line(text, line) {
        if (isHeader(text)) {
          columns = text.trim().split(/\s+/);
          // A new header after a Mem: row starts the next block of `free -s`: keep only the latest.
          if (rows.some((r) => r.label === 'Mem')) {
            rows = [];
            buffersCache = undefined;
          }
          return;
        }
        const bc = BUFFERS_CACHE.exec(text);
        if (bc && columns) {
          buffersCache = { label: '-/+', cells: [bc[1], bc[2]], line, text };
          return;
        }
        const m = ROW.exec(text);
        if (m && columns) {
          const cells = m[2].trim().split(/\s+/);
          if (!cells.every((c) => PLAIN.test(c) || HUMAN.test(c))) return;
          if (m[1] === 'Mem') samples++;
          rows.push({ label: m[1], cells, line, text });
          return;
        }
        const c = COMMAND.exec(text);
        if (c) commandUnit = unitFromFlags(c[1]) ?? (c[1].trim() === '' ? 'k' : commandUnit);
      },
      finish() {
        const mem = rows.find((r) => r.label === 'Mem');
        if (!columns || !mem) {
          return { unit: 'k', problem: columns ? 'a free header but no Mem: row' : 'no free header line (total used free …) found' };
        }
        const human = rows.some((r) => r.cells.some((c) => !PLAIN.test(c)));
        let unit: Unit;
        let unitGuessed = false;
        if (human) unit = 'h';
        else if (commandUnit && commandUnit !== 'h') unit = commandUnit;
        else {
          unit = guessUnit(Number(mem.cells[0]));
          unitGuessed = true;
        }
        const toBytes = (cell: string): number =>
          unit === 'h' ? humanBytes(cell) : Number(cell) * FACTOR[unit as Exclude<Unit, 'h'>];
        const cols = columns;
        const toRow = (r: RawRow): Sourced<FreeRow> => {
          const v = (name: string): number | undefined => {
            const i = cols.indexOf(name);
            return i >= 0 && i < r.cells.length ? toBytes(r.cells[i]) : undefined;
          };
          const row: FreeRow = { total: toBytes(r.cells[0]), used: toBytes(r.cells[1]), free: toBytes(r.cells[2]) };
          const shared = v('shared');
          const buffers = v('buffers');
          const cached = v('cached') ?? v('cache');
          const buffCache = v('buff/cache') ?? (buffers !== undefined && cached !== undefined ? buffers + cached : undefined);
          const available = v('available');
          if (shared !== undefined) row.shared = shared;
          if (buffCache !== undefined) row.buffCache = buffCache;
          if (buffers !== undefined) row.buffers = buffers;
          if (cached !== undefined) row.cached = cached;
          if (available !== undefined) row.available = available;
          return { value: row, line: r.line, text: r.text };
        };
        const report: FreeReport = { unit, mem: toRow(mem) };
        const swap = rows.find((r) => r.label === 'Swap');
        if (swap) report.swap = toRow(swap);
        const total = rows.find((r) => r.label === 'Total');
        if (total) report.total = toRow(total);
        if (buffersCache) {
          report.buffersCache = {
            value: { used: toBytes(buffersCache.cells[0]), free: toBytes(buffersCache.cells[1]) },
            line: buffersCache.line,
            text: buffersCache.text,
          };
        }
        if (unitGuessed) report.unitGuessed = true;
        if (samples > 1) report.samples = samples;
        return report;
      },
    };
  },
};
