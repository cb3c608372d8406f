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
  /** Full names of the threads in this group (first few), so "Timer-3" is never shown as "Timer-". */
  names: string[];
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
    const name = item.leak.threadName;
    if (g) {
      g.count++;
      if (name && g.names.length < 4 && !g.names.includes(name)) g.names.push(name);
    } else {
      const l = item.leak;
      groups.set(key, {
        label: key,
        count: 1,
        names: name ? [name] : [],
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
    .map((g) => [labelOf(g), g.count, g.library?.name ?? '—']);
  const stop = whyStopped(leaks, facts, events.length);
  const threadNames = [...new Set(leaks.map((l) => l.leak.threadName).filter((n): n is string => Boolean(n)))];

  const metaspace = facts.jstat.get('gccapacity') ?? facts.jstat.get('gc');
  const mc = metaspace?.sample.values.MC;
  const metaNote =
    mc != null && mc * KB > 256 * MB
      ? ` Metaspace is ${formatBytes(mc * KB)} committed (${metaspace!.file}:${metaspace!.sample.line}), consistent with class loaders that were never freed.`
      : '';

  const named = threadNames.length ? ` (${threadNames.slice(0, 6).join(', ')}${threadNames.length > 6 ? ` and ${threadNames.length - 6} more` : ''})` : '';
  const summary =
    `When Tomcat stopped webapp [${webapp}]${firstTimed?.leak.time ? ` (${firstTimed.leak.time}, ${eventCount} stop/reload event${eventCount > 1 ? 's' : ''})` : ''}, ` +
    `its leak checks found ${counts.join(' and ')}${named}` +
    (libraries.length ? `, from ${libraries.map((l) => l.name).join(' and ')}` : '') +
    `. ${STOP_SENTENCE[stop.kind]}${metaNote}`;

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

  if (stop.event) evidence.push(ref(stop.event.file, stop.event.event.line, stop.event.event.text));
  return {
    // At a JVM shutdown nothing accumulates: the process exits right after the checks.
    severity: stop.kind === 'shutdown' ? 'info' : 'warning',
    title: TITLE[stop.kind](webapp),
    summary,
    evidence,
    explanation: [
      'Tomcat logs these warnings from WebappClassLoaderBase when a webapp stops (undeploy, reload or shutdown): they are written at that moment, so they are not themselves the live failure.',
      'A thread the webapp started keeps a reference to the webapp\'s class loader (its context class loader and the classes on its stack); a ThreadLocal value of a webapp class stays reachable from a container thread that outlives the webapp. Either way the class loader cannot be collected, with all the metadata of its classes.',
      leaks.some((l) => l.leak.levelText !== l.leak.level) ? `Levels were logged in the server's locale (${[...new Set(leaks.map((l) => `${l.leak.levelText} = ${l.leak.level}`))].join(', ')}).` : '',
    ].filter(Boolean).join('\n'),
    recommendations,
    facts: { webapp, stoppedBecause: stop.kind, leakedThreads: threads, leakedThreadLocals: locals, stopEvents: eventCount, ...(libraries.length ? { libraries: libraries.map((l) => l.id).join(',') } : {}) },
    tables: [{ columns: [{ label: 'Leak', type: 'text' }, { label: 'Count', type: 'count' }, { label: 'Library', type: 'text' }], rows }],
  };
}

type StopKind = 'shutdown' | 'failed-start' | 'redeploy' | 'start-or-stop' | 'unknown';

const TITLE: Record<StopKind, (webapp: string) => string> = {
  shutdown: (w) => `Leak warnings at Tomcat shutdown for webapp [${w}] (not a redeploy leak)`,
  'failed-start': (w) => `Webapp [${w}] failed to start; Tomcat's leak checks found what it had started`,
  redeploy: (w) => `Class-loader leak on redeploy of webapp [${w}]`,
  'start-or-stop': (w) => `Leak warnings when Tomcat started or stopped webapp [${w}]`,
  unknown: (w) => `Class-loader leak warnings for webapp [${w}]`,
};

const STOP_SENTENCE: Record<StopKind, string> = {
  shutdown:
    'They were logged while Tomcat shut down: the JVM exits right after, so nothing accumulates — this is not a redeploy leak, but the same threads would leak one class loader per redeploy if the webapp were redeployed without a restart.',
  'failed-start':
    'The webapp failed to start and Tomcat stopped it again: fix the start failure first (the errors logged before these lines); the leak warnings are its consequence, not the cause.',
  redeploy: 'Each such stop or redeploy leaves the webapp\'s class loader, and all its classes, in memory.',
  'start-or-stop':
    'They were logged by Tomcat\'s main thread, i.e. while the server started (a failed start) or shut down, not during a hot redeploy: at a shutdown nothing accumulates; on a redeploy each stop would leave the webapp\'s class loader, and all its classes, in memory.',
  unknown: 'Each such stop or redeploy leaves the webapp\'s class loader, and all its classes, in memory (at a JVM shutdown nothing accumulates).',
};

/**
 * Why the webapp stopped: several stops of one webapp in one log are reloads; otherwise the lifecycle
 * line of the same log nearest before the warnings (or, failing that, right after them: HostConfig
 * deploying the WAR again), then the thread that logged the checks (Tomcat's main thread runs start-up
 * and shutdown, never a hot redeploy).
 */
function whyStopped(leaks: Facts['leaks'], facts: Facts, stops: number): { kind: StopKind; event?: Facts['lifecycle'][number] } {
  const files = new Set(leaks.map((l) => l.file));
  const firstLine = Math.min(...leaks.map((l) => l.leak.line));
  const lastLine = Math.max(...leaks.map((l) => l.leak.line));
  const events = facts.lifecycle.filter((e) => files.has(e.file));
  const before = events.filter((e) => e.event.line <= firstLine);
  const nearest = before[before.length - 1] ?? events.find((e) => e.event.line > lastLine);
  if (nearest?.event.kind === 'failed-start') return { kind: 'failed-start', event: nearest };
  if (stops > 1) return { kind: 'redeploy', event: nearest?.event.kind === 'redeploy' ? nearest : undefined };
  if (nearest) return { kind: nearest.event.kind, event: nearest };
  const threads = new Set(leaks.map((l) => l.leak.loggerThread).filter(Boolean));
  // Tomcat's background threads (Catalina-utility-N in 8.5+, ContainerBackgroundProcessor before) run
  // HostConfig's autoDeploy checks and reloadable contexts: a stop on them is a redeploy or reload.
  if ([...threads].some((t) => /^Catalina-utility-\d+$|ContainerBackgroundProcessor/.test(t!))) return { kind: 'redeploy' };
  if (threads.size === 1 && threads.has('main')) return { kind: 'start-or-stop' };
  return { kind: 'unknown' };
}

function labelOf(g: Group): string {
  if (g.names.length === 0 || (g.names.length === 1 && g.label.endsWith(g.names[0]))) return g.label;
  return `${g.label}: ${g.names.join(', ')}${g.count > g.names.length ? ' …' : ''}`;
}
