// A thread's pool: its name with the per-thread counter removed, so 200 "http-nio-8080-exec-N" threads
// read as one pool. The one definition for every evidence kind — thread dumps (dump-reader.ts) and the
// threads named in Tomcat's leak warnings (parsers/log/tomcat-leaks.ts) — so a pool found leaking in
// catalina.out and the same pool counted in a thread dump carry the same name. Counters as the common thread factories write them:
//  - java.util.concurrent.Executors.DefaultThreadFactory: "pool-" + poolNumber + "-thread-" + threadNumber
//  - Elasticsearch EsExecutors: "elasticsearch[<node>][<pool>][T#<n>]"
//  - Tomcat TaskThreadFactory "http-nio-8080-exec-N", Netty DefaultThreadFactory "nioEventLoopGroup-<pool>-<n>",
//    ForkJoinPool "ForkJoinPool-<pool>-worker-<n>", java.util.Timer "Timer-N", HotSpot "GC Thread#N",
//    "C2 CompilerThreadN", JDK 8 "GC task thread#N (ParallelGC)".
// The separator before the counter is kept ("pool-3-thread-") so the pool still reads as a name prefix.

const ES_COUNTER = /\[T#\d+\]$/;
const TRAILING_COUNTER = /\d+$/;
/** "GC task thread#3 (ParallelGC)": the counter sits before a parenthesised suffix. */
const COUNTER_BEFORE_SUFFIX = /\d+( \([^()]*\))$/;

/**
 * The pool a thread belongs to: "http-nio-8080-exec-12" → "http-nio-8080-exec-",
 * "elasticsearch[_client_][generic][T#3]" → "elasticsearch[_client_][generic]", "pool-3-thread-7" →
 * "pool-3-thread-". A name without a counter is its own pool; an unnamed thread is "(unnamed)".
 */
export function poolOf(threadName: string): string {
  const name = threadName.trim();
  if (name === '') return '(unnamed)';
  if (ES_COUNTER.test(name)) return name.replace(ES_COUNTER, '');
  if (TRAILING_COUNTER.test(name)) {
    const pool = name.replace(TRAILING_COUNTER, '');
    return pool === '' ? name : pool;
  }
  if (COUNTER_BEFORE_SUFFIX.test(name)) return name.replace(COUNTER_BEFORE_SUFFIX, '$1');
  return name;
}

/**
 * The pool name with every remaining number replaced by "#": pools that differ only in their pool
 * number — "pool-1-thread-", "pool-2-thread-", … — are one family, the signature of an executor
 * (or a client with its own executor) created per request or per task and never shut down.
 */
export function poolFamily(pool: string): string {
  return pool.replace(/\d+/g, '#');
}
