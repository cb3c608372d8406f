// The memory budget: where a JVM's resident memory goes. Each row says what it is, how big, and where
// the number came from; the remainder of the observed RSS that no row explains is native memory the
// JVM does not account for (JNI/JavaCPP mallocs, direct buffers without a cap, allocator arenas).

import type { Facts } from './facts.js';
import type { EvidenceRef } from '../model/finding.js';
import { DEFAULT_CODE_CACHE_BYTES } from '../knowledge/defaults.js';
import { ref, threadStackReserve } from './facts.js';
import { KB } from '../util/bytes.js';

export interface BudgetRow {
  area: string;
  bytes: number;
  /** How the number was obtained: "jstat NGC+OGC", "363 threads × 1 MB (-Xss default)". */
  basis: string;
  /** true when the figure is a ceiling (reserved) rather than what is resident. */
  upperBound?: boolean;
  ref?: EvidenceRef;
}

export interface MemoryBudget {
  /** 'nmt': rows are Native Memory Tracking's committed categories (authoritative); 'estimate': from jstat, flags and defaults. */
  source: 'nmt' | 'estimate';
  rows: BudgetRow[];
  accountedBytes: number;
  rssBytes?: number;
  rssRef?: EvidenceRef;
  /** RSS − accounted, when RSS is known. */
  unexplainedBytes?: number;
  heapMaxBytes?: number;
  /** NMT's total committed, when the budget is NMT's. */
  nmtCommittedBytes?: number;
}

/** NMT categories below this share of the total are folded into one "other" row. */
const NMT_FOLD_SHARE = 0.01;

/**
 * The budget as Native Memory Tracking reports it: every category's committed memory (what the JVM
 * asked the OS for; the resident part is at most that), summed by NMT itself in its Total line.
 * What RSS holds beyond it was allocated outside the JVM's knowledge: JNI libraries, JavaCPP, glibc
 * malloc arenas' slack.
 */
function nmtBudget(facts: Facts): MemoryBudget {
  const { report, file } = facts.nmt!;
  const total = report.total!.value.committedBytes;
  const rows: BudgetRow[] = [];
  const small: string[] = [];
  let smallBytes = 0;
  for (const c of [...report.categories].sort((a, b) => b.committedBytes - a.committedBytes)) {
    if (c.committedBytes < total * NMT_FOLD_SHARE) {
      small.push(c.name);
      smallBytes += c.committedBytes;
      continue;
    }
    const detail = c.name === 'Thread' && c.count !== undefined ? `, ${c.count} threads` : c.name === 'Class' && c.count !== undefined ? `, ${c.count} classes` : '';
    rows.push({ area: `${c.name} (NMT)`, bytes: c.committedBytes, basis: `NMT committed${detail}`, ref: ref(file, c.line, c.text.trim()) });
  }
  if (small.length) rows.push({ area: `Other NMT categories (${small.length})`, bytes: smallBytes, basis: small.join(', ') });
  const budget: MemoryBudget = { source: 'nmt', rows, accountedBytes: total, nmtCommittedBytes: total, heapMaxBytes: facts.heapMaxBytes?.value ?? facts.defaultHeap?.bytes };
  const heap = report.categories.find((c) => c.name === 'Java Heap');
  if (heap && budget.heapMaxBytes === undefined) budget.heapMaxBytes = heap.reservedBytes;
  if (facts.javaRss) {
    budget.rssBytes = facts.javaRss.value;
    budget.rssRef = facts.javaRss.ref;
    budget.unexplainedBytes = facts.javaRss.value - total;
  }
  return budget;
}

/**
 * The most the JVM may grow to by its own settings: heap max, metaspace (its cap, else what is committed),
 * thread stacks, code cache, and the direct-memory cap when one is set. Compared with the container limit
 * it says whether the configuration itself invites an OOM kill.
 */
export interface BudgetCeiling {
  bytes: number;
  parts: { area: string; bytes: number; basis: string }[];
}

export function budgetCeiling(facts: Facts, budget: MemoryBudget | undefined): BudgetCeiling | undefined {
  const heap = facts.heapMaxBytes?.value ?? budget?.heapMaxBytes ?? facts.defaultHeap?.bytes;
  if (heap === undefined) return undefined;
  const parts: BudgetCeiling['parts'] = [];
  parts.push({ area: 'heap max', bytes: heap, basis: facts.heapMaxBytes ? '-Xmx' : budget?.heapMaxBytes !== undefined && !facts.defaultHeap ? 'jstat NGCMX + OGCMX' : facts.defaultHeap?.basis ?? 'heap max' });
  const meta = metaspaceCommitted(facts)?.bytes;
  if (facts.maxMetaspaceBytes) parts.push({ area: 'metaspace cap', bytes: facts.maxMetaspaceBytes.value, basis: '-XX:MaxMetaspaceSize' });
  else if (meta !== undefined) parts.push({ area: 'metaspace (committed, uncapped)', bytes: meta, basis: 'no MaxMetaspaceSize: it can grow further' });
  if (facts.threads) {
    const stack = threadStackReserve(facts).bytes;
    parts.push({ area: 'thread stacks', bytes: facts.threads.value * stack, basis: `${facts.threads.value} × ${stack / 1024} KB` });
  }
  parts.push({ area: 'code cache', bytes: facts.codeCacheBytes?.value ?? DEFAULT_CODE_CACHE_BYTES, basis: facts.codeCacheBytes ? '-XX:ReservedCodeCacheSize' : 'default 240 MB' });
  if (facts.maxDirectMemoryBytes) parts.push({ area: 'direct buffers cap', bytes: facts.maxDirectMemoryBytes.value, basis: '-XX:MaxDirectMemorySize' });
  return { bytes: parts.reduce((s, p) => s + p.bytes, 0), parts };
}

