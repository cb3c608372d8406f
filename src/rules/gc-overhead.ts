// GC overhead and the death spiral: the application spends a large share of its time paused, or full
// GCs follow each other freeing almost nothing (HotSpot's own "GC overhead limit exceeded" is the
// Parallel collector's version of this: > 98 % of time in GC recovering < 2 % of the heap).

import { defineRule } from './define.js';
import { cite, cites, formatBytes, gcRuns, ms } from '../gc/findings.js';

export const gcOverhead = defineRule({
  id: 'gc-overhead',
  reads: ['gc-log'],
  tier: 'consequence',
  maxSeverity: 'critical',
  description: 'Flags GC overhead (under 90 % throughput) and the death spiral of consecutive full GCs that free almost nothing.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const spiral = a.full.ineffectiveStreak >= 3 || a.failures.gcTimeLimit > 0;
      const overhead = a.wallMs >= 1000 && a.pauses.count >= 5 && a.throughputPercent < 90;
      if (!spiral && !overhead) continue;
      const paused = Math.round(a.pausePercent);
      const lines = [a.full.ineffectiveStreakLine, a.failures.firstLine.gcTimeLimit, a.pauses.maxLine];
      report({
        severity: spiral || a.throughputPercent < 80 ? 'critical' : 'warning',
        title: spiral
          ? `GC death spiral: ${a.full.ineffectiveStreak} full GCs in a row freed less than 10 % of the heap${runLabel}`
          : `GC overhead: ${paused} % of the time in GC pauses${runLabel}`,
        summary: `${paused} % of ${ms(a.wallMs)} was spent in ${a.pauses.count} pauses (throughput ${a.throughputPercent.toFixed(1)} %)${a.full.count ? `, ${a.full.count} of them full GCs (${ms(a.full.totalMs)})` : ''}.${spiral ? ` Full GCs kept running without freeing memory — the heap is full of live data${a.failures.gcTimeLimit ? ', and the JVM printed "GC time is exceeding GCTimeLimit"' : ''}: an OutOfMemoryError ("Java heap space" or "GC overhead limit exceeded") follows.` : ''}`,
        evidence: cites(item, lines),
        explanation: 'When the live data fills the heap, each collection frees only a little, so the next one comes sooner: the application runs between ever more frequent pauses and stops making progress long before the JVM gives up. Whether the live data grows (a leak) or is simply too much for the heap, the gc-live-set finding says.',
        recommendations: [
          { action: 'Give the heap more room, or find what fills it', detail: `The heap after the last full GCs is about ${formatBytes(a.liveSet.lastBytes)}. If it rises over time, it is a leak (take a heap dump); if it is flat, raise -Xmx.`, flags: ['-XX:+HeapDumpOnOutOfMemoryError'] },
          { action: 'Fail fast instead of crawling', detail: 'Let the JVM exit on the first OutOfMemoryError so the orchestrator restarts it, rather than serving requests at a fraction of the speed.', flags: ['-XX:+ExitOnOutOfMemoryError'] },
        ],
        facts: { throughputPercent: a.throughputPercent, pauseCount: a.pauses.count, pauseTotalMs: a.pauses.totalMs, fullGcs: a.full.count, ineffectiveFullGcStreak: a.full.ineffectiveStreak, gcTimeLimit: a.failures.gcTimeLimit },
      });
    }
  },
});
