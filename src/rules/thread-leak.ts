// Thread leaks seen in thread dumps: executors (or clients that own one) created per request and never
// shut down, large idle pools owned by a library, and thread counts that grow between dumps of the
// same JVM. Every platform thread reserves a native stack (-Xss, 1 MB by default on 64-bit Linux) and
// pins whatever its Runnable and ThreadLocals reference, including a redeployed webapp's class loader;
// enough of them end in "OutOfMemoryError: unable to create native thread" or a container OOM kill.

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef } from '../model/finding.js';
import { ref, threadStackReserve, type Facts } from '../diagnosis/facts.js';
import { threadDumpsByJvm, type DumpRef, type JvmDumps } from '../diagnosis/thread-dumps.js';
import { identifyLibrary, type LibraryPattern } from '../knowledge/libraries.js';

import { formatBytes } from '../util/bytes.js';
import type { ThreadDump, ThreadPoolGroup } from '../parsers/thread-dump/types.js';

/** Pools of one family ("pool-#-thread-") from this many pool numbers up are created per task, not configured. */
export const PER_REQUEST_MIN_POOLS = 8;
/** A pool this large and mostly idle, owned by a library, is worth a look (Tomcat's own maxThreads is 200). */
export const LARGE_POOL_THREADS = 50;
export const IDLE_SHARE = 0.8;
/** Growth between the first and last dump of one JVM that counts: both absolute and relative. */
export const GROWTH_MIN_THREADS = 20;
export const GROWTH_MIN_SHARE = 0.1;

export const threadLeak = defineRule({
  id: 'thread-leak',
  maxSeverity: 'warning',
  reads: ['thread-dump', 'jps'],
  tier: 'cause',
  description: 'Finds thread leaks in thread dumps: per-request executors never shut down, large idle library pools, and thread counts growing between dumps of one JVM, with their stack cost.',
  run({ case: c, facts }, report) {
    const findings: FindingDraft[] = [];
    for (const jvm of threadDumpsByJvm(c)) {
      const latest = jvm.dumps[jvm.dumps.length - 1];
      findings.push(...perRequestPools(latest, facts), ...idleLibraryPools(latest, facts));
      const growth = growthFinding(jvm, facts);
      if (growth) findings.push(growth);
    }
    // Within a warning: the strongest evidence first — growth seen across dumps, then many per-request
    // pools, then one big idle library pool; bigger numbers first within each.
    const n = (f: FindingDraft, k: string) => Number(f.facts?.[k] ?? 0);
    const strength = (f: FindingDraft) =>
      f.facts?.addedThreads !== undefined ? 75 + Math.min(20, n(f, 'addedThreads') / 50)
        : f.facts?.pools !== undefined ? 70 + Math.min(20, n(f, 'pools') / 10)
          : 60 + Math.min(20, n(f, 'threads') / 20);
    for (const f of findings.sort((a, b) => strength(b) - strength(a))) report(f);
  },
});

function stackBytes(facts: Facts): { bytes: number; basis: string } {
  const s = threadStackReserve(facts);
  return { bytes: s.bytes, basis: s.explicit ? `-Xss ${formatBytes(s.bytes)}` : `the default -Xss of ${formatBytes(s.bytes)} on 64-bit Linux` };
}

function stackCost(threads: number, facts: Facts): string {
  const s = stackBytes(facts);
  return `${threads} threads × ${formatBytes(s.bytes)} = ${formatBytes(threads * s.bytes)} of reserved stack (${s.basis}; resident memory is the touched part of each stack, plus every object the threads keep reachable)`;
}

function dumpRef(d: DumpRef): EvidenceRef {
  const t = d.dump;
  return ref(d.file, t.line, `${t.time ? `${t.time} ` : ''}${t.text} — ${t.counts.platform} platform threads`);
}

function threadRef(d: DumpRef, index: number): EvidenceRef {
  const t = d.dump.threads[index];
  return ref(d.file, t.line, t.text);
}

