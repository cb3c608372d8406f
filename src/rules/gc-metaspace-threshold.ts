// Full GCs triggered by metaspace ("Metadata GC Threshold", "Last ditch collection", JDK 7 "Permanent
// Generation Full") and Metaspace allocation failures: class metadata, not the heap, drives them — a
// class-loader leak or a MetaspaceSize too small for the application's classes.

import { defineRule } from './define.js';
import { cites, formatBytes, gcRuns } from '../gc/findings.js';

export const gcMetaspaceThreshold = defineRule({
  id: 'gc-metaspace-threshold',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'critical',
  description: 'Flags GCs driven by metaspace (Metadata GC Threshold, Last ditch collection, Metaspace allocation failures) in GC logs.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const m = a.metaspace;
      const oom = a.run.metaspaceOomLines.length;
      if (m.thresholdGcs === 0 && oom === 0) continue;
      const lastDitch = a.byCause.find((r) => /Last ditch|Clear Soft References/.test(r.cause));
      const critical = oom > 0 || Boolean(lastDitch);
      report({
        severity: critical ? 'critical' : m.thresholdGcs >= 3 ? 'warning' : 'info',
        title: oom > 0 ? `Metaspace exhausted: ${oom} metaspace allocation failure(s) in the GC log${runLabel}` : `${m.thresholdGcs} GC(s) triggered by metaspace${lastDitch ? ', including last-ditch collections' : ''}${runLabel}`,
        summary: `${m.thresholdGcs} collection(s) ran because class metadata reached its threshold${m.maxAfterBytes ? ` (metaspace up to ${formatBytes(m.maxAfterBytes)}${m.maxCapacityBytes ? ` of ${formatBytes(m.maxCapacityBytes)}` : ''})` : ''}.${lastDitch ? ' "Last ditch collection" means metaspace was still full after a threshold GC: the JVM is about to throw OutOfMemoryError: Metaspace.' : ''}${oom ? ' The JVM reported metaspace allocation failures.' : ''}`,
        evidence: cites(item, [m.firstLine, lastDitch?.firstLine ?? 0, ...a.run.metaspaceOomLines]),
        explanation: 'Metaspace holds class metadata. Its GC threshold starts at -XX:MetaspaceSize (about 20 MB) and grows after each threshold GC; a few such GCs at start-up are normal for a large application. Repeated ones, rising metaspace after each, or last-ditch collections mean classes are loaded and never unloaded: class loaders leaking (redeployed webapps, generated proxies, scripting engines).',
        recommendations: [
          { action: 'See which class loaders hold the classes', detail: '`jcmd <pid> VM.classloader_stats` and `jcmd <pid> GC.class_histogram`; a heap dump shows which path keeps an old loader alive (`jvmdoctor heap`).' },
          ...(critical ? [] : [{ action: 'Start with a higher threshold when it is only start-up', detail: 'When the threshold GCs stop after start-up, a MetaspaceSize above the application\'s steady metaspace avoids them.', flags: [`-XX:MetaspaceSize=${Math.max(128, Math.ceil((m.maxAfterBytes * 1.5) / 1048576 / 64) * 64)}m`] }]),
        ],
        facts: { metaspaceThresholdGcs: m.thresholdGcs, metaspaceMaxBytes: m.maxAfterBytes, metaspaceAllocationFailures: oom },
      });
    }
  },
});
