package demo.search;

import io.netty.util.concurrent.FastThreadLocal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * GET /search?q=… asks the search client and answers with its JSON, formatting in a per-thread buffer
 * kept in a Netty FastThreadLocal. On Tomcat's request threads (plain Threads, not Netty's
 * FastThreadLocalThread) that value lives in InternalThreadLocalMap, stored in an ordinary ThreadLocal
 * of the request thread — which outlives the webapp unless FastThreadLocal.removeAll() is called.
 * GET /search/status answers with this webapp instance's class loader id (the runner waits for it to
 * change after a reload).
 */
public final class SearchServlet extends HttpServlet {
    private static final FastThreadLocal<StringBuilder> RESPONSE_BUFFER = new FastThreadLocal<>() {
        @Override
        protected StringBuilder initialValue() {
            return new StringBuilder(512);
        }
    };

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        if ("/status".equals(req.getPathInfo())) {
            resp.getWriter().write("{\"loader\":\"" + Integer.toHexString(System.identityHashCode(getClass().getClassLoader()))
                    + "\",\"refreshes\":" + SearchAppLifecycle.REFRESHES.get() + "}");
            return;
        }
        try {
            SearchClient client = (SearchClient) getServletContext().getAttribute(SearchAppLifecycle.CLIENT);
            StringBuilder buffer = RESPONSE_BUFFER.get();
            buffer.setLength(0);
            buffer.append(client.search(String.valueOf(req.getParameter("q"))).get());
            resp.getWriter().write(buffer.toString());
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException(e);
        } finally {
            // The fix for the ThreadLocal leak: clear Netty's thread-local map before the thread goes back
            // to Tomcat's pool.
            if (SearchAppLifecycle.cleanupOnStop(getServletContext())) FastThreadLocal.removeAll();
        }
    }
}
