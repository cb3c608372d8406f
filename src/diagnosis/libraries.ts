// Libraries that commonly leave threads or ThreadLocals behind when a webapp stops, how to recognise
// them (thread names, stack frames, ThreadLocal key/value types) and the specific fix for each.
// Thread names come from each library's own thread factories (e.g. Elasticsearch's EsExecutors names
// pool threads "elasticsearch[<node>][<pool>][T#<n>]"; a TransportClient's node name is "_client_").

export interface LibraryPattern {
  id: string;
  name: string;
  thread?: RegExp;
  frame?: RegExp;
  type?: RegExp;
  /** Matches by a generic thread name only: tried after every specific library's frames. */
  generic?: boolean;
  fix: string;
}

export const LIBRARIES: LibraryPattern[] = [
  {
    id: 'elasticsearch-transport-client',
    name: 'Elasticsearch TransportClient',
    thread: /elasticsearch\[|\[?_?client_\]\[/,
    frame: /^org\.elasticsearch\./,
    type: /^org\.elasticsearch\./,
    fix: 'Close the client when the webapp stops: call client.close() in ServletContextListener.contextDestroyed, a @PreDestroy method or the Spring bean\'s destroyMethod. The 5.x TransportClient is end-of-life (removed in 8.0): move to the REST client (Java API Client) when you can.',
  },
  {
    id: 'netty',
    name: 'Netty (FastThreadLocal / event loops)',
    thread: /^(nioEventLoopGroup|epollEventLoopGroup|globalEventExecutor|defaultEventLoop|threadDeathWatcher)/,
    frame: /^io\.netty\./,
    type: /^io\.netty\./,
    fix: 'Shut down every EventLoopGroup with shutdownGracefully().sync() when the webapp stops, and call io.netty.util.concurrent.FastThreadLocal.removeAll() on threads that ran Netty code (Tomcat\'s request threads keep their InternalThreadLocalMap otherwise).',
  },
  {
    id: 'okhttp',
    name: 'OkHttp',
    thread: /^(OkHttp |Okio Watchdog)/,
    frame: /^okhttp3\./,
    fix: 'On shutdown: client.dispatcher().executorService().shutdown(); client.connectionPool().evictAll(); and close the cache if any.',
  },
  {
    id: 'mysql-connector',
    name: 'MySQL Connector/J',
    thread: /mysql-cj-abandoned-connection-cleanup|Abandoned connection cleanup thread/,
    frame: /^com\.mysql\./,
    type: /^com\.mysql\./,
    fix: 'Call com.mysql.cj.jdbc.AbandonedConnectionCleanupThread.checkedShutdown() and deregister the driver in contextDestroyed, or put the driver jar in $CATALINA_BASE/lib so it is not loaded by the webapp.',
  },
  {
    id: 'hikaricp',
    name: 'HikariCP',
    thread: /^HikariPool-\d+ (housekeeper|connection adder|connection closer)/,
    frame: /^com\.zaxxer\.hikari\./,
    fix: 'Close the HikariDataSource (dataSource.close()) when the webapp stops; with Spring, declare it as a bean so it is closed with the context.',
  },
  {
    id: 'quartz',
    name: 'Quartz Scheduler',
    thread: /QuartzScheduler|_Worker-\d+$/,
    frame: /^org\.quartz\./,
    fix: 'Call scheduler.shutdown(true) on stop (Spring: SchedulerFactoryBean does it when the context closes; make sure the context is closed).',
  },
  {
    id: 'apache-httpclient',
    name: 'Apache HttpClient',
    thread: /Connection evictor|idle-connection-monitor|I\/O dispatcher \d+/,
    frame: /^org\.apache\.http\./,
    fix: 'Close the client (CloseableHttpClient.close(), and the connection manager\'s shutdown()) when the webapp stops.',
  },
  {
    id: 'log4j2',
    name: 'Log4j 2',
    thread: /^Log4j2-|AsyncLogger/,
    frame: /^org\.apache\.logging\.log4j\./,
    type: /^org\.apache\.logging\.log4j\./,
    fix: 'Add log4j-web (Log4jServletContextListener) or call LogManager.shutdown() in contextDestroyed.',
  },
  {
    id: 'kafka',
    name: 'Kafka clients',
    thread: /^kafka-(producer-network-thread|coordinator-heartbeat-thread)/,
    frame: /^org\.apache\.kafka\./,
    fix: 'Close every KafkaProducer/KafkaConsumer (close()) when the webapp stops.',
  },
  {
    id: 'lettuce',
    name: 'Lettuce (Redis)',
    thread: /^lettuce-/,
    frame: /^io\.lettuce\./,
    fix: 'Call client.shutdown() and ClientResources.shutdown() when the webapp stops.',
  },
  {
    id: 'java-util-timer',
    name: 'java.util.Timer',
    thread: /^Timer-\d+$/,
    frame: /^java\.util\.TimerThread\./,
    fix: 'Call timer.cancel() when the webapp stops, or use a ScheduledExecutorService that you shut down.',
  },
  {
    id: 'jdk-executor',
    name: 'an unnamed ExecutorService',
    thread: /^pool-\d+-thread-\d+$/,
    generic: true,
    fix: 'Shut down the executor (shutdown() then awaitTermination()) in contextDestroyed; give its ThreadFactory a name so the next leak names its owner.',
  },
];

export interface LibraryEvidence {
  threadName?: string;
  frames?: string[];
  types?: (string | undefined)[];
}

/** The library that owns a leaked thread or ThreadLocal, if recognisable. */
export function identifyLibrary(e: LibraryEvidence): LibraryPattern | undefined {
  const types = (e.types ?? []).filter((t): t is string => Boolean(t));
  // Specific evidence (types, owning frames) before names: "pool-1-thread-1" running Netty code is Netty's.
  for (const lib of LIBRARIES) {
    if (lib.type && types.some((t) => lib.type!.test(t))) return lib;
  }
  const byName = (generic: boolean) => LIBRARIES.find((lib) => Boolean(lib.generic) === generic && lib.thread && e.threadName && lib.thread.test(e.threadName));
  return (
    byName(false) ??
    LIBRARIES.find((lib) => lib.frame && e.frames?.some((f) => lib.frame!.test(f))) ??
    byName(true)
  );
}
