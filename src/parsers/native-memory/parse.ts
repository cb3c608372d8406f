// Reference: HotSpot src/hotspot/share/services/memReporter.cpp (MemSummaryReporter::report and
// report_summary_of_type; MemSummaryDiffReporter for summary.diff: "reserved=<n><scale> +<delta><scale>")
// and nmtDCmd.cpp (`jcmd <pid> VM.native_memory summary [scale=KB|MB|GB]`; "Native memory tracking is not
// enabled" when the JVM was started without -XX:NativeMemoryTracking=summary|detail). Checked against
// real JDK 17 output (fixtures/native-memory/, made by its generate.sh). JDK 8 prints the same lines.
// Each category line sums what NMT tracks in that area; the Total line is their sum.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { NativeMemoryReport, NmtCategory } from './types.js';

const SCALE: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
const AMOUNT = '(\\d+)(B|KB|MB|GB)';
const DELTA = `(?:\\s+([+-]\\d+)(B|KB|MB|GB))?`;
const RESERVED_COMMITTED = new RegExp(`reserved=${AMOUNT}${DELTA},\\s*committed=${AMOUNT}${DELTA}`);
const TOTAL = /^Total:\s+reserved=/;
const RESERVED_ONLY = new RegExp(`reserved=${AMOUNT}${DELTA}(?:,\\s*c?o?m?m?i?t?t?e?d?=?\\d*\\w*)?\\s*$`);
const CATEGORY = /^-\s+(.+?)\s+\(reserved=/;
const MALLOC = new RegExp(`^\\(malloc=${AMOUNT}`);
const MALLOC_TOTAL = new RegExp(`^malloc:\\s+${AMOUNT}`);
const MMAP = new RegExp(`^\\(?mmap:\\s+reserved=${AMOUNT}${DELTA},\\s*committed=${AMOUNT}`);
const COUNT = /^\((?:classes|thread) #(\d+)/;
const DISABLED = /Native memory tracking is not enabled|NMT is not enabled|Native Memory Tracking is not enabled/i;

const bytes = (n: string | undefined, unit: string | undefined) => (n === undefined ? undefined : Number(n) * SCALE[unit ?? 'B']);

function amounts(text: string) {
  const m = RESERVED_COMMITTED.exec(text);
  if (!m) return undefined;
  const out: { reservedBytes: number; committedBytes: number; reservedDeltaBytes?: number; committedDeltaBytes?: number } = {
    reservedBytes: bytes(m[1], m[2])!,
    committedBytes: bytes(m[5], m[6])!,
  };
  if (m[3] !== undefined) out.reservedDeltaBytes = bytes(m[3], m[4]);
  if (m[7] !== undefined) out.committedDeltaBytes = bytes(m[7], m[8]);
  return out;
}

export const nativeMemoryParser: TextParserSpec<NativeMemoryReport | undefined> = {
  sniff(name, head) {
    const byName = /nmt|native[-_]?memory/i.test(name) ? 0.4 : 0;
    if (/^Native Memory Tracking:\s*$/m.test(head) && /^Total:\s+reserved=\d+[KMG]?B/m.test(head)) return 0.98;
    if (/^-\s+Java Heap \(reserved=\d+/m.test(head)) return 0.9;
    if (DISABLED.test(head) && head.length < 2000) return 0.6;
    return byName;
  },
  create(): LineParser<NativeMemoryReport | undefined> {
    const report: NativeMemoryReport = { diff: false, scale: 'KB', categories: [] };
    let current: NmtCategory | undefined;
    let inTotal = false;
    let seen = false;
    let disabled: string | undefined;
    return {
      line(raw, line) {
        const text = raw.trim();
        if (report.pid === undefined && /^\d+:$/.test(text)) report.pid = Number(text.slice(0, -1));
        if (DISABLED.test(text)) disabled ??= text;
        if (TOTAL.test(text)) {
          const a = amounts(text);
          if (!a) return;
          seen = true;
          report.total = { value: a, line, text: raw };
          report.diff = a.reservedDeltaBytes !== undefined || a.committedDeltaBytes !== undefined || /[+-]\d+[KMG]?B/.test(text);
          const unit = /reserved=\d+(B|KB|MB|GB)/.exec(text)![1] as NativeMemoryReport['scale'];
          report.scale = unit;
          inTotal = true;
          current = undefined;
          return;
        }
        const c = CATEGORY.exec(text);
        if (c) {
          let a = amounts(text);
          if (!a) {
            // A pasted report cut mid-line ("Thread (reserved=24002848KB +17255840KB, commi"): keep the reserved part.
            const r = RESERVED_ONLY.exec(text);
            if (!r) return;
            a = { reservedBytes: bytes(r[1], r[2])!, committedBytes: 0, ...(r[3] !== undefined ? { reservedDeltaBytes: bytes(r[3], r[4]) } : {}) };
            (a as { cut?: boolean }).cut = true;
          }
          seen = true;
          inTotal = false;
          current = { name: c[1], ...a, line, text: raw };
          if (/[+-]\d+(B|KB|MB|GB)/.test(text)) report.diff = true;
          report.categories.push(current);
          return;
        }
        if (inTotal && report.total) {
          const mt = MALLOC_TOTAL.exec(text);
          if (mt) report.total.value.mallocBytes = bytes(mt[1], mt[2]);
          const mm = MMAP.exec(text);
          if (mm) report.total.value.mmapCommittedBytes = bytes(mm[5], mm[6]);
          return;
        }
        if (!current) return;
        // Detail lines under a category: "(malloc=…)", "(mmap: reserved=…, committed=…)", "(classes #N)", "(thread #N)".
        const ml = MALLOC.exec(text);
        if (ml && current.mallocBytes === undefined) current.mallocBytes = bytes(ml[1], ml[2]);
        const mm = MMAP.exec(text);
        if (mm && current.mmapCommittedBytes === undefined) current.mmapCommittedBytes = bytes(mm[5], mm[6]);
        const n = COUNT.exec(text);
        if (n && current.count === undefined) {
          current.count = Number(n[1]);
          if (current.name === 'Class') report.classes = current.count;
          if (current.name === 'Thread') report.threads = current.count;
        }
      },
      finish() {
        if (!seen) {
          if (disabled) return { ...report, problem: `${disabled}: start the JVM with -XX:NativeMemoryTracking=summary to get this report` };
          return undefined;
        }
        return report;
      },
    };
  },
};

/** Committed bytes of a category by NMT's name (0 when NMT omitted it as too small). */
export function nmtCommitted(report: NativeMemoryReport, name: string): number {
  return report.categories.find((c) => c.name === name)?.committedBytes ?? 0;
}
