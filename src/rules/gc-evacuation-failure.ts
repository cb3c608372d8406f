// G1 "to-space exhausted" / evacuation failure (JDK 17+: "Pause Young … (Evacuation Failure)") and
// ZGC allocation stalls / Shenandoah degenerated cycles: the collector ran out of free memory while
// copying live objects — the heap is too full, or humongous objects fragment it.

import { defineRule } from './define.js';
import { cites, formatBytes, gcRuns, ms } from '../gc/findings.js';

export const gcEvacuationFailure = defineRule({
  id: 'gc-evacuation-failure',
  reads: ['gc-log'],
  tier: 'consequence',
  maxSeverity: 'critical',
  description: 'Flags G1 to-space exhausted / evacuation failures, ZGC allocation stalls and Shenandoah degenerated cycles.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const f = a.failures;
      const st = a.run.stalls;
      if (f.toSpaceExhausted > 0) {
        report({
          severity: f.toSpaceExhausted >= 3 || a.full.count > 0 ? 'critical' : 'warning',
          title: `G1 ran out of space while evacuating: ${f.toSpaceExhausted} to-space exhausted / evacuation failure(s)${runLabel}`,
          summary: `${f.toSpaceExhausted} young or mixed pause(s) could not copy their live objects (to-space exhausted)${a.full.count ? `, and ${a.full.count} full GC(s) followed` : ''}. The heap reached ${formatBytes(a.heap.maxBeforeBytes)} of ${formatBytes(a.heap.limitBytes)} before a collection.`,
          evidence: cites(item, [f.firstLine.toSpaceExhausted, ...a.run.toSpaceExhaustedLines, f.firstLine.fullGcs]),
          explanation: 'G1 copies live objects out of the regions it collects into free regions. When none are left, the pause "fails": objects stay in place, the pause takes much longer, and a full GC often follows. Causes: a heap too full of live data, allocation bursts, or humongous objects taking whole regions.',
          recommendations: [
            { action: 'Leave G1 free regions', detail: 'Raise -Xmx (the live set is in gc-live-set), or keep more in reserve for evacuation.', flags: ['-XX:G1ReservePercent=20'] },
            { action: 'Start marking earlier', detail: 'A lower initiating occupancy lets mixed collections reclaim old regions before the heap fills.', flags: ['-XX:InitiatingHeapOccupancyPercent=35'] },
          ],
          facts: { toSpaceExhausted: f.toSpaceExhausted, fullGcs: a.full.count },
        });
      }
      if (st.count > 0) {
        report({
          severity: st.maxMs >= 100 ? 'critical' : 'warning',
          title: `ZGC allocation stalls: ${st.count} thread stall(s), up to ${ms(st.maxMs)}${runLabel}`,
          summary: `Application threads waited ${ms(st.totalMs)} in total for ZGC to free memory (${st.count} stalls, the longest ${ms(st.maxMs)}): the collector could not keep up with allocation.`,
          evidence: cites(item, [st.firstLine]),
          explanation: 'ZGC pauses stay tiny, but when the heap fills faster than a concurrent cycle frees it, allocating threads block — a stall that users see like a pause.',
          recommendations: [{ action: 'Give ZGC headroom', detail: 'Raise -Xmx, or -XX:SoftMaxHeapSize below it so cycles start earlier; more concurrent GC threads help when CPUs are free.', flags: ['-XX:ConcGCThreads=<n>'] }],
          facts: { allocationStalls: st.count, stallTotalMs: st.totalMs, stallMaxMs: st.maxMs },
        });
      }
      if (f.degenerated > 0) {
        report({
          severity: 'warning',
          title: `Shenandoah degenerated ${f.degenerated} cycle(s) to stop-the-world${runLabel}`,
          summary: `${f.degenerated} concurrent cycle(s) ran out of memory and finished stop-the-world ("Pause Degenerated GC")${a.run.cancelledCycles ? `; ${a.run.cancelledCycles} cycle(s) were cancelled` : ''}.`,
          evidence: cites(item, [f.firstLine.degenerated]),
          explanation: 'Shenandoah collects concurrently while the application allocates; when allocation outruns it, the cycle degenerates into a pause, and if that fails too, a full GC.',
          recommendations: [{ action: 'Give Shenandoah headroom', detail: 'Raise -Xmx or reduce the allocation rate; the heuristics can also start cycles earlier.', flags: ['-XX:ShenandoahMinFreeThreshold=20'] }],
          facts: { degenerated: f.degenerated },
        });
      }
    }
  },
});
