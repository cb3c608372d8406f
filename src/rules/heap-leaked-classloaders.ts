// Stopped Tomcat webapp class loaders still reachable in a heap dump: the redeploy leak seen in the
// heap itself (tomcat-classloader-leak reads Tomcat's log warnings about the same leak). The loaders and
// their LifecycleState are read by the heap analysis (src/heap/class-loaders.ts → HeapReport.classLoaders).


import type { ClassLoaderEntry } from '../model/heap-report.js';
import { formatBytes } from '../util/bytes.js';
import { defineRule, type FindingDraft } from './define.js';

function simple(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

/** The path names the thread at its root: "GC root: thread "elasticsearch[_client_][generic][T#1]" → Thread.contextClassLoader". */
function keptBy(l: ClassLoaderEntry): string {
  return l.path;
}

export function leakedLoaderFinding(file: string, loaders: ClassLoaderEntry[]): FindingDraft | undefined {
  const stopped = loaders.filter((l) => l.stopped);
  if (stopped.length === 0) return undefined;
  const classNames = [...new Set(stopped.map((l) => l.className))];
  const retained = stopped.reduce((a, l) => a + l.retainedBytes, 0);
  const classes = stopped.reduce((a, l) => a + l.definedClasses, 0);
  const running = loaders.filter((l) => l.state !== undefined && !l.stopped).length;
  const threads = [...new Set(stopped.flatMap((l) => (l.thread !== undefined ? [l.thread] : [])))];
  const viaContextLoader = stopped.some((l) => /Thread\.contextClassLoader$/.test(l.path));
  const viaThreadLocal = stopped.some((l) => /threadLocals|ThreadLocal/.test(l.path));
  const n = stopped.length;
  return {
    severity: 'warning',
    title: `${n} stopped Tomcat webapp class loader${n > 1 ? 's' : ''} (${classNames.map(simple).join(', ')}) still in the heap`,
    summary:
      `The heap dump holds ${n} ${classNames.join('/')} instance${n > 1 ? 's' : ''} that Tomcat has stopped (state ${[...new Set(stopped.map((l) => l.state))].join(', ')}) ` +
      `but that are still reachable, with ${classes.toLocaleString('en-US')} classes defined by them and ${formatBytes(retained)} retained` +
      `${running > 0 ? `, beside ${running} running webapp loader${running > 1 ? 's' : ''}` : ''}. ` +
      `Kept by: ${stopped.map(keptBy).join('; ')}.`,
    evidence: stopped.map((l) => ({
      file,
      excerpt: `${l.className} ${l.objectId} state ${l.state}, ${l.definedClasses} classes, ${formatBytes(l.retainedBytes)} retained — ${keptBy(l)}`,
    })),
    explanation: [
      'Tomcat stops a webapp\'s class loader on undeploy, reload or shutdown (WebappClassLoaderBase.stop()/destroy() set its state to STOPPED/DESTROYED) and expects the garbage collector to free it with every class it loaded.',
      'A loader still reachable after that is leaked: something outside the webapp holds it — a thread the webapp started (its context class loader is the webapp\'s loader), a ThreadLocal value of a webapp class in a container thread, a JDBC driver, a static registry of a shared library. Each redeploy adds one more copy of the webapp\'s classes in metaspace.',
      'The retained size is what this loader alone keeps; the classes\' metadata lives in metaspace, outside the heap dump.',
    ].join('\n'),
    recommendations: [
      viaContextLoader
        ? {
          action: `Stop the threads the webapp starts${threads.length ? ` (${threads.slice(0, 3).join(', ')}${threads.length > 3 ? ', …' : ''})` : ''} when it stops`,
          detail: 'Shut down executors, client pools (close the Elasticsearch/HTTP client) and java.util.Timer in ServletContextListener.contextDestroyed or @PreDestroy; the path above shows the thread that holds the loader as its context class loader.',
        }
        : {
          action: 'Release what holds the stopped loader',
          detail: `Follow the path from the GC root: ${keptBy(stopped[0])}.`,
        },
      ...(viaThreadLocal ? [{ action: 'Remove ThreadLocal values in a finally block', detail: 'A ThreadLocal value of a webapp class in a container thread keeps the loader: call remove() (Netty: FastThreadLocal.removeAll()) when the request ends.' }] : []),
      {
        action: 'Restart instead of hot-redeploying until the leak is fixed',
        detail: 'A restart frees every leaked loader; each hot redeploy adds one.',
      },
    ],
    facts: { stoppedLoaders: n, retainedBytes: retained, definedClasses: classes, loaderClass: classNames.join(','), ...(threads.length ? { threads: threads.join(', ') } : {}) },
    tables: [{
      columns: [
        { label: 'class loader', type: 'text' },
        { label: 'state', type: 'text' },
        { label: 'classes', type: 'count', key: 'definedClasses' },
        { label: 'retained bytes', type: 'bytes', key: 'retainedBytes' },
        { label: 'kept by', type: 'text' },
      ],
      rows: stopped.map((l) => [`${simple(l.className)} ${l.objectId}`, l.state ?? '?', l.definedClasses, l.retainedBytes, keptBy(l)]),
    }],
  };
}

export const heapLeakedClassloaders = defineRule({
  id: 'heap-leaked-classloaders',
  maxSeverity: 'warning',
  reads: ['hprof'],
  tier: 'cause',
  description: 'Tomcat webapp class loaders that Tomcat has stopped (state DESTROYED/STOPPED) but that a heap dump shows still reachable, with the path that keeps each alive.',
  run({ case: c }, report) {
    for (const h of c.heaps) {
      const f = leakedLoaderFinding(h.file, h.report.classLoaders ?? []);
      if (f) report(f);
    }
  },
});
