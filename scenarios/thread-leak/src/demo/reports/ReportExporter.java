package demo.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bug this scenario reproduces: every export builds its own thread pool to render the report's
 * sections in parallel, waits for the results, and never calls shutdown(). The pool's worker threads are
 * not daemons and park forever in LinkedBlockingQueue.take(), so every request leaves four more threads
 * behind (each with its own stack, -Xss / 1 MB by default on Linux x64).
 */
public final class ReportExporter {
    static final int SECTIONS = 4;

    private ReportExporter() {}

    public static long export(int reportId) throws Exception {
        ExecutorService sections = Executors.newFixedThreadPool(SECTIONS); // pool-N-thread-M, never shut down
        List<Future<Long>> parts = new ArrayList<>();
        for (int s = 0; s < SECTIONS; s++) {
            final int section = s;
            parts.add(sections.submit(() -> renderSection(reportId, section)));
        }
        long bytes = 0;
        for (Future<Long> part : parts) bytes += part.get();
        return bytes; // missing: sections.shutdown();
    }

    private static long renderSection(int reportId, int section) {
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < 200; row++) sb.append(reportId).append(';').append(section).append(';').append(row).append('\n');
        return sb.length();
    }
}
