// A leaked thread's pool: its name with the per-thread counter removed, so the 40 leak warnings of
// one executor read as one pool. Counters as the common thread factories write them:
//  - Elasticsearch EsExecutors.daemonThreadFactory: "elasticsearch[node][pool][T#3]"
//  - java.util.concurrent.Executors.defaultThreadFactory: "pool-2-thread-7"
//  - Tomcat / Spring / Netty / most named factories: "Catalina-utility-1", "http-nio-8080-exec-10",
//    "nioEventLoopGroup-2-1", "Timer-0"; some use "#3" ("Worker#3").

const COUNTER = /(?:\[T#\d+\]|-thread-\d+|[-#_ ]\d+)$/;

/** "elasticsearch[_client_][generic][T#3]" → "elasticsearch[_client_][generic]"; names without a counter are their own pool. */
export function threadPoolOf(threadName: string): string {
  const name = threadName.trim();
  const pool = name.replace(COUNTER, '');
  return pool.length > 0 ? pool : name;
}
