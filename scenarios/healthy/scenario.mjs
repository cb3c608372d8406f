// Scenario 6: the same Tomcat and webapp as tomcat-redeploy-leak, with the fixes switched on — the client
// closed and the Timer cancelled in contextDestroyed, FastThreadLocal.removeAll() after each request.
// Same traffic, same two reloads, same stop: nothing leaks, and jvmdoctor must not cry wolf.
import { runTomcatScenario } from '../lib/tomcat.mjs';

export default {
  name: 'healthy',
  title: 'Healthy service: the same Tomcat and webapp with the leaks fixed',
  story:
    'The search webapp of tomcat-redeploy-leak deployed with demo.cleanupOnStop=true: its listener closes ' +
    'the client pool and cancels the Timer, its servlet clears Netty\'s thread-local map. The runner ' +
    'requests it, reloads it twice and stops Tomcat exactly as in the leak scenario.',
  run: (ctx) => runTomcatScenario(ctx, { locale: { language: 'en', country: 'US' }, cleanupOnStop: true, reloads: 2, requests: 200, concurrency: 16, heapDump: true }),
  evidence: [
    { what: 'the webapp was reloaded twice', file: 'catalina.out', matches: /^search app started in \/search, class loader \w+, cleanupOnStop=true$/gm, count: { min: 3, max: 3 } },
    { what: 'catalina.out has no class-loader leak warning', file: 'catalina.out', matches: /WebappClassLoaderBase\.(clearReferencesThreads|checkThreadLocalMapForLeaks)/g, count: { min: 0, max: 0 } },
    { what: 'the thread dump has one client pool only', file: 'jcmd-Thread.print.txt', matches: /^"elasticsearch\[_client_\]\[generic\]\[T#\d\]"/gm, count: { min: 4, max: 4 } },
    { what: 'one webapp class loader left after the reloads', file: 'jcmd-GC.class_histogram.txt', matches: /^\s*\d+:\s+1\s+\d+\s+org\.apache\.catalina\.loader\.ParallelWebappClassLoader\b/m },
  ],
  diagnosis: [
    { what: 'no critical finding', noCritical: true },
    { what: 'no warning of a class-loader leak', none: { ruleId: 'tomcat-classloader-leak' }, needs: { rules: ['tomcat-classloader-leak'], parsers: ['log'] } },
    { what: 'no stopped webapp class loader left in the heap dump', none: { ruleId: 'heap-leaked-classloaders' }, needs: { rules: ['heap-leaked-classloaders'] } },
    { what: 'no warning of a thread leak', none: { ruleId: 'thread-leak' }, needs: { rules: ['thread-leak'], parsers: ['thread-dump'] } },
  ],
};
