// Leak or undersized heap, from the GC log's live set: the heap left after each full/mixed/old
// collection (only live objects, plus floating garbage). Rising steadily → a leak, with a time to OOM
// at that slope; flat near the ceiling → the heap is too small for what the application holds;
// flat and well below → the heap fits (context). src/gc/analyze.ts verdictOf says how, and how sure.

import { defineRule } from './define.js';
import { cite, cites, duration, formatBytes, gcRuns, suggestHeap } from '../gc/findings.js';

export const gcLiveSet = defineRule({
  id: 'gc-live-set',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'critical',
  description: 'Tells a heap leak (live set after full GCs rising, with time to OOM) from an undersized heap (flat live set near the maximum) in GC logs.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const v = a.verdict;
      const ls = a.liveSet;
      if (v.kind === 'unknown') continue;
      const limit = ls.limitBytes;
      const first = ls.lines[0];
      const last = ls.lines[ls.lines.length - 1];
      const evidence = [cite(item, first), cite(item, last), ...(a.run.flagsLine ? [cite(item, a.run.flagsLine)] : a.run.headerLine ? [cite(item, a.run.headerLine)] : [])];
      const pct = Math.round(v.lastPercentOfLimit);
      const facts = {
        verdict: v.kind, confidence: v.confidence, liveSetFirstBytes: ls.firstBytes, liveSetLastBytes: ls.lastBytes, limitBytes: limit,
        points: ls.points.length, r2: Math.round(ls.r2 * 1000) / 1000, ...(ls.slopeBytesPerHour !== null ? { slopeBytesPerHour: Math.round(ls.slopeBytesPerHour) } : {}),
        ...(ls.hoursToOom !== null ? { hoursToOom: Math.round(ls.hoursToOom * 1000) / 1000 } : {}),
      };
      if (v.kind === 'leak') {
        const tto = ls.hoursToOom !== null ? `; at this rate the heap is full in about ${duration(ls.hoursToOom)}` : '';
        report({
          severity: v.confidence >= 0.5 ? 'critical' : 'warning',
          title: `Heap leak: the live set after full GCs rose from ${formatBytes(ls.firstBytes)} to ${formatBytes(ls.lastBytes)} of ${formatBytes(limit)}${runLabel}`,
          summary: `After every collection that leaves only live objects, more is left than the time before: ${formatBytes(ls.firstBytes)} → ${formatBytes(ls.lastBytes)} (${pct} % of the heap limit) over ${ls.points.length} collections${tto}. ${capitalize(v.reason)}; confidence ${Math.round(v.confidence * 100)} %.`,
          evidence,
          explanation: 'The live set is what the heap holds after a full (or mixed, or whole-heap concurrent) collection: objects still reachable. A cache, a listener list or a map that only grows raises it after every collection; garbage does not. A larger heap only delays the OutOfMemoryError — the growth has to be found in a heap dump.',
          recommendations: [
            { action: 'Find what grows in a heap dump', detail: 'Take two heap dumps some minutes apart (`jcmd <pid> GC.heap_dump /tmp/a.hprof`, then b.hprof) and run `jvmdoctor heap` on each: the class or collection whose retained size grows is the leak.', flags: ['-XX:+HeapDumpOnOutOfMemoryError', '-XX:HeapDumpPath=/var/tmp'] },
            { action: 'Keep the GC log', detail: 'The live-set trend is the early warning: `-Xlog:gc*:file=gc.log:time,uptime,level,tags:filecount=5,filesize=20m`.' },
          ],
          facts,
        });
      } else if (v.kind === 'undersized') {
        report({
          severity: a.throughputPercent < 90 || a.full.ineffectiveStreak >= 3 ? 'critical' : 'warning',
          title: `Heap too small: the live set stays at ${pct} % of the ${formatBytes(limit)} heap, without growing${runLabel}`,
          summary: `After full collections ${formatBytes(ls.lastBytes)} stays live (${pct} % of the limit) and does not trend upward over ${ls.points.length} collections — not a leak: the application needs this much. With so little headroom the collector runs often (${a.full.count} full GCs, ${Math.round(100 - a.throughputPercent)} % of the time in pauses).`,
          evidence,
          explanation: 'A flat live set means the data is really in use. When it fills most of the heap, every allocation burst triggers another collection that frees little: throughput falls and pauses pile up until allocation fails. The fix is more heap (or less data), not a leak hunt.',
          recommendations: [
            { action: 'Give the heap room: about twice the live set', detail: `The live set is ${formatBytes(ls.lastBytes)}; a heap of about twice that leaves room for allocation between collections (check the container limit leaves room for metaspace, threads and native memory too).`, flags: [`-Xmx${suggestHeap(ls.lastBytes)}`] },
          ],
          facts,
        });
      } else if (v.kind === 'fits' && v.confidence >= 0.3) {
        report({
          severity: 'info',
          title: `The heap fits: the live set stays at ${pct} % of ${formatBytes(limit)}${runLabel}`,
          summary: `${capitalize(v.reason)} (${ls.points.length} points, no steady rise): no sign of a leak in this GC log.`,
          evidence: cites(item, [first, last]),
          explanation: 'A live set well below the heap limit and without an upward trend leaves room for allocation; memory problems elsewhere (native memory, metaspace, threads) are not the heap.',
          recommendations: [],
          facts,
        });
      }
    }
  },
});

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
