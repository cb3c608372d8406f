// Tomcat's class-loader leak checks (WebappClassLoaderBase, logged when a webapp stops or reloads):
// threads the webapp started and never stopped, ThreadLocal values it left in container threads, JDBC
// drivers it never deregistered. Each one pins the webapp's class loader — and every class it loaded —
// so each redeploy leaks another copy into metaspace.

import { defineRule, type FindingDraft } from './define.js';
import type { EvidenceRef } from '../model/finding.js';
import { ref, type Facts } from '../diagnosis/facts.js';
import type { TomcatLeakWarning } from '../parsers/log/types.js';
import { identifyLibrary, type LibraryPattern } from '../knowledge/libraries.js';
import { formatBytes, KB, MB } from '../util/bytes.js';
import { EVENT_GAP_MS, uniqueLeaks } from '../diagnosis/tomcat-leaks.js';


interface Group {
  label: string;
  count: number;
  library?: LibraryPattern;
  sample: { leak: TomcatLeakWarning; file: string };
}

export const tomcatClassloaderLeak = defineRule({
  id: 'tomcat-classloader-leak',
  maxSeverity: 'warning',
  reads: ['log'],
  tier: 'cause',
  description: "Groups Tomcat's class-loader leak warnings (any locale) by webapp, pool and library, counts reloads, and names the fix.",
  run({ facts }, report) {
    if (facts.leaks.length === 0) return;
    const byWebapp = new Map<string, typeof facts.leaks>();
    for (const l of uniqueLeaks(facts.leaks)) {
      const key = l.leak.webapp ?? '(unknown webapp)';
      if (!byWebapp.has(key)) byWebapp.set(key, []);
      byWebapp.get(key)!.push(l);
    }
    for (const f of [...byWebapp.entries()].map(([webapp, leaks]) => finding(webapp, leaks, facts))) report(f);
  },
});

function groupKey(l: TomcatLeakWarning): string {
  switch (l.kind) {
    case 'thread':
    case 'thread-stopped':
    case 'timer':
      return `thread pool ${l.threadPool ?? l.threadName ?? '(unnamed)'}`;
    case 'threadlocal':
      return `ThreadLocal ${l.keyType ?? '?'} → ${l.valueType ?? '?'}`;
    case 'jdbc-driver':
      return `JDBC driver ${l.subject ?? '?'}`;
    default:
      return `${l.kind} ${l.subject ?? l.method}`;
  }
}

function finding(webapp: string, leaks: Facts['leaks'], facts: Facts): FindingDraft {
  const groups = new Map<string, Group>();
  for (const item of leaks) {
    const key = groupKey(item.leak);
    const g = groups.get(key);
    if (g) g.count++;
    else {
      const l = item.leak;
      groups.set(key, {
        label: key,
        count: 1,
        sample: item,
        library: identifyLibrary({ threadName: l.threadName ?? l.threadPool, frames: l.stack, types: [l.keyType, l.valueType, l.subject] }),
      });
    }
  }

  // Reload/stop events: clusters of warnings in time (a stop logs all its checks within a second or two).
  const times = leaks.map((l) => l.leak.epochMs).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
  const events: number[] = [];
  for (const t of times) if (events.length === 0 || t - events[events.length - 1] > EVENT_GAP_MS) events.push(t);
  const eventCount = Math.max(1, events.length);
  const firstTimed = leaks.find((l) => l.leak.time);

  const threads = leaks.filter((l) => ['thread', 'thread-stopped', 'timer'].includes(l.leak.kind)).length;
  const locals = leaks.filter((l) => l.leak.kind === 'threadlocal').length;
  const libraries = [...new Map([...groups.values()].filter((g) => g.library).map((g) => [g.library!.id, g.library!])).values()];

  const counts: string[] = [];
  if (threads) counts.push(`${threads} thread${threads > 1 ? 's' : ''} left running`);
  if (locals) counts.push(`${locals} ThreadLocal value${locals > 1 ? 's' : ''} left in container threads`);
  const others = leaks.length - threads - locals;
  if (others) counts.push(`${others} other leak${others > 1 ? 's' : ''}`);

  const rows = [...groups.values()]
    .sort((a, b) => b.count - a.count)
    .map((g) => [g.label, g.count, g.library?.name ?? '—']);

  const metaspace = facts.jstat.get('gccapacity') ?? facts.jstat.get('gc');
  const mc = metaspace?.sample.values.MC;
  const metaNote =
    mc != null && mc * KB > 256 * MB
      ? ` Metaspace is ${formatBytes(mc * KB)} committed (${metaspace!.file}:${metaspace!.sample.line}), consistent with class loaders that were never freed.`
      : '';

  const summary =
    `When Tomcat stopped webapp [${webapp}]${firstTimed?.leak.time ? ` (${firstTimed.leak.time}, ${eventCount} stop/reload event${eventCount > 1 ? 's' : ''})` : ''}, ` +
    `its leak checks found ${counts.join(' and ')}` +
    (libraries.length ? `, from ${libraries.map((l) => l.name).join(' and ')}` : '') +
    `. Each such stop or redeploy leaves the webapp's class loader, and all its classes, in memory.${metaNote}`;

  const evidence: EvidenceRef[] = [...groups.values()].map((g) => ref(g.sample.file, g.sample.leak.line, g.sample.leak.text));
  if (metaNote) evidence.push(ref(metaspace!.file, metaspace!.sample.line, metaspace!.sample.text));

  const recommendations = libraries.map((lib) => ({ action: `Stop ${lib.name} when the webapp stops`, detail: lib.fix }));
  if (recommendations.length === 0) {
    recommendations.push({
      action: 'Stop what the webapp started',
      detail: 'Shut down executors, timers and clients in ServletContextListener.contextDestroyed (or @PreDestroy), and remove ThreadLocal values in a finally block of the code that set them.',
    });
  }
  recommendations.push({
    action: 'Restart instead of hot-redeploying until the leaks are fixed',
    detail: 'A full restart frees every leaked class loader; hot redeploys (or Tomcat\'s reloadable contexts) add one leaked copy each time. Tomcat\'s Manager "Find leaks" button (or `jcmd <pid> GC.class_stats`/a heap dump) shows how many copies are held.',
  });

  return {
    severity: 'warning',
    title: `Class-loader leak on redeploy of webapp [${webapp}]`,
    summary,
    evidence,
    explanation: [
      'Tomcat logs these warnings from WebappClassLoaderBase when a webapp stops (undeploy, reload or shutdown): they are written at that moment, so they are not themselves the live failure.',
      'A thread the webapp started keeps a reference to the webapp\'s class loader (its context class loader and the classes on its stack); a ThreadLocal value of a webapp class stays reachable from a container thread that outlives the webapp. Either way the class loader cannot be collected, with all the metadata of its classes.',
      leaks.some((l) => l.leak.levelText !== l.leak.level) ? `Levels were logged in the server's locale (${[...new Set(leaks.map((l) => `${l.leak.levelText} = ${l.leak.level}`))].join(', ')}).` : '',
    ].filter(Boolean).join('\n'),
    recommendations,
    facts: { webapp, leakedThreads: threads, leakedThreadLocals: locals, stopEvents: eventCount, ...(libraries.length ? { libraries: libraries.map((l) => l.id).join(',') } : {}) },
    tables: [{ columns: [{ label: 'Leak', type: 'text' }, { label: 'Count', type: 'count' }, { label: 'Library', type: 'text' }], rows }],
  };
}
