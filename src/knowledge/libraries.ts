// Libraries that commonly leave threads or ThreadLocals behind when a webapp stops, how to recognise
// them (thread names, stack frames, ThreadLocal key/value types, JDBC driver / RMI classes) and the
// specific fix for each. The one catalogue for every evidence kind: the log parser names the library
// of each Tomcat leak warning with it, the thread-leak and tomcat-classloader-leak rules their pools.
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
    id: 'elasticsearch',
    name: 'Elasticsearch',
    thread: /^elasticsearch\[/,
    frame: /^org\.elasticsearch\./,
    fix: 'Close the Elasticsearch client or node when the webapp stops (close() in contextDestroyed or the bean\'s destroy method).',
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
    id: 'postgresql-jdbc',
    name: 'PostgreSQL JDBC',
    frame: /^org\.postgresql\./,
    type: /^org\.postgresql\./,
    fix: 'Put the driver jar in $CATALINA_BASE/lib, or deregister it (DriverManager.deregisterDriver) in contextDestroyed.',
  },
  {
    id: 'oracle-jdbc',
    name: 'Oracle JDBC',
    thread: /^(?:oracle\.jdbc\.|InterruptTimer|OJDBC-|OracleTimeoutPollingThread)/,
    frame: /^oracle\.jdbc\./,
    type: /^oracle\.jdbc\./,
    fix: 'Put ojdbc in $CATALINA_BASE/lib (its timer thread then belongs to the server, not the webapp), or deregister the driver in contextDestroyed.',
  },
  {
    id: 'druid',
    name: 'Alibaba Druid',
    thread: /^Druid-ConnectionPool-/,
    frame: /^com\.alibaba\.druid\./,
    type: /^com\.alibaba\.druid\./,
    fix: 'Close the DruidDataSource (close()) when the webapp stops; with Spring, declare destroy-method="close".',
  },
  {
    id: 'c3p0',
    name: 'c3p0',
    thread: /^C3P0PooledConnectionPoolManager|^com\.mchange\.v2\./,
    frame: /^com\.mchange\.v2\./,
    fix: 'Close the ComboPooledDataSource (close()) when the webapp stops.',
  },
  {
    id: 'commons-pool',
    name: 'Apache Commons Pool',
    thread: /^commons-pool-evictor/,
    frame: /^org\.apache\.commons\.pool2?\./,
    fix: 'Close every pool (and the DBCP BasicDataSource) when the webapp stops; the evictor thread ends with the last pool.',
  },
  {
    id: 'aws-sdk',
    name: 'AWS SDK',
    thread: /^java-sdk-http-connection-reaper/,
    frame: /^com\.amazonaws\./,
    fix: 'Call client.shutdown() and com.amazonaws.http.IdleConnectionReaper.shutdown() when the webapp stops.',
  },
  {
    id: 'logback',
    name: 'Logback',
    frame: /^ch\.qos\.logback\./,
    type: /^ch\.qos\.logback\./,
    fix: 'Stop the LoggerContext on shutdown (logback-classic\'s LogbackServletContainerInitializer, or ((LoggerContext) LoggerFactory.getILoggerFactory()).stop()).',
  },
  {
    id: 'jedis',
    name: 'Jedis (Redis)',
    frame: /^redis\.clients\.jedis\./,
    type: /^redis\.clients\.jedis\./,
    fix: 'Close the JedisPool / JedisCluster (close()) when the webapp stops.',
  },
  {
    id: 'grpc',
    name: 'gRPC',
    thread: /^grpc-/,
    frame: /^io\.grpc\./,
    fix: 'Call channel.shutdown().awaitTermination(…) (and server.shutdown()) when the webapp stops.',
  },
  {
    id: 'hazelcast',
    name: 'Hazelcast',
    thread: /^hz\./,
    frame: /^com\.hazelcast\./,
    fix: 'Call hazelcastInstance.shutdown() (or Hazelcast.shutdownAll()) when the webapp stops.',
  },
  {
    id: 'ehcache',
    name: 'Ehcache',
    // Ehcache 2's disk stores name their spool threads "Store <cache> Spool Thread".
    thread: /^(?:Statistics Thread|ehcache)|^Store .*Spool Thread$|Spool Thread$/,
    frame: /^(?:net\.sf\.ehcache|org\.ehcache)\./,
    fix: 'Shut the CacheManager down (cacheManager.shutdown() / close()) when the webapp stops.',
  },
  {
    id: 'rxjava',
    name: 'RxJava',
    thread: /^Rx\w+Scheduler/,
    frame: /^io\.reactivex\./,
    fix: 'Call Schedulers.shutdown() when the webapp stops.',
  },
  {
    id: 'reactor',
    name: 'Reactor',
    thread: /^(?:parallel|boundedElastic|elastic|single)-\d+$/,
    frame: /^reactor\./,
    fix: 'Call Schedulers.shutdownNow() (and dispose custom schedulers) when the webapp stops.',
  },
  {
    id: 'guava',
    name: 'Google Guava',
    frame: /^com\.google\.common\./,
    fix: 'Shut down the executors you created through Guava (MoreExecutors.shutdownAndAwaitTermination) when the webapp stops.',
  },
  {
    id: 'spring',
    name: 'Spring',
    thread: /^(?:SimpleAsyncTaskExecutor|ThreadPoolTaskExecutor|ThreadPoolTaskScheduler|task-scheduler)-|^(?:task|scheduling)-\d+$/,
    frame: /^org\.springframework\./,
    type: /^org\.springframework\./,
    fix: 'Make sure the ApplicationContext is closed when the webapp stops (ContextLoaderListener does it) so its executors and schedulers are shut down.',
  },
  {
    id: 'hector',
    name: 'Hector (Cassandra client)',
    thread: /^Hector\./,
    frame: /^me\.prettyprint\./,
    fix: 'Shut the Hector cluster down (HFactory.shutdownCluster(cluster)) when the webapp stops.',
  },
  {
    id: 'jena',
    name: 'Apache Jena',
    frame: /^(?:com\.hp\.hpl\.jena|org\.apache\.jena)\./,
    type: /^(?:com\.hp\.hpl\.jena|org\.apache\.jena)\./,
    fix: 'End every Jena TDB transaction (dataset.end()) on the thread that began it, and release the datasets (TDBFactory.release / TDB.closedown) when the webapp stops.',
  },
  {
    id: 'groovy',
    name: 'Groovy',
    frame: /^org\.codehaus\.groovy\./,
    type: /^org\.codehaus\.groovy\./,
    fix: 'Clear Groovy\'s per-thread state (categories, ClassInfo) when the webapp stops, or load Groovy from $CATALINA_BASE/lib.',
  },
  {
    id: 'emf',
    name: 'Eclipse EMF',
    thread: /^EMF Reference Cleaner$/,
    frame: /^org\.eclipse\.emf\./,
    fix: 'Stop EMF\'s reference-clearing thread when the webapp stops (CommonUtil\'s ReferenceClearingQueuePollingThread: interrupt it), or load EMF outside the webapp.',
  },
  {
    id: 'chronicle',
    name: 'Chronicle Queue',
    thread: /^chronicle-/,
    frame: /^net\.openhft\./,
    fix: 'Close every Chronicle queue, appender and tailer (close()) when the webapp stops.',
  },
  {
    id: 'opentelemetry',
    name: 'OpenTelemetry',
    thread: /^weak-ref-cleaner|^BatchSpanProcessor|^otel-/,
    frame: /^io\.opentelemetry\./,
    fix: 'Shut the OpenTelemetry SDK down (OpenTelemetrySdk.close()) when the webapp stops; threads it starts must not keep the webapp\'s context class loader (fixed in opentelemetry-java by clearing it).',
  },
  {
    id: 'tinylog',
    name: 'tinylog',
    thread: /^tinylog-/,
    frame: /^org\.tinylog\./,
    fix: 'Call org.tinylog.provider.ProviderRegistry.getLoggingProvider().shutdown() when the webapp stops (tinylog-jakarta / its ServletContextListener does it).',
  },
  {
    id: 'jcabi',
    name: 'jcabi-aspects',
    thread: /^jcabi-/,
    frame: /^com\.jcabi\./,
    fix: 'jcabi\'s @Loggable/@Cacheable start a daemon scheduler that is never shut down: avoid them in webapps that are redeployed, or upgrade to a release that stops it.',
  },
  {
    id: 'jruby',
    name: 'JRuby',
    frame: /^(?:org\.jruby|org\.joni|com\.kenai\.jaffl|jnr)\./,
    type: /^(?:org\.jruby|org\.joni|com\.kenai\.jaffl|jnr)\./,
    fix: 'Tear the JRuby runtime down (Ruby.tearDown()) when the webapp stops; its per-thread caches otherwise keep the webapp\'s classes.',
  },
  {
    id: 'jdk-keep-alive',
    name: 'JDK HttpURLConnection keep-alive',
    thread: /^Keep-Alive-(?:Timer|SocketCleaner)$/,
    frame: /^sun\.net\.www\.http\.KeepAlive/,
    fix: 'Harmless on recent JDKs (Tomcat clears it); on old ones load the JDK HTTP client before the webapp (JreMemoryLeakPreventionListener).',
  },
  {
    id: 'jdk-forkjoin',
    name: 'JDK ForkJoinPool',
    thread: /^ForkJoinPool/,
    generic: true,
    fix: 'Shut down the ForkJoinPool you created (shutdown()); tasks on the common pool must not keep webapp classes.',
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

/** Frames of JDK / Tomcat classes say nothing about the culprit (java.util.TimerThread excepted, below). */
const INFRASTRUCTURE = /^(?:java|javax|jdk|sun|com\.sun)\.(?!util\.TimerThread|net\.www\.http\.KeepAlive)|^org\.apache\.(?:catalina|tomcat|coyote)\./;
/** "app//", "java.base@17/": the class loader and module that StackTraceElement prints since JDK 9. */
const LOADER_MODULE = /^[\w.$-]*(?:@[\w.+-]*)?\/\/?/;

/** The library that owns a leaked thread or ThreadLocal, if recognisable. */
export function identifyLibrary(e: LibraryEvidence): LibraryPattern | undefined {
  const types = (e.types ?? []).filter((t): t is string => Boolean(t));
  const frames = e.frames?.map((f) => f.replace(LOADER_MODULE, '')).filter((f) => !INFRASTRUCTURE.test(f));
  // Specific evidence (types, owning frames) before names: "pool-1-thread-1" running Netty code is Netty's.
  for (const lib of LIBRARIES) {
    if (lib.type && types.some((t) => lib.type!.test(t))) return lib;
  }
  const byName = (generic: boolean) => LIBRARIES.find((lib) => Boolean(lib.generic) === generic && lib.thread && e.threadName && lib.thread.test(e.threadName));
  return (
    byName(false) ??
    LIBRARIES.find((lib) => lib.frame && frames?.some((f) => lib.frame!.test(f))) ??
    byName(true)
  );
}
