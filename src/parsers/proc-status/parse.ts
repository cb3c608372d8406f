// Reference: proc(5) / proc_pid_status(5) and the kernel's fs/proc/array.c + fs/proc/task_mmu.c
// (task_mem): one "Key:\tvalue" per line; sizes are printed as "<n> kB" where kB means KiB (1024).
// A user often pastes only a grep of it ("Threads:        363", or "/proc/30164/status:Threads: 363"
// from `grep Threads /proc/*/status`), so any subset is accepted.

import type { LineParser, TextParserSpec, Sourced } from '../parser.js';
import type { ProcStatusReport } from './types.js';

const FIELD = /^([A-Za-z_][A-Za-z0-9_]*):[ \t]*(.*?)\s*$/;
const GREP_PREFIX = /^\/proc\/(\d+|self)\/(?:task\/\d+\/)?status:/;
const PROMPT_PATH = /\/proc\/(\d+)\/status\b/;
const KB = /^(\d+)\s*kB$/;

/** Keys the kernel prints in /proc/PID/status (Linux 2.6 … 6.x). */
const KNOWN = new Set([
  'Name', 'Umask', 'State', 'Tgid', 'Ngid', 'Pid', 'PPid', 'TracerPid', 'Uid', 'Gid', 'FDSize', 'Groups',
  'NStgid', 'NSpid', 'NSpgid', 'NSsid', 'Kthread', 'VmPeak', 'VmSize', 'VmLck', 'VmPin', 'VmHWM', 'VmRSS',
  'RssAnon', 'RssFile', 'RssShmem', 'VmData', 'VmStk', 'VmExe', 'VmLib', 'VmPTE', 'VmPMD', 'VmSwap',
  'HugetlbPages', 'CoreDumping', 'THP_enabled', 'untag_mask', 'Threads', 'SigQ', 'SigPnd', 'ShdPnd',
  'SigBlk', 'SigIgn', 'SigCgt', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp',
  'Seccomp_filters', 'Speculation_Store_Bypass', 'SpeculationIndirectBranch', 'Cpus_allowed',
  'Cpus_allowed_list', 'Mems_allowed', 'Mems_allowed_list', 'voluntary_ctxt_switches',
  'nonvoluntary_ctxt_switches', 'x86_Thread_features', 'x86_Thread_features_locked', 'Mems_allowed_list',
]);
/** Keys too generic to identify the file on their own (YAML and e-mail headers have them too). */
const GENERIC = new Set(['Name', 'State', 'Uid', 'Gid', 'Groups', 'Umask']);

const BYTES_FIELDS: [string, keyof ProcStatusReport][] = [
  ['VmRSS', 'vmRssBytes'], ['VmHWM', 'vmHwmBytes'], ['VmSize', 'vmSizeBytes'], ['VmPeak', 'vmPeakBytes'],
  ['VmSwap', 'vmSwapBytes'], ['RssAnon', 'rssAnonBytes'], ['RssFile', 'rssFileBytes'], ['RssShmem', 'rssShmemBytes'],
  ['VmData', 'vmDataBytes'],
];

function known(line: string): { key: string; value: string } | undefined {
  const m = FIELD.exec(line.replace(GREP_PREFIX, ''));
  return m && KNOWN.has(m[1]) ? { key: m[1], value: m[2] } : undefined;
}

export const procStatusParser: TextParserSpec<ProcStatusReport> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 200).filter((l) => l.trim() !== '');
    const byName = /status/i.test(name) ? 0.4 : 0;
    if (lines.length === 0) return byName;
    // Pasted prompts ("# cat /proc/30164/status | grep Threads") are not status lines but do not count against it.
    const body = lines.filter((l) => !/[#$]\s*\S/.test(l.slice(0, 40)) || known(l));
    const hits = body.map(known).filter((k) => k !== undefined);
    const distinctive = hits.filter((k) => !GENERIC.has(k.key));
    if (distinctive.length === 0) return byName;
    const share = hits.length / Math.max(1, body.length);
    if (hits.length >= 5 && share >= 0.6) return 0.95;
    // A grep excerpt: every line is a status field, at least one of them unmistakable.
    if (share === 1 && distinctive.every((k) => /^\d+(\s*kB)?$/.test(k.value))) return 0.85;
    return byName;
  },
  create(): LineParser<ProcStatusReport> {
    const report: ProcStatusReport = { fields: {} };
    let pidFromPath: Sourced<number> | undefined;
    return {
      line(text, line) {
        const grep = GREP_PREFIX.exec(text);
        if (grep && grep[1] !== 'self' && !pidFromPath) pidFromPath = { value: Number(grep[1]), line, text };
        const f = known(text);
        if (!f) {
          const p = PROMPT_PATH.exec(text);
          if (p && !pidFromPath) pidFromPath = { value: Number(p[1]), line, text };
          return;
        }
        const src = <T>(value: T): Sourced<T> => ({ value, line, text });
        report.fields[f.key] = src(f.value);
        const kb = KB.exec(f.value);
        for (const [key, field] of BYTES_FIELDS) {
          if (key === f.key && kb) (report[field] as Sourced<number>) = src(Number(kb[1]) * 1024);
        }
        if (f.key === 'Name') report.name = src(f.value);
        else if (f.key === 'Pid' && /^\d+$/.test(f.value)) report.pid = src(Number(f.value));
        else if (f.key === 'PPid' && /^\d+$/.test(f.value)) report.ppid = src(Number(f.value));
        else if (f.key === 'Threads' && /^\d+$/.test(f.value)) report.threads = src(Number(f.value));
        else if (f.key === 'State') report.state = src(f.value.split(/\s/)[0]);
      },
      finish() {
        // A grep excerpt has no Pid: line; the path in the pasted command or grep prefix names it.
        if (!report.pid && pidFromPath) report.pid = pidFromPath;
        if (Object.keys(report.fields).length === 0) report.problem = 'no /proc/PID/status fields (Name:, VmRSS:, Threads: …) found';
        return report;
      },
    };
  },
};
