// Class histogram: instances and shallow bytes per class (every object in the dump, reachable or
// not — that is what `jcmd GC.class_histogram` counts), plus retained bytes per class.

import type { HeapIndex } from '../hprof/heap-index.js';
import type { ShallowSizes } from './shallow-sizes.js';
import { javaClassName } from './class-names.js';

export type { HistogramRow } from '../model/heap-report.js';
import type { HistogramRow } from '../model/heap-report.js';

/**
 * Rows aggregated by class name (two classes of the same name from different loaders are one row,
 * as users read them), sorted by shallow bytes descending.
 */
export function buildHistogram(index: HeapIndex, shallow: ShallowSizes, retainedByClass?: Float64Array): HistogramRow[] {
  const nClasses = index.classes.length;
  const count = new Float64Array(nClasses);
  const bytes = new Float64Array(nClasses);
  const cls = index.objectClass;
  const n = index.objectCount;
  for (let i = 0; i < n; i++) {
    const c = cls[i];
    count[c]++;
    bytes[c] += shallow.sizeOf(i);
  }
  const byName = new Map<string, HistogramRow>();
  for (let c = 0; c < nClasses; c++) {
    if (count[c] === 0) continue;
    const name = javaClassName(index.classes[c].jvmName);
    let row = byName.get(name);
    if (!row) byName.set(name, (row = { className: name, instances: 0, shallowBytes: 0, retainedBytes: 0 }));
    row.instances += count[c];
    row.shallowBytes += bytes[c];
    if (retainedByClass) row.retainedBytes += retainedByClass[c];
  }
  return [...byName.values()].sort((a, b) => b.shallowBytes - a.shallowBytes || a.className.localeCompare(b.className));
}
