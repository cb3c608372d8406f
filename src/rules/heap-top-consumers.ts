// What fills a heap dump given to diagnose: the biggest classes by the JVM's own shallow sizes.

import { defineRule } from './define.js';
import { topConsumerFindings } from '../heap/findings.js';

export const heapTopConsumers = defineRule({
  id: 'heap-top-consumers',
  maxSeverity: 'info',
  description: 'The classes that take most of a heap dump, by shallow and retained size.',
  run({ case: c }) {
    return c.heaps.flatMap((h) => topConsumerFindings(h.report, h.file));
  },
});
