// Reference: proc_pid_smaps_rollup(5) and the kernel's fs/proc/task_mmu.c (show_smaps_rollup, Linux
// 4.14+): a "[rollup]" header line (address range of all mappings) then "Key: <n> kB" lines — the same
// keys as /proc/PID/smaps summed over every mapping. Rss here equals VmRSS of /proc/PID/status (both
// count resident pages); Pss splits shared pages between the processes that share them.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { SmapsRollupReport } from './types.js';

const LINE = /^(?:\/proc\/(?:\d+|self)\/smaps_rollup:)?([A-Za-z_]+):\s+(\d+) kB\s*$/;
const HEADER = /^[0-9a-f]+-[0-9a-f]+\s+[-r][-w][-x][-sp]\s+[0-9a-f]+\s+[0-9a-f]+:[0-9a-f]+\s+\d+\s+\[rollup\]\s*$/;
const PID = /\/proc\/(\d+)\/smaps_rollup/;
/** Keys of smaps (not status, not meminfo). */
const SMAPS_KEYS = /^(Pss|Pss_Anon|Pss_File|Pss_Dirty|Pss_Shmem|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Referenced|LazyFree|SwapPss|ShmemPmdMapped|FilePmdMapped)$/;

const FIELDS: [string, keyof SmapsRollupReport][] = [
  ['Rss', 'rssBytes'], ['Pss', 'pssBytes'], ['Anonymous', 'anonymousBytes'], ['Private_Dirty', 'privateDirtyBytes'], ['Swap', 'swapBytes'],
];

export const smapsRollupParser: TextParserSpec<SmapsRollupReport | undefined> = {
  sniff(name, head) {
    const byName = /smaps/i.test(name) ? 0.45 : 0;
    const lines = head.split(/\r?\n/, 100).filter((l) => l.trim() !== '');
    if (lines.some((l) => HEADER.test(l.trim()))) return 0.98;
    const hits = lines.map((l) => LINE.exec(l.trim())).filter((m) => m !== null);
    const smaps = hits.filter((m) => SMAPS_KEYS.test(m[1]));
    if (smaps.length >= 3 && hits.some((m) => m[1] === 'Rss')) return 0.9;
    return byName;
  },
  create(): LineParser<SmapsRollupReport | undefined> {
    const report: SmapsRollupReport = { fields: {} };
    return {
      line(text, line) {
        const p = PID.exec(text);
        if (p && report.pid === undefined) report.pid = Number(p[1]);
        const m = LINE.exec(text.trim());
        if (!m) return;
        const src = { value: Number(m[2]) * 1024, line, text };
        report.fields[m[1]] = src;
        const f = FIELDS.find(([k]) => k === m[1]);
        if (f) (report as unknown as Record<string, unknown>)[f[1]] = src;
      },
      finish() {
        return report.rssBytes ? report : undefined;
      },
    };
  },
};
