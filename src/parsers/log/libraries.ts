// Which library owns a leaked thread or ThreadLocal, from the thread's name, its stack and the
// ThreadLocal's key/value types. Names are the libraries' own thread-factory names and classes
// (checked against their sources); the rules turn the library into the specific fix.

export interface LeakClues {
  threadName?: string;
  stack?: readonly string[];
  keyType?: string;
  valueType?: string;
  subject?: string;
}

interface Signature {
  library: string;
  /** Matched against the thread name. */
  thread?: RegExp;
  /** Matched against key/value types, the subject (JDBC driver, RMI stub) and stack frames. */
  code?: RegExp;
}

// Order matters: the first match wins, so specific libraries come before the generic
// executors that they are built on (Elasticsearch threads run Netty and ThreadPoolExecutor).
const SIGNATURES: readonly Signature[] = [
  // EsExecutors names threads "elasticsearch[<node>][<pool>][T#n]"; a TransportClient's node is "_client_".
  { library: 'Elasticsearch TransportClient', thread: /\[_?client_?\]\[[\w-]+\]/, code: /^org\.elasticsearch\.(?:client\.transport|transport\.client)\./ },
  { library: 'Elasticsearch', thread: /^elasticsearch\[/, code: /^org\.elasticsearch\./ },
  { library: 'Netty', thread: /^(?:nioEventLoopGroup|epollEventLoopGroup|kqueueEventLoopGroup|globalEventExecutor|threadDeathWatcher|ObjectCleanerThread|defaultEventExecutorGroup)-/, code: /^io\.netty\.|^org\.jboss\.netty\./ },
  { library: 'MySQL Connector/J', thread: /^(?:mysql-cj-abandoned-connection-cleanup|Abandoned connection cleanup thread)/, code: /^com\.mysql\.(?:cj\.)?jdbc\./ },
  { library: 'PostgreSQL JDBC', code: /^org\.postgresql\./ },
  { library: 'Oracle JDBC', thread: /^(?:oracle\.jdbc\.|InterruptTimer|OJDBC-)/, code: /^oracle\.jdbc\./ },
  { library: 'HikariCP', thread: /^HikariPool-\d+ (?:housekeeper|connection adder|connection closer)/, code: /^com\.zaxxer\.hikari\./ },
  { library: 'Alibaba Druid', thread: /^Druid-ConnectionPool-/, code: /^com\.alibaba\.druid\./ },
  { library: 'c3p0', thread: /^C3P0PooledConnectionPoolManager|^com\.mchange\.v2\./, code: /^com\.mchange\.v2\./ },
  { library: 'Apache Commons Pool', thread: /^commons-pool-evictor/, code: /^org\.apache\.commons\.pool2?\./ },
  { library: 'OkHttp', thread: /^(?:OkHttp |Okio Watchdog)/, code: /^(?:okhttp3|okio|com\.squareup\.okhttp)\./ },
  { library: 'Apache HttpClient', thread: /^(?:Connection evictor|IdleConnectionReaper|httpclient-)/, code: /^org\.apache\.(?:http|hc)\./ },
  { library: 'AWS SDK', thread: /^java-sdk-http-connection-reaper/, code: /^com\.amazonaws\./ },
  { library: 'Quartz', thread: /^(?:.*_Worker-\d+$|.*_QuartzSchedulerThread$|QuartzScheduler)/, code: /^org\.quartz\./ },
  { library: 'Kafka clients', thread: /^kafka-(?:producer-network-thread|coordinator-heartbeat-thread)/, code: /^org\.apache\.kafka\./ },
  { library: 'Log4j2', thread: /^Log4j2-/, code: /^org\.apache\.logging\.log4j\./ },
  { library: 'Logback', code: /^ch\.qos\.logback\./ },
  { library: 'Lettuce (Redis)', thread: /^lettuce-/, code: /^io\.lettuce\./ },
  { library: 'Jedis (Redis)', code: /^redis\.clients\.jedis\./ },
  { library: 'gRPC', thread: /^grpc-/, code: /^io\.grpc\./ },
  { library: 'Hazelcast', thread: /^hz\./, code: /^com\.hazelcast\./ },
  { library: 'Ehcache', thread: /^(?:Statistics Thread|ehcache)/, code: /^(?:net\.sf\.ehcache|org\.ehcache)\./ },
  { library: 'RxJava', thread: /^Rx\w+Scheduler/, code: /^io\.reactivex\./ },
  { library: 'Reactor', thread: /^(?:parallel|boundedElastic|elastic|single)-\d+$/, code: /^reactor\./ },
  { library: 'Google Guava', code: /^com\.google\.common\./ },
  { library: 'Spring', thread: /^(?:SimpleAsyncTaskExecutor|ThreadPoolTaskExecutor|ThreadPoolTaskScheduler|task-scheduler)-|^(?:task|scheduling)-\d+$/, code: /^org\.springframework\./ },
  { library: 'JDK HttpURLConnection keep-alive', thread: /^Keep-Alive-(?:Timer|SocketCleaner)$/, code: /^sun\.net\.www\.http\.KeepAlive/ },
  { library: 'java.util.Timer', thread: /^Timer-\d+$/, code: /^java\.util\.TimerThread/ },
  { library: 'JDK ForkJoinPool', thread: /^ForkJoinPool/ },
  { library: 'unnamed ExecutorService', thread: /^pool-\d+-thread-\d+$/ },
];

/** Frames whose class is a JDK/Tomcat class say nothing about the culprit. */
const INFRASTRUCTURE = /^(?:(?:[\w.]+\/)?(?:java|javax|jdk|sun|com\.sun)\.|org\.apache\.(?:catalina|tomcat|coyote)\.)/;

/** The library most likely responsible for a leak warning, or undefined when nothing is recognisable. */
export function identifyLibrary(c: LeakClues): string | undefined {
  const codes: string[] = [];
  for (const t of [c.valueType, c.keyType, c.subject]) if (t) codes.push(t);
  if (c.stack) for (const f of c.stack) if (!INFRASTRUCTURE.test(f)) codes.push(f.replace(/^[\w.]+@[\w.]+\//, ''));
  for (const s of SIGNATURES) {
    if (s.thread && c.threadName && s.thread.test(c.threadName)) return s.library;
    if (s.code && codes.some((x) => s.code!.test(x))) return s.library;
  }
  // JDK-owned frames still identify the JDK's own pools when nothing else did.
  if (c.stack?.some((f) => /java\.util\.TimerThread\.mainLoop/.test(f))) return 'java.util.Timer';
  return undefined;
}
