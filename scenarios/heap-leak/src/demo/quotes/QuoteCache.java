package demo.quotes;

import java.util.HashMap;
import java.util.Map;

/**
 * The bug this scenario reproduces: a static "cache" of rendered quotes, keyed by request id, that
 * nothing ever evicts. Every request adds an entry; the map lives as long as the class (forever), so
 * the heap fills up until {@code OutOfMemoryError: Java heap space}.
 */
public final class QuoteCache {
    private static final Map<String, RenderedQuote> ENTRIES = new HashMap<>();

    private QuoteCache() {}

    public static void put(String requestId, RenderedQuote quote) {
        synchronized (ENTRIES) {
            ENTRIES.put(requestId, quote);
        }
    }

    public static int size() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }
}
