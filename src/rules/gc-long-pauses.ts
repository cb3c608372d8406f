// Long pauses against a target: -XX:MaxGCPauseMillis from the log's flags (G1's goal, 200 ms by
// default), else 1 s for full GCs and 500 ms otherwise. Each finding explains the longest pause from
// its own numbers: what triggered it, what it collected, what it cost.

import { defineRule } from './define.js';
import { cite, formatBytes, gcRuns, ms } from '../gc/findings.js';
import { EVENT_KINDS, EVENT_KIND_INFO, causeEntry } from '../knowledge/gc-events.js';

export const gcLongPauses = defineRule({
  id: 'gc-long-pauses',
  reads: ['gc-log'],
  tier: 'consequence',
  maxSeverity: 'critical',
  description: 'Flags GC pauses longer than the pause target (MaxGCPauseMillis, or 500 ms) and explains the longest from its own numbers.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const flag = a.run.flags.find((f) => f.startsWith('-XX:MaxGCPauseMillis='));
      const target = flag ? Number(flag.split('=')[1]) : a.run.collector === 'G1' ? 200 : 500;
      if (a.pauses.maxMs <= Math.max(target, 100)) continue;
      const e = a.run.events;
      let over = 0;
      let idx = -1;
      for (let i = 0; i < e.count; i++) {
        const d = e.durationMs[i];
        if (d > target && EVENT_KIND_INFO[EVENT_KINDS[e.kind[i]]].pause) over++;
        if (e.line[i] === a.pauses.maxLine) idx = i;
      }
      const kind = idx >= 0 ? EVENT_KIND_INFO[EVENT_KINDS[e.kind[idx]]].label.toLowerCase() : 'pause';
      const cause = idx >= 0 ? a.run.causes[e.cause[idx]] : '';
      const entry = cause ? causeEntry(cause) : undefined;
      const before = idx >= 0 ? e.heapBefore[idx] : NaN;
      const after = idx >= 0 ? e.heapAfter[idx] : NaN;
      const cap = idx >= 0 ? e.heapCapacity[idx] : NaN;
      const real = idx >= 0 ? e.real[idx] : NaN;
      const cpu = idx >= 0 ? e.user[idx] + e.sys[idx] : NaN;
      const words = [
        `The longest pause, a ${kind} collection of ${ms(a.pauses.maxMs)}`,
        cause ? ` triggered by "${cause}"${entry ? ` (${entry.means})` : ''}` : '',
        Number.isFinite(before) && Number.isFinite(after) ? `, took the heap from ${formatBytes(before)} to ${formatBytes(after)}${Number.isFinite(cap) ? ` of ${formatBytes(cap)}` : ''} — it freed ${Number.isFinite(cap) && cap > 0 ? Math.round(((before - after) / cap) * 100) : '?'} % of the heap` : '',
        Number.isFinite(real) && Number.isFinite(cpu) && real > 0 ? `; the GC threads used ${cpu.toFixed(2)} s of CPU in ${real.toFixed(2)} s` : '',
        '.',
      ].join('');
      report({
        severity: a.pauses.maxMs >= 10 * target || a.pauses.maxMs >= 5000 ? 'critical' : 'warning',
        title: `GC pauses up to ${ms(a.pauses.maxMs)}: ${over} over the ${ms(target)} target${runLabel}`,
        summary: `${over} of ${a.pauses.count} pauses exceeded ${ms(target)}${flag ? ` (${flag})` : ' (no MaxGCPauseMillis in the log: the default goal)'}; p99 ${ms(a.pauses.p99Ms)}, max ${ms(a.pauses.maxMs)}. ${words}`,
        evidence: [cite(item, a.pauses.maxLine), ...(a.run.flagsLine ? [cite(item, a.run.flagsLine)] : [])],
        explanation: 'Every application thread is stopped for the length of a pause: requests in flight wait, health checks time out. Long pauses come from full GCs (the whole heap, often single-threaded on older collectors), failures (promotion failed, to-space exhausted, concurrent mode failure), much live data to copy, or a starved machine (see gc-cpu-starvation).',
        recommendations: [
          { action: 'Remove the trigger of the longest pauses first', detail: 'The other gc-* findings name it when it is a failure, a humongous allocation, metaspace or System.gc(); otherwise more heap headroom shortens full GCs by making them rarer.' },
          ...(a.run.collector === 'Parallel' || a.run.collector === 'Serial' || a.run.collector === 'CMS' ? [{ action: 'Use a low-pause collector', detail: 'G1 (default since JDK 9) bounds most pauses to its goal; ZGC or Shenandoah keep them under a few ms on JDK 17+.', flags: ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=200'] }] : []),
        ],
        facts: { maxPauseMs: a.pauses.maxMs, p99Ms: a.pauses.p99Ms, overTarget: over, targetMs: target },
      });
    }
  },
});
