// Native Memory Tracking on its own: which category grows between a baseline and now (summary.diff),
// or dwarfs the heap (summary) — and what usually makes that category grow. NMT is often the only
// evidence of a native leak: the heap looks fine, RSS does not.
// Reference: HotSpot nmt/memTracker categories (MemTag: Java Heap, Class, Thread, Code, GC, Compiler,
// Internal, Other, Symbol, Native Memory Tracking, Arena Chunk, Metaspace …) and MemSummaryDiffReporter.

import { defineRule } from './define.js';
import { ref } from '../diagnosis/facts.js';
import { formatBytes, MB } from '../util/bytes.js';
import type { NmtCategory } from '../parsers/native-memory/types.js';

/** What usually makes each NMT category grow (by NMT's own names; JDK 8 "Internal" held direct buffers). */
const CAUSE: Record<string, string> = {
  Thread: 'new threads: every thread reserves a stack (-Xss, 1 MB by default) — growth here is more threads, usually a thread leak (executors or clients created per request and never shut down); a thread dump grouped by name shows the pool',
  Class: 'classes loaded and never unloaded: class loaders that are not freed (webapp redeploys pinned by threads or ThreadLocals, generated proxies, scripts compiled per request)',
  Metaspace: 'classes loaded and never unloaded: class loaders that are not freed (webapp redeploys, generated classes)',
  Internal: 'on JDK 8, direct ByteBuffers (NIO, Netty) and Unsafe.allocateMemory: buffers not released, or a -XX:MaxDirectMemorySize too generous',
  Other: 'direct ByteBuffers and Unsafe.allocateMemory (JDK 11+): NIO/Netty buffers not released; -XX:MaxDirectMemorySize caps them',
  Code: 'JIT-compiled code; bounded by -XX:ReservedCodeCacheSize — steady growth to the cap is normal warm-up',
  GC: 'GC data structures, which grow with the heap (G1 remembered sets grow with cross-region references)',
  Symbol: 'interned strings and symbols: String.intern() of unbounded data, or many generated classes',
  'Arena Chunk': 'compiler and resource arenas: usually the JIT; persistent growth is a JVM bug worth reporting',
  Compiler: 'the JIT compilers\' own memory',
  'Java Heap': 'the heap committing more of -Xmx (normal up to -Xmx)',
};

/** A change worth reporting: at least 64 MB and a fifth of what the category held. */
const MIN_GROWTH = 64 * MB;

function delta(c: NmtCategory): number {
  return Math.max(c.committedDeltaBytes ?? 0, c.cut ? (c.reservedDeltaBytes ?? 0) : 0, c.committedDeltaBytes === undefined ? (c.reservedDeltaBytes ?? 0) : 0);
}

export const nativeMemoryGrowth = defineRule({
  id: 'native-memory-growth',
  maxSeverity: 'warning',
  reads: ['native-memory'],
  tier: 'cause',
  description: 'Reads Native Memory Tracking alone: the category that grows in a summary.diff, or one that dwarfs the heap in a summary, and what usually causes it.',
  run({ case: c }, report) {
    for (const item of c.of('native-memory')) {
      const r = item.data;
      const heap = r.categories.find((k) => k.name === 'Java Heap');
      if (r.diff) {
        const growing = r.categories
          .filter((k) => k.name !== 'Java Heap' && delta(k) >= MIN_GROWTH && delta(k) >= 0.2 * Math.max(1, (k.cut ? k.reservedBytes : k.committedBytes) - delta(k)))
          .sort((a, b) => delta(b) - delta(a));
        if (growing.length === 0) continue;
        const top = growing[0];
        const which = top.committedDeltaBytes !== undefined && !top.cut ? 'committed' : 'reserved';
        const total = r.total?.value;
        report({
          severity: 'warning',
          title: `Native memory grows in NMT's ${top.name} category: +${formatBytes(delta(top))} ${which} since the baseline`,
          summary:
            growing.map((k) => `${k.name} +${formatBytes(delta(k))} (${k.cut ? 'reserved; the line was cut before its committed part' : `now ${formatBytes(k.committedBytes)} committed`})`).join('; ') +
            (total?.committedDeltaBytes !== undefined ? `. In total, committed memory grew by ${formatBytes(total.committedDeltaBytes)} (reserved by ${formatBytes(total.reservedDeltaBytes ?? 0)}).` : '.') +
            ` What usually makes ${top.name} grow: ${CAUSE[top.name] ?? 'allocations the JVM tracks under this category'}.`,
          evidence: [...growing.map((k) => ref(item.file, k.line, k.text.trim())), ...(r.total ? [ref(item.file, r.total.line, r.total.text.trim())] : [])],
          explanation: 'A summary.diff compares the JVM\'s native memory now against a baseline taken earlier (`jcmd <pid> VM.native_memory baseline`). Memory outside the heap that keeps growing is a native leak the heap dump cannot show; NMT names the JVM subsystem that holds it.',
          recommendations: [
            { action: `Find what drives ${top.name}`, detail: top.name === 'Thread' ? 'Take two thread dumps (`jcmd <pid> Thread.print`) a while apart and compare the thread count per name: the pool whose numbers keep rising is the leak.' : 'Take another summary.diff later (or `VM.native_memory detail.diff`) to see the call sites that allocate it.' },
            { action: 'Keep the baseline and diff again', detail: 'Growth that levels off is warm-up; growth that continues at the same rate is a leak — diff at intervals under the same load.' },
          ],
          facts: { category: top.name, growthBytes: delta(top), ...(heap ? { heapCommittedBytes: heap.committedBytes } : {}) },
        });
      } else if (heap) {
        const big = r.categories.filter((k) => k.name !== 'Java Heap' && k.committedBytes > Math.max(256 * MB, heap.committedBytes)).sort((a, b) => b.committedBytes - a.committedBytes);
        if (big.length === 0) continue;
        const top = big[0];
        report({
          severity: 'warning',
          title: `NMT's ${top.name} category (${formatBytes(top.committedBytes)} committed) is larger than the heap (${formatBytes(heap.committedBytes)})`,
          summary: `${big.map((k) => `${k.name} ${formatBytes(k.committedBytes)} committed`).join(', ')}, against ${formatBytes(heap.committedBytes)} of heap. What usually makes ${top.name} this large: ${CAUSE[top.name] ?? 'allocations the JVM tracks under this category'}.`,
          evidence: [ref(item.file, top.line, top.text.trim()), ref(item.file, heap.line, heap.text.trim())],
          explanation: 'In a healthy service the heap is the largest NMT category; another one that outgrows it is memory the heap settings do not bound, and a common reason a container is OOM-killed while the heap looks fine.',
          recommendations: [{ action: `Take a baseline and a summary.diff`, detail: '`jcmd <pid> VM.native_memory baseline`, then `jcmd <pid> VM.native_memory summary.diff` under load: it shows whether the category still grows.' }],
          facts: { category: top.name, committedBytes: top.committedBytes, heapCommittedBytes: heap.committedBytes },
        });
      }
    }
  },
});
