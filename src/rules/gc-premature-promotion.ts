// Survivor overflow / premature promotion: the tenuring threshold drops far below its maximum
// (PrintTenuringDistribution / gc+age), so objects reach the old generation after one or two young
// GCs — short-lived data pollutes the old generation and brings on full GCs.

import { defineRule } from './define.js';
import { cites, formatBytes, gcRuns } from '../gc/findings.js';

export const gcPrematurePromotion = defineRule({
  id: 'gc-premature-promotion',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'warning',
  description: 'Flags survivor overflow: a tenuring threshold that falls to 1–2 (premature promotion) in tenuring-distribution logs.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const t = a.run.tenuring;
      if (t.samples < 3 || t.minThreshold > 2 || t.belowMax < 0.3 * t.samples) continue;
      report({
        severity: 'warning',
        title: `Premature promotion: the tenuring threshold fell to ${t.minThreshold} (max ${t.maxThreshold})${runLabel}`,
        summary: `In ${t.belowMax} of ${t.samples} young GCs the survivor space could not hold the survivors, so the JVM lowered the tenuring threshold (down to ${t.minThreshold}): objects move to the old generation after ${t.minThreshold} collection(s)${a.promotionBytesPerSec ? `, at about ${formatBytes(a.promotionBytesPerSec)}/s` : ''}.`,
        evidence: cites(item, [t.firstLowLine]),
        explanation: 'Objects should die young. When survivors overflow the survivor space, medium-lived objects (request state, caches that churn) are promoted early; they die in the old generation, which then fills with garbage that only old or full collections remove.',
        recommendations: [{ action: 'Give survivors room', detail: 'Larger survivor spaces (a lower SurvivorRatio) or a larger young generation let objects die before promotion.', flags: ['-XX:SurvivorRatio=6', '-XX:TargetSurvivorRatio=80'] }],
        facts: { tenuringMin: t.minThreshold, tenuringMax: t.maxThreshold, samplesBelowMax: t.belowMax },
      });
    }
  },
});
