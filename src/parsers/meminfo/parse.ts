// Reference: proc_meminfo(5) and the kernel's fs/proc/meminfo.c (meminfo_proc_show): "Key:   <n> kB"
// per line, kB meaning KiB; HugePages_Total/Free/Rsvd/Surp are page counts without a unit. MemAvailable
// exists since Linux 3.14. A grep of some lines ("MemTotal: …") is accepted.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { MeminfoReport } from './types.js';

const LINE = /^(?:\/proc\/meminfo:)?([A-Za-z][A-Za-z0-9_()]*):\s+(\d+)(?:\s+kB)?\s*$/;
/** Keys only /proc/meminfo has (status and smaps have Rss/Swap but never these). */
const DISTINCTIVE = /^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapCached|Committed_AS|CommitLimit|Slab|SReclaimable|SUnreclaim|PageTables|VmallocTotal|HugePages_Total|DirectMap4k|Active\(anon\)|Inactive\(file\))$/;

const FIELDS: [string, keyof MeminfoReport][] = [
  ['MemTotal', 'totalBytes'], ['MemFree', 'freeBytes'], ['MemAvailable', 'availableBytes'], ['SwapTotal', 'swapTotalBytes'],
  ['SwapFree', 'swapFreeBytes'], ['Committed_AS', 'committedAsBytes'], ['CommitLimit', 'commitLimitBytes'],
];

export const meminfoParser: TextParserSpec<MeminfoReport | undefined> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 200).filter((l) => l.trim() !== '' && !/^[#$]|[#$]\s+\S/.test(l.slice(0, 40)));
    const byName = /meminfo/i.test(name) ? 0.45 : 0;
    if (lines.length === 0) return byName;
    const hits = lines.map((l) => LINE.exec(l)).filter((m) => m !== null);
    const distinctive = hits.filter((m) => DISTINCTIVE.test(m[1]));
    if (distinctive.length === 0) return byName;
    if (hits.some((m) => m[1] === 'MemTotal') && hits.length / lines.length >= 0.8) return 0.95;
    if (distinctive.length >= 2 && hits.length === lines.length) return 0.8;
    return Math.max(byName, 0.3);
  },
  create(): LineParser<MeminfoReport | undefined> {
    const report: MeminfoReport = { fields: {} };
    return {
      line(text, line) {
        const m = LINE.exec(text.trim());
        if (!m) return;
        const unitless = /^HugePages_/.test(m[1]);
        const value = Number(m[2]) * (unitless ? 1 : 1024);
        const src = { value, line, text };
        report.fields[m[1]] = src;
        const f = FIELDS.find(([k]) => k === m[1]);
        if (f) (report as unknown as Record<string, unknown>)[f[1]] = src;
      },
      finish() {
        return Object.keys(report.fields).some((k) => DISTINCTIVE.test(k)) ? report : undefined;
      },
    };
  },
};
