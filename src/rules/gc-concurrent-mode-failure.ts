// CMS "concurrent mode failure" (and "concurrent mode interrupted"): the old generation filled before
// the concurrent cycle finished, so CMS fell back to a single-threaded, stop-the-world full GC.

import { defineRule } from './define.js';
import { cites, gcRuns, ms } from '../gc/findings.js';

export const gcConcurrentModeFailure = defineRule({
  id: 'gc-concurrent-mode-failure',
  reads: ['gc-log'],
  tier: 'consequence',
  maxSeverity: 'critical',
  description: 'Flags CMS concurrent mode failures: the old generation filled before the concurrent cycle finished.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const n = a.failures.concurrentModeFailure;
      if (n === 0) continue;
      report({
        severity: n >= 3 ? 'critical' : 'warning',
        title: `CMS concurrent mode failure ×${n}: stop-the-world full GCs${runLabel}`,
        summary: `${n} time(s) the old generation filled before CMS finished its concurrent cycle; each fell back to a full, single-threaded compaction (full GCs total ${ms(a.full.totalMs)}, the longest pause ${ms(a.pauses.maxMs)}).`,
        evidence: cites(item, [a.failures.firstLine.concurrentModeFailure, a.pauses.maxLine]),
        explanation: 'CMS sweeps the old generation while the application runs. It has to start early enough to finish before promotion fills the old generation; when it does not, the JVM stops everything and compacts the whole heap with one thread.',
        recommendations: [
          { action: 'Start CMS earlier, and only by occupancy', detail: 'A lower initiating occupancy gives the cycle time to finish.', flags: ['-XX:CMSInitiatingOccupancyFraction=60', '-XX:+UseCMSInitiatingOccupancyOnly'] },
          { action: 'Move off CMS', detail: 'CMS was removed in JDK 14; G1 (the default since JDK 9) compacts incrementally and does not have this failure mode.', flags: ['-XX:+UseG1GC'] },
        ],
        facts: { concurrentModeFailures: n },
      });
    }
  },
});
