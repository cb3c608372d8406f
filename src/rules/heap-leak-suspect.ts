// Leak suspects from heap dumps given to diagnose: an object, or a group of one class, that retains
// more than 10 % of the heap (the analysis itself is src/heap/, as for `jvmdoctor heap`).

import { defineRule } from './define.js';
import { leakSuspectFindings } from '../heap/findings.js';

export const heapLeakSuspect = defineRule({
  id: 'heap-leak-suspect',
  maxSeverity: 'critical',
  description: 'Objects (or groups of one class) that retain more than 10 % of a heap dump, with their path from a GC root.',
  run({ case: c }) {
    return c.heaps.flatMap((h) => leakSuspectFindings(h.report, h.file));
  },
});
