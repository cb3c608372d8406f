// Leak suspects from heap dumps: an object, or a group of one class, that retains more than 10 % of
// the heap (the analysis itself is src/heap/, as for `jvmdoctor heap`).

import { defineRule } from './define.js';
import { formatBytes } from '../util/bytes.js';

/** Suspects retaining at least this share of the heap are critical; smaller ones are warnings. */
const CRITICAL_PERCENT = 30;

export const heapLeakSuspect = defineRule({
  id: 'heap-leak-suspect',
  description: 'Objects (or groups of one class) that retain more than 10 % of a heap dump, with their path from a GC root.',
  reads: ['hprof'],
  maxSeverity: 'critical',
  // What filled the heap: the cause, ranked after the OutOfMemoryError that made the dump (rule order).
  tier: 'cause',
  run({ case: c }, report) {
    for (const { file, report: heap } of c.heaps) {
      for (const s of heap.leakSuspects) {
        report({
          severity: s.percentOfHeap >= CRITICAL_PERCENT ? 'critical' : 'warning',
          title: `${s.className} retains ${formatBytes(s.retainedBytes)} (${s.percentOfHeap}% of the heap)`,
          summary: s.description,
          evidence: [{ file, excerpt: `${s.title}: ${s.path}` }],
          explanation:
            'In the heap dump, everything this object (or group of objects) dominates would be freed if it were gone: ' +
            'it is the single biggest reason that memory is in use. The path shows who holds it, starting at a GC root.',
          recommendations: [{
            action: s.field
              ? `Find out why ${s.field} keeps growing`
              : s.accumulationPoint
                ? `Find out why ${s.accumulationPoint.className} keeps growing`
                : s.spread
                  ? `Find out why ${s.spread.instances.toLocaleString('en-US')} ${s.spread.className} objects pile up below ${s.className}`
                  : `Find out why ${s.className} is kept`,
            detail: s.accumulationPoint
              ? `The memory piles up in ${s.accumulationPoint.className} ${s.accumulationPoint.objectId} (${formatBytes(s.accumulationPoint.retainedBytes)}); bound or clear that collection, or release its owner when done. Path: ${s.path}`
              : `Release it when done, or size the heap for it. Path: ${s.path}`,
          }],
          facts: { retainedBytes: s.retainedBytes, percentOfHeap: s.percentOfHeap, objectId: s.objectId, instances: s.instances },
        });
      }
    }
  },
});
