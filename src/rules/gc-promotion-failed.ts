// "promotion failed" (CMS/ParNew, Serial) and Parallel's "GC--": survivors of a young GC did not fit in
// the old generation (full or fragmented), so the young GC turned into a full one.

import { defineRule } from './define.js';
import { cites, gcRuns, ms } from '../gc/findings.js';

export const gcPromotionFailed = defineRule({
  id: 'gc-promotion-failed',
  reads: ['gc-log'],
  tier: 'consequence',
  maxSeverity: 'critical',
  description: 'Flags promotion failures: young-GC survivors that did not fit in the old generation.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const n = a.failures.promotionFailed;
      if (n === 0) continue;
      report({
        severity: n >= 3 || a.pauses.maxMs >= 5000 ? 'critical' : 'warning',
        title: `Promotion failed ×${n}: young GCs turned into full GCs${runLabel}`,
        summary: `${n} young collection(s) could not move their survivors into the old generation; the longest pause of the log is ${ms(a.pauses.maxMs)}.`,
        evidence: cites(item, [a.failures.firstLine.promotionFailed, a.pauses.maxLine]),
        explanation: 'Objects that survive young collections are promoted to the old generation. When it has no contiguous room (it is full, or — with CMS, which does not compact — fragmented), the young GC fails half-way and a full GC cleans up: the longest pauses in such logs come from here.',
        recommendations: [
          { action: 'Give the old generation room', detail: 'Raise -Xmx, or start the concurrent cycle earlier so old space is freed in time (CMS: -XX:CMSInitiatingOccupancyFraction).', flags: ['-XX:CMSInitiatingOccupancyFraction=60', '-XX:+UseCMSInitiatingOccupancyOnly'] },
          { action: 'Prefer a compacting collector', detail: 'G1 compacts as it goes and avoids fragmentation-driven failures.', flags: ['-XX:+UseG1GC'] },
        ],
        facts: { promotionFailed: n },
      });
    }
  },
});
