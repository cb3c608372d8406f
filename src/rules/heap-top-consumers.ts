// What fills a heap dump: the biggest classes by the JVM's own shallow sizes.

import { defineRule } from './define.js';
import { formatBytes } from '../util/bytes.js';

export const heapTopConsumers = defineRule({
  id: 'heap-top-consumers',
  description: 'The classes that take most of a heap dump, by shallow and retained size.',
  reads: ['hprof'],
  maxSeverity: 'info',
  tier: 'context',
  run({ case: c }, report) {
    for (const { file, report: heap } of c.heaps) {
      const top = heap.histogram.slice(0, 5);
      if (top.length === 0) continue;
      report({
        severity: 'info',
        title: `Heap dump: ${formatBytes(heap.summary.reachableBytes)} reachable in ${heap.summary.objects.toLocaleString('en-US')} objects`,
        summary: `Biggest classes by shallow size: ${top.map((h) => `${h.className} ${formatBytes(h.shallowBytes)}`).join(', ')}.`,
        evidence: [{ file, excerpt: `${heap.summary.objects} objects, ${heap.summary.classes} classes` }],
        explanation: 'Shallow sizes are the JVM\'s own (they match `jcmd GC.class_histogram`).',
        recommendations: [],
        tables: [{
          columns: [
            { label: 'class', type: 'text', key: 'className' },
            { label: 'instances', type: 'count', key: 'instances' },
            { label: 'shallow bytes', type: 'bytes', key: 'shallowBytes' },
            { label: 'retained bytes', type: 'bytes', key: 'retainedBytes' },
          ],
          rows: top.map((h) => [h.className, h.instances, h.shallowBytes, h.retainedBytes]),
          totalRows: heap.histogram.length,
        }],
      });
    }
  },
});
