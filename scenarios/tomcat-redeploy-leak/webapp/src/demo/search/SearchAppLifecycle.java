package demo.search;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the app's long-lived resources: the search client (its pool threads) and a java.util.Timer
 * that refreshes a counter. The leak the scenario reproduces is what contextDestroyed does NOT do when
 * the context parameter demo.cleanupOnStop is false: nothing is closed, so on every reload or stop the
 * old class loader stays reachable from live threads — and Tomcat says so in its log.
 */
public final class SearchAppLifecycle implements ServletContextListener {
    static final String CLIENT = "demo.search.client";
    static final String CLEANUP = "demo.cleanupOnStop";
    static final AtomicLong REFRESHES = new AtomicLong();

    private Timer refreshTimer;
    /** The Timer's thread, seen from its first run: cancel() does not wait for it to end, so we join it. */
    private volatile Thread refreshThread;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        ctx.setAttribute(CLIENT, new SearchClient(4));
        refreshTimer = new Timer(); // thread "Timer-N", not a daemon: lives until cancel()
        refreshTimer.schedule(new TimerTask() {
            @Override
            public void run() {
                refreshThread = Thread.currentThread();
                REFRESHES.incrementAndGet();
            }
        }, 0, 200);
        System.out.println("search app started in " + ctx.getContextPath() + ", class loader "
                + Integer.toHexString(System.identityHashCode(getClass().getClassLoader()))
                + ", cleanupOnStop=" + cleanupOnStop(ctx));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        if (!cleanupOnStop(ctx)) return; // the bug: the client and the timer outlive the webapp
        refreshTimer.cancel();
        try {
            Thread timerThread = refreshThread;
            if (timerThread != null) timerThread.join(5_000);
            ((SearchClient) ctx.getAttribute(CLIENT)).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean cleanupOnStop(ServletContext ctx) {
        return Boolean.parseBoolean(ctx.getInitParameter(CLEANUP));
    }
}
