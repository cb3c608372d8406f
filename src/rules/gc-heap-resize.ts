// Heap resize churn: the committed heap grows and shrinks (-Xms below -Xmx); each resize costs a full
// GC on older collectors and page faults on growth. Server JVMs usually want -Xms = -Xmx.

import { defineRule } from './define.js';
import { cites, formatBytes, gcRuns } from '../gc/findings.js';

export const gcHeapResize = defineRule({
  id: 'gc-heap-resize',
  reads: ['gc-log'],
  tier: 'context',
  maxSeverity: 'info',
  description: 'Flags heap capacity that keeps resizing during the run (-Xms below -Xmx).',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const h = a.heap;
      if (h.resizes < 5 || h.maxCapacityBytes <= 0) continue;
      report({
        severity: 'info',
        title: `The heap resized ${h.resizes} times, between ${formatBytes(h.minCapacityBytes)} and ${formatBytes(h.maxCapacityBytes)}${runLabel}`,
        summary: `The committed heap changed size ${h.resizes} times in this run (from ${formatBytes(h.minCapacityBytes)} to ${formatBytes(h.maxCapacityBytes)}): the initial heap is below the maximum and the collector keeps adjusting.`,
        evidence: cites(item, [a.run.flagsLine ?? 0, a.pauses.maxLine]),
        explanation: 'Growing the heap commits memory (page faults in the next pauses), shrinking it returns memory only to take it again at the next peak; Serial and Parallel may need a full GC to resize. A server with a known budget is steadier with a fixed heap.',
        recommendations: [{ action: 'Fix the heap size', detail: 'Set the initial heap to the maximum (and pre-touch it to fault the pages in at start).', flags: [`-Xms${Math.round(h.maxCapacityBytes / 1048576)}m`, `-Xmx${Math.round(Math.max(h.maxCapacityBytes, h.limitBytes) / 1048576)}m`, '-XX:+AlwaysPreTouch'] }],
        facts: { resizes: h.resizes, minCapacityBytes: h.minCapacityBytes, maxCapacityBytes: h.maxCapacityBytes },
      });
    }
  },
});
