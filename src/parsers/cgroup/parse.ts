// Reference: the kernel's Documentation/admin-guide/cgroup-v2.rst ("Memory Interface Files": memory.max
// and memory.high hold a byte count or "max"; memory.current; memory.peak; memory.events with low, high,
// max, oom, oom_kill, oom_group_kill; memory.stat with anon, file, kernel_stack, …) and
// Documentation/admin-guide/cgroup-v1/memory.rst (memory.limit_in_bytes, memory.usage_in_bytes,
// memory.max_usage_in_bytes, memory.failcnt, memory.stat with cache, rss, … and hierarchical_memory_limit,
// memory.oom_control with oom_kill_disable, under_oom and — since Linux 4.13 — oom_kill). v1 prints
// "no limit" as the page counter's maximum rounded to pages (9223372036854771712 on x86-64).
// A file holding one number means nothing without its name, so the parser takes the file name (or the
// `cat …` command of a transcript) as a hint; `grep . memory.*` prefixes and `head` "==> f <==" headers
// name each file themselves. The JVM reads the same files (HotSpot os/linux/cgroupV1Subsystem_linux.cpp,
// cgroupV2Subsystem_linux.cpp) to size its heap in a container.

import type { LineParser, ParseHint, TextParserSpec } from '../parser.js';
import type { CgroupReport } from './types.js';

