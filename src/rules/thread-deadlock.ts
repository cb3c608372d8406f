// Java-level deadlocks that the JVM itself found and printed at the end of a thread dump
// ("Found one Java-level deadlock:", HotSpot threadService.cpp). A deadlock never resolves: the
// threads, the requests they serve and every lock they hold stay stuck until the JVM restarts, and
// other threads queue up behind those locks — a slow "memory leak" of blocked request threads.

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef } from '../model/finding.js';
import { ref } from '../diagnosis/facts.js';
import { threadDumpsByJvm, type DumpRef } from '../diagnosis/thread-dumps.js';
import type { Deadlock, JavaThread } from '../parsers/thread-dump/types.js';

/** Frames of the JDK itself: the application frame that took the lock is the first one outside them. */
const JDK_FRAME = /^(java|javax|jdk|sun|com\.sun)\./;

export const threadDeadlock = defineRule({
  id: 'thread-deadlock',
  maxSeverity: 'critical',
  reads: ['thread-dump'],
  tier: 'cause',
  description: 'Reports the Java-level deadlocks a thread dump lists (monitors and ReentrantLock-style synchronizers), with the threads, locks and code involved.',
  run({ case: c }, report) {
    const findings: FindingDraft[] = [];
    for (const jvm of threadDumpsByJvm(c)) {
      // The same cycle in several dumps of one JVM is one deadlock, seen again.
      const cycles = new Map<string, { deadlock: Deadlock; where: DumpRef; seen: number }>();
      for (const d of jvm.dumps) {
        for (const dl of d.dump.deadlocks) {
          const key = dl.participants.map((p) => `${p.thread}|${p.address ?? ''}`).sort().join(';');
          const prev = cycles.get(key);
          if (prev) prev.seen++;
          else cycles.set(key, { deadlock: dl, where: d, seen: 1 });
        }
      }
      for (const { deadlock, where, seen } of cycles.values()) findings.push(finding(deadlock, where, seen, jvm.dumps.length));
    }
    for (const f of findings) report(f);
  },
});

function appFrame(t: JavaThread | undefined): string | undefined {
  return t?.frames.find((f) => !JDK_FRAME.test(f)) ?? t?.frames[0];
}

/**
 * The JVM lists every thread of the lock chain it walked, and the chain may start with threads that only
 * wait behind the cycle ("exec-1189" waits for "exec-1021", who waits for the deadlocked pair): follow
 * "held by" from the first participant until a thread repeats; the threads from that one on are the cycle.
 */
export function splitCycle(dl: Deadlock): { cycle: string[]; behind: string[] } {
  const next = new Map(dl.participants.map((p) => [p.thread, p.heldBy]));
  const order = [...new Set(dl.participants.map((p) => p.thread))];
  if (order.length === 0) return { cycle: [], behind: [] };
  const path: string[] = [];
  let cur: string | undefined = order[0];
  while (cur !== undefined && !path.includes(cur) && next.has(cur)) {
    path.push(cur);
    cur = next.get(cur);
  }
  const start = cur !== undefined ? path.indexOf(cur) : -1;
  const cycle = start >= 0 ? path.slice(start) : order;
  return { cycle, behind: order.filter((t) => !cycle.includes(t)) };
}

function finding(dl: Deadlock, where: DumpRef, seen: number, dumps: number): FindingDraft {
  const threads = new Map(where.dump.threads.map((t) => [t.name, t]));
  const { cycle, behind } = splitCycle(dl);
  const names = cycle.map((t) => `"${t}"`);
  const behindText = behind.length ? ` ${behind.length} more thread${behind.length > 1 ? 's are' : ' is'} blocked behind the cycle: ${behind.map((t) => `"${t}"`).join(', ')}.` : '';
  const lockKinds = new Set(dl.participants.map((p) => p.waitingFor));
  const steps = dl.participants.map((p) => {
    const what = `${p.className ?? (p.waitingFor === 'monitor' ? 'a monitor' : 'a lock')}${p.address ? ` <${p.address}>` : ''}`;
    const at = appFrame(threads.get(p.thread));
    return `"${p.thread}" waits for ${what}${p.heldBy ? ` held by "${p.heldBy}"` : ''}${at ? `, at ${at}` : ''}`;
  });
  const evidence: EvidenceRef[] = [ref(where.file, dl.line, dl.text)];
  for (const p of dl.participants) {
    evidence.push(ref(where.file, p.line, p.text));
    const t = threads.get(p.thread);
    const waitLine = t?.locksWaited[0];
    if (t && waitLine) evidence.push(ref(where.file, waitLine.line, `"${t.name}" ${waitLine.relation.replace(/-/g, ' ')} <${waitLine.address ?? '?'}> (a ${waitLine.className ?? '?'})`));
  }
  const kind = lockKinds.has('ownable-synchronizer') ? (lockKinds.has('monitor') ? 'monitors and java.util.concurrent locks' : 'java.util.concurrent locks') : 'monitors (synchronized)';
  return {
    severity: 'critical',
    title: `Deadlock between ${names.length} threads: ${names.join(', ')}`,
    summary: `${steps.join('; ')}.${behindText}${dumps > 1 ? ` Seen in ${seen} of ${dumps} dumps of this JVM.` : ''}`,
    evidence,
    explanation: [
      `The JVM checked the lock graph when it took the dump (${where.file}:${where.dump.line}) and found a cycle on ${kind}: each thread holds a lock the next one needs.`,
      'No timeout breaks it: these threads stay blocked until the JVM restarts, together with the requests they were serving and every lock they hold, and any thread that later needs one of those locks blocks behind them (a growing pile of BLOCKED request threads, each with its stack and request objects).',
    ].join('\n'),
    recommendations: [
      {
        action: 'Take the locks in one global order',
        detail: `The cycle is ${cycle.join(' → ')} → ${cycle[0]}: make every code path acquire these locks in the same order (e.g. by a stable id), or merge them into one lock.`,
      },
      {
        action: 'Never wait forever for a second lock',
        detail: 'Where two locks must be held, use ReentrantLock.tryLock(timeout) and back off on failure, and avoid calling foreign code (listeners, callbacks) while holding a lock.',
      },
      {
        action: 'Restart the JVM to recover',
        detail: 'The deadlocked threads cannot be freed from outside; restart, then deploy the fix. `jcmd <pid> Thread.print` (or jstack) reports any new deadlock at its end.',
      },
    ],
    facts: { threads: names.length, blockedBehind: behind.length, dumpsWithDeadlock: seen, lockKind: kind },
  };
}
