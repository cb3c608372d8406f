package demo.quotes;

import java.util.Arrays;

/**
 * A stand-in for a quote service: one worker thread "handles requests", each rendering a 16 KB quote
 * and caching it in {@link QuoteCache}. When the heap is exhausted the worker dies with
 * OutOfMemoryError (printed by the default uncaught-exception handler, as in any service log) while the
 * process stays up, like a server whose request thread failed — so the engineer can still attach jcmd.
 */
public final class QuoteService {
    public static void main(String[] args) throws Exception {
        System.out.println("quote-service started, pid " + ProcessHandle.current().pid());
        Thread worker = new Thread(QuoteService::serve, "quote-request-worker");
        worker.start();
        worker.join();
        System.out.println("quote-service: request worker stopped; cache holds " + QuoteCache.size() + " quotes");
        Thread.sleep(Long.MAX_VALUE); // still "serving" (health checks would pass) until the runner stops us
    }

    private static void serve() {
        for (long request = 1; ; request++) {
            String id = "quote-" + request;
            QuoteCache.put(id, new RenderedQuote(id, render(request)));
            if (request % 500 == 0) System.out.println("handled " + request + " requests, cache holds " + QuoteCache.size() + " quotes");
        }
    }

    /**
     * Renders into a 4 MB scratch buffer (garbage once the request is done) and keeps a 16 KB body.
     * The scratch buffer is what finally cannot be allocated, so when the OutOfMemoryError is thrown the
     * heap still has room for the error's stack trace and the log line — as in a real service, where
     * the failing request's own garbage is what frees a little memory.
     */
    private static byte[] render(long request) {
        byte[] scratch = new byte[4 * 1024 * 1024];
        Arrays.fill(scratch, (byte) ('a' + request % 26));
        return Arrays.copyOf(scratch, 16 * 1024);
    }
}
