// Long safepoints and time to safepoint (TTSP): the JVM stops every thread for GC and for other VM
// operations (deoptimisation, biased-lock revocation, thread dumps); threads in long counted loops or
// blocked in page faults can make the whole JVM wait before the operation even starts.

import { defineRule } from './define.js';
import { cites, gcRuns, ms } from '../gc/findings.js';

export const gcSafepoints = defineRule({
  id: 'gc-safepoints',
  reads: ['gc-log'],
  tier: 'context',
  maxSeverity: 'warning',
  description: 'Flags long safepoints and long times to safepoint (TTSP) in safepoint logging (-Xlog:safepoint, PrintGCApplicationStoppedTime).',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const sp = a.run.safepoints;
      if (sp.count === 0 || (sp.maxMs < 1000 && sp.ttspMaxMs < 100)) continue;
      const ttsp = sp.ttspMaxMs >= 100;
      report({
        severity: sp.maxMs >= 1000 || sp.ttspMaxMs >= 1000 ? 'warning' : 'info',
        title: ttsp ? `Threads took up to ${ms(sp.ttspMaxMs)} to reach a safepoint${runLabel}` : `Safepoints up to ${ms(sp.maxMs)}${runLabel}`,
        summary: `${sp.count} safepoints stopped the application for ${ms(sp.totalMs)} in total (longest ${ms(sp.maxMs)}, ${sp.overSecond} over 1 s); reaching them took up to ${ms(sp.ttspMaxMs)} (${sp.ttspOver100Ms} over 100 ms).`,
        evidence: cites(item, [sp.maxLine, sp.ttspMaxLine]),
        explanation: 'A stop-the-world operation starts only when every Java thread has reached a safepoint. A thread in a long counted loop without safepoint polls, or stalled on I/O or page faults (swapping), holds every other thread waiting: that time is not GC work and does not show in the pause times.',
        recommendations: [
          { action: 'Find the thread that is late', detail: 'On JDK 17+ `-Xlog:safepoint*=debug` names the VM operation; -XX:+SafepointTimeout with -XX:SafepointTimeoutDelay=<ms> prints the threads that did not reach it.', flags: ['-XX:+UnlockDiagnosticVMOptions', '-XX:+SafepointTimeout', '-XX:SafepointTimeoutDelay=500'] },
          { action: 'Rule out swapping', detail: 'Long times to safepoint together with high sys time point at a host short of memory (see gc-cpu-starvation).' },
        ],
        facts: { safepoints: sp.count, safepointTotalMs: sp.totalMs, safepointMaxMs: sp.maxMs, ttspMaxMs: sp.ttspMaxMs },
      });
    }
  },
});
