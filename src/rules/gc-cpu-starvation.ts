// CPU starvation and swapping from the GC log's own times: real ≫ user+sys means the GC threads were
// runnable but not running (CPU quota throttling, a busy host, swapping in), sys > user means the
// kernel did the work (page faults, swapping, transparent huge pages compaction).

import { defineRule } from './define.js';
import { cites, gcRuns } from '../gc/findings.js';

export const gcCpuStarvation = defineRule({
  id: 'gc-cpu-starvation',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'warning',
  description: 'Flags GC pauses whose wall time far exceeds their CPU time (CPU starvation, throttling) or whose sys time exceeds user time (swapping, page faults).',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const u = a.cpu;
      if (u.timed === 0) continue;
      const starved = u.realOverCpu >= 2 || (u.realOverCpu >= 1 && u.timed < 10);
      const sysHeavy = u.sysOverUser >= 3 && u.sysOverUser >= 0.05 * u.timed;
      if (!starved && !sysHeavy) continue;
      report({
        severity: 'warning',
        title: starved ? `GC threads waited for CPU: ${u.realOverCpu} pause(s) with wall time over twice their CPU time${runLabel}` : `Kernel time in GC: sys > user in ${u.sysOverUser} pause(s)${runLabel}`,
        summary: [
          starved ? `${u.realOverCpu} of ${u.timed} timed pauses took more than twice as long on the clock as the GC threads spent on CPU (real > 2 × (user + sys)): the threads were ready but not running.` : '',
          sysHeavy ? `${u.sysOverUser} pause(s) spent more time in the kernel than in the collector (sys > user): page faults, swapping or transparent huge pages.` : '',
        ].filter(Boolean).join(' '),
        evidence: cites(item, [u.realOverCpuLine, u.sysOverUserLine]),
        explanation: 'A pause normally burns CPU on several GC threads (user ≥ real). Wall time far above CPU time means something else had the CPUs — a container CPU quota (cgroup throttling), other processes, a hypervisor — or the threads were blocked on memory being swapped in. High sys time points at the memory system itself.',
        recommendations: [
          { action: 'Check the host and the container', detail: '`vmstat 1` (si/so columns: swapping), `cat /sys/fs/cgroup/cpu.stat` (nr_throttled), `top` during a pause; the JVM must not swap.' },
          { action: 'Match GC threads to the CPUs the container really has', detail: 'In a container with a CPU quota, fewer GC threads than visible CPUs avoids throttling during pauses.', flags: ['-XX:ParallelGCThreads=<cpus>', '-XX:+AlwaysPreTouch'] },
        ],
        facts: { realOverCpu: u.realOverCpu, sysOverUser: u.sysOverUser, timedPauses: u.timed },
      });
    }
  },
});
