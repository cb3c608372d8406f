// Serial fallbacks: a concurrent or region-based collector that gave up and ran a full, stop-the-world
// collection — G1 "Pause Full" (single-threaded before JDK 10), CMS full GCs, Shenandoah "Pause Full".
// With Serial/Parallel full GCs are the design; with these collectors each is a failure.

import { defineRule } from './define.js';
import { cites, gcRuns, ms } from '../gc/findings.js';

export const gcSerialFallback = defineRule({
  id: 'gc-serial-fallback',
  reads: ['gc-log'],
  tier: 'consequence',
  maxSeverity: 'critical',
  description: 'Flags full GCs of G1, CMS and Shenandoah: the concurrent collector fell back to a stop-the-world full collection.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const collector = a.run.collector;
      if (!['G1', 'CMS', 'Shenandoah'].includes(collector)) continue;
      // Full GCs asked for — System.gc(), jmap/jcmd heap dumps and histograms ("Heap Dump/Inspection
      // Initiated GC"), JVMTI — are not the collector giving up (gc-explicit reports the calls).
      const fulls = a.full.count - a.full.requested;
      if (fulls <= 0) continue;
      const version = a.run.jvmVersion ?? '';
      const singleThreaded = collector === 'CMS' || (collector === 'G1' && /^1\.[5-9]/.test(version));
      report({
        severity: fulls >= 3 || a.full.totalMs >= 5000 ? 'critical' : 'warning',
        title: `${collector} fell back to ${fulls} full GC(s)${singleThreaded ? ' (single-threaded)' : ''}, ${ms(a.full.totalMs)} in total${runLabel}`,
        summary: `${collector} is meant to collect without full GCs, yet ran ${fulls} on its own${a.full.requested ? ` (and ${a.full.requested} more that System.gc(), a heap dump or a histogram asked for)` : ''}, the longest ${ms(Math.max(0, ...a.byKind.filter((k) => k.kind === 'full').map((k) => k.maxMs)))}.${singleThreaded ? ' On this JVM a full GC compacts the whole heap with one thread.' : ''}`,
        evidence: cites(item, a.full.unrequestedLines),
        explanation: 'A full GC here means the concurrent work lost the race with allocation: the heap filled before marking and mixed/concurrent collections freed space (to-space exhausted, concurrent mode failure, degenerated cycles and humongous allocations are the usual steps before). Every full GC stops all threads for the whole heap.',
        recommendations: [
          { action: 'Give the collector headroom and time', detail: 'More heap, or an earlier start of concurrent marking (G1: -XX:InitiatingHeapOccupancyPercent; CMS: CMSInitiatingOccupancyFraction); look at gc-live-set for whether the data itself grows.', flags: collector === 'G1' ? ['-XX:InitiatingHeapOccupancyPercent=35', '-XX:G1ReservePercent=15'] : collector === 'CMS' ? ['-XX:CMSInitiatingOccupancyFraction=60', '-XX:+UseCMSInitiatingOccupancyOnly'] : [] },
          ...(singleThreaded && collector === 'G1' ? [{ action: 'Move to JDK 11+', detail: 'G1\'s full GC is parallel since JDK 10 (JEP 307).' }] : []),
        ],
        facts: { fullGcs: a.full.count, unrequestedFullGcs: fulls, requestedFullGcs: a.full.requested, fullGcTotalMs: a.full.totalMs, explicitGcs: a.explicit.count },
      });
    }
  },
});
