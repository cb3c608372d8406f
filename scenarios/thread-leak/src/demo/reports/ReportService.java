package demo.reports;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a reporting service: a correctly shared, named request pool ("http-worker-N", eight
 * threads for the process's lifetime — normal) handles export requests; each export leaks a pool of
 * four threads (see {@link ReportExporter}). After the requests it prints a marker and keeps running
 * with hundreds of parked threads, which is when an engineer takes the thread dump.
 */
public final class ReportService {
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        System.out.println("report-service started, pid " + ProcessHandle.current().pid());
        AtomicInteger workerIds = new AtomicInteger();
        ThreadFactory named = r -> new Thread(r, "http-worker-" + workerIds.incrementAndGet());
        ExecutorService requestPool = Executors.newFixedThreadPool(8, named);
        for (int id = 1; id <= requests; id++) {
            final int reportId = id;
            requestPool.submit(() -> ReportExporter.export(reportId));
        }
        // Wait for every request to finish without stopping the pool (the service keeps serving).
        requestPool.submit(() -> null).get();
        while (((java.util.concurrent.ThreadPoolExecutor) requestPool).getCompletedTaskCount() < requests + 1) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        System.out.println("handled " + requests + " export requests; live threads: " + Thread.activeCount());
        Thread.sleep(Long.MAX_VALUE); // the process stays up until the runner stops it
    }
}
