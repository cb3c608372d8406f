// Wasted heap and the heap's view of native memory, from the waste part of a heap analysis
// (src/heap/waste.ts): duplicate strings, empty/sparse collections, boxed primitives when they are a
// real share of the heap, and direct buffers holding native memory (a direct-memory OOM's cause).

import { defineRule } from './define.js';
import { formatBytes } from '../util/bytes.js';

/** A kind of waste is reported when it is at least this share of the reachable heap… */
const WASTE_SHARE = 0.05;
/** …or at least this many bytes. */
const WASTE_BYTES = 64 * 1024 * 1024;
/** Native memory held by reachable direct buffers worth a line. */
const DIRECT_BYTES = 8 * 1024 * 1024;

export const heapWaste = defineRule({
  id: 'heap-waste',
  description: 'Heap wasted on duplicate strings, empty or sparse collections and boxed primitives, and native memory held by reachable direct buffers.',
  reads: ['hprof'],
  maxSeverity: 'warning',
  tier: 'context',
  run({ case: c }, report) {
    for (const { file, report: heap } of c.heaps) {
      const w = heap.waste;
      if (!w) continue;
      const reachable = heap.summary.reachableBytes;
      const matters = (b: number) => b >= WASTE_BYTES || (reachable > 0 && b >= WASTE_SHARE * reachable);
      const pct = (b: number) => (reachable > 0 ? `${Math.round((1000 * b) / reachable) / 10}%` : '?');
      const d = w.duplicateStrings;
      if (d.top.length && matters(d.wastedBytes)) {
        const t = d.top[0];
        report({
          severity: d.wastedBytes >= 0.2 * reachable ? 'warning' : 'info',
          title: `Duplicate strings waste ${formatBytes(d.wastedBytes)} (${pct(d.wastedBytes)} of the heap)`,
          summary: `${d.strings.toLocaleString('en-US')} strings repeat ${d.distinct.toLocaleString('en-US')} contents; the most wasteful: ${t.count.toLocaleString('en-US')} copies of ${JSON.stringify(t.text)}${t.owners[0] ? `, held by ${t.owners[0].field}` : ''}.`,
          evidence: [{ file, excerpt: d.top.slice(0, 3).map((x) => `${x.count} × ${JSON.stringify(x.text)}`).join('; ') }],
          explanation: 'Each copy costs a String and its array; one shared copy would do. Strings read from files, the network or a database are new objects every time.',
          recommendations: [{
            action: t.owners[0] ? `Share the values stored in ${t.owners[0].field}` : 'Share repeated string values',
            detail: 'Intern or deduplicate them where they are created (a small map of canonical values, String.intern() for a bounded set), or let G1 do it: -XX:+UseStringDeduplication (G1 only).',
            flags: ['-XX:+UseStringDeduplication'],
          }],
          facts: { wastedBytes: d.wastedBytes, duplicateStrings: d.strings },
        });
      }
      const collWaste = w.collections.reduce((s, x) => s + x.wastedBytes, 0);
      if (w.collections.length && matters(collWaste)) {
        const t = w.collections[0];
        report({
          severity: 'info',
          title: `Empty and sparse collections waste ${formatBytes(collWaste)} (${pct(collWaste)} of the heap)`,
          summary: `${t.className}: ${t.empty.toLocaleString('en-US')} empty and ${t.sparse.toLocaleString('en-US')} sparse of ${t.instances.toLocaleString('en-US')} (fill ${Math.round(100 * t.fillRatio)}%)${t.owners[0] ? `, mostly held by ${t.owners[0].field}` : ''}.`,
          evidence: [{ file, excerpt: w.collections.slice(0, 3).map((x) => `${x.className}: ${x.empty} empty, ${x.sparse} sparse, ${formatBytes(x.wastedBytes)}`).join('; ') }],
          explanation: 'A collection keeps its backing array after it empties, and one created with a large initial capacity pays for it even when it stays small.',
          recommendations: [{ action: 'Create collections lazily or with the capacity they need', detail: 'Allocate on first use, use a small initial capacity, or share Collections.emptyMap()/emptyList() for the empty case; trimToSize() for lists that are done growing.' }],
          facts: { wastedBytes: collWaste },
        });
      }
      const boxWaste = w.boxed.reduce((s, x) => s + x.wastedBytes, 0);
      if (w.boxed.length && matters(boxWaste)) {
        const t = w.boxed[0];
        report({
          severity: 'info',
          title: `Boxed primitives waste ${formatBytes(boxWaste)} (${pct(boxWaste)} of the heap)`,
          summary: `${t.instances.toLocaleString('en-US')} ${t.className} objects, ${t.inCollections.toLocaleString('en-US')} of them in collections.`,
          evidence: [{ file, excerpt: w.boxed.slice(0, 3).map((x) => `${x.instances} ${x.className}`).join('; ') }],
          explanation: 'A boxed number costs an object header and alignment around a few bytes of value, plus the reference to it.',
          recommendations: [{ action: 'Keep numbers in primitive arrays or primitive collections', detail: 'int[]/long[], or a primitive-collection library (fastutil, Eclipse Collections, HPPC) for maps and lists of numbers.' }],
          facts: { wastedBytes: boxWaste },
        });
      }
      const b = w.directBuffers;
      if (b.capacityBytes >= DIRECT_BYTES) {
        const o = b.owners[0];
        report({
          severity: 'info',
          title: `${b.reachable.toLocaleString('en-US')} reachable direct buffers hold ${formatBytes(b.capacityBytes)} of native memory`,
          summary: `${o ? `Mostly through ${o.field} (${formatBytes(o.bytes)} in ${o.count} buffers). ` : ''}${b.unreachable ? `${b.unreachable} more (${formatBytes(b.unreachableCapacityBytes)}) are unreachable and wait for a GC to run their cleaner.` : ''}`.trim(),
          evidence: [{ file, excerpt: b.owners.slice(0, 3).map((x) => `${x.field}: ${x.count} buffers, ${formatBytes(x.bytes)}`).join('; ') }],
          explanation: 'java.nio direct buffers live outside the Java heap: the heap shows only their small DirectByteBuffer objects, while their capacity counts against -XX:MaxDirectMemorySize and the container limit. A GC cannot free it while the buffers are reachable.',
          recommendations: [{ action: o ? `Bound or release the buffers held by ${o.field}` : 'Bound or release the direct buffers', detail: 'Pool and reuse buffers, cap the pool, or set -XX:MaxDirectMemorySize to what the budget allows so the JVM fails clearly instead of the container being killed.', flags: ['-XX:MaxDirectMemorySize'] }],
          facts: { capacityBytes: b.capacityBytes, buffers: b.reachable },
        });
      }
    }
  },
});
