// Scenario 5, the seed's leak: a webapp on Debian's tomcat10 leaves an Elasticsearch-like client pool,
// a java.util.Timer and Netty FastThreadLocal values behind on every reload; Tomcat's leak checks say so
// in the log, in the JVM's locale.
import { runTomcatScenario } from '../lib/tomcat.mjs';

const LEAK_LIBRARIES = ['elasticsearch-transport-client', 'netty'];

export default {
  name: 'tomcat-redeploy-leak',
  title: 'Tomcat redeploy leak (the seed): ES client threads, a Timer and Netty ThreadLocals survive reloads',
  story:
    'The search webapp (scenarios/tomcat-redeploy-leak/webapp) starts a client pool of daemon threads ' +
    'named elasticsearch[_client_][generic][T#n] and a java.util.Timer in contextInitialized and never ' +
    'closes them; its servlet keeps a Netty FastThreadLocal buffer in Tomcat\'s request threads and never ' +
    'calls FastThreadLocal.removeAll(). The runner requests it 16 at a time, reloads it twice (touching ' +
    'WEB-INF/web.xml) and stops Tomcat, so the leak checks run three times; every reload pins one more ' +
    'webapp class loader. Run with the JVM in Chinese (like the seed) and in French.',
  variants: [
    {
      name: 'zh-CN',
      locale: { language: 'zh', country: 'CN' },
      evidence: [
        // Debian's tomcat10 has no zh_CN translation: English messages behind the JDK's Chinese level names.
        { what: 'catalina.out has 警告 lines for the ES client threads', file: 'catalina.out', matches: /警告 \[[^\]]+\] org\.apache\.catalina\.loader\.WebappClassLoaderBase\.clearReferencesThreads The web application \[search\] appears to have started a thread named \[elasticsearch\[_client_\]\[generic\]\[T#\d\]\]/g, count: { min: 12 } },
        { what: 'catalina.out has 严重 lines for the Netty ThreadLocal', file: 'catalina.out', matches: /严重 \[[^\]]+\] org\.apache\.catalina\.loader\.WebappClassLoaderBase\.checkThreadLocalMapForLeaks The web application \[search\] created a ThreadLocal with key of type \[java\.lang\.ThreadLocal\] .*a value of type \[io\.netty\.util\.internal\.InternalThreadLocalMap\]/g, count: { min: 3 } },
      ],
    },
    {
      name: 'fr-FR',
      locale: { language: 'fr', country: 'FR' },
      evidence: [
        // Debian's tomcat10 ships a French translation: French level names and French messages.
        { what: 'catalina.out has AVERTISSEMENT lines, in French, for the ES client threads', file: 'catalina.out', matches: /AVERTISSEMENT \[[^\]]+\] org\.apache\.catalina\.loader\.WebappClassLoaderBase\.clearReferencesThreads L'application web \[search\] semble avoir démarré un thread nommé \[elasticsearch\[_client_\]\[generic\]\[T#\d\]\]/g, count: { min: 12 } },
        { what: 'catalina.out has GRAVE lines, in French, for the Netty ThreadLocal', file: 'catalina.out', matches: /GRAVE \[[^\]]+\] org\.apache\.catalina\.loader\.WebappClassLoaderBase\.checkThreadLocalMapForLeaks L'application web \[search\] a crée un ThreadLocal avec une clé de type \[java\.lang\.ThreadLocal\] .*une valeur de type \[io\.netty\.util\.internal\.InternalThreadLocalMap\]/g, count: { min: 3 } },
      ],
    },
  ],
  run: (ctx, variant) =>
    runTomcatScenario(ctx, { locale: variant.locale, cleanupOnStop: false, reloads: 2, requests: 200, concurrency: 16, heapDump: true }),
  evidence: [
    { what: 'the Timer thread is reported too', file: 'catalina.out', matches: /clearReferencesThreads .*\[Timer-\d+\]/g, count: { min: 3 } },
    { what: 'the leaked thread stacks are logged (parked in LinkedTransferQueue)', file: 'catalina.out', matches: /java\.util\.concurrent\.LinkedTransferQueue\.take/g, count: { min: 12 } },
    { what: 'catalina.<date>.log holds the same warnings', file: /^catalina\.\d{4}-\d{2}-\d{2}\.log$/, matches: /elasticsearch\[_client_\]\[generic\]\[T#1\]/g, count: { min: 3 } },
    { what: 'the thread dump shows the leaked pools of all three webapp generations', file: 'jcmd-Thread.print.txt', matches: /^"elasticsearch\[_client_\]\[generic\]\[T#\d\]"/gm, count: { min: 12, max: 12 } },
    { what: 'the class histogram counts three webapp class loaders (two leaked)', file: 'jcmd-GC.class_histogram.txt', matches: /^\s*\d+:\s+3\s+\d+\s+org\.apache\.catalina\.loader\.ParallelWebappClassLoader\b/m },
    { what: 'setenv.sh carries the JVM options', file: 'setenv.sh', matches: /CATALINA_OPTS=".*-Xmx256m/ },
    { what: 'a heap dump taken with jcmd', file: /^heap-\d+\.hprof$/, bytes: { min: 1_000_000, max: 200_000_000 } },
    { what: 'the GC log is there', file: 'gc.log', matches: /Heap Max Capacity: 256M/ },
  ],
  diagnosis: [
    {
      what: 'the top finding is the class-loader leak naming the ES client and Netty',
      needs: { rules: ['tomcat-classloader-leak'], parsers: ['log'] },
      top: { ruleId: 'tomcat-classloader-leak', facts: { webapp: 'search', libraries: { includes: LEAK_LIBRARIES } } },
    },
    {
      what: 'the class-loader leak names the ES client, Netty and the Timer',
      needs: { rules: ['tomcat-classloader-leak'], parsers: ['log'] },
      finding: { ruleId: 'tomcat-classloader-leak', facts: { webapp: 'search', libraries: { includes: [...LEAK_LIBRARIES, 'java-util-timer'] } } },
    },
    {
      what: 'three stops (two reloads and the shutdown), 12 client threads + 3 Timer threads leaked',
      needs: { rules: ['tomcat-classloader-leak'], parsers: ['log'] },
      finding: { ruleId: 'tomcat-classloader-leak', facts: { stopEvents: 3, leakedThreads: 15 } },
    },
    {
      what: 'the timeline shows the leak warnings as three separate stop/reload events, with nothing live after them',
      needs: { rules: ['log-timeline'], parsers: ['log'] },
      finding: { ruleId: 'log-timeline', facts: { leakEvents: 3, groups: 3 } },
    },
    {
      what: 'the heap dump shows the two leaked (stopped, still reachable) webapp class loaders, held by the client threads',
      needs: { rules: ['heap-leaked-classloaders'] },
      finding: { ruleId: 'heap-leaked-classloaders', severity: 'warning', facts: { stoppedLoaders: 2 }, mentions: ['ParallelWebappClassLoader', 'DESTROYED', 'elasticsearch[_client_]', 'Thread.contextClassLoader'] },
    },
    {
      what: 'no critical finding: a leak on redeploy is a warning until memory runs out',
      noCritical: true,
    },
  ],
};
