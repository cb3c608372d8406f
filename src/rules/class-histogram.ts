// A class histogram (`jmap -histo[:live]`, `jcmd <pid> GC.class_histogram`) without a heap dump: which
// classes fill the heap, and — with two histograms of the same JVM — which ones grow. The histogram
// counts shallow bytes only: it says what fills the heap, a heap dump says who holds it.

import { defineRule } from './define.js';
import { ref } from '../diagnosis/facts.js';
import { formatBytes, MB } from '../util/bytes.js';
import type { ClassHistogram } from '../parsers/class-histogram/types.js';

/** What the biggest classes of a histogram usually are. */
function note(className: string): string | undefined {
  if (className === 'byte[]' || className === 'char[]') return 'the contents of Strings, buffers and serialized data';
  if (/^java\.util\.(?:Linked)?HashMap(?:\$Node|\$Entry)?(?:\[\])?$|^java\.util\.concurrent\.ConcurrentHashMap/.test(className)) return 'map entries: caches and indexes of maps';
  if (className === 'java.lang.String') return 'Strings (their characters are in byte[]/char[])';
  if (/^<\w+Klass>$/.test(className)) return 'class metadata (JDK 7 PermGen)';
  return undefined;
}

export const classHistogram = defineRule({
  id: 'class-histogram',
  maxSeverity: 'warning',
  reads: ['class-histogram'],
  tier: 'context',
  description: 'Reads jmap -histo / jcmd GC.class_histogram text: the classes that fill the heap, and those that grow between two histograms.',
  run({ case: c }, report) {
    const all: { h: ClassHistogram; file: string }[] = c.of('class-histogram').flatMap((i) => i.data.histograms.map((h) => ({ h, file: i.file })));
    if (all.length === 0) return;
    const { h, file } = all[all.length - 1];
    const top = [...h.rows].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    const share = (b: number) => (h.totalBytes > 0 ? ` (${Math.round((100 * b) / h.totalBytes)} %)` : '');
    const lines = top.map((r) => `${r.className} ${formatBytes(r.bytes)}${share(r.bytes)} in ${r.instances.toLocaleString('en-US')} objects${note(r.className) ? ` — ${note(r.className)}` : ''}`);
    const growth = all.length >= 2 ? grown(all[0].h, h) : [];
    const big = growth.filter((g) => g.delta >= 100 * MB && g.delta >= 0.5 * Math.max(1, g.before));
    report({
      severity: big.length ? 'warning' : 'info',
      title: big.length
        ? `${big[0].className} grew by ${formatBytes(big[0].delta)} between the class histograms`
        : `The heap's biggest classes: ${top.slice(0, 3).map((r) => `${r.className} ${formatBytes(r.bytes)}`).join(', ')}`,
      summary:
        `${h.totalPrinted ? `${formatBytes(h.totalBytes)} in ${h.totalInstances.toLocaleString('en-US')} objects` : `at least ${formatBytes(h.totalBytes)} in the ${h.rowCount} rows pasted (the table was cut before its Total line)`}; the largest: ${lines.join('; ')}.` +
        (growth.length ? ` Between the first and the last histogram: ${growth.slice(0, 5).map((g) => `${g.className} ${g.delta >= 0 ? '+' : ''}${formatBytes(g.delta)}`).join(', ')}.` : ''),
      evidence: [ref(file, h.line, 'class histogram'), ...top.slice(0, 3).map((r) => ref(file, r.line, r.text.trim()))],
      explanation: 'A class histogram counts the shallow size of every object per class (a :live histogram after a full GC counts only reachable ones). It shows what fills the heap, not who keeps it: many byte[] or HashMap$Node objects are the payload of some cache or collection. Two :live histograms of the same JVM taken under the same load show what accumulates.',
      recommendations: [
        { action: 'Take a heap dump to see who holds them', detail: '`jcmd <pid> GC.heap_dump /tmp/heap.hprof` then `jvmdoctor heap /tmp/heap.hprof`: the dominators and leak suspects name the collection or cache that retains these objects.' },
        ...(all.length < 2 ? [{ action: 'Compare two live histograms', detail: 'Take `jcmd <pid> GC.class_histogram` (it forces a full GC) twice, an hour apart under load, and pass both: the classes that keep growing are the leak.' }] : []),
      ],
      facts: { totalBytes: h.totalBytes, topClass: top[0]?.className ?? '', topClassBytes: top[0]?.bytes ?? 0, histograms: all.length },
    });
  },
});

function grown(first: ClassHistogram, last: ClassHistogram): { className: string; before: number; delta: number }[] {
  const before = new Map(first.rows.map((r) => [r.className, r.bytes]));
  return last.rows
    .map((r) => ({ className: r.className, before: before.get(r.className) ?? 0, delta: r.bytes - (before.get(r.className) ?? 0) }))
    .filter((g) => g.delta > 0)
    .sort((a, b) => b.delta - a.delta);
}