function libraryOf(dump: ThreadDump, pool: ThreadPoolGroup): LibraryPattern | undefined {
  const sample = dump.threads[pool.threads[0]];
  return identifyLibrary({ threadName: sample.name, frames: sample.frames.map((f) => f.replace(/^([\w$.]+)\(.*$/, '$1')) });
}

function libraryRecommendation(lib: LibraryPattern | undefined): { action: string; detail: string }[] {
  return lib ? [{ action: `Close ${lib.name} when its owner is done`, detail: lib.fix }] : [];
}

/** "pool-1-thread-1", "pool-2-thread-1", …: one executor per request/task, never shut down. */
function perRequestPools(d: DumpRef, facts: Facts): FindingDraft[] {
  const families = new Map<string, ThreadPoolGroup[]>();
  for (const p of d.dump.pools) {
    if (p.family === p.pool) continue; // no pool number in the name: a single configured pool
    const list = families.get(p.family) ?? [];
    list.push(p);
    families.set(p.family, list);
  }
  const findings: FindingDraft[] = [];
  for (const [family, pools] of families) {
    if (pools.length < PER_REQUEST_MIN_POOLS) continue;
    const threads = pools.reduce((s, p) => s + p.count, 0);
    const idle = pools.reduce((s, p) => s + p.idle, 0);
    const lib = libraryOf(d.dump, pools[0]);
    const numbers = pools.map((p) => p.pool).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const s = stackBytes(facts);
    findings.push({
      severity: 'warning',
      title: `${pools.length} separate "${family}" pools: an executor created per task and never shut down`,
      summary:
        `${d.file} lists ${pools.length} pools named ${numbers[0]}… to ${numbers[numbers.length - 1]}… with ${threads} threads between them` +
        ` (${idle} parked or waiting). ${stackCost(threads, facts)}.`,
      evidence: [dumpRef(d), ...pools.slice(0, 3).map((p) => threadRef(d, p.threads[0]))],
      explanation: [
        'Each distinct pool number is a separate executor: java.util.concurrent.Executors numbers every pool its default thread factory creates ("pool-N-thread-M"), Netty every EventLoopGroup, ForkJoinPool every pool.',
        `A long-lived application needs a handful of those; ${pools.length} of them with idle threads means code creates an executor (or a client that owns one) per request or per task and never calls shutdown(). Its threads live on, each holding a native stack and keeping its Runnable, ThreadLocals and context class loader reachable, until "OutOfMemoryError: unable to create native thread" or the container's memory limit ends the process.`,
      ].join('\n'),
      recommendations: [
        {
          action: 'Create the executor once and share it',
          detail: 'Make it a field of a singleton (or a Spring bean) instead of a local in the request path; if it must be per task, call shutdown() in a finally block (or use try-with-resources on JDK 19+, where ExecutorService is AutoCloseable).',
        },
        {
          action: 'Name the threads',
          detail: 'Give every executor a ThreadFactory that names its threads (Guava ThreadFactoryBuilder, or Thread.ofPlatform().name("orders-", 0).factory() on JDK 21+) so the next dump names the owner.',
        },
        ...libraryRecommendation(lib),
      ],
      facts: { family, pools: pools.length, threads, idleThreads: idle, stackBytesEach: s.bytes, reservedStackBytes: threads * s.bytes, ...(lib ? { library: lib.id } : {}) },
      tables: [{ columns: [{ label: 'Pool', type: 'text' }, { label: 'Threads', type: 'count' }, { label: 'Idle', type: 'count' }], rows: pools.slice(0, 10).map((p) => [p.pool, p.count, p.idle]), totalRows: pools.length }],
    });
  }
  return findings;
}

/** A big, mostly parked pool whose threads a library names (an Elasticsearch client's generic pool, Netty's event loops…). */
function idleLibraryPools(d: DumpRef, facts: Facts): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const p of d.dump.pools) {
    if (p.count < LARGE_POOL_THREADS || p.idle < p.count * IDLE_SHARE) continue;
    const lib = libraryOf(d.dump, p);
    if (!lib || lib.generic) continue;
    findings.push({
      severity: 'warning',
      title: `${p.count} idle ${lib.name} threads in pool "${p.pool}"`,
      summary: `${d.file}: ${p.idle} of ${p.count} "${p.pool}" threads are parked or waiting for work. ${stackCost(p.count, facts)}.`,
      evidence: [dumpRef(d), ...p.threads.slice(0, 2).map((i) => threadRef(d, i))],
      explanation: [
        `The thread names are ${lib.name}'s. A pool this large that does nothing is either sized far beyond the load, or one of several copies: a client built per request, or a client left running by a webapp that was redeployed (Tomcat then logs it as a thread the webapp failed to stop).`,
        'Idle threads cost a native stack each and keep the class loader of the code that started them reachable, so a leaked client also leaks its webapp\'s classes into metaspace.',
      ].join('\n'),
      recommendations: [
        ...libraryRecommendation(lib),
        {
          action: 'Use one client per application',
          detail: 'Build the client once at startup, share it, and close it on shutdown; then size its pool to the load (a few threads per core for I/O pools).',
        },
      ],
      facts: { pool: p.pool, threads: p.count, idleThreads: p.idle, library: lib.id, reservedStackBytes: p.count * stackBytes(facts).bytes },
    });
  }
  return findings;
}