export function buildBudget(facts: Facts): MemoryBudget | undefined {
  if (facts.nmt) return nmtBudget(facts);
  const rows: BudgetRow[] = [];
  const cap = facts.jstat.get('gccapacity');
  const gc = facts.jstat.get('gc');
  const jref = (r: { file: string; sample: { line: number; text: string } }) => ref(r.file, r.sample.line, r.sample.text);

  // Heap: committed capacity from jstat when we have it (that is what can be resident), else -Xmx.
  let heapMax = facts.heapMaxBytes?.value;
  if (cap && cap.sample.values.NGC != null && cap.sample.values.OGC != null) {
    const v = cap.sample.values;
    const committed = (v.NGC! + v.OGC!) * KB;
    if (v.NGCMX != null && v.OGCMX != null) heapMax ??= (v.NGCMX + v.OGCMX) * KB;
    rows.push({ area: 'Java heap (committed)', bytes: committed, basis: 'jstat -gccapacity NGC + OGC', ref: jref(cap) });
  } else if (gc && gc.sample.values.EC != null && gc.sample.values.OC != null) {
    const v = gc.sample.values;
    rows.push({ area: 'Java heap (committed)', bytes: ((v.S0C ?? 0) + (v.S1C ?? 0) + v.EC! + v.OC!) * KB, basis: 'jstat -gc S0C + S1C + EC + OC', ref: jref(gc) });
  } else if (facts.heapMaxBytes) {
    rows.push({ area: 'Java heap (max)', bytes: facts.heapMaxBytes.value, basis: '-Xmx', upperBound: true, ref: facts.heapMaxBytes.ref });
  } else if (facts.defaultHeap) {
    rows.push({ area: 'Java heap (max, JDK default)', bytes: facts.defaultHeap.bytes, basis: facts.defaultHeap.basis, upperBound: true, ref: facts.defaultHeap.ref });
    heapMax ??= facts.defaultHeap.bytes;
  }

  const meta = cap ?? gc;
  if (meta && meta.sample.values.MC != null) {
    const ccs = meta.sample.values.CCSC;
    rows.push({
      area: 'Metaspace (committed)',
      bytes: meta.sample.values.MC * KB,
      basis: `jstat MC${ccs != null ? `, of which compressed class space CCSC ${Math.round((ccs * KB) / 1024 / 1024)} MB` : ''}`,
      ref: jref(meta),
    });
  }

  if (facts.threads) {
    const stack = threadStackReserve(facts).bytes;
    rows.push({
      area: 'Thread stacks',
      bytes: facts.threads.value * stack,
      basis: `${facts.threads.value} threads × ${stack / 1024 / 1024} MB (${facts.threadStackBytes ? '-Xss' : '-Xss default on 64-bit Linux'})`,
      upperBound: true,
      ref: facts.threads.ref,
    });
  }

  const codeCache = facts.codeCacheBytes?.value ?? DEFAULT_CODE_CACHE_BYTES;
  rows.push({
    area: 'Code cache',
    bytes: codeCache,
    basis: facts.codeCacheBytes ? '-XX:ReservedCodeCacheSize' : 'ReservedCodeCacheSize default (240 MB)',
    upperBound: true,
    ref: facts.codeCacheBytes?.ref,
  });

  if (facts.maxDirectMemoryBytes) {
    rows.push({ area: 'Direct buffers (cap)', bytes: facts.maxDirectMemoryBytes.value, basis: '-XX:MaxDirectMemorySize', upperBound: true, ref: facts.maxDirectMemoryBytes.ref });
  }

  if (rows.length <= 1 && !facts.javaRss) return undefined; // only the code-cache default: nothing to say
  const accountedBytes = rows.reduce((s, r) => s + r.bytes, 0);
  const budget: MemoryBudget = { source: 'estimate', rows, accountedBytes, heapMaxBytes: heapMax };
  if (facts.javaRss) {
    budget.rssBytes = facts.javaRss.value;
    budget.rssRef = facts.javaRss.ref;
    budget.unexplainedBytes = facts.javaRss.value - accountedBytes;
  }
  return budget;
}

/** A MaxMetaspaceSize comfortably above what is committed now (×1.3, in 128 MB steps, at least 256 MB). */
export function suggestMetaspaceCap(committedBytes: number): string {
  const mb = committedBytes / 1024 / 1024;
  const target = Math.max(256, Math.ceil((mb * 1.3) / 128) * 128);
  return target % 1024 === 0 ? `${target / 1024}g` : `${target}m`;
}

/**
 * Metaspace committed now — the one place it is worked out: jstat's MC (the most recent table that
 * shows it), else Native Memory Tracking (the Metaspace category plus the class space mapped under
 * Class on JDK 16+; JDK 8–15 put all of metaspace under Class).
 */
export function metaspaceCommitted(facts: Facts): { bytes: number; file: string; line: number } | undefined {
  const r = facts.jstat.get('gccapacity') ?? facts.jstat.get('gc') ?? facts.jstat.get('gcmetacapacity');
  const mc = r?.sample.values.MC;
  if (r && mc != null) return { bytes: mc * KB, file: r.file, line: r.sample.line };
  const nmt = facts.nmt;
  if (!nmt) return undefined;
  const meta = nmt.report.categories.find((c) => c.name === 'Metaspace');
  const cls = nmt.report.categories.find((c) => c.name === 'Class');
  const bytes = meta ? meta.committedBytes + (cls?.mmapCommittedBytes ?? 0) : cls?.committedBytes;
  const at = meta ?? cls;
  return bytes !== undefined && at ? { bytes, file: nmt.file, line: at.line } : undefined;
}
