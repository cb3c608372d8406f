// Every flavour of "out of memory" the JVM, Netty and the kernel report (JavaCPP's have their own
// rule): what each one means, which limit was hit, and the flag or code that governs it.
// Reference: HotSpot's OutOfMemoryError messages (memory/universe.cpp, gc shared code, metaspace.cpp,
// java.nio.Bits.reserveMemory, os_linux.cpp thread creation), Netty PlatformDependent, Linux oom_kill.c.

import { defineRule, type FindingDraft } from './define.js';
import { ref, type Facts } from '../diagnosis/facts.js';
import type { ErrorId, ErrorHit } from '../parsers/log/types.js';
import { OOM_ERRORS, type OomContext } from '../knowledge/oom-errors.js';
import { formatBytes } from '../util/bytes.js';

/** The entries this rule explains (JavaCPP's have their own rule; a heap dump is a marker, not a failure). */
const explains = (id: ErrorId) => OOM_ERRORS[id].explainedBy === 'out-of-memory-error';

/** What the catalogue's texts need, from the facts. */
function context(f: Facts): OomContext {
  return {
    heapMaxBytes: f.heapMaxBytes?.value,
    maxMetaspaceBytes: f.maxMetaspaceBytes?.value,
    maxDirectMemoryBytes: f.maxDirectMemoryBytes?.value,
    threads: f.threads?.value,
    javaPid: f.javaPid,
    containerLimitBytes: f.containerLimit?.value,
  };
}

export const outOfMemoryError = defineRule({
  id: 'out-of-memory-error',
  maxSeverity: 'critical',
  reads: ['log', 'jvm-options'],
  tier: 'cause',
  description: 'Explains each OutOfMemoryError / Netty / kernel out-of-memory report in the logs: the limit hit and the flag or code that governs it.',
  run({ facts }, report) {
    const byId = new Map<ErrorId, Facts['errors']>();
    for (const e of facts.errors) {
      if (!explains(e.hit.id)) continue;
      if (!byId.has(e.hit.id)) byId.set(e.hit.id, []);
      byId.get(e.hit.id)!.push(e);
    }
    const dumps = facts.errors.filter((e) => e.hit.id === 'heap-dump-written');
    const out: FindingDraft[] = [];
    for (const [id, hits] of byId) {
      const entry = OOM_ERRORS[id];
      const first = hits[0];
      const last = hits[hits.length - 1];
      // The log parser folds repeats of one message into a hit with a count.
      const occurrences = hits.reduce((n, h) => n + (h.hit.count ?? 1), 0);
      const lastTime = last.hit.last?.time ?? last.hit.time;
      // The lines of one kind complete each other (the os::commit_memory warning, then the hs_err head;
      // "Memory cgroup out of memory", then "Killed process … anon-rss"): their values, first seen wins.
      const v: ErrorHit['values'] = {};
      for (const h of hits) for (const [k, x] of Object.entries(h.hit.values)) if (!(k in v)) v[k] = x;
      const names = [...new Set(hits.map((h) => h.hit.values.threadName).filter((n): n is string => typeof n === 'string'))];
      if (names.length) v.threadNames = names.join('|');
      const when = first.hit.time ? ` First at ${first.hit.time}${occurrences > 1 && lastTime && lastTime !== first.hit.time ? `, last at ${lastTime}` : ''}.` : '';
      const site = allocationSite(facts, id);
      const recs = entry.fixes(context(facts), v);
      const dump = dumps.find((d) => typeof d.hit.values.path === 'string');
      const dumpPath = dump?.hit.values.path as string | undefined;
      if (dumpPath && (id === 'oom-heap' || id === 'oom-gc-overhead')) {
        const dumpSize = typeof dump!.hit.values.heapDumpBytes === 'number' ? formatBytes(dump!.hit.values.heapDumpBytes) : undefined;
        recs.unshift({ action: 'Analyse the heap dump the JVM wrote', detail: `The JVM dumped its heap to ${dumpPath}${dumpSize ? ` (${dumpSize}: about the live heap at the failure)` : ''}: run \`jvmdoctor heap ${dumpPath}\` (or pass it to diagnose).` });
      }
      // A JVM that survives an OutOfMemoryError keeps serving with broken threads and caches: in a
      // container or under a supervisor it should exit so it is restarted clean.
      const exits = hits.some((h) => h.hit.values.onOutOfMemoryError) || facts.option(/^-XX:\+(?:Exit|Crash)OnOutOfMemoryError$/);
      if (id.startsWith('oom-') && occurrences > 1 && !exits) {
        recs.push({
          action: 'Exit on the first OutOfMemoryError',
          detail: `This JVM kept running after ${occurrences} OutOfMemoryErrors, failing requests and background tasks in between. -XX:+ExitOnOutOfMemoryError (or -XX:+CrashOnOutOfMemoryError, which also writes an hs_err file and a core) ends it at the first one, so the container or service manager restarts it clean; keep -XX:+HeapDumpOnOutOfMemoryError to still get the dump.`,
          flags: ['-XX:+ExitOnOutOfMemoryError'],
        });
      }
      out.push({
        severity: entry.severity,
        title: entry.title,
        summary: `${occurrences === 1 ? 'Once' : `${occurrences} times`} in the logs.${when} ${capitalize(entry.limit(context(facts), v))}.${site ? ` Thrown at ${site}.` : ''}`,
        evidence: [...hits.slice(0, 3), ...(hits.length > 3 ? [last] : []), ...dumps.slice(0, 1)].map((h) => ref(h.file, h.hit.line, h.hit.text)),
        explanation: entry.meaning,
        recommendations: recs,
        facts: { errorId: id, occurrences, ...numeric(v) },
      });
    }
    // The error seen most often first (repeats beyond ten do not make it more certain).
    const seen = (f: FindingDraft) => Math.min(10, Number(f.facts?.occurrences ?? 1));
    for (const f of out.sort((a, b) => seen(b) - seen(a))) report(f);
  },
});

/** The top application frames of the OutOfMemoryError's stack trace, when the log carried one. */
function allocationSite(facts: Facts, id: ErrorId): string | undefined {
  if (!id.startsWith('oom-')) return undefined;
  // The JVM prints the bare message first (from -XX:+HeapDumpOnOutOfMemoryError) and the stack later.
  for (const { group } of facts.exceptions) {
    for (const t of [group.throwable, ...group.causes]) {
      if (t.className !== 'java.lang.OutOfMemoryError' || t.frames.length === 0) continue;
      return t.frames.find((f) => !/^(java|javax|jdk|sun)\./.test(f)) ?? t.frames[0];
    }
  }
  return undefined;
}

function numeric(v: ErrorHit['values']): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number' || typeof x === 'string') out[k] = x;
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