/** More threads in each later dump of the same JVM. */
function growthFinding(jvm: JvmDumps, facts: Facts): FindingDraft | undefined {
  if (jvm.dumps.length < 2) return undefined;
  const first = jvm.dumps[0];
  const last = jvm.dumps[jvm.dumps.length - 1];
  const a = first.dump.counts.platform;
  const b = last.dump.counts.platform;
  const grew = b - a;
  if (grew < GROWTH_MIN_THREADS || grew < a * GROWTH_MIN_SHARE) return undefined;
  const series = jvm.dumps.map((d) => d.dump.counts.platform);
  const monotonic = series.every((v, i) => i === 0 || v >= series[i - 1]);
  const minutes = first.dump.epochMs !== undefined && last.dump.epochMs !== undefined ? (last.dump.epochMs - first.dump.epochMs) / 60_000 : undefined;
  const rate = minutes && minutes >= 1 ? ` (${(grew / minutes).toFixed(grew / minutes >= 10 ? 0 : 1)} threads per minute)` : '';
  const span = minutes === undefined ? '' : minutes >= 1 ? ` in ${minutes.toFixed(minutes >= 10 ? 0 : 1)} minutes` : ` in ${Math.round(minutes * 60)} s`;

  // Which pool families grew most: the leak's name.
  const familyCounts = (dump: ThreadDump) => {
    const m = new Map<string, number>();
    for (const p of dump.pools) m.set(p.family, (m.get(p.family) ?? 0) + p.count);
    return m;
  };
  const before = familyCounts(first.dump);
  const after = familyCounts(last.dump);
  const growers = [...after.entries()]
    .map(([family, n]) => ({ family, from: before.get(family) ?? 0, to: n }))
    .filter((g) => g.to > g.from)
    .sort((x, y) => y.to - y.from - (x.to - x.from));
  const top = growers[0];
  const s = stackBytes(facts);
  return {
    severity: 'warning',
    title: `Thread count grew from ${a} to ${b} between ${jvm.dumps.length} dumps of the same JVM`,
    summary:
      `${a} → ${b} platform threads (+${grew})${minutes !== undefined ? ` in ${minutes.toFixed(minutes >= 10 ? 0 : 1)} minutes${rate}` : ''}${monotonic ? ', never falling' : ''}` +
      (top ? `; most of it in "${top.family}" (${top.from} → ${top.to})` : '') +
      `. The added threads reserve ${formatBytes(grew * s.bytes)} more stack (${s.basis}).`,
    evidence: [dumpRef(first), dumpRef(last), ...(top ? lastThreadOf(last, top.family) : [])],
    explanation: [
      `The dumps were tied to one JVM by ${jvm.identity.startsWith('file') ? 'coming from the same file' : jvm.identity.startsWith('pid') ? `its ${jvm.identity}` : `the native address of a thread that lives as long as the JVM (${jvm.identity})`}, and ordered ${jvm.orderedBy === 'thread uptime' ? 'by how long that thread had been running (elapsed=)' : jvm.orderedBy === 'timestamp' ? 'by their timestamps' : 'as given'}.`,
      'A healthy pool grows to its configured size and stays there; a count that keeps rising under steady load is a leak — threads started per request, per connection or per redeploy that never end.',
      `Thread counts per dump: ${series.join(' → ')}.`,
    ].join('\n'),
    recommendations: [
      {
        action: top ? `Find who creates "${top.family}" threads` : 'Find who creates the new threads',
        detail: 'Compare the stacks of the newest threads in the last dump with the first; a ThreadFactory that names its threads makes the owner obvious. Take another dump under the same load later to confirm the trend.',
      },
      {
        action: 'Cap the damage while you fix it',
        detail: 'Watch the count (Threads: in /proc/<pid>/status, or a `jcmd <pid> Thread.print` every few minutes), and leave room for the stacks in the container limit; a smaller -Xss (e.g. -Xss512k) only helps if no thread needs a deep stack.',
      },
    ],
    facts: { firstThreads: a, lastThreads: b, addedThreads: grew, dumps: jvm.dumps.length, ...(minutes !== undefined ? { minutes: Math.round(minutes * 10) / 10 } : {}), ...(top ? { topFamily: top.family } : {}) },
    tables: [{ columns: [{ label: 'Pool family', type: 'text' }, { label: 'First dump', type: 'count' }, { label: 'Last dump', type: 'count' }], rows: growers.slice(0, 10).map((g) => [g.family, g.from, g.to]), totalRows: growers.length }],
  };
}

function lastThreadOf(d: DumpRef, family: string): EvidenceRef[] {
  const pools = d.dump.pools.filter((p) => p.family === family);
  const last = pools.flatMap((p) => p.threads).sort((x, y) => x - y).pop();
  return last === undefined ? [] : [threadRef(d, last)];
}
