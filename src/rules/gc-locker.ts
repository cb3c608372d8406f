// GCLocker-initiated GCs: JNI critical sections (GetPrimitiveArrayCritical — zip, NIO, native
// libraries) hold GC off; the collection runs when the last thread leaves, and threads that need memory
// meanwhile stall or, on JDK 8, can see spurious OutOfMemoryErrors.

import { defineRule } from './define.js';
import { cites, gcRuns } from '../gc/findings.js';

export const gcLocker = defineRule({
  id: 'gc-locker',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'warning',
  description: 'Flags GCLocker Initiated GCs: collections delayed by JNI critical sections.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const g = a.gcLocker;
      if (g.count === 0) continue;
      const share = a.pauses.count ? Math.round((g.count / a.pauses.count) * 100) : 0;
      report({
        severity: share >= 10 ? 'warning' : 'info',
        title: `${g.count} GC(s) held back by JNI critical sections (GCLocker Initiated GC)${runLabel}`,
        summary: `${g.count} collection(s) (${share} % of pauses) ran late because threads were inside JNI critical regions; allocations wait meanwhile.`,
        evidence: cites(item, [g.firstLine]),
        explanation: 'Native code that pins a Java array (GetPrimitiveArrayCritical: java.util.zip, some NIO and image code, native libraries) blocks the GC until it releases it. Frequent GCLocker GCs mean such sections are long or frequent; on JDK 8 they can cause premature promotion and spurious OutOfMemoryErrors.',
        recommendations: [{ action: 'Find the native code', detail: 'A thread dump during the stalls shows threads in native methods of zip/NIO/JNI libraries; newer JDKs (G1 region pinning, JDK 22) remove most of the effect.', flags: ['-XX:+UnlockDiagnosticVMOptions', '-XX:GCLockerRetryAllocationCount=100'] }],
        facts: { gcLockerGcs: g.count },
      });
    }
  },
});
