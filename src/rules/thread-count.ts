// A JVM with thousands of threads: each reserves a stack (-Xss, 1 MB by default on 64-bit Linux) and
// costs scheduler time; the count usually means a pool without a bound or threads created per task.
// Thread dumps name the pools (see thread-leak); this rule needs only the count (/proc status, top -H,
// NMT, a dump) and, when known, the CPUs the container may use.

import { defineRule, type FindingDraft } from './define.js';
import { threadStackReserve } from '../diagnosis/facts.js';
import { formatBytes } from '../util/bytes.js';

export const THREADS_HIGH = 1000;
/** Threads per CPU above which a JVM spends its time switching rather than working (and never below 200 threads). */
export const THREADS_PER_CPU_HIGH = 100;

export const threadCount = defineRule({
  id: 'thread-count',
  maxSeverity: 'warning',
  reads: ['proc-status', 'jvm-options', 'kubernetes'],
  tier: 'context',
  description: 'Flags a JVM with over 1000 threads, or over 100 per available CPU, with what their stacks reserve.',
  run({ facts }, report) {
    const t = facts.threads;
    if (!t) return;
    const cpus = facts.container.cpus?.value ?? facts.flags.activeProcessorCount?.value;
    const perCpu = cpus ? t.value / cpus : undefined;
    const high = t.value > THREADS_HIGH || (perCpu !== undefined && t.value >= 200 && perCpu > THREADS_PER_CPU_HIGH);
    if (!high) return;
    const stack = threadStackReserve(facts).bytes;
    const pid = facts.javaPid ?? '<pid>';
    return void report({
        severity: 'warning',
        title: `${t.value} threads in the JVM`,
        summary: `The JVM runs ${t.value} threads${perCpu !== undefined ? ` on ${cpus} CPU(s) (${Math.round(perCpu)} per CPU)` : ''}; their stacks reserve up to ${formatBytes(t.value * stack)} (${formatBytes(stack)} each).`,
        evidence: [t.ref, ...(facts.container.cpus ? [facts.container.cpus.ref] : [])],
        explanation: 'Threads beyond a few hundred rarely do more work: they wait on the same locks, sockets or pools, and each one keeps a native stack and everything its ThreadLocals reference. Counts in the thousands usually come from executors created per request or pools without an upper bound.',
        recommendations: [
          { action: 'See which pools own the threads', detail: `\`jcmd ${pid} Thread.print > threads.txt\` twice a minute apart and give both to jvmdoctor: it groups threads by pool and shows which pools grow.` },
          { action: 'Bound the pools', detail: 'Give every executor a maximum size and a bounded queue; shut down executors created per task; for blocking I/O at scale consider virtual threads (JDK 21).' },
        ],
        facts: { threads: t.value, ...(cpus ? { cpus } : {}), stackReserveBytes: t.value * stack },
      });
  },
});
