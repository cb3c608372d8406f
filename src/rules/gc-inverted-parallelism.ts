// Inverted parallelism: a multi-threaded collector's pause used less CPU than wall time (user + sys <
// real): its parallel GC threads did not run in parallel — too many threads for the CPUs given, or one
// thread doing the work (a single huge object array, reference processing).

import { defineRule } from './define.js';
import { cites, gcRuns } from '../gc/findings.js';

export const gcInvertedParallelism = defineRule({
  id: 'gc-inverted-parallelism',
  reads: ['gc-log'],
  tier: 'context',
  maxSeverity: 'warning',
  description: 'Flags pauses of parallel collectors that used less CPU time than wall time (the GC threads did not run in parallel).',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const u = a.cpu;
      if (u.invertedParallelism < 3 || u.invertedParallelism < 0.1 * u.timed) continue;
      report({
        severity: 'warning',
        title: `Parallel GC without parallelism: ${u.invertedParallelism} pause(s) used less CPU than wall time${runLabel}`,
        summary: `In ${u.invertedParallelism} of ${u.timed} timed pauses the ${a.run.collector} collector's threads together used less CPU than the pause lasted (user + sys < real), although the collector runs several GC threads${a.run.cpus ? ` on ${a.run.cpus} CPUs` : ''}.`,
        evidence: cites(item, [u.invertedLine]),
        explanation: 'A parallel pause should burn CPU on several threads at once, so user + sys is a multiple of real. Below 1 the threads mostly waited: more GC threads than CPUs the process may use (a container CPU quota), a busy host, or work that cannot be split.',
        recommendations: [{ action: 'Size the GC threads to the CPUs available', detail: 'Set ParallelGCThreads to the container\'s CPU limit (JDK 10+ reads it from cgroups, older JDKs do not).', flags: ['-XX:ParallelGCThreads=<cpus>'] }],
        facts: { invertedParallelism: u.invertedParallelism, timedPauses: u.timed },
      });
    }
  },
});
