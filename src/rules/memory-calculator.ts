// Cloud Foundry's / Paketo's memory calculator (java-buildpack-memory-calculator, libjvm's calculator):
// it divides the container's memory before the JVM starts — code cache, metaspace, direct memory and
// one stack per expected thread first, the heap gets what is left. Its line in the staging/start log is
// a memory budget: say where the memory went, and why the heap is small or cannot be given at all.
// Reference: cloudfoundry/java-buildpack-memory-calculator (memory/allocate.go: heap = total − headroom −
// direct − metaspace − code cache − stack × threads; defaults 10M direct, 240M code cache on Java 8+,
// 250 threads, metaspace from the loaded-class count), paketo-buildpacks/libjvm (same arithmetic).

import { defineRule } from './define.js';
import type { Recommendation } from '../model/finding.js';
import { ref } from '../diagnosis/facts.js';
import { formatBytes, parseBytes } from '../util/bytes.js';
import type { JvmOptionsReport } from '../parsers/jvm-options/types.js';

/** The calculator's default thread count (a Tomcat-sized pool: 200 request threads plus the rest). */
const DEFAULT_THREADS = 250;

function optionBytes(r: JvmOptionsReport, pattern: RegExp): number | undefined {
  let v: number | undefined;
  for (const o of r.options) {
    const m = pattern.exec(o.value);
    if (m) v = parseBytes(m[1]) ?? v;
  }
  return v;
}

export const memoryCalculator = defineRule({
  id: 'memory-calculator',
  maxSeverity: 'critical',
  reads: ['jvm-options'],
  tier: 'cause',
  description: "Explains Cloud Foundry's / Paketo's memory calculator: where the container's memory went before the heap, and why it could not size one.",
  run({ case: c }, report) {
    for (const item of c.of('jvm-options')) {
      const calc = item.data.memoryCalculator;
      if (!calc) continue;
      const r = item.data;
      const heap = optionBytes(r, /^-Xmx(\S+)$/);
      const stack = optionBytes(r, /^-Xss(\S+)$/);
      const codeCache = optionBytes(r, /^-XX:ReservedCodeCacheSize=(\S+)$/);
      const direct = optionBytes(r, /^-XX:MaxDirectMemorySize=(\S+)$/);
      const metaspace = optionBytes(r, /^-XX:MaxMetaspaceSize=(\S+)$/);
      const threads = calc.threads ?? DEFAULT_THREADS;
      const stacks = stack !== undefined ? stack * threads : undefined;
      const parts: [string, number | undefined][] = [
        ['code cache (-XX:ReservedCodeCacheSize, the JIT\'s default on Java 8+)', codeCache],
        [`thread stacks (${threads} threads${calc.threads ? '' : ', the calculator\'s default count'} × -Xss ${stack !== undefined ? formatBytes(stack) : '?'})`, stacks],
        ['metaspace (-XX:MaxMetaspaceSize, estimated from the number of classes)', metaspace],
        ['direct memory (-XX:MaxDirectMemorySize)', direct],
      ];
      const nonHeap = parts.reduce((n, [, b]) => n + (b ?? 0), 0);
      const list = parts.filter(([, b]) => b !== undefined).map(([what, b]) => `${formatBytes(b!)} ${what}`).join(', ');
      const total = calc.totalBytes;
      const recs: Recommendation[] = [
        { action: 'Shrink the code cache if the app is small', detail: 'The 240 MB reserved code cache is the JVM\'s default on Java 8+; a small app runs with much less, at some JIT cost: set JAVA_OPTS (cf set-env / BPL_JVM_… on Paketo) with a smaller value and measure.', flags: ['-XX:ReservedCodeCacheSize=64M'] },
        { action: 'Count the threads you really run', detail: `The calculator reserves a stack for ${threads} threads; a non-Tomcat or reactive app needs far fewer (Paketo: BPL_JVM_THREAD_COUNT; Cloud Foundry java-buildpack: JBP_CONFIG_OPEN_JDK_JRE memory_calculator: {stack_threads: …}).` },
        { action: 'Or give the container more memory', detail: `cf push -m / the manifest's memory: the calculator assumes at least 1 GB for a typical Spring Boot or Tomcat app${total ? `; ${formatBytes(total)} is below that` : ''}.` },
      ];
      if (calc.failed) {
        report({
          severity: 'critical',
          title: `The memory calculator cannot fit the JVM into ${total ? formatBytes(total) : 'the container'}: nothing is left for the heap`,
          summary: `The non-heap regions alone need ${formatBytes(nonHeap)}${total ? `, more than the ${formatBytes(total)} available` : ''} — ${list}. The calculator refuses ("allocated memory is greater than … available"), so the app does not start.`,
          evidence: [ref(item.file, calc.line, calc.text.trim())],
          explanation: 'The buildpack\'s memory calculator computes heap = total memory − (code cache + metaspace + direct memory + thread stacks + head room) before the JVM starts. When the regions outside the heap already exceed the total, no heap size exists and staging or start fails.',
          recommendations: recs,
          facts: { nonHeapBytes: nonHeap, ...(total ? { totalBytes: total } : {}), threads },
        });
      } else {
        const share = heap !== undefined ? heap / (heap + nonHeap) : undefined;
        report({
          severity: share !== undefined && share < 0.25 ? 'warning' : 'info',
          title: `The memory calculator left ${heap !== undefined ? formatBytes(heap) : 'little'} for the heap`,
          summary: `Heap -Xmx ${heap !== undefined ? formatBytes(heap) : '?'}${share !== undefined ? ` (${Math.round(share * 100)} % of the ${formatBytes(heap! + nonHeap)} it divided)` : ''}; before it come ${list}.`,
          evidence: [ref(item.file, calc.line, calc.text.trim())],
          explanation: 'The buildpack\'s memory calculator computes heap = total memory − (code cache + metaspace + direct memory + thread stacks + head room): the JVM\'s large non-heap defaults are reserved first, so in a small container the heap gets what little remains and the app runs out of heap under load.',
          recommendations: recs,
          facts: { ...(heap !== undefined ? { heapBytes: heap } : {}), nonHeapBytes: nonHeap, threads },
        });
      }
    }
  },
});
