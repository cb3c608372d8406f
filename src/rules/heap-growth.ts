// Growth between two heap dumps of one application (`diagnose` given both, or `heap diff`): which
// classes and which biggest objects grew — the heap's own answer to "is it a leak?" (src/heap/diff.ts).

import { defineRule } from './define.js';
import { formatBytes } from '../util/bytes.js';
import { diffHeapReports, sameApplication } from '../heap/diff.js';
import type { Table } from '../model/document.js';

/** Growth below both of these is noise (caches warming up, a request in flight). */
const MIN_GROWTH_BYTES = 1024 * 1024;
const MIN_GROWTH_SHARE = 0.05;
/** Growth above this share of the earlier heap is a warning; below, info. */
const WARNING_SHARE = 0.2;

export const heapGrowth = defineRule({
  id: 'heap-growth',
  description: 'Two heap dumps of one application: the reachable heap grew, and these classes and objects grew with it.',
  reads: ['hprof'],
  maxSeverity: 'warning',
  tier: 'cause',
  run({ case: c }, report) {
    const heaps = [...c.heaps].sort((a, b) => Date.parse(a.report.summary.timestamp) - Date.parse(b.report.summary.timestamp));
    for (let i = 1; i < heaps.length; i++) {
      const before = heaps[i - 1];
      const after = heaps[i];
      // Only dumps known to be of one application: two unrelated JVMs' heaps differ, they do not grow.
      if (sameApplication(before.report, after.report) !== true) continue;
      const d = diffHeapReports(before.file, before.report, after.file, after.report, { classes: 10, grown: 5 });
      const growth = d.reachableDelta;
      const base = d.before.reachableBytes;
      if (growth < MIN_GROWTH_BYTES && growth < MIN_GROWTH_SHARE * base) continue;
      if (growth <= 0) continue;
      // The class to name: the biggest retained growth among those with more instances — not
      // java.lang.Class, whose retained size grows with whatever its statics hold.
      const top = d.classes.find((r) => r.instancesDelta > 0 && r.retainedDelta > 0 && r.className !== 'java.lang.Class') ?? d.classes[0];
      // The most specific place that carries most of the growth: of those within 80 % of the biggest,
      // the deepest (an accumulation point below a class's static rather than the class itself).
      const biggest = d.grown[0]?.retainedDelta ?? 0;
      const where = d.grown.filter((g) => g.retainedDelta >= 0.8 * biggest).sort((a, b) => b.path.length - a.path.length)[0];
      const share = base > 0 ? Math.round((100 * growth) / base) : 100;
      const table: Table = {
        title: 'Classes by retained growth',
        columns: [{ label: 'Class', type: 'text' }, { label: 'Δ instances', type: 'count' }, { label: 'Δ retained', type: 'bytes' }, { label: 'Retained after', type: 'bytes' }],
        rows: d.classes.filter((r) => r.retainedDelta > 0).slice(0, 10).map((r) => [r.className, r.instancesDelta, r.retainedDelta, r.retainedAfter]),
      };
      report({
        severity: growth >= WARNING_SHARE * base ? 'warning' : 'info',
        title: `Heap grew by ${formatBytes(growth)} (${share}%) between two dumps${top && top.instancesDelta > 0 ? `: ${top.instancesDelta.toLocaleString('en-US')} more ${top.className}` : ''}`,
        summary: `From ${formatBytes(base)} to ${formatBytes(d.after.reachableBytes)} reachable (${d.before.timestamp} → ${d.after.timestamp}).` +
          (top ? ` ${top.className} grew most: ${top.instancesBefore.toLocaleString('en-US')} → ${top.instancesAfter.toLocaleString('en-US')} instances, +${formatBytes(top.retainedDelta)} retained.` : '') +
          (where ? ` The biggest growth below one object: ${where.className} (+${formatBytes(where.retainedDelta)}) at ${where.path}.` : ''),
        evidence: [
          { file: before.file, excerpt: `${formatBytes(base)} reachable, written ${d.before.timestamp}` },
          { file: after.file, excerpt: `${formatBytes(d.after.reachableBytes)} reachable, written ${d.after.timestamp}${where ? `; ${where.path}` : ''}` },
        ],
        tables: [table],
        explanation:
          'The two dumps come from the same application (same command line, JVM and working folder). What is still reachable in the later one and was not in the earlier ' +
          'one is memory the application keeps: if the same classes grow again in a third dump, it is a leak, not a warm-up.',
        recommendations: [{
          action: where ? `Find out why ${where.className} keeps growing` : top ? `Find out why ${top.className} instances pile up` : 'Compare a third dump',
          detail: where
            ? `It is held through ${where.path}: bound it (size or time limit), or remove entries when done. \`jvmdoctor heap diff\` shows every class and object that grew.`
            : 'Take a third dump later and run `jvmdoctor heap diff` on the last two: steady growth of the same classes is a leak.',
        }],
        facts: { growthBytes: growth, beforeBytes: base, afterBytes: d.after.reachableBytes, ...(top ? { topClass: top.className, topClassInstancesDelta: top.instancesDelta } : {}) },
      });
    }
  },
});
