package demo.quotes;

/** One cached response: the rendered body plus bookkeeping. About 16 KB each. */
public final class RenderedQuote {
    final String requestId;
    final byte[] body;
    final long renderedAtMillis;

    RenderedQuote(String requestId, byte[] body) {
        this.requestId = requestId;
        this.body = body;
        this.renderedAtMillis = System.currentTimeMillis();
    }
}
