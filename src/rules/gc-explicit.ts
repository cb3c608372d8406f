// Explicit GCs: System.gc() (the application, RMI's distributed GC every hour, NIO direct-buffer
// allocation reserving memory, a monitoring agent) or a tool (jcmd GC.run, jmap -histo, heap dumps).

import { defineRule } from './define.js';
import { cites, gcRuns, ms } from '../gc/findings.js';

export const gcExplicit = defineRule({
  id: 'gc-explicit',
  reads: ['gc-log'],
  tier: 'cause',
  maxSeverity: 'warning',
  description: 'Flags explicit System.gc() calls and tool-triggered GCs in GC logs, with their pause cost and where they come from.',
  run({ case: c }, report) {
    for (const { item, a, runLabel } of gcRuns(c)) {
      const x = a.explicit;
      if (x.count === 0) continue;
      const causes = a.byCause.filter((r) => r.category === 'explicit' || /Diagnostic|Jvmti/.test(r.cause)).map((r) => r.cause);
      const tools = a.byCause.filter((r) => r.category === 'tooling').map((r) => r.cause);
      const stw = x.totalMs > 0;
      // RMI's distributed GC calls System.gc() every sun.rmi.dgc.*.gcInterval (1 h by default).
      const span = a.wallMs / 3_600_000;
      const hourly = span >= 2 && Math.abs(x.count - span) <= 1.5;
      report({
        severity: stw && (x.count >= 3 || x.totalMs >= 1000) ? 'warning' : 'info',
        title: `${x.count} explicit GC(s) (${causes.join(', ')})${stw ? `, ${ms(x.totalMs)} of pauses` : ''}${runLabel}`,
        summary: `The log shows ${x.count} collection(s) asked for by code rather than by the heap${stw ? `, costing ${ms(x.totalMs)} of stop-the-world time` : ''}.${hourly ? ' About one per hour: the signature of RMI\'s distributed GC (sun.rmi.dgc.server.gcInterval).' : ''}${tools.length ? ` Tool-triggered collections too: ${tools.join(', ')}.` : ''}`,
        evidence: cites(item, x.lines),
        explanation: 'System.gc() runs a full collection (with G1, Parallel and Serial, stop-the-world) whatever the heap needs. Common callers: application code, RMI\'s distributed GC (hourly), java.nio.Bits when direct-buffer memory runs short, and monitoring agents.',
        recommendations: [
          { action: 'Make explicit GCs concurrent (G1, CMS)', detail: 'Keeps System.gc() from stopping the world while still honouring it (direct buffers still get freed).', flags: ['-XX:+ExplicitGCInvokesConcurrent'] },
          { action: 'Or find and remove the caller', detail: 'A thread dump or a JFR "GarbageCollection" event stack shows who calls System.gc(); -XX:+DisableExplicitGC ignores the calls, but breaks direct-buffer reclamation on memory pressure.', flags: ['-Dsun.rmi.dgc.server.gcInterval=3600000'] },
        ],
        facts: { explicitGcs: x.count, explicitPauseMs: x.totalMs },
      });
    }
  },
});
