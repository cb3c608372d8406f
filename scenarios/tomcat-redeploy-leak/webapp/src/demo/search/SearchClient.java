package demo.search;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an Elasticsearch 5.x TransportClient as far as Tomcat can see it: a "generic" pool of
 * daemon threads named the way Elasticsearch's EsExecutors names them
 * ("elasticsearch[_client_][generic][T#n]"), idle workers parked in LinkedTransferQueue.take().
 * Like the real client, it only lets its threads go when {@link #close()} is called.
 */
public final class SearchClient implements AutoCloseable {
    private final ThreadPoolExecutor generic;
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    public SearchClient(int threads) {
        AtomicInteger ordinal = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread t = new Thread(task, "elasticsearch[_client_][generic][T#" + ordinal.incrementAndGet() + "]");
            t.setDaemon(true);
            workers.add(t);
            return t;
        };
        generic = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedTransferQueue<>(), daemons);
        generic.prestartAllCoreThreads();
    }

    public Future<String> search(String query) {
        return generic.submit(() -> "{\"query\":\"" + query + "\",\"hits\":" + Math.abs(query.hashCode() % 100) + "}");
    }

    /**
     * Stops the pool and waits for its threads to be gone: awaitTermination alone can return while a
     * worker is still finishing its exit, and Tomcat's leak check right after contextDestroyed would
     * (rightly) still see it alive.
     */
    @Override
    public void close() throws InterruptedException {
        generic.shutdownNow();
        generic.awaitTermination(5, TimeUnit.SECONDS);
        for (Thread t : workers) t.join(5_000);
    }
}
