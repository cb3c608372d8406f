import org.apache.catalina.loader.ParallelWebappClassLoader;

// Tomcat webapp class loaders whose fate is known by construction (see
// src/rules/heap-leaked-classloaders.test.ts), built from Debian's tomcat10 jars without a server:
// one never started or stopped (state NEW), two destroyed but still the context class loader of a
// live thread (the redeploy leak: a thread the webapp started outlives it), and one destroyed and
// referenced by nothing (garbage, not a leak). Prints READY, then waits.
public class StoppedLoaders {
    static ParallelWebappClassLoader RUNNING;

    public static void main(String[] args) throws Exception {
        ClassLoader parent = StoppedLoaders.class.getClassLoader();
        RUNNING = new ParallelWebappClassLoader(parent);
        for (int i = 1; i <= 2; i++) {
            ParallelWebappClassLoader loader = new ParallelWebappClassLoader(parent);
            Thread t = new Thread(() -> {
                try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
            }, "leaked-worker-" + i);
            t.setContextClassLoader(loader);
            t.setDaemon(true);
            t.start();
            loader.destroy();
        }
        new ParallelWebappClassLoader(parent).destroy();

        System.out.println("READY");
        System.out.flush();
        if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine() == null) Thread.sleep(Long.MAX_VALUE);
    }
}