/** Single-value files → the report field they fill. */
const SINGLE: Record<string, { field: 'limitBytes' | 'highBytes' | 'swapLimitBytes' | 'usageBytes' | 'peakBytes' | 'failcnt'; version: 1 | 2 }> = {
  'memory.max': { field: 'limitBytes', version: 2 },
  'memory.high': { field: 'highBytes', version: 2 },
  'memory.swap.max': { field: 'swapLimitBytes', version: 2 },
  'memory.current': { field: 'usageBytes', version: 2 },
  'memory.peak': { field: 'peakBytes', version: 2 },
  'memory.limit_in_bytes': { field: 'limitBytes', version: 1 },
  'memory.memsw.limit_in_bytes': { field: 'swapLimitBytes', version: 1 },
  'memory.usage_in_bytes': { field: 'usageBytes', version: 1 },
  'memory.max_usage_in_bytes': { field: 'peakBytes', version: 1 },
  'memory.failcnt': { field: 'failcnt', version: 1 },
};
const MULTI = new Set(['memory.stat', 'memory.events', 'memory.events.local', 'memory.oom_control']);
const FILE_NAME = /(?:^|[\\/\s])(memory\.[a-z_.]+?)(?=$|[\s:'"])/g;

/** v1 stores "unlimited" as PAGE_COUNTER_MAX × page size; anything this large is no limit. */
const UNLIMITED_FROM = 2 ** 60;

const EVENT_KEYS = new Set(['low', 'high', 'max', 'oom', 'oom_kill', 'oom_group_kill']);
const OOM_CONTROL_KEYS = new Set(['oom_kill_disable', 'under_oom', 'oom_kill']);
const V1_STAT = /^(cache|rss|rss_huge|mapped_file|hierarchical_memory_limit|hierarchical_memsw_limit|total_cache|total_rss|pgpgin|pgpgout)$/;
const V2_STAT = /^(anon|file|kernel_stack|kernel|pagetables|sock|slab|slab_reclaimable|file_mapped|file_dirty|anon_thp|workingset_refault_anon|pgscan|pgsteal)$/;
const KEY_VALUE = /^([a-z_]+)\s+(\d+)$/;
const VALUE = /^(\d+|max)$/;
const HEAD_HEADER = /^==> (.+) <==$/;
const GREP_LINE = /^(\S*?(memory\.[a-z_.]+)):(.*)$/;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Cgroup file names a command line or a file name mentions, in order. */
function namesIn(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(FILE_NAME)].map((m) => m[1]).filter((n) => n in SINGLE || MULTI.has(n));
}

function classifyKeys(keys: string[]): 'events' | 'oom_control' | 'stat' | undefined {
  if (keys.length === 0) return undefined;
  if (keys.some((k) => k === 'oom_kill_disable' || k === 'under_oom')) return 'oom_control';
  if (keys.every((k) => EVENT_KEYS.has(k)) && keys.some((k) => k === 'oom' || k === 'oom_kill' || k === 'max')) return 'events';
  if (keys.some((k) => V1_STAT.test(k) || V2_STAT.test(k))) return 'stat';
  return undefined;
}

export const cgroupParser: TextParserSpec<CgroupReport | undefined> = {
  sniff(name, head) {
    const lines = head.split(/\r?\n/, 300).map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length === 0) return 0;
    const base = baseName(name);
    if (base in SINGLE) return lines.length <= 2 && VALUE.test(lines[0]) ? 0.95 : 0;
    if (lines.some((l) => HEAD_HEADER.test(l) && namesIn(l).length > 0)) return 0.95;
    if (lines.filter((l) => GREP_LINE.test(l) && namesIn(GREP_LINE.exec(l)![1]).length > 0).length >= Math.max(1, lines.length * 0.8)) return 0.95;
    const kv = lines.map((l) => KEY_VALUE.exec(l)).filter((m) => m !== null);
    if (kv.length < lines.length * 0.9) return 0;
    const kind = classifyKeys(kv.map((m) => m[1]));
    if (!kind) return 0;
    if (MULTI.has(base)) return 0.95;
    if (kind === 'stat') return kv.length >= 5 ? 0.85 : 0.4;
    return kv.length >= 3 ? 0.85 : 0.4;
  },
  create(hint?: ParseHint): LineParser<CgroupReport | undefined> {
    const report: CgroupReport = { stat: {}, events: {}, files: [] };
    // Files named by the hint that hold one value, in the order their values will appear.
    let pending = [...namesIn(hint?.command), ...namesIn(hint?.name ? ` ${baseName(hint.name)}` : undefined)].filter((n) => n in SINGLE);
    let current: string | undefined;
    const seen = (file: string, version?: 1 | 2) => {
      if (!report.files.includes(file)) report.files.push(file);
      if (version && report.version === undefined) report.version = version;
    };

    const single = (file: string, value: string, line: number, text: string) => {
      const spec = SINGLE[file];
      if (!spec || !VALUE.test(value)) return false;
      seen(file, spec.version);
      const n = value === 'max' ? null : Number(value);
      const limitLike = spec.field === 'limitBytes' || spec.field === 'highBytes' || spec.field === 'swapLimitBytes';
      const v = limitLike && n !== null && n >= UNLIMITED_FROM ? null : n;
      if (limitLike) report[spec.field as 'limitBytes'] = { value: v, line, text };
      else if (v !== null) report[spec.field as 'usageBytes'] = { value: v, line, text };
      return true;
    };

    const keyValue = (file: string | undefined, key: string, value: number, line: number, text: string) => {
      const kind = file === 'memory.oom_control' ? 'oom_control' : file === 'memory.events' || file === 'memory.events.local' ? 'events' : file === 'memory.stat' ? 'stat' : classifyKeys([key]) ?? (EVENT_KEYS.has(key) || OOM_CONTROL_KEYS.has(key) ? 'events' : 'stat');
      const src = { value, line, text };
      if (kind === 'stat') {
        seen(file ?? 'memory.stat');
        report.stat[key] = src;
        if (V1_STAT.test(key)) report.version ??= 1;
        else if (V2_STAT.test(key)) report.version ??= 2;
        if (key === 'hierarchical_memory_limit' && !report.limitBytes) report.limitBytes = { value: value >= UNLIMITED_FROM ? null : value, line, text };
      } else {
        seen(file ?? (kind === 'oom_control' ? 'memory.oom_control' : 'memory.events'), kind === 'oom_control' ? 1 : kind === 'events' ? 2 : undefined);
        report.events[key] = src;
      }
    };

    return {
      line(raw, line) {
        const text = raw.trim();
        if (text === '') return;
        const h = HEAD_HEADER.exec(text);
        if (h) {
          current = baseName(h[1]);
          return;
        }
        const g = GREP_LINE.exec(text);
        if (g) {
          const file = g[2];
          const rest = g[3].trim();
          if (file in SINGLE) single(file, rest, line, raw);
          else if (MULTI.has(file)) {
            const kv = KEY_VALUE.exec(rest);
            if (kv) keyValue(file, kv[1], Number(kv[2]), line, raw);
          }
          return;
        }
        if (VALUE.test(text)) {
          if (current && current in SINGLE) single(current, text, line, raw);
          else {
            const next = pending.shift();
            if (next) single(next, text, line, raw);
          }
          return;
        }
        const kv = KEY_VALUE.exec(text);
        if (kv) keyValue(current && MULTI.has(current) ? current : hint?.name && MULTI.has(baseName(hint.name)) ? baseName(hint.name) : undefined, kv[1], Number(kv[2]), line, raw);
      },
      finish() {
        pending = [];
        return report.files.length > 0 ? report : undefined;
      },
    };
  },
};

/** Times the kernel's OOM killer ended a process in this cgroup (memory.events / memory.oom_control oom_kill). */
export function oomKills(report: CgroupReport): number | undefined {
  return report.events.oom_kill?.value;
}
